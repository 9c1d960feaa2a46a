"""`prompt` and `greet` through the full application: their help, their options, and
the answer when the glance file could not give it (cli/quick.py answers the bare forms
first). Neither ever shows an error or asks for anything: a prompt or a shell's start
must not stop."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.options import YesOpt
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

    Example: recoverylog prompt
    """
    _say(Request("prompt", None, clock))


def greet(
    clock: ClockOption = None,
    install: Annotated[
        bool, typer.Option("--install", help="Add the greeting to your shell's start-up file.")
    ] = False,
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help="Take that line out again.")
    ] = False,
    shell: Annotated[
        str | None,
        typer.Option("--shell", help="bash, zsh or fish (default: from $SHELL).", metavar="NAME"),
    ] = None,
    yes: YesOpt = False,
) -> None:
    """One calm line for your shell's start, at most once a day: your count, the next
    milestone, and whether you have checked in today.

    Prints nothing when there is nothing new, and never an error. --install adds one
    marked line to your shell's start-up file (~/.bashrc, ~/.zshrc or fish's
    config.fish), showing it first; --uninstall takes exactly that line out.

    Examples: recoverylog greet ; recoverylog greet --install ;
    recoverylog greet --uninstall --shell zsh
    """
    if install or uninstall:
        _change_startup_file(install and not uninstall, shell, yes)
        return
    _say(Request("greet", None, clock))


def _change_startup_file(adding: bool, shell: str | None, yes: bool) -> None:
    from recoverylog.cli.common import confirm
    from recoverylog.services.shell_setup import apply_change, planned_change

    change = planned_change(state.environment(), shell, adding)
    screen = state.screen()
    if not change.needed:
        where = "is already in" if adding else "is not in"
        screen.write(f"The greeting line {where} {change.path}; nothing to change.")
        return
    verb = "Add to the end of" if adding else "Remove from"
    screen.write(f"{verb} {change.path}:\n  {change.line}")
    confirm(f"{'Add' if adding else 'Remove'} this line?", yes)
    apply_change(change, adding)
    done = "Added. A new shell greets you" if adding else "Removed. New shells will not greet you"
    screen.write(f"{done}.")


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
