"""Printable milestone summaries: the milestones command's formats for paper (md, txt,
html) and for a calendar (ics). Apart from cli/report.py, so that `status` and
`milestones`, which live beside them, load none of the report's code."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.errors import InvalidInput


class MilestoneFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    MD = "md"
    TXT = "txt"
    HTML = "html"
    ICS = "ics"


MilestoneFormatOpt = Annotated[
    MilestoneFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table, plain or json; md, txt or html to print; ics for a calendar. "
        "With --output, taken from the file's extension.",
        case_sensitive=False,
    ),
]
MILESTONE_EXTENSIONS = {
    ".md": MilestoneFormat.MD,
    ".markdown": MilestoneFormat.MD,
    ".txt": MilestoneFormat.TXT,
    ".html": MilestoneFormat.HTML,
    ".htm": MilestoneFormat.HTML,
    ".ics": MilestoneFormat.ICS,
    ".json": MilestoneFormat.JSON,
}
DiscreetOpt = Annotated[
    bool | None,
    typer.Option(
        "--discreet/--no-discreet",
        help="For ics: titles like 'Milestone: 90 days', without the clock's name, for a "
        "shared or work calendar. Default: the calendar.discreet setting.",
        show_default=False,
    ),
]
PRINTABLE = {MilestoneFormat.MD, MilestoneFormat.TXT, MilestoneFormat.HTML, MilestoneFormat.ICS}


def printable_milestones(
    clock: str | None,
    upcoming: int,
    fmt: MilestoneFormat | None,
    output: Path | None,
    force: bool = False,
    discreet: bool | None = None,
) -> bool:
    """Write a summary for paper or a calendar; False when the usual view should show."""
    from recoverylog.cli.report import deliver, format_for

    if fmt is None and output is not None:
        fmt = format_for(output, MILESTONE_EXTENSIONS, MilestoneFormat.TXT)
    if discreet is not None and fmt is not MilestoneFormat.ICS:
        flag = "--discreet" if discreet else "--no-discreet"
        raise InvalidInput(
            f"{flag} is for calendar files", hint="add --format ics, or write to a .ics file"
        )
    if output is None and fmt not in PRINTABLE:
        return False
    chosen = fmt.value if fmt in PRINTABLE or fmt is MilestoneFormat.JSON else "txt"
    from recoverylog.services import reports as service

    text = service.milestone_text(state.workspace(), clock, upcoming, chosen, discreet)
    if not text:  # only a calendar can be empty
        state.screen().message("No milestones to put in a calendar, so nothing was written.")
        return True
    deliver(text, output, "milestones", force)
    return True
