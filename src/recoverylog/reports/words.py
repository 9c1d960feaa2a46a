"""Dates, counts and numbers as a report writes them. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from recoverylog.domain.moments import hours_and_minutes
from recoverylog.domain.text import plural


def nice_date(iso: str) -> str:
    day = date.fromisoformat(str(iso)[:10])
    return f"{day:%a} {day.day} {day:%b %Y}"


def at_time(at: Any) -> str:
    """' at 22:00' after a day, for something at a known moment (an ISO date and time)."""
    return f" at {str(at)[11:16]}" if at else ""


def clean_count(clock: Mapping[str, Any]) -> str:
    """'14 hours 30 minutes' on day one of a clock started at a known moment, else days."""
    minutes = clock.get("minutes_clean")
    if minutes is not None and int(clock["days"]) == 0:
        return hours_and_minutes(int(minutes))
    return plural(int(clock["days"]), "day")


def short_date(iso: str, year: int | None = None) -> str:
    """'Mon 30 Nov'; with the year too ('Sat 9 Jan 2027') when it is not ``year``, the
    year the report was made in (always, when no year is given)."""
    day = date.fromisoformat(str(iso)[:10])
    if day.year != year:
        return nice_date(iso)
    return f"{day:%a} {day.day} {day:%b}"


def report_year(r: Mapping[str, Any]) -> int:
    """The year the report was made in: dates in it are written without their year."""
    return date.fromisoformat(str(r["generated"])[:10]).year


def number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def in_days(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{plural(-days, 'day')} ago"
    return f"in {plural(days, 'day')}"
