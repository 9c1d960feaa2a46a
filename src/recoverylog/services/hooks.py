"""Hooks: a program of the person's own, run when a lapse is recorded, a check-in saved,
a milestone reached or sos opened (``config set hooks.on_lapse PATH``), for example one
that messages their sponsor through their own tool. recoverylog keeps no network code.

The program gets on its standard input a small JSON document holding only what a
report for a sponsor would share about that moment: dates, counts, a clock's name, a
milestone; never notes, triggers, names of people or answers in the person's words.
It runs without a shell, for at most HOOK_SECONDS, without any passphrase in its
environment; its failure is said and never stops the command.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from recoverylog.paths import user_path

if TYPE_CHECKING:
    from recoverylog.services.workspace import Workspace

EVENTS = ("lapse", "checkin", "milestone", "sos")
HOOK_KIND = "recoverylog-event"
HOOK_VERSION = 1
HOOK_SECONDS = 10.0


def hook_document(ws: Workspace, event: str, facts: dict[str, Any]) -> dict[str, Any]:
    """What the hook for ``event`` reads: the event, when, and its facts."""
    return {
        "kind": HOOK_KIND,
        "version": HOOK_VERSION,
        "event": event,
        "at": ws.local(ws.now).isoformat(timespec="seconds"),
        **facts,
    }


def run_hook(ws: Workspace, event: str, facts: dict[str, Any]) -> str | None:
    """Run the person's hook for ``event``, if they set one; what went wrong, in a
    sentence for the screen, or None."""
    from recoverylog.store.hooks import run_program

    program = ws.settings.hooks.get(event)
    if not program:
        return None
    document = json.dumps(hook_document(ws, event, facts), ensure_ascii=False) + "\n"
    ran = run_program(
        user_path(program),
        document.encode("utf-8"),
        HOOK_SECONDS,
        ws.environment.shareable_variables(),
    )
    if ran.problem is None:
        return None
    return f"Your on_{event} hook {ran.problem}; nothing else was affected."


def lapse_facts(clock: str, at_day: str, restart: str) -> dict[str, Any]:
    return {"clock": clock, "lapse_date": at_day, "new_start": restart}


def checkin_facts(day: str, clean: bool | None, clocks_lapsed: list[str]) -> dict[str, Any]:
    return {"date": day, "clean": clean, "clocks_lapsed": clocks_lapsed}


def milestone_facts(clock: str, label: str, day: str) -> dict[str, Any]:
    return {"clock": clock, "milestone": label, "date": day}
