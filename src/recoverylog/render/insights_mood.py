"""The insights screen's mood section: mood by week (month by month for long periods)
and what goes with days of better or worse mood, from the documented JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.render.charts import MAX_WEEK_ROWS, BarRow, bar_rows, sparkline
from recoverylog.render.lines import Line, paragraph, text

NO_MOOD = (
    "No mood recorded in these {days}. A check-in or a note can carry one, e.g. "
    "recoverylog checkin --mood 4"
)


def mood_section(data: Mapping[str, Any], *, plain: bool) -> list[Line]:
    mood = data["mood"]
    lines: list[Line] = [
        [text("Mood", "bold cyan"), text("  from check-ins and notes, 1 (low) to 5 (good)", "dim")]
    ]
    if not mood["days_with_mood"]:
        days = plural(int(data["period"]["days"]), "day")
        return lines + paragraph(NO_MOOD.format(days=days), "dim")
    lines += _by_span(mood, plain=plain)
    for comparison in mood["comparisons"]:
        lines += paragraph(str(comparison["text"]), None if comparison["enough"] else "dim")
    lines += paragraph(str(mood["note"]), "italic")
    return lines


def _by_span(mood: Mapping[str, Any], *, plain: bool) -> list[Line]:
    """A bar per week (or month): its average mood and how many days had one."""
    by_month = len(mood["weeks"]) > MAX_WEEK_ROWS and bool(mood["months"])
    spans = mood["months"] if by_month else mood["weeks"]
    rows = []
    for span in spans:
        start = date.fromisoformat(span["start"])
        label = f"{start:%b %Y}" if by_month else f"{start.day} {start:%b}"
        average = span["average"]
        shown = "  –" if average is None else f"{average:.1f}"
        days = int(span["days_with_mood"])
        note = f"{shown}   ({plural(days, 'day')} with a mood)" if days else f"{shown}   (no mood)"
        rows.append(BarRow(label, average or 0, note))
    averages = [span["average"] for span in spans]
    kind = "month" if by_month else "week"
    return [
        [text("  month" if by_month else "  week of", "dim")],
        *bar_rows(rows, width=25, plain=plain),
        [
            text(f"  average mood by {kind} (1-5)  ", "dim"),
            sparkline(averages, lo=1, hi=5, plain=plain),
        ],
    ]
