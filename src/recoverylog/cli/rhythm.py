"""`prompt` and `greet` through the full application: their help, their options, and
the answer when the glance file could not give it (cli/quick.py answers the bare forms
first). Neither ever shows an error or asks for anything: a prompt or a shell's start
must not stop."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.quick import Request, answer

ClockOption = Annotated[
    str | None,
    typer.Option(
        "--clock", "-c", help="Which clock (default: prompt.clock, else the first).", metavar="NAME"
    ),
]


def prompt(clock: ClockOption = None) -> None:
    """A tiny segment for your shell prompt, such as 62d (format: the prompt.format setting).

    Prints nothing when there is no clock, and never an error. Fast on any journal: it
    reads only a small private file that every change to the journal keeps up to date.

    Example:
      recoverylog prompt
    """
    _say(Request("prompt", None, clock))


def greet(clock: ClockOption = None) -> None:
    """One calm line for your shell's start, at most once a day: your count, the next
    milestone, and whether you have checked in today.

    Prints nothing when there is nothing new, and never an error.

    Example:
      recoverylog greet
    """
    _say(Request("greet", None, clock))


def _say(request: Request) -> None:
    from recoverylog.services.glance import Unanswered

    environment = state.environment()
    try:
        try:
            text = answer(request, environment)
        except Unanswered:
            _make_glance_again()
            text = answer(request, environment)
    except Exception:  # the glance still cannot answer, or the home cannot be read
        text = ""
    if text:
        state.screen().write(text)


def _make_glance_again() -> None:
    """Open the home without asking for anything and make the glance file again, if
    there is a journal and no one else is writing."""
    from recoverylog.errors import Busy
    from recoverylog.services.workspace import open_workspace

    ws = open_workspace(state.environment())
    if ws.store.io.locked() or not ws.layout.journal_file.exists():
        return
    try:
        with ws.store.writing(timeout=0):
            pass  # the end of a writing block brings the glance up to date
    except Busy:
        return
