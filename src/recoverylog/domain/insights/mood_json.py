"""The mood section as JSON: the same object in ``insights --format json`` and in a
report that shares it, with its typed shape (data/schemas: insights and report). Pure."""

# No postponed annotations here: the schema tests read the shapes' keys at run time.
from typing import TypedDict

from recoverylog.domain.insights.mood import (
    ENOUGH_SLEEP_HOURS,
    MIN_DAYS,
    PATTERNS_NOT_CAUSES,
    MoodComparison,
    MoodSide,
    MoodSpan,
    MoodStats,
    comparison_text,
)


class MoodSpanJson(TypedDict):
    """One week or month: its days with a mood and their mean."""

    start: str
    end: str
    days: int
    days_with_mood: int
    average: float | None


class MoodSideJson(TypedDict):
    days: int
    mood: float | None
    cravings_per_day: float | None
    average_intensity: float | None


# "with" is a Python word: the functional form names it.
MoodComparisonJson = TypedDict(
    "MoodComparisonJson",
    {
        "factor": str,
        "tag": str | None,
        "enough": bool,
        "with": MoodSideJson,
        "without": MoodSideJson,
        "text": str,
    },
)


class MoodJson(TypedDict):
    days_with_mood: int
    average: float | None
    min_days: int
    enough_sleep_hours: int
    note: str
    weeks: list[MoodSpanJson]
    months: list[MoodSpanJson]
    comparisons: list[MoodComparisonJson]


def mood_json(stats: MoodStats) -> MoodJson:
    return {
        "days_with_mood": stats.days_with_mood,
        "average": stats.average,
        "min_days": MIN_DAYS,
        "enough_sleep_hours": ENOUGH_SLEEP_HOURS,
        "note": PATTERNS_NOT_CAUSES,
        "weeks": [_span(s) for s in stats.weeks],
        "months": [_span(s) for s in stats.months],
        "comparisons": [_comparison(c) for c in stats.comparisons],
    }


def _span(span: MoodSpan) -> MoodSpanJson:
    return {
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "days": span.days,
        "days_with_mood": span.days_with_mood,
        "average": span.average,
    }


def _comparison(c: MoodComparison) -> MoodComparisonJson:
    return {
        "factor": c.factor,
        "tag": c.tag,
        "enough": c.enough,
        "with": _side(c.with_side),
        "without": _side(c.without_side),
        "text": comparison_text(c),
    }


def _side(side: MoodSide) -> MoodSideJson:
    return {
        "days": side.days,
        "mood": side.mood,
        "cravings_per_day": side.cravings_per_day,
        "average_intensity": side.average_intensity,
    }
