"""Per-invocation state: the --home chosen by the global callback, and the workspace."""

from __future__ import annotations

from recoverylog.services.workspace import Workspace, open_workspace

_home: str | None = None
_workspace: Workspace | None = None
_writes_nothing = False
_celebrations_wait = False


def reset(home: str | None) -> None:
    global _home, _workspace, _writes_nothing, _celebrations_wait
    _home, _workspace, _writes_nothing, _celebrations_wait = home, None, False, False


def no_celebration_now() -> None:
    """Right after a lapse is recorded or corrected, a milestone waits for the next command."""
    global _celebrations_wait
    _celebrations_wait = True


def celebration_allowed() -> bool:
    return not _celebrations_wait


def promise_no_writes() -> None:
    """This command said it writes nothing (a dry run): nothing may write after it."""
    global _writes_nothing
    _writes_nothing = True


def writes_allowed() -> bool:
    return not _writes_nothing


def home() -> str | None:
    return _home


def workspace(*, strict_settings: bool = True) -> Workspace:
    """The workspace for this command, opened on first use."""
    global _workspace
    if _workspace is None:
        _workspace = open_workspace(_home, ask_passphrase, strict_settings=strict_settings)
    return _workspace


def ask_passphrase(prompt: str) -> str:
    """Ask on the terminal, never echoing; refuse when there is no terminal."""
    import sys

    from recoverylog.errors import InvalidInput

    if not sys.stdin.isatty():
        raise InvalidInput(
            "this journal is encrypted and there is no terminal to ask for the passphrase",
            hint="set RECOVERYLOG_PASSPHRASE for scripts",
        )
    import getpass

    return getpass.getpass(prompt)


def opened() -> Workspace | None:
    return _workspace
