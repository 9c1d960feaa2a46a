"""Reusable option aliases, so every command spells the same thing the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli.complete import clock_names
from recoverylog.render.output import Format

# The forms every time option takes (read by domain/timeparse.py), said once.
WHEN_HELP = (
    "now, 21:30, 9pm, noon, midnight, 'yesterday 9pm', 'last night' (21:00 yesterday), "
    "'last friday', 'friday 9pm', '2h ago', 'an hour ago', '3 days ago', '20 Nov', "
    "'20 Nov 2025 21:30', 2026-11-20, '2026-11-20 21:30', or the program's own "
    "2026-11-20T21:30:00+00:00 (kept as the same instant in your time zone)"
)
DAY_HELP = (
    "today, yesterday, friday, 'last friday', '3 days ago', '20 Nov', 'Nov 20 2025', 2026-11-20"
)
START_HELP = (
    f"a day ({DAY_HELP}), or a moment for clean time in hours (now, 22:00, 9pm, "
    "'yesterday 23:30', 'last night', '2h ago', 2026-11-20T21:30:00+00:00)"
)

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
    typer.Option(
        "--clock",
        "-c",
        help="Clock name (defaults to your only clock).",
        autocompletion=clock_names,
    ),
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


def whole_number(what: str, low: int, high: int) -> Callable[[str], int]:
    """A parser that names the number wanted, in words, when the text is not one."""

    def parse(text: str | int) -> int:
        if isinstance(text, int):
            return text
        try:
            return int(text.strip())
        except ValueError:
            raise typer.BadParameter(f"the {what} is a whole number from {low} to {high}") from None

    parse.__name__ = "int"  # the help's metavar: <int>, as for other numbers
    return parse


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file (private to you: 0600).", metavar="FILE"
    ),
]
