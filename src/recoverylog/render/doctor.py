"""What doctor found, for people: a table of findings, and a line on what comes next."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from recoverylog.messages import backup_taken_first
from recoverylog.render.output import Column


def looks_fine(checked: int) -> str:
    if checked == 1:
        return "The 1 file looks fine."
    return f"All {checked} files look fine." if checked else "There are no files to check yet."


def finding_columns(fix: bool) -> list[Column]:
    return [
        Column("file", "File"),
        Column("problem", "Problem", max_width=60),
        Column("action", "Repair" if not fix else "Done"),
    ]


def finding_rows(
    problems: Sequence[Mapping[str, Any]], notes: Collection[str]
) -> list[dict[str, Any]]:
    """Each finding with what was done or is to be done about it; ``notes`` are the
    kinds of finding that are no problem."""
    return [
        {**p, "action": ("fixed: " if p["fixed"] else "") + _action(p, notes)} for p in problems
    ]


def _action(problem: Mapping[str, Any], notes: Collection[str]) -> str:
    if problem["repair"]:
        return str(problem["repair"])
    if problem["kind"] == "offsite":
        return "when you can: recoverylog backup create --to FOLDER"
    return "nothing needed" if problem["kind"] in notes else "fix by hand"


def closing_line(
    problems: Sequence[Mapping[str, Any]], backup: str | None, fix: bool
) -> str | None:
    """The backup --fix took first, or, after a check, how to repair what can be."""
    if backup:
        return backup_taken_first(backup)
    if not fix and any(p["repair"] for p in problems):
        return "Run 'recoverylog doctor --fix' to repair what can be repaired safely."
    return None
