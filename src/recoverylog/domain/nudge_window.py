"""Whether a nudge kept in the glance file is due now: inside its window or the hour
before it. Pure, and light enough for the quick path of `greet` (standard library and
the day rule of ``moments`` only).

A kept nudge is a plain dict: made (the day it was worked out), and when there is one,
weekday (0 = Monday, as ``day_starts_at`` counts days), start and end (local hours, the
end not included) and text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from recoverylog.domain.moments import day_of

LEAD_TIME = timedelta(hours=1)  # a nudge shows from an hour before its window


def in_window(weekday: int, start: int, end: int, moment: datetime) -> bool:
    """Is ``moment`` (local) in the hours ``start`` to ``end`` of ``weekday``, with the
    weekday counted as insights count it (a late night belongs to the day before)?"""
    return day_of(moment).weekday() == weekday and start <= moment.hour < end


def due_nudge(kept: Any, now: datetime) -> str | None:
    """The nudge's line when ``now`` is inside its window or the hour before it; None
    otherwise, or when nothing usable is kept."""
    if not isinstance(kept, dict) or not isinstance(kept.get("text"), str):
        return None
    try:
        window = (int(kept["weekday"]), int(kept["start"]), int(kept["end"]))
    except (KeyError, TypeError, ValueError):
        return None
    if in_window(*window, now) or in_window(*window, now + LEAD_TIME):
        return str(kept["text"])
    return None


def nudge_lines(kept: Any, now: datetime) -> list[str]:
    """The greeting's line for the nudge, when it is due: none or one."""
    text = due_nudge(kept, now)
    return [] if text is None else [text]
