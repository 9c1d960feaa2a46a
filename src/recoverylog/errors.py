"""Errors the library raises; the CLI edge turns them into messages and exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (docs/commands.md, "Exit codes")."""

    OK = 0
    UNEXPECTED = 1
    INVALID_INPUT = 2
    NOT_FOUND = 3
    DATA_PROBLEM = 4
    BUSY = 5
    INTERRUPTED = 130


class RecoveryLogError(Exception):
    """Base of every error meant for the user: a message and an optional hint."""

    exit_code = ExitCode.UNEXPECTED

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InvalidInput(RecoveryLogError):
    """The user gave something the program cannot accept."""

    exit_code = ExitCode.INVALID_INPUT


class NotFound(RecoveryLogError):
    """A named clock, entry, person or file does not exist."""

    exit_code = ExitCode.NOT_FOUND


class DataError(RecoveryLogError):
    """A data file is unreadable, damaged, or from a newer version."""

    exit_code = ExitCode.DATA_PROBLEM


class Busy(RecoveryLogError):
    """Another recoverylog process holds the writer lock for too long."""

    exit_code = ExitCode.BUSY


def not_json(where: object, exc: ValueError) -> str:
    """'X is not valid JSON (what, at line N)': the reader's own words end in 'at' for
    some problems ('Invalid control character at'), which must not read 'at at'."""
    msg, line = getattr(exc, "msg", str(exc)), getattr(exc, "lineno", None)
    msg = msg.removesuffix(" at")
    return (
        f"{where} is not valid JSON ({msg}, at line {line})"
        if line
        else f"{where} is not valid JSON ({msg})"
    )
