"""Reminders in words: what setting one writes (shown before it is done), the list."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from recoverylog.domain.reminders import Reminder, schedule_words
from recoverylog.render.output import Column

REMINDER_COLUMNS = [
    Column("name", "Name"),
    Column("when", "When"),
    Column("kind", "Kind"),
    Column("label", "Label", max_width=24),
    Column("scheduler", "Scheduler"),
    Column("state", "State"),
]
NO_REMINDERS = "No reminders yet. Set one with: recoverylog remind add checkin 21:00"


def reminder_row(row: dict[str, Any]) -> dict[str, Any]:
    days = ",".join(day.title() for day in row["days"]) or "daily"
    when = f"{days} {row['at']}"
    state = "set" if row["installed"] else "missing: add it again"
    return {**row, "when": when, "state": state}


def plan_lines(
    reminder: Reminder,
    files: Sequence[tuple[Path, bytes]],
    crontab_line: str | None,
    commands: Sequence[Sequence[str]],
) -> list[str]:
    """Exactly what will be written, and where, then the commands that load it."""
    lines = [f"Reminder '{reminder.name}': {schedule_words(reminder)}, on this computer's clock."]
    if crontab_line is not None:
        lines += ["", "This line will be added to your crontab:", "", f"  {crontab_line}"]
    for path, data in files:
        text = data.decode("utf-8", errors="replace").rstrip("\n")
        lines += ["", "This file will be written:", f"  {path}", ""]
        lines += [f"    {line}" if line else "" for line in text.splitlines()]
    if commands:
        lines += ["", "Then these commands will run:", ""]
        lines += [f"  {shlex.join(words)}" for words in commands]
    return lines


def set_message(reminder: Reminder) -> str:
    return (
        f"Reminder '{reminder.name}' set: {schedule_words(reminder)}.\n"
        f"Remove it with: recoverylog remind remove {reminder.name}"
    )


def already_set_message(reminder: Reminder) -> str:
    return (
        f"Reminder '{reminder.name}' is set already ({schedule_words(reminder)}); nothing changed."
    )
