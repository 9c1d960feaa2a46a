"""Small words shared by views: how long ago, a short date."""

from __future__ import annotations

from datetime import date


def ago(days: int | None) -> str:
    if days is None:
        return "none logged yet"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def short_date(iso: str) -> str:
    day = date.fromisoformat(iso[:10])
    return f"{day:%a} {day.day} {day:%b}"
