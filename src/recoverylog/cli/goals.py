"""recoverylog goal and meetings: goals for meetings and contacts, and the weeks' meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import day, output_format, say, show_lines
from recoverylog.cli.options import (
    DAY_HELP,
    FormatOpt,
)
from recoverylog.domain import goals as goals_rules
from recoverylog.render import goals as goals_views
from recoverylog.render.output import Format
from recoverylog.render.views import nice_date

goal_app = typer.Typer(
    help="Goals for meetings and contacts, such as 90 meetings in 90 days.",
    invoke_without_command=True,
)


@goal_app.callback()
def goal_main(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Goals for meetings and contacts, e.g. 90 meetings in 90 days. Alone: show them."""
    if ctx.invoked_subcommand is None:
        goal_show(fmt)


@goal_app.command("set")
def goal_set(
    kind: Annotated[str, typer.Argument(help="meetings or contacts.")],
    count: Annotated[int, typer.Argument(help="How many.")],
    days: Annotated[int, typer.Option("--days", "-d", help="In how many days.")],
    start: Annotated[
        str | None,
        typer.Option("--start", help=f"First day of the goal (default today): {DAY_HELP}."),
    ] = None,
    repeat: Annotated[
        bool, typer.Option("--repeat", help="Start again every N days (e.g. 3 a week).")
    ] = False,
) -> None:
    """Set a goal; setting it again replaces it.

    Examples: recoverylog goal set meetings 90 --days 90 ;
    recoverylog goal set contacts 3 --days 7 --repeat
    """
    from recoverylog.services import goals as service

    ws = state.workspace()
    goal = service.set_goal(ws, kind, count, days, day(ws, start, "--start"), repeat)
    what = goals_rules.goal_words(goal.kind, goal.count, goal.days, goal.repeat)
    say(f"Goal set: {what}, from {nice_date(goal.start.isoformat())}.")


@goal_app.command("show")
def goal_show(fmt: FormatOpt = None) -> None:
    """Your goals and how they stand today.

    Example: recoverylog goal show
    """
    from recoverylog.services import goals as service

    data = service.goals_overview(state.workspace())
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
        return
    show_lines(goals_views.goal_lines(data, plain=chosen is not Format.TABLE), chosen)


@goal_app.command("clear")
def goal_clear(kind: Annotated[str, typer.Argument(help="meetings or contacts.")]) -> None:
    """Remove a goal (what you logged is kept).

    Example: recoverylog goal clear meetings
    """
    from recoverylog.services import goals as service

    say(f"Removed your {service.clear_goal(state.workspace(), kind)} goal.")


def meetings(
    since: Annotated[
        str | None,
        typer.Option("--since", help=f"First day (default: four weeks back): {DAY_HELP}."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help=f"Last day (default today): {DAY_HELP}.")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Meetings you went to, week by week, and your meetings goal.

    Example: recoverylog meetings --since 2026-10-01
    """
    from recoverylog.services import goals as service

    ws = state.workspace()
    data = service.meetings(ws, day(ws, since, "--since"), day(ws, until, "--until"))
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
    elif chosen is Format.CSV:
        rows = goals_views.meeting_rows(data)
        columns = goals_views.MEETING_COLUMNS
        state.screen().emit_rows(rows, columns, chosen, json_rows=rows)
    else:
        show_lines(goals_views.meetings_lines(data, plain=chosen is not Format.TABLE), chosen)
