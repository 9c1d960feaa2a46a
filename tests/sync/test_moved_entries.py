"""An entry moved to another month on one computer (``edit ID --at`` a day of another
month) while the other computer changed or deleted it where it was: the journal the two
reach holds it once, as the later change left it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from journal_model import assert_holds_history
from synctool import SyncTool, conflict_copies
from two_computers import Trial, predictable_ids

LAPTOP, DESKTOP = 0, 1


@pytest.fixture
def synced() -> Iterator[tuple[Trial, SyncTool]]:
    """Both computers with one note of 30 November, synced."""
    with tempfile.TemporaryDirectory() as folder, predictable_ids():
        homes = (Path(folder) / "laptop", Path(folder) / "desktop")
        for home in homes:
            home.mkdir(mode=0o700)
        sync = SyncTool("syncthing", homes)
        trial = Trial(homes, after_command=sync.after_command)
        trial.change(LAPTOP, lambda r: trial.key_starting(LAPTOP, "entry:"), "log", "note", "hi")
        sync.sync(trial.now)
        yield trial, sync


def later(trial: Trial) -> None:
    trial.now += timedelta(minutes=10)


def meet(trial: Trial, sync: SyncTool) -> None:
    """Sync, a command on each computer (which merges the copies), sync again."""
    sync.sync(trial.now)
    for computer in (LAPTOP, DESKTOP):
        later(trial)
        trial.run(computer, "status")
    sync.sync(trial.now)
    assert conflict_copies(trial.homes[LAPTOP]) == []


@pytest.mark.parametrize(
    "there", [("edit", "--note", "changed later"), ("delete", "--yes")], ids=["edit", "delete"]
)
def test_a_move_and_a_later_change_elsewhere_end_as_the_change_left_it(
    synced: tuple[Trial, SyncTool], there: tuple[str, ...]
) -> None:
    trial, sync = synced
    (key,) = trial.keys(LAPTOP, "entry:")
    entry_id = key.removeprefix("entry:")
    later(trial)
    trial.change(DESKTOP, key, "edit", entry_id, "--at", "2026-10-15 10:00", "--note", "moved")
    later(trial)
    trial.change(LAPTOP, key, there[0], entry_id, *there[1:])
    meet(trial, sync)
    assert_holds_history(trial.history, trial.homes[LAPTOP])


def move_on_both(trial: Trial, sync: SyncTool, seconds_apart: int) -> None:
    (key,) = trial.keys(LAPTOP, "entry:")
    entry_id = key.removeprefix("entry:")
    later(trial)
    trial.change(DESKTOP, key, "edit", entry_id, "--at", "now", "--note", "to December")
    trial.now += timedelta(seconds=seconds_apart)
    trial.change(LAPTOP, key, "edit", entry_id, "--at", "2026-10-15 10:00", "--note", "to October")
    meet(trial, sync)
    assert_holds_history(trial.history, trial.homes[LAPTOP])


def test_moves_to_two_other_months_leave_the_later_one(synced: tuple[Trial, SyncTool]) -> None:
    trial, sync = synced
    trial.now += timedelta(hours=3)  # 1 December: "now" is another month
    move_on_both(trial, sync, seconds_apart=1)


@pytest.mark.xfail(
    reason="two moves of one entry in the same second, to two months: both stay",
    strict=True,
)
def test_moves_to_two_other_months_in_one_second_leave_one(
    synced: tuple[Trial, SyncTool],
) -> None:
    trial, sync = synced
    trial.now += timedelta(hours=3)
    move_on_both(trial, sync, seconds_apart=0)
