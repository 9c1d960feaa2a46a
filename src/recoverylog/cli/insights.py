"""recoverylog insights / selfcheck: what the log teaches, and the weekly self-check."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from recoverylog.cli import state
from recoverylog.cli.common import day, look_for, note_text, output_format, show_lines, when
from recoverylog.cli.options import DAY_HELP, AtOpt, ClockOpt, EditOpt, FormatOpt, NoteOpt
from recoverylog.domain.model import short_id
from recoverylog.domain.selfcheck import TOP_BAND
from recoverylog.messages import STOPPED
from recoverylog.render.output import Format
from recoverylog.services import insights as service

AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        "-a",
        help="All five answers at once, each 0-6, e.g. 2,3,1,0,2 (for scripts).",
        metavar="A,B,C,D,E",
    ),
]


def insights(
    since: Annotated[
        str | None, typer.Option("--since", help=f"First day (default: 90 days ago): {DAY_HELP}.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help=f"Last day (default: today): {DAY_HELP}.")
    ] = None,
    clock: ClockOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Patterns in your log: when cravings come, what sets them off, what helps.

    Example: recoverylog insights --since "30 days ago" --format json
    """
    ws = state.workspace()
    data = service.insights(ws, day(ws, since, "--since"), day(ws, until, "--until"), clock)
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
        return
    from recoverylog.render.charts import insights_lines

    show_lines(insights_lines(data, look=look_for(chosen)), chosen)


def selfcheck(
    answers: AnswersOpt = None,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
) -> None:
    """A weekly craving self-check: five questions about the past week, each 0-6.

    A reflection for you, not a diagnosis. Without --answers it asks each question.

    Example: recoverylog selfcheck --answers 2,3,1,0,2
    """
    ws = state.workspace()
    about = service.selfcheck_clock(ws, clock)
    values = _parse(answers) if answers is not None else _ask(about)
    saved = service.save_selfcheck(ws, values, about, when(ws, at), note_text(ws, note, edit))
    _show_saved(saved)
    if saved.total >= TOP_BAND:
        _hard_week(ws)


def _parse(text: str) -> list[int]:
    from recoverylog.domain.selfcheck import parse_answers

    return parse_answers(text)


def _ask(clock: str | None) -> list[int]:
    """Ask the five questions in a terminal; Ctrl-C saves nothing."""
    from recoverylog.cli import prompts
    from recoverylog.errors import ExitCode, InvalidInput

    if not prompts.stdin_is_terminal():
        raise InvalidInput(
            "there is no terminal to ask the self-check questions on",
            hint="give the five answers, e.g. recoverylog selfcheck --answers 2,3,1,0,2",
        )
    try:
        return _questions(clock)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        state.screen().message("")
        state.screen().message(STOPPED)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _questions(clock: str | None) -> list[int]:
    from recoverylog.domain.selfcheck import HIGHEST, LOWEST, REFLECTION_NOTE

    state.screen().message(f"Weekly self-check{f' ({clock})' if clock else ''}. {REFLECTION_NOTE}")
    state.screen().message("Answer each question about the past 7 days with a number.")
    values = []
    for number, question in enumerate(service.selfcheck_questions(clock), start=1):
        state.screen().message(f"\n{number}. {question.text}")
        for value, choice in enumerate(question.choices):
            state.screen().message(f"   {value}  {choice}")
        values.append(_answer(LOWEST, HIGHEST))
    return values


def _answer(low: int, high: int) -> int:
    """Ask until the answer is a whole number from low to high."""
    while True:
        reply = typer.prompt(f"   Your answer ({low}-{high})", err=True)
        try:
            value = int(str(reply).strip())
        except ValueError:
            value = -1
        if low <= value <= high:
            return value
        state.screen().message(f"   Please answer with a number from {low} to {high}.")


def _show_saved(saved: service.SavedSelfCheck) -> None:
    from recoverylog.render.charts import selfcheck_result_lines

    state.screen().write(f"{short_id(saved.entry.id)}  Saved your self-check.")
    lines = selfcheck_result_lines(saved.total, saved.previous_total, saved.previous_day)
    show_lines(lines, Format.PLAIN)


def _hard_week(ws: Any) -> None:
    """A total in the top band: the person's plan, their sponsor and the crisis lines."""
    from recoverylog.render.sos import hard_moment_lines
    from recoverylog.services.sos import hard_moment

    state.screen().write("\nThat sounds like a very hard week. You do not have to carry it alone.")
    data = hard_moment(ws, ("instead", "if_lapse"))
    show_lines(hard_moment_lines(data, look=look_for(Format.PLAIN)), Format.PLAIN)
