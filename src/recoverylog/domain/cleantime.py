"""Clean time: runs between lapses, totals, and the headline count. Pure.

Days clean on date D = D - start in local calendar days (0 on the start date itself).
When a run began at a known moment ("since 22:00"), it counts real time instead: hours
and minutes during its first 24 hours, then whole days (see ``moments``).
A lapse on day L ends the run (its clean days are L - start) and the next run begins
on the lapse's restart date. History is never discarded: totals and the longest run
are always shown beside the current run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

from recoverylog.domain.model import Clock, Lapse
from recoverylog.domain.moments import as_of, day_of, elapsed, whole_days


class Run(NamedTuple):
    start: date
    end: date | None  # the lapse day that ended it; None for the current run
    days: int  # whole clean days in the run
    start_at: datetime | None = None  # the moment it began, when that is known

    @property
    def current(self) -> bool:
        return self.end is None


class CleanTime(NamedTuple):
    runs: list[Run]
    current_days: int  # days in the current run (0 before a planned start)
    headline_start: date  # what milestones count from (per the clock's choice)
    headline_days: int
    total_clean_days: int
    longest_run_days: int
    elapsed_days: int  # days since the first clean day
    lapse_count: int  # recorded lapses (see lapses_between)
    started: bool  # False while a planned quit date is still ahead
    headline_start_at: datetime | None = None  # the moment milestones count from, if known
    # Real minutes since headline_start_at (None when only the day is known): day one is
    # shown in hours and minutes.
    headline_minutes: int | None = None

    @property
    def share_clean(self) -> float | None:
        """Clean days / elapsed days since the first clean day; None on day 0."""
        if self.elapsed_days <= 0:
            return None
        return min(1.0, self.total_clean_days / self.elapsed_days)

    @property
    def in_day_one(self) -> bool:
        """True during the first 24 hours of a run that began at a known moment."""
        return self.headline_minutes is not None and self.headline_days == 0


def _zone(clock: Clock, tz: tzinfo | None) -> tzinfo:
    if tz is not None:
        return tz
    return (
        clock.clean_since_at.tzinfo if clock.clean_since_at and clock.clean_since_at.tzinfo else UTC
    )


def _local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    return None if moment is None else moment.astimezone(tz)


def _days(start: date, start_at: datetime | None, end: date, end_at: datetime) -> int:
    """Whole clean days from a run's start to a day (and the moment on it)."""
    if start_at is not None:
        return whole_days(start_at, end_at)
    return max(0, (end - start).days)


def _restart(lapse: Lapse, lapse_day: date, zone: tzinfo) -> tuple[date, datetime | None]:
    """Where the run after a lapse begins: at the moment given, if it is after the lapse;
    else on the restart day, never before the day after the lapse (the lapse day is
    not a clean day)."""
    if lapse.restart_at is not None and lapse.restart_at > lapse.at:
        return lapse.restart, _local(lapse.restart_at, zone)
    return max(lapse.restart, lapse_day + timedelta(days=1)), None


def compute_runs(
    clock: Clock, today: date, tz: tzinfo | None = None, now: datetime | None = None
) -> list[Run]:
    """Split the clock's history up to ``today`` into runs, oldest first, ending with the
    run that is current on ``today``. Lapses after ``today`` are not yet history: a
    report that ends on an earlier day sees the clock as it was on that day.

    A run that began at a known moment counts real time up to ``now`` (when ``today`` is
    its day; else to the end of ``today``) or to the lapse that ended it."""
    zone = _zone(clock, tz)
    moment = as_of(today, now, zone)
    runs: list[Run] = []
    start, start_at = clock.clean_since, _local(clock.clean_since_at, zone)
    for lapse in clock.sorted_lapses():
        lapse_day = day_of(lapse.at)
        if lapse_day > today:
            break  # lapses are sorted: the rest are later still
        if lapse_day < start:
            if runs and lapse.restart > start:  # a lapse in the gap: its restart still counts
                start, start_at = lapse.restart, _local(lapse.restart_at, zone)
            continue  # a lapse before the clock began changes nothing
        runs.append(Run(start, lapse_day, _days(start, start_at, lapse_day, lapse.at), start_at))
        start, start_at = _restart(lapse, lapse_day, zone)
    runs.append(Run(start, None, _days(start, start_at, today, moment), start_at))
    return runs


def clean_time(
    clock: Clock, today: date, tz: tzinfo | None = None, now: datetime | None = None
) -> CleanTime:
    """Clean time on ``today``; pass ``now`` (the current moment) when ``today`` is today,
    so that a clock started at a known moment counts the hours up to now."""
    zone = _zone(clock, tz)
    moment = as_of(today, now, zone)
    runs = compute_runs(clock, today, tz, now)
    current = runs[-1]
    first_at = _local(clock.clean_since_at, zone)
    started = today >= clock.clean_since if first_at is None else moment >= first_at
    if clock.reset_on_lapse:
        headline_start, headline_at = current.start, current.start_at
    else:
        headline_start, headline_at = clock.clean_since, first_at
    minutes = None
    if headline_at is not None:
        minutes = max(0, int(elapsed(headline_at, moment).total_seconds() // 60))
    return CleanTime(
        runs=runs,
        current_days=current.days,
        headline_start=headline_start,
        headline_days=_days(headline_start, headline_at, today, moment),
        total_clean_days=sum(run.days for run in runs),
        longest_run_days=max(run.days for run in runs),
        elapsed_days=_days(clock.clean_since, first_at, today, moment),
        lapse_count=lapses_between(clock, clock.clean_since, today),
        started=started,
        headline_start_at=headline_at,
        headline_minutes=minutes,
    )


def lapses_between(clock: Clock, first: date, last: date) -> int:
    """The count of lapses everywhere it is shown: lapses recorded on a day from
    ``first`` to ``last`` (two on one day count two), none before the clock began."""
    first = max(first, clock.clean_since)
    return sum(1 for lapse in clock.lapses if first <= day_of(lapse.at) <= last)
