"""recoverylog meetings: the meetings you went to, and your meeting list (imported
from a saved file, offline) with the meetings that come next."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli import goals, state
from recoverylog.cli.common import output_format, say, show_lines
from recoverylog.cli.options import DAY_HELP, FormatOpt, whole_number
from recoverylog.errors import InvalidInput
from recoverylog.render.output import Format

MOST_SHOWN = 100

app = typer.Typer(invoke_without_command=True)


@app.callback()
def meetings_main(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", help=f"First day (default: four weeks back): {DAY_HELP}."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help=f"Last day (default today): {DAY_HELP}.")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Meetings you went to, week by week, and your meetings goal. 'meetings import' and
    'meetings next' keep your meeting list.

    Examples: recoverylog meetings --since 2026-10-01 ;
    recoverylog meetings import meetings.json ; recoverylog meetings next
    """
    if ctx.invoked_subcommand is None:
        goals.meetings_attended(since, until, fmt)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A saved Meeting Guide JSON file, or a CSV file.")],
    fellowship: Annotated[
        str | None,
        typer.Option(
            "--fellowship",
            help="The fellowship of the list's meetings (AA, NA, ...), when it does not say.",
        ),
    ] = None,
) -> None:
    """Keep a saved meeting list, in place of the one imported before.

    Examples: recoverylog meetings import ~/Downloads/meetings.json --fellowship AA ;
    recoverylog meetings import my-meetings.csv
    """
    from recoverylog.render.meeting_list import import_lines
    from recoverylog.services import meeting_list as service

    done = service.import_list(state.workspace(), file, fellowship)
    skipped = [(s.where, s.why) for s in done.read.skipped]
    lines = import_lines(len(done.read.meetings), skipped, done.replaced)
    say(lines[0])
    for line in lines[1:]:
        state.screen().message(line)


@app.command("next")
def next_(
    count: Annotated[
        int,
        typer.Option(
            "-n",
            "--count",
            help="How many, 1 to 100 (default 5).",
            parser=whole_number("count", 1, MOST_SHOWN),
        ),
    ] = 5,
    fmt: FormatOpt = None,
) -> None:
    """The next meetings from your list, by day and time, with their links.

    Examples: recoverylog meetings next ; recoverylog meetings next -n 10 --format json
    """
    from recoverylog.render.meeting_list import NEXT_COLUMNS, next_lines
    from recoverylog.services import meeting_list as service

    if not 1 <= count <= MOST_SHOWN:
        raise InvalidInput(f"-n is a number from 1 to {MOST_SHOWN}")
    ws = state.workspace()
    data = service.next_meetings(ws, count)
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
    elif chosen is Format.CSV:
        state.screen().emit_rows([dict(m) for m in data["next"]], NEXT_COLUMNS, chosen)
    else:
        show_lines(next_lines(data, ws.now.date()), chosen)
