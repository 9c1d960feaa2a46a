"""The mood section: mood by week (month by month for long periods) and what goes with
days of better or worse mood, in the words the insights use; only in a report that
shares it (one's own copy, or --include mood)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from recoverylog.domain.insights.period import by_month as series_by_month
from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Block, Bullets, Para, Section, Table
from recoverylog.reports.words import report_year, short_date

NO_MOOD = "No mood was recorded in this period."


def mood_sections(r: Mapping[str, Any]) -> list[Section]:
    mood = r.get("mood")
    if not mood:
        return []
    if not mood["days_with_mood"]:
        return [Section("mood", "Mood", (Para(NO_MOOD),))]
    blocks: list[Block] = [
        Para(
            f"Mood averaged {float(mood['average']):.1f} (1 to 5) over "
            f"{plural(int(mood['days_with_mood']), 'day')} with a mood, from check-ins and notes."
        ),
        _spans(mood, report_year(r)),
        Bullets(tuple(str(c["text"]) for c in mood["comparisons"])),
        Para(str(mood["note"]), small=True),
    ]
    return [Section("mood", "Mood", tuple(blocks))]


def _spans(mood: Mapping[str, Any], year: int) -> Table:
    by_month = series_by_month(mood["weeks"], mood["months"])
    spans: Sequence[Mapping[str, Any]] = mood["months"] if by_month else mood["weeks"]
    first = "Month" if by_month else "Week of"
    rows = tuple(
        (
            _month(s["start"]) if by_month else short_date(s["start"], year),
            str(s["days_with_mood"]),
            "" if s["average"] is None else f"{float(s['average']):.1f}",
        )
        for s in spans
    )
    return Table((first, "Days with a mood", "Average mood"), rows, numeric=(1, 2))


def _month(iso: str) -> str:
    return f"{date.fromisoformat(iso[:10]):%b %Y}"
