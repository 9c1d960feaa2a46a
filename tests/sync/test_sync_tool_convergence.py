"""One journal in a synced folder on two computers: whatever order the two computers
change it in, and whichever copies the sync tool keeps, both end with the same journal,
every change's latest version in it, nothing deleted back, and no conflict copy left.

The sync tool is simulated (synctool.py), once for each way a tool names its copies.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from journal_model import assert_holds_history
from synctool import NAMINGS, SyncTool, conflict_copies, synced_files
from two_computers import Trial, play, predictable_ids, set_up, tell

SETTLING_ROUNDS = 6  # sync, then a reading command on each computer, until no copy is left
EXAMPLES = 12

convergence_settings = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # Shrinking a failure takes many minutes of commands; the steps of the failing
    # example are printed as they ran, which is enough to replay it.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def two_homes(folder: Path) -> tuple[Path, Path]:
    homes = (folder / "laptop", folder / "desktop")
    for home in homes:
        home.mkdir(mode=0o700)
    return homes


def settle(trial: Trial, sync: SyncTool) -> None:
    """What a person does next: use each computer once more, with syncs between, until
    the sync tool has no conflict copy left (a bounded number of rounds)."""
    for _ in range(SETTLING_ROUNDS):
        tell("sync")
        sync.sync(trial.now)
        if not any(conflict_copies(home) for home in trial.homes):
            return
        for computer in (0, 1):
            trial.now += timedelta(minutes=5)
            trial.run(computer, "status")


def exported(trial: Trial, computer: int) -> object:
    return json.loads(trial.run(computer, "export", "--format", "json").stdout)


def assert_converged(trial: Trial) -> None:
    laptop, desktop = trial.homes
    assert conflict_copies(laptop) == [], "conflict copies are left on the laptop"
    assert conflict_copies(desktop) == [], "conflict copies are left on the desktop"
    assert synced_files(laptop) == synced_files(desktop), "the two homes hold different files"
    assert exported(trial, 0) == exported(trial, 1), "the two journals differ"
    assert_holds_history(trial.history, laptop)


@pytest.mark.parametrize("tool", sorted(NAMINGS))
@convergence_settings
@given(data=st.data())
def test_two_computers_in_a_synced_folder_end_with_one_journal(
    tool: str, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder, predictable_ids():
        homes = two_homes(Path(folder))
        sync = SyncTool(tool, homes)
        trial = Trial(homes, after_command=sync.after_command)
        set_up(trial)
        sync.sync(trial.now)
        play(trial, data, lambda computer: sync.sync(trial.now))
        settle(trial, sync)
        assert_converged(trial)
