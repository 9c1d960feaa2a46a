"""The insights screen's mood section: mood by week (month by month for long periods)
and what goes with days of better or worse mood, from the documented JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from recoverylog.domain.insights.period import by_month as series_by_month
from recoverylog.domain.text import plural
from recoverylog.render.charts import BarRow, bar_rows, section_heading, sparkline
from recoverylog.render.lines import Line, Look, paragraph, text

NO_MOOD = (
    "No mood recorded in these {days}. A check-in or a note can carry one, e.g. "
    "recoverylog checkin --mood 4"
)


def mood_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    mood = data["mood"]
    lines = [section_heading("Mood", "from check-ins and notes, 1 (low) to 5 (good)", look=look)]
    if not mood["days_with_mood"]:
        days = plural(int(data["period"]["days"]), "day")
        return lines + paragraph(NO_MOOD.format(days=days), "dim")
    lines += _by_span(mood, look=look)
    for comparison in mood["comparisons"]:
        lines += paragraph(str(comparison["text"]), None if comparison["enough"] else "dim")
    lines += paragraph(str(mood["note"]), "italic")
    return lines


def _by_span(mood: Mapping[str, Any], *, look: Look) -> list[Line]:
    """A bar per week (or month): its average mood and how many days had one. Spoken:
    a sentence a week, with the same numbers."""
    by_month = series_by_month(mood["weeks"], mood["months"])
    rows = [_row(span, by_month) for span in (mood["months"] if by_month else mood["weeks"])]
    if look.spoken:
        return bar_rows(rows, look=look)
    averages = [row.value or None for row in rows]
    return [
        [text("  month" if by_month else "  week of", "dim")],
        *bar_rows(rows, width=25, look=look),
        [
            text(f"  average mood by {'month' if by_month else 'week'}  ", "dim"),
            sparkline(averages, lo=1, hi=5, look=look),
        ],
    ]


def _row(span: Mapping[str, Any], by_month: bool) -> BarRow:
    start = date.fromisoformat(span["start"])
    label = f"{start:%b %Y}" if by_month else f"{start.day} {start:%b}"
    average, days = span["average"], int(span["days_with_mood"])
    when = label if by_month else f"week of {label}"
    if average is None:
        return BarRow(label, 0, "  -   (no mood)", f"{when}: no mood recorded")
    with_mood = f"{plural(days, 'day')} with a mood"
    said = f"{when}: average mood {average:.1f}, {with_mood}"
    return BarRow(label, average, f"{average:.1f}   ({with_mood})", said)
