"""The prompt segment of the present moment, looked up in the changes the glance keeps
(made by domain/glance.py's segment_changes): whole seconds and strings only, so that
`prompt` needs no calendar, no time zone and no clock arithmetic of its own. Pure."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def fold(name: str) -> str:
    """A clock's name as it is matched: any case, spaces as one."""
    return " ".join(name.split()).casefold()


def segment_at(changes: Sequence[Sequence[Any]], until: int, second: int) -> str | None:
    """The text shown at ``second`` (POSIX time) by ``changes`` ([second, text] pairs,
    oldest first, each shown until the next); None outside them (before the first, or
    from ``until`` on)."""
    if second >= until:
        return None
    for start, text in reversed(changes):
        if second >= start:
            return str(text)
    return None
