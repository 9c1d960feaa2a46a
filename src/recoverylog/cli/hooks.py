"""Running the person's hooks after a command's work is done, and saying calmly when
one did not go well (services/hooks.py says what a hook gets)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from recoverylog.cli import state

if TYPE_CHECKING:
    from recoverylog.services.workspace import Workspace


def after(ws: Workspace, event: str, facts: dict[str, Any]) -> None:
    """Run the hook for ``event`` now (the command's own work is saved already)."""
    if not ws.settings.hooks.get(event):
        return
    from recoverylog.services.hooks import run_hook

    problem = run_hook(ws, event, facts)
    if problem:
        state.screen().message(problem)


class Beside:
    """A hook run beside what the command does next (sos's screen and timer must never
    wait for it); ``finish`` before the command ends."""

    def __init__(self, ws: Workspace | None, event: str, facts: dict[str, Any]) -> None:
        from recoverylog.services.hooks import run_hook

        self.problem: str | None = None
        self._thread: threading.Thread | None = None
        if ws is not None and ws.settings.hooks.get(event):
            self._thread = threading.Thread(
                target=lambda: setattr(self, "problem", run_hook(ws, event, facts)), daemon=True
            )
            self._thread.start()

    def finish(self) -> None:
        """Wait for it (its own time limit bounds the wait); say how it went, if not well."""
        if self._thread is None:
            return
        self._thread.join()
        if self.problem:
            state.screen().message(self.problem)
