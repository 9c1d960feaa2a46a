"""Clean days of a clock: the day-by-day calendar, shares of clean days over windows,
and the forgiving trend score. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType

from recoverylog.domain.cleantime import Run, clean_time, compute_runs, lapses_between
from recoverylog.domain.insights.measures import fraction
from recoverylog.domain.model import Clock


class DayStatus(StrEnum):
    """A clock's status on one local calendar day."""

    BEFORE = "before"  # before the clock's first clean day
    CLEAN = "clean"
    LAPSE = "lapse"
    GAP = "gap"  # after a lapse, before the next run's chosen start: not counted as clean


# Loop Habit Tracker's daily multiplier for a daily habit: a half-life of 13 days.
SCORE_MULTIPLIER = 0.5 ** (1 / 13)


@dataclass(frozen=True)
class CleanCalendar:
    """One status per local day from ``start``: 'before', 'clean', 'lapse' or 'gap'."""

    clock: str
    start: date
    statuses: tuple[DayStatus, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.statuses) - 1)

    def status_on(self, day: date) -> DayStatus | None:
        index = (day - self.start).days
        return self.statuses[index] if 0 <= index < len(self.statuses) else None

    def ranges(self) -> list[tuple[date, date, DayStatus]]:
        """Consecutive days with the same status as (first, last, status)."""
        out: list[tuple[date, date, DayStatus]] = []
        for i, status in enumerate(self.statuses):
            day = self.start + timedelta(days=i)
            if out and out[-1][2] == status:
                out[-1] = (out[-1][0], day, status)
            else:
                out.append((day, day, status))
        return out


def clean_calendar(clock: Clock, first: date, last: date, tz: tzinfo) -> CleanCalendar:
    """The clock's status on each day from ``first`` to ``last``, computed once from its
    runs, in time linear in days + lapses.

    The day a run starts is clean, the lapse day that ends it is a lapse; the days after
    a lapse and before the next run's start are a 'gap' (not counted as clean)."""
    if last < first:
        return CleanCalendar(clock.name, first, ())
    runs = compute_runs(clock, last, tz)
    lapse_days = {run.end for run in runs if run.end is not None}
    walk = _RunWalk(runs)
    statuses: list[DayStatus] = []
    day = first
    while day <= last:
        if day < clock.clean_since:
            statuses.append(DayStatus.BEFORE)
        elif day in lapse_days:
            statuses.append(DayStatus.LAPSE)
        else:
            statuses.append(DayStatus.CLEAN if walk.covers(day) else DayStatus.GAP)
        day += timedelta(days=1)
    return CleanCalendar(clock.name, first, tuple(statuses))


class _RunWalk:
    """Which run covers a day, for days asked in order: each run is passed once."""

    def __init__(self, runs: Sequence[Run]) -> None:
        self.spans = [(run.start, run.end) for run in runs]  # clean on start <= day < end
        self.index = 0

    def covers(self, day: date) -> bool:
        spans = self.spans
        while self.index < len(spans) and (end := spans[self.index][1]) is not None and end <= day:
            self.index += 1
        return self.index < len(spans) and spans[self.index][0] <= day


@dataclass(frozen=True)
class CleanShare:
    """Clean days among the days a clock was running in a window of days."""

    days: int  # days in the window
    counted: int  # days on or after the clock's first clean day
    clean: int
    lapse_days: int  # days with a lapse
    lapses: int  # recorded lapses (two on one day count two), as everywhere
    since: date | None = None  # the window's first and last day
    until: date | None = None

    @property
    def share(self) -> float | None:
        return fraction(self.clean, self.counted)


def clean_share(clock: Clock, calendar: CleanCalendar, first: date, last: date) -> CleanShare:
    """Share of clean days from ``first`` to ``last`` (days before the clock are left out)."""
    days = counted = clean = lapse_days = 0
    day = first
    while day <= last:
        status = calendar.status_on(day)
        days += 1
        if status is not None and status != DayStatus.BEFORE:
            counted += 1
            clean += status == DayStatus.CLEAN
            lapse_days += status == DayStatus.LAPSE
        day += timedelta(days=1)
    lapses = lapses_between(clock, first, last)
    return CleanShare(days, counted, clean, lapse_days, lapses, first, last)


def score_series(statuses: Iterable[str], start: float = 0.0) -> list[float]:
    """Loop Habit Tracker's forgiving score after each day: score = prev*m + v*(1-m) with
    m = 0.5 ** (1/13), v = 1 on a clean day and 0 otherwise; days before the clock are
    skipped. A lapse after 100 clean days costs a few points, not everything."""
    score = start
    out = []
    for status in statuses:
        if status == DayStatus.BEFORE:
            out.append(score)
            continue
        value = 1.0 if status == DayStatus.CLEAN else 0.0
        score = score * SCORE_MULTIPLIER + value * (1 - SCORE_MULTIPLIER)
        out.append(score)
    return out


@dataclass(frozen=True)
class CleanDays:
    """A clock's clean days up to ``today``: the last 52 weeks as a calendar, shares over
    30/90/365 days, total clean days, and the trend score (0-1) with its weekly history."""

    clock: str
    today: date
    total_clean_days: int
    calendar: CleanCalendar  # whole weeks, Monday first, ending with today's week
    shares: Mapping[int, CleanShare]  # window in days -> share
    score: float | None  # None until the clock has had a whole day
    weekly_scores: tuple[tuple[date, float], ...]  # at the end of each week, to yesterday
    # On day one of a clock started at a known moment: real minutes clean so far.
    day_one_minutes: int | None = None


def clean_days(
    clock: Clock,
    today: date,
    tz: tzinfo,
    weeks: int = 52,
    windows: Sequence[int] = (30, 90, 365),
    now: datetime | None = None,
) -> CleanDays:
    """Everything the clean-days section shows for one clock, up to and including today.

    The shares count whole days, as total clean days does: today is not over yet, so
    the 30-day window is the 30 days before today. The calendar shows today too, and
    starts at the week the clock began when that is less than ``weeks`` ago."""
    first_shown = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    began = clock.clean_since - timedelta(days=clock.clean_since.weekday())
    first_shown = max(first_shown, min(began, today - timedelta(days=today.weekday())))
    earliest = min(clock.clean_since, first_shown, today - timedelta(days=max(windows)))
    full = clean_calendar(clock, earliest, today, tz)
    # Whole days only, as the shares and total clean days count: today is not over.
    series = score_series(full.statuses[:-1])
    offset = (first_shown - earliest).days
    shown = CleanCalendar(clock.name, first_shown, full.statuses[offset:])
    last = len(shown.statuses) - 2  # yesterday, in the calendar shown
    weekly = tuple(
        (first_shown + timedelta(days=i), series[offset + i]) for i in range(6, last + 1, 7)
    )
    if last >= 0 and last % 7 != 6:
        weekly += ((today - timedelta(days=1), series[-1]),)
    ct = clean_time(clock, today, tz, now)
    return CleanDays(
        clock=clock.name,
        today=today,
        total_clean_days=ct.total_clean_days,
        day_one_minutes=ct.headline_minutes if ct.in_day_one and not ct.lapse_count else None,
        calendar=shown,
        shares=MappingProxyType(
            {
                n: clean_share(clock, full, today - timedelta(days=n), today - timedelta(days=1))
                for n in sorted(set(windows))
            }
        ),
        # No score before a clock has had a whole day.
        score=series[-1] if series and clock.clean_since < today else None,
        weekly_scores=weekly,
    )
