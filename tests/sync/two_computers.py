"""Two computers sharing one journal: random days of use, in the CLI, on either one.

A ``Trial`` runs recoverylog commands in-process (typer's CliRunner) against one of two
homes, with the clock frozen at its own ``now``, and records in a ``History`` every item
each command changed. ``play`` draws the steps with hypothesis: which computer, which
command, how far the clock moves (sometimes not at all: two changes in one second), and
when the two computers sync.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import currently_in_test_context, note
from hypothesis import strategies as st
from journal_model import History, journal_items
from synctool import conflict_copies
from typer.testing import CliRunner

from recoverylog.cli.main import app

START = datetime.fromisoformat("2026-11-30T21:00:00+00:00")  # December is a few hours away
STEPS_FORWARD = (0, 0, 1, 45, 20 * 60, 3 * 3600)  # seconds; 0: the same second again
PEOPLE = ("Sam", "Alex", "Jo")
NEW_CLOCKS = ("nicotine", "gambling")
SECTIONS = ("reasons", "warning-signs")
GOALS = (("meetings", "90", "90"), ("contacts", "3", "7"))
OLDER_DAY = "2026-10-15 10:00"  # an entry for an older month's file


def tell(line: str) -> None:
    """A line of what happened, printed with a failing example."""
    if currently_in_test_context():
        note(line)


@contextmanager
def predictable_ids() -> Iterator[None]:
    """Ids that are the same in every run of an example: hypothesis replays an example
    by its draws, and which entry a draw picks (or which of two versions written in one
    second wins) must not hang on random ids."""
    counter = itertools.count()

    def next_id() -> str:
        return hashlib.sha256(str(next(counter)).encode()).hexdigest()[:32]

    with (
        mock.patch("recoverylog.services.entries.new_id", next_id),
        mock.patch("recoverylog.services.clocks.new_id", next_id),
    ):
        yield


@dataclass
class Trial:
    homes: tuple[Path, Path]
    after_command: Callable[[int], None] = lambda computer: None
    extra_env: dict[str, str] = field(default_factory=dict)  # for every command
    now: datetime = START
    history: History = field(default_factory=History)
    notes: int = 0
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, computer: int, *args: str) -> Any:
        """Run one command on ``computer``; it must succeed."""
        env = {**os.environ, **self.extra_env, "RECOVERYLOG_HOME": str(self.homes[computer])}
        env["RECOVERYLOG_NOW"] = self.now.isoformat()
        result = self.runner.invoke(app, list(args), env=env, catch_exceptions=False)
        self.after_command(computer)
        tell(f"{'AB'[computer]} {self.now:%d %H:%M:%S} {' '.join(args)} -> {result.exit_code}")
        assert result.exit_code == 0, (computer, args, result.stdout, result.stderr)
        return result

    def change(self, computer: int, key: str | Callable[[Any], str], *args: str) -> None:
        """Run a command that changes one item (``key``, or the key found in what the
        command printed), and record the item as it then is, if that is new (setting a
        goal as it was changes nothing)."""
        before = journal_items(self.homes[computer])
        result = self.run(computer, *args)
        changed = key if isinstance(key, str) else key(result)
        state = journal_items(self.homes[computer]).get(changed)
        if changed not in before or before[changed] != state:
            self.history.record(changed, self.now, computer, state)

    def record_everything(self, computer: int) -> None:
        for key, state in journal_items(self.homes[computer]).items():
            self.history.record(key, self.now, computer, state)

    def fresh_note(self) -> str:
        self.notes += 1
        return f"note {self.notes}"

    def keys(self, computer: int, kind: str) -> list[str]:
        return sorted(k for k in journal_items(self.homes[computer]) if k.startswith(kind))

    def key_starting(self, computer: int, start: str) -> str:
        (key,) = [k for k in journal_items(self.homes[computer]) if k.startswith(start)]
        return key


def set_up(trial: Trial) -> None:
    """The first computer starts the journal: one clock, a sponsor, a reason, a goal."""
    trial.run(0, "clock", "add", "alcohol", "--since", "2026-09-01", "--cost-per-day", "10")
    trial.run(0, "people", "add", "Sam", "--role", "sponsor")
    trial.run(0, "plan", "add", "reasons", "a clear head")
    trial.run(0, "goal", "set", "meetings", "90", "--days", "90")
    trial.run(0, "log", "note", "the first day")
    trial.record_everything(0)


def log_entry(trial: Trial, computer: int, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(["craving", "note", "meeting"]))
    text = trial.fresh_note()
    args = {
        "craving": ["log", "craving", "4", "--note", text],
        "note": ["log", "note", text],
        "meeting": ["log", "meeting", "Tuesday group", "--note", text],
    }[kind]
    if data.draw(st.booleans()):
        args += ["--at", OLDER_DAY]
    trial.change(computer, lambda r: trial.key_starting(computer, "entry:" + r.stdout[:8]), *args)


def edit_or_delete_entry(trial: Trial, computer: int, data: st.DataObject) -> None:
    entries = trial.keys(computer, "entry:") + trial.keys(computer, "lapse:")
    if not entries:
        return
    key = data.draw(st.sampled_from(entries))
    item_id = key.rsplit(":", 1)[1]
    action = data.draw(st.sampled_from(["edit", "edit", "delete"]))
    if action == "delete":
        trial.change(computer, key, "delete", item_id, "--yes")
        return
    args = ["edit", item_id, "--note", trial.fresh_note()]
    if key.startswith("entry:") and data.draw(st.booleans()):
        args += ["--at", data.draw(st.sampled_from([OLDER_DAY, "now"]))]  # perhaps a move
    trial.change(computer, key, *args)


def log_lapse(trial: Trial, computer: int, data: st.DataObject) -> None:
    clocks = [key.split(":", 1)[1] for key in trial.keys(computer, "clock:")]
    if not clocks:
        return
    clock = data.draw(st.sampled_from(clocks))

    def key_of(result: Any) -> str:
        return f"lapse:{clock}:{result.stdout[:8]}"

    trial.change(computer, key_of, "log", "lapse", clock, "--note", trial.fresh_note())


def change_person(trial: Trial, computer: int, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(PEOPLE))
    present = f"person:{name}" in journal_items(trial.homes[computer])
    action = data.draw(st.sampled_from(["edit", "remove"])) if present else "add"
    args = {
        "add": ["people", "add", name, "--role", "peer", "--note", trial.fresh_note()],
        "edit": ["people", "edit", name, "--phone", f"555 0{trial.notes:03d}"],
        "remove": ["people", "remove", name, "--yes"],
    }[action]
    trial.notes += 1
    trial.change(computer, f"person:{name}", *args)


def change_plan(trial: Trial, computer: int, data: st.DataObject) -> None:
    section = data.draw(st.sampled_from(SECTIONS))
    key = f"plan:{section.replace('-', '_')}"
    lines = journal_items(trial.homes[computer]).get(key, [])
    if lines and data.draw(st.booleans()):
        number = data.draw(st.integers(1, len(lines)))
        trial.change(computer, key, "plan", "remove", section, str(number))
    else:
        trial.change(computer, key, "plan", "add", section, trial.fresh_note())


def set_goal(trial: Trial, computer: int, data: st.DataObject) -> None:
    kind, count, days = data.draw(st.sampled_from(GOALS))
    count = str(int(count) + data.draw(st.integers(0, 5)))
    trial.change(computer, f"goal:{kind}", "goal", "set", kind, count, "--days", days)


def change_clock(trial: Trial, computer: int, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(("alcohol", *NEW_CLOCKS)))
    if f"clock:{name}" in journal_items(trial.homes[computer]):
        cost = str(data.draw(st.integers(1, 30)))
        args = ["clock", "edit", name, "--cost-per-day", cost]
    else:
        args = ["clock", "add", name, "--since", "2026-11-01"]
    trial.change(computer, f"clock:{name}", *args)


STEPS = (
    log_entry,
    log_entry,
    edit_or_delete_entry,
    edit_or_delete_entry,
    log_lapse,
    change_person,
    change_plan,
    set_goal,
    change_clock,
)


def play(trial: Trial, data: st.DataObject, sync: Callable[[int], None], most: int = 12) -> None:
    """Random steps on both computers, with a sync now and then, started from the
    computer that took the step (a git remote syncs from one computer at a time)."""
    for _ in range(data.draw(st.integers(4, most), label="steps")):
        trial.now += timedelta(seconds=data.draw(st.sampled_from(STEPS_FORWARD)))
        computer = data.draw(st.integers(0, 1))
        if conflict_copies(trial.homes[computer]):
            # A look first merges them, so the step starts from what is there: the
            # entry it edits is still there, what it changes is known before and after.
            trial.run(computer, "list", "--limit", "1")
        step = data.draw(st.sampled_from(STEPS))
        step(trial, computer, data)
        if data.draw(st.integers(0, 3)) == 0:
            tell(f"sync from {'AB'[computer]}")
            sync(computer)
