"""Reusable option aliases, so every command spells the same thing the same way."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.domain.timeparse import WHEN_HELP
from recoverylog.render.output import Format

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default on a terminal), plain (default when piped), json or csv.",
        case_sensitive=False,
    ),
]
ClockOpt = Annotated[
    str | None,
    typer.Option("--clock", "-c", help="Clock name (defaults to your only clock)."),
]
AtOpt = Annotated[
    str | None,
    typer.Option("--at", help=f"When it happened (default now): {WHEN_HELP}."),
]
NoteOpt = Annotated[
    str | None,
    typer.Option("--note", "-n", help="A note. Use '-' to read it from standard input."),
]
EditOpt = Annotated[
    bool,
    typer.Option("--edit", "-e", help="Write the note in $EDITOR (keeps it out of shell history)."),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help="A tag (repeatable, or comma-separated)."),
]
HaltOpt = Annotated[
    list[str] | None,
    typer.Option("--halt", help="HALT state(s): hungry, angry, lonely, tired (comma-separated)."),
]
TriggerOpt = Annotated[
    list[str] | None,
    typer.Option("--trigger", help="What set it off (repeatable)."),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="CSV: start with a UTF-8 byte order mark, so spreadsheets such as Excel "
        "read accents and emoji right.",
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it already exists.")
]
