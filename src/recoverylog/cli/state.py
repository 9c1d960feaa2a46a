"""Per-invocation state: the --home chosen by the global callback, and the workspace."""

from __future__ import annotations

from recoverylog.services.workspace import Workspace, open_workspace

_home: str | None = None
_workspace: Workspace | None = None


def reset(home: str | None) -> None:
    global _home, _workspace
    _home, _workspace = home, None


def home() -> str | None:
    return _home


def workspace() -> Workspace:
    """The workspace for this command, opened on first use."""
    global _workspace
    if _workspace is None:
        _workspace = open_workspace(_home)
    return _workspace


def opened() -> Workspace | None:
    return _workspace
