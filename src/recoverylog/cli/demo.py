"""recoverylog demo: see the tool on a realistic sample journal, safely."""

from __future__ import annotations

import tempfile
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import look_for, output_format, show_lines
from recoverylog.cli.options import FormatOpt
from recoverylog.messages import FIRST_CLOCK
from recoverylog.render.lines import Look
from recoverylog.render.output import Format
from recoverylog.render.views import ENTRY_COLUMNS, entry_row, milestone_lines, status_lines
from recoverylog.services import progress
from recoverylog.services.demo import build_demo
from recoverylog.services.entries import EntryFilter, entry_as_dict, list_entries
from recoverylog.services.workspace import open_workspace


def demo(
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Build the sample journal here "
            "(an empty folder). Default: a new temporary folder.",
            metavar="DIR",
        ),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Build a sample journal (about 100 days, one lapse) and show it.

    Your own journal is never touched. Example: recoverylog demo
    """
    folder = home or tempfile.mkdtemp(prefix="recoverylog-demo-")
    ws = open_workspace(state.environment().with_home(folder))  # never the user's own
    build_demo(ws)
    chosen = output_format(fmt)
    if chosen in (Format.JSON, Format.CSV):
        chosen = Format.PLAIN
    look = look_for(chosen)

    _heading("Status", look)
    show_lines(status_lines(progress.status(ws), look=look), chosen)
    _heading("Milestones", look)
    show_lines(milestone_lines(progress.milestones(ws, None, 3), look=look), chosen)
    _heading("Recent entries", look)
    recent = [entry_as_dict(ws, e) for e in list_entries(ws, EntryFilter(limit=8))]
    state.screen().emit_rows([entry_row(e) for e in recent], ENTRY_COLUMNS, chosen)
    state.screen().write(
        f"\nThis sample journal is in {folder}\n"
        f"Explore it:   recoverylog --home {folder} list --type craving\n"
        "Start for real (your own journal, kept private on this computer):\n"
        f"  {FIRST_CLOCK}\n"
        "  recoverylog log craving 6 --trigger 'after work' --coping 'call sponsor' "
        "--outcome passed\n"
        "  recoverylog status"
    )


def _heading(title: str, look: Look) -> None:
    state.screen().write(
        f"\n{title}:" if look.spoken else f"\n== {title} ==" if look.plain else f"\n{title}"
    )
