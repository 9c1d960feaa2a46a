"""One journal in git on two computers: two clones of one bare repository, the same
kind of random use on both, `recoverylog sync` on each between steps and at the end.
Both end with the same journal, every change's latest version in it, nothing deleted
back, and no conflict left."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from journal_model import assert_holds_history
from synctool import conflict_copies, synced_files
from two_computers import Trial, play, predictable_ids, set_up, tell

# git reads no one's own settings here: no name, no default branch.
HERMETIC_GIT = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, **HERMETIC_GIT}
    done = subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def start_journal(trial: Trial, folder: Path) -> None:
    """As docs/sync.md sets it up: the laptop's journal made a repository with an empty
    remote, and synced; the desktop's a clone of it, and synced."""
    laptop, desktop = trial.homes
    remote = folder / "remote.git"
    git(folder, "init", "--quiet", "--bare", "-b", "main", str(remote))
    laptop.mkdir(mode=0o700)
    set_up(trial)
    git(laptop, "init", "--quiet", "-b", "main")
    git(laptop, "remote", "add", "origin", str(remote))
    trial.run(0, "sync")
    git(folder, "clone", "--quiet", str(remote), str(desktop))
    trial.run(1, "sync")


def sync_both(trial: Trial) -> None:
    """The laptop pushes, the desktop merges it and pushes, the laptop takes that."""
    for computer in (0, 1, 0):
        tell(f"sync from {'AB'[computer]}")
        trial.run(computer, "sync")


def assert_converged(trial: Trial) -> None:
    laptop, desktop = trial.homes
    for home in trial.homes:
        assert conflict_copies(home) == []
        assert not (home / ".git" / "MERGE_HEAD").exists(), "a merge is left half done"
        marked = [name for name, data in synced_files(home).items() if b"<<<<<<<" in data]
        assert marked == [], "files are left with conflict markers"
    assert synced_files(laptop) == synced_files(desktop), "the two homes hold different files"
    exports = [trial.run(c, "export", "--format", "json").stdout for c in (0, 1)]
    assert json.loads(exports[0]) == json.loads(exports[1]), "the two journals differ"
    assert_holds_history(trial.history, laptop)


@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking would take many minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_two_clones_of_one_remote_end_with_one_journal(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as name, predictable_ids():
        folder = Path(name)
        trial = Trial((folder / "laptop", folder / "desktop"), extra_env=HERMETIC_GIT)
        start_journal(trial, folder)
        play(trial, data, lambda computer: trial.run(computer, "sync"), most=10)
        sync_both(trial)
        assert_converged(trial)
