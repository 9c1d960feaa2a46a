"""Clean time: runs between lapses, totals, and the headline count. Pure.

Days clean on date D = D - start in local calendar days (0 on the start date itself).
A lapse on day L ends the run (its clean days are L - start) and the next run begins
on the lapse's restart date. History is never discarded: totals and the longest run
are always shown beside the current run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from recoverylog.domain.model import Clock


@dataclass(frozen=True)
class Run:
    start: date
    end: date | None  # the lapse day that ended it; None for the current run
    days: int  # whole clean days in the run

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class CleanTime:
    runs: list[Run]
    current_days: int  # days in the current run (0 before a planned start)
    headline_start: date  # what milestones count from (per the clock's choice)
    headline_days: int
    total_clean_days: int
    longest_run_days: int
    elapsed_days: int  # days since the first clean day
    lapse_count: int
    started: bool  # False while a planned quit date is still ahead

    @property
    def share_clean(self) -> float | None:
        """Clean days / elapsed days since the first clean day; None on day 0."""
        if self.elapsed_days <= 0:
            return None
        return min(1.0, self.total_clean_days / self.elapsed_days)


def compute_runs(clock: Clock, today: date, tz: tzinfo | None = None) -> list[Run]:
    """Split the clock's history up to ``today`` into runs, oldest first, ending with the
    run that is current on ``today``. Lapses after ``today`` are not yet history: a
    report that ends on an earlier day sees the clock as it was on that day."""
    runs: list[Run] = []
    start = clock.clean_since
    for lapse in clock.sorted_lapses():
        lapse_day = lapse.at.astimezone(tz).date() if tz else lapse.at.date()
        if lapse_day > today:
            break  # lapses are sorted: the rest are later still
        if lapse_day < start:
            if runs:  # a lapse in the gap before the next run: its restart still counts
                start = max(start, lapse.restart)
            continue  # a lapse before the clock began changes nothing
        runs.append(Run(start, lapse_day, (lapse_day - start).days))
        start = max(lapse.restart, lapse_day)
    runs.append(Run(start, None, max(0, (today - start).days)))
    return runs


def clean_time(clock: Clock, today: date, tz: tzinfo | None = None) -> CleanTime:
    runs = compute_runs(clock, today, tz)
    current = runs[-1]
    started = today >= clock.clean_since
    headline_start = current.start if clock.reset_on_lapse else clock.clean_since
    headline_days = max(0, (today - headline_start).days)
    return CleanTime(
        runs=runs,
        current_days=current.days,
        headline_start=headline_start,
        headline_days=headline_days,
        total_clean_days=sum(run.days for run in runs),
        longest_run_days=max(run.days for run in runs),
        elapsed_days=max(0, (today - clock.clean_since).days),
        lapse_count=len(runs) - 1,
        started=started,
    )


def day_status(clock: Clock, day: date, tz: tzinfo | None = None) -> str:
    """'before' the clock, 'lapse' on a lapse day, else 'clean' (gaps count as not clean)."""
    if day < clock.clean_since:
        return "before"
    for run in compute_runs(clock, day, tz):
        if run.end == day:
            return "lapse"
        if run.start <= day and (run.end is None or day < run.end):
            return "clean"
    return "gap"
