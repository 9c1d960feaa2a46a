"""The greeting's weekly lines, as rules: which days "this week" and "a year ago this
week" are, which goals the greeting shows, and what it counts. Pure.

This week runs from Monday (``goals.week_start``) to today. A year ago this week is
the same days 52 weeks (364 days) earlier: from a Monday to the same weekday as today,
so both spans hold the same days of the week however the calendar falls, across the
year's end and in a year of 53 ISO weeks alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from recoverylog.domain.goals import (
    COPING,
    GOAL_KINDS,
    TAG,
    Goal,
    GoalProgress,
    goal_from_dict,
    goal_window,
    week_start,
)
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of

YEAR_AGO = timedelta(weeks=52)
# A goal whose window began further back than this is left to status and `goal show`:
# the greeting reads at most a few month files.
GREETED_GOAL_DAYS = 92
_CRAVING = EntryType.CRAVING.value


class Span(NamedTuple):
    """Whole local days, ``first`` to ``last``."""

    first: date
    last: date

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


class CravingTally(NamedTuple):
    """What a span held: its entries, and its cravings with their intensities."""

    entries: int = 0
    cravings: int = 0
    intensity_total: int = 0

    @property
    def average(self) -> float | None:
        """As insights rounds it: to one decimal place."""
        return round(self.intensity_total / self.cravings, 1) if self.cravings else None


class WeeklyCounts(NamedTuple):
    """What the weekly lines say: the goal furthest behind, and the cravings of a year
    ago this week (``then``) beside this week's (``now``)."""

    goal: GoalProgress | None = None
    then: CravingTally | None = None
    now: CravingTally | None = None


def this_week(today: date) -> Span:
    return Span(week_start(today), today)


def year_ago_this_week(today: date) -> Span:
    return Span(week_start(today) - YEAR_AGO, today - YEAR_AGO)


def span_months(span: Span) -> list[str]:
    """The month files that can hold the span's entries (see ``stored_days``)."""
    months: list[str] = []
    day = span.first
    while day <= span.last + timedelta(days=1):
        month = f"{day.year:04d}-{day.month:02d}"
        if month not in months:
            months.append(month)
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return months


def stored_days(span: Span) -> tuple[str, str]:
    """The first and last dates (YYYY-MM-DD) an entry of the span can be stored with:
    its own date is its day, or the day after when it came before ``day_starts_at``."""
    return span.first.isoformat(), (span.last + timedelta(days=1)).isoformat()


def may_fall_in(raw: Mapping[str, Any], span: Span) -> bool:
    """Can this stored entry (a month file's raw record) belong to a day of ``span``?
    A quick look at its date, before the entry is read properly."""
    at = raw.get("at")
    if not isinstance(at, str):
        return True  # let the proper reading judge it
    first, last = stored_days(span)
    return first <= at[:10] <= last


def in_span(entry: Entry, span: Span, now: datetime) -> bool:
    return entry.at <= now and span.holds(day_of(entry.at))


def craving_tally(entries: Iterable[Entry]) -> CravingTally:
    """Counts only, never a word of what was written."""
    count = cravings = total = 0
    for entry in entries:
        count += 1
        if entry.type is EntryType.CRAVING:
            cravings += 1
            total += _intensity(entry)
    return CravingTally(count, cravings, total)


def _intensity(entry: Entry) -> int:
    """As insights reads it: 0 when missing or not a number."""
    try:
        return int(entry.data.get("intensity") or 0)
    except (TypeError, ValueError):
        return 0


def greeted_goals(stored: Mapping[str, Any], today: date) -> list[Goal]:
    """The goals the greeting may show: running today, and begun at most
    GREETED_GOAL_DAYS ago."""
    goals = []
    for key, raw in stored.items():
        goal = goal_from_dict(key, raw)
        if goal is None:
            continue
        first, last = goal_window(goal, today)
        if first <= today <= last and (today - first).days < GREETED_GOAL_DAYS:
            goals.append(goal)
    return goals


def may_count(goal: Goal, raw: Mapping[str, Any]) -> bool:
    """Can this stored entry count towards ``goal``? A quick look that never says no to
    an entry that counts; ``goals.goal_use`` decides."""
    kind = raw.get("type")
    if goal.kind in GOAL_KINDS:
        return kind == GOAL_KINDS[goal.kind].value
    if goal.kind == TAG:
        return bool(raw.get("tags"))
    if goal.kind == COPING:
        return (kind == _CRAVING and bool(raw.get("coping"))) or kind == EntryType.COPING.value
    return False


def furthest_behind(progress: Iterable[GoalProgress]) -> GoalProgress | None:
    """The goal furthest behind an even pace through its days; the first of equals."""
    return min(progress, key=_ahead, default=None)


def _ahead(p: GoalProgress) -> float:
    """Done beyond what an even pace would have done by today, as a share of the goal."""
    return p.done / p.goal.count - p.day / p.goal.days
