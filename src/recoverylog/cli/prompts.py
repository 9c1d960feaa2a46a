"""Questions at the terminal: ask until the answer can be used, yes or no, and what
Ctrl-C means while answering."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

import typer

from recoverylog.cli import state
from recoverylog.errors import ExitCode, InvalidInput
from recoverylog.messages import STOPPED
from recoverylog.render.lines import screen_safe

T = TypeVar("T")


def stdin_is_terminal() -> bool:
    """Someone is there to answer, as the Environment says: a terminal (or answers
    scripted as if typed at one). Piped or redirected input is not."""
    return state.environment().stdin_is_terminal


class Stopped(Exception):
    """Ctrl-C (or the end of input) while answering a question."""


def ask(question: str, parse: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer can be used; Enter gives the default ('' when there is none);
    Ctrl-C raises Stopped."""
    while True:
        try:
            reply = typer.prompt(
                screen_safe(question), default=default or "", show_default=bool(default), err=True
            )
        except (typer.Abort, KeyboardInterrupt):
            raise Stopped from None
        try:
            return parse(str(reply))
        except InvalidInput as exc:
            state.screen().message(f"  {exc.message}")


def yes(question: str, default: bool) -> bool:
    try:
        return typer.confirm(screen_safe(question), default=default, err=True)
    except (typer.Abort, KeyboardInterrupt):
        raise Stopped from None


def stopped(words: str = STOPPED) -> NoReturn:
    state.screen().message("")
    state.screen().message(words)
    raise typer.Exit(int(ExitCode.INTERRUPTED))


def whole(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput("please answer with a whole number") from None


def yes_or_no(question: str) -> bool:
    try:
        return yes(question, True)
    except Stopped:
        return False
