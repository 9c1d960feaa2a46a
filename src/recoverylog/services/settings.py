"""Changing a setting, checked against the journal where its value names something there."""

from __future__ import annotations

from typing import Any

from recoverylog.config import KEYS, set_value
from recoverylog.errors import InvalidInput
from recoverylog.messages import add_clock_first, no_clock_named
from recoverylog.services.workspace import Workspace


def set_setting(ws: Workspace, key: str, text: str) -> Any:
    """Store one setting in config.toml; returns the value stored (None: the default)."""
    with ws.store.writing():
        if key == "default_clock":
            text = _clock_named(ws, text)
        return set_value(ws.layout.config_file, key, text, ws.store.io)


def _clock_named(ws: Workspace, text: str) -> str:
    """The journal's spelling of the clock ``text`` names ('' for no default): a default
    that names no clock would quietly never apply."""
    name = KEYS["default_clock"].parse(text)  # the rules of every name come first
    if name is None:
        return text
    journal = ws.journal()
    clock = journal.find_clock(name)
    if clock is not None:
        return clock.name
    known = journal.clock_names()
    clocks = f"your clocks: {', '.join(known)}" if known else "no clocks yet"
    raise InvalidInput(f"there is {no_clock_named(name)} ({clocks})", hint=add_clock_first(name))
