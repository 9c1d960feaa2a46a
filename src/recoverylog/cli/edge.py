"""What the person sees when something goes wrong: one 'Error: ...' line (and maybe a
'Hint: ...' line) on stderr, never a traceback, and the exit code the README documents.

Every failure ends here, wherever it starts: in a command, in the options before it
(--help, --version, --install-completion), in an option's value, or outside any
command (shell completion).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from typing import NoReturn, TextIO

import typer

from recoverylog.environment import Environment
from recoverylog.errors import DataError, ExitCode, RecoveryLogError
from recoverylog.render.lines import screen_safe
from recoverylog.variables import DEBUG_ENV


def report_error(message: str, hint: str | None = None, stderr: TextIO | None = None) -> None:
    """Messages echo what people typed: each stays one screen-safe line. A stderr that
    cannot be written to (full, closed) leaves the exit code to tell."""
    out = stderr or sys.stderr
    with contextlib.suppress(OSError, ValueError):
        out.write(f"Error: {screen_safe(message)}\n")
        if hint:
            out.write(f"Hint: {screen_safe(hint)}\n")


def exit_code_for(exc: BaseException, *, debug: bool, stderr: TextIO | None = None) -> int:
    """Say what went wrong (on ``stderr``: the command's, else the process's) and give
    its exit code. With ``debug`` (RECOVERYLOG_DEBUG set), what is not one of
    recoverylog's own errors is raised again, traceback and all."""
    if isinstance(exc, RecoveryLogError):
        report_error(exc.message, exc.hint, stderr)
        return int(exc.exit_code)
    if isinstance(exc, BrokenPipeError):  # the reader stopped (| head): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - ends with the process
        return int(ExitCode.OK)
    if isinstance(exc, (KeyboardInterrupt, typer.Abort)):  # Abort: Ctrl-C or Ctrl-D at a prompt
        with contextlib.suppress(OSError, ValueError):
            (stderr or sys.stderr).write("\nStopped. Nothing more was saved.\n")
        return int(ExitCode.INTERRUPTED)
    if debug:
        raise exc
    said = _file_problem(exc) if isinstance(exc, OSError) else None
    if said is None:
        said = RecoveryLogError(
            f"something unexpected went wrong ({type(exc).__name__}: {exc})",
            hint=f"nothing else was changed; set {DEBUG_ENV}=1 to see details",
        )
    return exit_code_for(said, debug=debug, stderr=stderr)


def _file_problem(exc: OSError) -> RecoveryLogError | None:
    """An operating system's refusal, in words the person can act on."""
    if exc.errno == errno.ENOSPC:
        # Every write is atomic: what could not land was never half written.
        return DataError(
            "the disk is full; nothing was changed", "free some space and run the command again"
        )
    if exc.filename is None:
        return None
    reason = exc.strerror or type(exc).__name__
    return DataError(
        f"{exc.filename} cannot be used: {reason[:1].lower()}{reason[1:]}",
        hint="check that path and its permissions",
    )


def as_exit(exc: BaseException, environment: Environment) -> NoReturn:
    """Raise what Typer ends the program with: its own exits and Click's usage errors
    (which Click shows itself) as they are, anything else as said by exit_code_for."""
    if isinstance(exc, typer.Exit):
        raise exc
    if isinstance(exc, typer.TyperException):
        # A command given nothing to do shows its help, lines and all; other usage
        # errors quote what was typed. (Click does not export the help's class.)
        if type(exc).__name__ != "NoArgsIsHelpError":
            exc.message = _in_plain_words(exc.message)
        raise exc
    code = exit_code_for(exc, debug=environment.debug, stderr=environment.stderr)
    raise typer.Exit(code) from None


# Click names Python's types ("'x' is not a valid integer"); people read numbers.
_NOT_A_WHOLE_NUMBER = re.compile(r"is not a valid (int|integer)\b")
_NOT_A_NUMBER = re.compile(r"is not a valid float\b")


def _in_plain_words(said: str) -> str:
    """Click's own error, screen-safe: it quotes what was typed ("'x' is not one of")."""
    said = _NOT_A_WHOLE_NUMBER.sub("is not a whole number", said)
    said = _NOT_A_NUMBER.sub("is not a number", said)
    return screen_safe(said)
