"""recoverylog clock ...: what you are staying away from, and since when."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, look_for, output_format, say, show_lines, start
from recoverylog.cli.complete import clock_names
from recoverylog.cli.options import START_HELP, FormatOpt, YesOpt
from recoverylog.messages import NO_CLOCKS_YET
from recoverylog.render.lines import fit
from recoverylog.render.output import Format
from recoverylog.render.views import (
    CLOCK_COLUMNS,
    clean_for,
    clock_detail_lines,
    clock_row,
    days,
    opioid_note,
    withdrawal_note,
)
from recoverylog.services import clocks
from recoverylog.services.workspace import resolve_clock

app = typer.Typer(
    help="Clocks: what you are staying away from, and since when.",
    no_args_is_help=True,
)

SinceOpt = Annotated[
    str | None,
    typer.Option("--since", "-s", help=f"When clean time starts: {START_HELP}; or a future date."),
]
CostOpt = Annotated[
    float | None, typer.Option("--cost-per-day", help="Money it used to cost per day.")
]
HoursOpt = Annotated[
    float | None, typer.Option("--hours-per-day", help="Hours a day it used to take.")
]
SchemeOpt = Annotated[
    str | None,
    typer.Option("--scheme", help="Milestone scheme: common, na, extended, or your own."),
]


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="What you are staying away from, e.g. alcohol.")],
    since: SinceOpt = None,
    cost_per_day: CostOpt = None,
    hours_per_day: HoursOpt = None,
    scheme: SchemeOpt = None,
) -> None:
    """Start a clock.

    A time of day counts day one in hours: --since 22:00, --since now,
    --since "yesterday 23:30".

    Example: recoverylog clock add alcohol --since 2026-11-01 --cost-per-day 12
    """
    ws = state.workspace()
    begins = start(ws, since, "--since") or ws.today
    added = clocks.add_clock(ws, name, begins, cost_per_day, hours_per_day, scheme)
    clock = added.clock
    if clock.clean_since_at is not None:
        ct = clocks.clean_time_now(ws, clock)
        when = f"{clock.clean_since} {clock.clean_since_at:%H:%M}"
        if ct.started:
            so_far = clean_for(ct.headline_days, ct.headline_minutes)
            say(f"Added {clock.name}: clean since {when} ({so_far}).")
        else:
            say(f"Added {clock.name}: your start is {when}.")
    elif clock.clean_since > ws.today:
        say(f"Added {clock.name}: your start date is {clock.clean_since}.")
    else:
        count = (ws.today - clock.clean_since).days
        say(f"Added {clock.name}: clean since {clock.clean_since} ({days(count)}).")
    if added.withdrawal_warning:
        state.screen().message(fit(withdrawal_note(clock.name)))
    if added.opioid_note:
        state.screen().message(fit(opioid_note(clock.name)))


@app.command("list")
def list_(fmt: FormatOpt = None) -> None:
    """List your clocks with clean time and the next milestone.

    Example: recoverylog clock list --format json
    """
    rows = clocks.list_clocks(state.workspace())
    state.screen().emit_rows(
        [clock_row(row) for row in rows],
        CLOCK_COLUMNS,
        output_format(fmt),
        json_rows=rows,
        empty=NO_CLOCKS_YET,
    )


@app.command("show")
def show(
    name: Annotated[
        str | None, typer.Argument(help="Clock name.", autocompletion=clock_names)
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Show one clock: runs, lapses and totals.

    Example: recoverylog clock show alcohol
    """
    ws = state.workspace()
    detail = clocks.clock_detail(ws, name)
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(detail)
        return
    show_lines(clock_detail_lines(detail, ws.settings.currency, look=look_for(chosen)), chosen)


@app.command("edit")
def edit(
    name: Annotated[
        str | None, typer.Argument(help="Clock name.", autocompletion=clock_names)
    ] = None,
    since: SinceOpt = None,
    cost_per_day: CostOpt = None,
    hours_per_day: HoursOpt = None,
    scheme: SchemeOpt = None,
    reset_on_lapse: Annotated[
        bool | None,
        typer.Option(
            "--reset-on-lapse/--keep-date",
            help="After a lapse, count milestones from the new run (default) "
            "or keep counting from the original date.",
        ),
    ] = None,
) -> None:
    """Change a clock's start date, costs, scheme or lapse counting.

    Example: recoverylog clock edit alcohol --cost-per-day 15 --scheme na
    """
    ws = state.workspace()
    clock = clocks.edit_clock(
        ws,
        name,
        since=start(ws, since, "--since"),
        cost_per_day=cost_per_day,
        hours_per_day=hours_per_day,
        scheme=scheme,
        reset_on_lapse=reset_on_lapse,
    )
    say(f"Updated {clock.name}.")


@app.command("rename")
def rename(
    old: Annotated[str, typer.Argument(help="Current name.", autocompletion=clock_names)],
    new: Annotated[str, typer.Argument(help="New name.")],
) -> None:
    """Rename a clock (entries follow it).

    Example: recoverylog clock rename drinking alcohol
    """
    clock = clocks.rename_clock(state.workspace(), old, new)
    say(f"Renamed to {clock.name}.")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="Clock name.", autocompletion=clock_names)],
    yes: YesOpt = False,
) -> None:
    """Remove a clock and its history (entries are kept).

    Example: recoverylog clock remove nicotine --yes
    """
    ws = state.workspace()
    clock = resolve_clock(ws, name)
    confirm(f"Remove the clock '{clock.name}' and its history?", yes)
    clocks.remove_clock(ws, clock.name)
    say(f"Removed {clock.name}. Entries that named it are still in your journal.")
