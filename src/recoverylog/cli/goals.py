"""recoverylog goal and meetings: goals for meetings, contacts, check-ins, self-checks and
goals of your own, and the weeks' meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import day, look_for, output_format, say, show_lines
from recoverylog.cli.options import (
    DAY_HELP,
    FormatOpt,
)
from recoverylog.domain import goals as goals_rules
from recoverylog.render import goals as goals_views
from recoverylog.render.output import Format
from recoverylog.render.views import nice_date

goal_app = typer.Typer(
    help="Goals: meetings, contacts, check-ins, self-checks, a technique or a tag.",
    invoke_without_command=True,
)


@goal_app.callback()
def goal_main(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Goals such as 90 meetings in 90 days, or urge surfing 3 times a week. Alone: show them."""
    if ctx.invoked_subcommand is None:
        goal_show(fmt)


KIND_HELP = "meetings, contacts, checkins, selfchecks, coping or tag."


@goal_app.command("set")
def goal_set(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    amount: Annotated[
        list[str],
        typer.Argument(
            metavar="[NAME] COUNT",
            help="How many; for coping or tag, first the technique or the tag.",
        ),
    ],
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
    recoverylog goal set checkins 1 --days 1 --repeat ;
    recoverylog goal set coping "urge surfing" 3 --days 7 --repeat ;
    recoverylog goal set tag gym 3 --days 7 --repeat
    """
    from recoverylog.services import goals as service

    ws = state.workspace()
    found, name, count = goals_rules.goal_request(kind, amount)
    goal = service.set_goal(ws, found, count, days, day(ws, start, "--start"), repeat, name)
    what = goals_rules.goal_words(goal.kind, goal.count, goal.days, goal.repeat, goal.name)
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
    show_lines(goals_views.goal_lines(data, look=look_for(chosen)), chosen)


@goal_app.command("clear")
def goal_clear(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    name: Annotated[
        str | None, typer.Argument(help="For coping or tag: the technique or the tag.")
    ] = None,
) -> None:
    """Remove a goal (what you logged is kept).

    Examples: recoverylog goal clear meetings ; recoverylog goal clear tag gym
    """
    from recoverylog.services import goals as service

    named, _, after = kind.partition(":")
    say(f"Removed your {service.clear_goal(state.workspace(), named, after or name)}.")


def meetings_attended(since: str | None, until: str | None, fmt: Format | None) -> None:
    """Meetings you went to, week by week, and your meetings goal (the `meetings`
    command with no subcommand: cli/meetings.py holds its options).
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
        show_lines(goals_views.meetings_lines(data, look=look_for(chosen)), chosen)
