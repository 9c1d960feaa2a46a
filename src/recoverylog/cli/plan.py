"""recoverylog plan: the personal plan, shown, edited, a line added or removed."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from recoverylog.cli import prompts, state
from recoverylog.cli.common import edit_in_editor, output_format, read_stdin, say, show_lines
from recoverylog.cli.options import (
    FormatOpt,
    whole_number,
)
from recoverylog.domain import plan as plan_rules
from recoverylog.domain.text import plural
from recoverylog.errors import InvalidInput
from recoverylog.render import plan as plan_views
from recoverylog.render.output import Format

plan_app = typer.Typer(
    help="Your relapse-prevention plan: reasons, warning signs, what you do instead.",
    invoke_without_command=True,
)


@plan_app.callback()
def plan_main(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Your relapse-prevention plan. Alone: show it; 'plan edit' changes it."""
    if ctx.invoked_subcommand is None:
        plan_show(fmt)


@plan_app.command("list", hidden=True)  # what people type for a list of lines
@plan_app.command("show")
def plan_show(fmt: FormatOpt = None) -> None:
    """Show your plan, each line numbered as 'plan remove' takes it.

    Example: recoverylog plan show
    """
    from recoverylog.services import plan as service

    data = service.plan_as_dict(service.plan(state.workspace()))
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
        return
    show_lines(plan_views.plan_lines(data), chosen)


@plan_app.command("edit")
def plan_edit(
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            help="Read the plan (TOML, as the editor shows it) from a file; "
            "'-' reads standard input.",
        ),
    ] = None,
) -> None:
    """Write or change your plan in $EDITOR: my reasons, warning signs, high-risk
    situations, what I do instead, who I call, what I do if I lapse.

    Example: recoverylog plan edit
    """
    from recoverylog.services import plan as service

    ws = state.workspace()
    before = service.plan(ws)
    sections = _plan_from_file(file) if file else _plan_from_editor(ws, before)
    if sections is None:
        state.screen().message("No changes; your plan is as it was.")
        return
    service.save_plan(ws, sections)
    count = sum(len(lines) for lines in sections.values())
    say(
        f"Saved your plan: {plural(count, 'line')} in {plural(len(sections), 'section')}."
        if sections
        else "Saved your plan; it is empty now."
    )


SectionArg = Annotated[
    str,
    typer.Argument(
        help="reasons, warning-signs, high-risk, instead, call or if-lapse.",
        metavar="SECTION",
    ),
]


@plan_app.command("add")
def plan_add(
    section: SectionArg,
    line: Annotated[str, typer.Argument(help="The line, in your own words.", metavar="LINE")],
) -> None:
    """Add a line to a section of your plan.

    Example: recoverylog plan add reasons "waking up with a clear head"
    """
    from recoverylog.services import plan as service

    key, number = service.add_plan_line(state.workspace(), section, line)
    say(f"Added to {_title(key)} as line {number}.")


@plan_app.command("remove")
def plan_remove(
    section: SectionArg,
    number: Annotated[
        int,
        typer.Argument(
            help="The line's number, as 'plan show' numbers it.",
            metavar="N",
            parser=whole_number("line number", 1, plan_rules.MAX_PLAN_LINES),
        ),
    ],
) -> None:
    """Remove a line from a section of your plan.

    Example: recoverylog plan remove warning-signs 2
    """
    from recoverylog.services import plan as service

    key, removed = service.remove_plan_line(state.workspace(), section, number)
    say(f"Removed from {_title(key)}: {removed}")


def _title(key: str) -> str:
    return next(title for k, title, _ in plan_rules.PLAN_SECTIONS if k == key)


def _plan_from_file(file: str) -> dict[str, list[str]]:
    from pathlib import Path

    from recoverylog.services import plan as service

    if file == "-":
        return service.parse_plan(read_stdin())
    from recoverylog.services.reports import read_user_file

    return service.parse_plan(read_user_file(Path(file), "plan"))


def _plan_from_editor(ws: Any, before: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """Open the editor until the plan reads well, or the person gives up."""
    from recoverylog.services import plan as service

    template = service.plan_template(before)
    text = template
    while True:
        edited = edit_in_editor(ws, text, from_stdin="--file -")
        if edited is None or edited == template:
            return None
        try:
            return service.parse_plan(edited)
        except InvalidInput as exc:
            if not prompts.stdin_is_terminal() or not prompts.yes_or_no(
                f"{exc.message}. Edit it again?"
            ):
                raise
            kept = "".join(
                row for row in edited.splitlines(keepends=True) if not row.startswith("# Problem:")
            )
            text = f"# Problem: {' '.join(exc.message.split())}\n{kept}"
