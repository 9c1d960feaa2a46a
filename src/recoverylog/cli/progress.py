"""recoverylog status / milestones / coping: clean time, milestones, and what helps."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import look_for, output_format, say, show_lines
from recoverylog.cli.options import ForceOpt, FormatOpt, OutputOpt
from recoverylog.cli.printable import DiscreetOpt, MilestoneFormatOpt, printable_milestones
from recoverylog.render.output import Format
from recoverylog.render.views import (
    TOOLKIT_COLUMNS,
    milestone_lines,
    status_lines,
    toolkit_row,
)
from recoverylog.services import progress as service

coping_app = typer.Typer(
    help="Your coping toolkit, and how well each technique works for you.", no_args_is_help=True
)


def status(fmt: FormatOpt = None) -> None:
    """Your dashboard: clean time, milestones and the last 7 days.

    Example: recoverylog status
    """
    data = service.status(state.workspace())
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
        return
    show_lines(status_lines(data, look=look_for(chosen)), chosen)


def milestones(
    clock: Annotated[str | None, typer.Argument(help="One clock (default: every clock).")] = None,
    upcoming: Annotated[int, typer.Option("--upcoming", "-u", help="How many upcoming ones.")] = 3,
    fmt: MilestoneFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    discreet: DiscreetOpt = None,
) -> None:
    """Milestones reached (with dates) and the next ones; md, txt or html to print,
    ics for a calendar.

    Examples: recoverylog milestones alcohol --upcoming 5 ;
    recoverylog milestones --output milestones.html ; recoverylog milestones -f ics -o next.ics
    --discreet
    """
    if printable_milestones(clock, upcoming, fmt, output, force, discreet):
        return
    data = service.milestones(state.workspace(), clock, upcoming)
    chosen = output_format(Format(fmt.value) if fmt else None)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
        return
    show_lines(milestone_lines(data, look=look_for(chosen)), chosen)


@coping_app.command("add")
def coping_add(
    name: Annotated[str, typer.Argument(help="The technique, e.g. 'play the tape through'.")],
    description: Annotated[
        str | None, typer.Option("--description", "-d", help="A few words on how you do it.")
    ] = None,
) -> None:
    """Add a technique to your toolkit.

    Example: recoverylog coping add "urge surfing" -d "notice it rise, peak and pass"
    """
    technique = service.add_technique(state.workspace(), name, description)
    say(f"'{technique.name}' is in your toolkit.")


@coping_app.command("list")
def coping_list(fmt: FormatOpt = None) -> None:
    """Your toolkit: times used, how much it helped, how often the craving passed.

    Example: recoverylog coping list
    """
    items = service.toolkit(state.workspace())
    state.screen().emit_rows(
        [toolkit_row(i) for i in items],
        TOOLKIT_COLUMNS,
        output_format(fmt),
        json_rows=items,
        empty="Your toolkit is empty. Add a technique: recoverylog coping add NAME",
    )
