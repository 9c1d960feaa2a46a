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
from synctool import PER_COMPUTER_FILES, PER_COMPUTER_FOLDERS, conflict_copies, synced_files
from two_computers import Trial, play, predictable_ids, set_up, tell
from typer.testing import CliRunner

from recoverylog.cli.main import app

# git reads no one's own settings here: only what each clone is given below.
HERMETIC_GIT = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
# What the design asks people to leave out, as a .gitignore of the home.
IGNORED = sorted(PER_COMPUTER_FILES) + sorted(f"{folder}/" for folder in PER_COMPUTER_FOLDERS)


def sync_command_exists() -> bool:
    return CliRunner().invoke(app, ["sync", "--help"]).exit_code == 0


pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.xfail(
        not sync_command_exists(),
        reason="`recoverylog sync` (commit, fetch, merge, push) is not built yet",
        strict=False,
    ),
]


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, **HERMETIC_GIT}
    done = subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def as_a_person_would(clone: Path, who: str) -> None:
    git(clone, "config", "user.name", who)
    git(clone, "config", "user.email", f"{who.lower()}@example.org")


def two_clones(folder: Path) -> tuple[Path, Path]:
    """A bare remote, the laptop's home made a repository with it as origin; the
    desktop's home is cloned once the laptop has pushed (see start_journal)."""
    remote, laptop = folder / "remote.git", folder / "laptop"
    git(folder, "init", "--quiet", "--bare", "-b", "main", str(remote))
    laptop.mkdir(mode=0o700)
    git(laptop, "init", "--quiet", "-b", "main")
    as_a_person_would(laptop, "Sam")
    git(laptop, "remote", "add", "origin", str(remote))
    (laptop / ".gitignore").write_text("\n".join(IGNORED) + "\n", encoding="utf-8")
    return laptop, folder / "desktop"


def start_journal(trial: Trial, folder: Path) -> None:
    laptop, desktop = trial.homes
    set_up(trial)
    git(laptop, "add", "--all")
    git(laptop, "commit", "--quiet", "-m", "A journal")
    git(laptop, "push", "--quiet", "-u", "origin", "main")
    git(folder, "clone", "--quiet", str(folder / "remote.git"), str(desktop))
    as_a_person_would(desktop, "Sam")


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
        homes = two_clones(folder)
        trial = Trial(homes, extra_env=HERMETIC_GIT)
        start_journal(trial, folder)
        play(trial, data, lambda computer: trial.run(computer, "sync"), most=10)
        sync_both(trial)
        assert_converged(trial)
