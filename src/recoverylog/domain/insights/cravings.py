"""Cravings: how many, how strong, the trend against the period before, and the
counts by day, week and month. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from recoverylog.domain.insights.measures import average, fraction, intensity_of
from recoverylog.domain.insights.period import Period, tally
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of


@dataclass(frozen=True)
class CravingStats:
    """How many cravings, their average and peak intensity (0-10)."""

    count: int
    average_intensity: float | None
    peak_intensity: int | None


class CravingTally:
    """Count, total and peak intensity of the cravings added."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0
        self.peak: int | None = None

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        value = intensity_of(entry)
        self.count += 1
        self.total += value
        self.peak = value if self.peak is None else max(self.peak, value)

    def merge(self, other: CravingTally) -> None:
        """Add the counts of ``other``, as if its cravings had been added here."""
        self.count += other.count
        self.total += other.total
        self.peak = _highest(self.peak, other.peak)

    def result(self) -> CravingStats:
        return CravingStats(self.count, average(self.total, self.count), self.peak)


@dataclass(frozen=True)
class CravingTrend:
    """This period's cravings beside the previous period of the same length."""

    period: Period
    current: CravingStats
    previous_period: Period
    previous: CravingStats
    # The first day anything was tracked (first entry or first clock), if known.
    tracked_since: date | None = None

    @property
    def comparable(self) -> bool:
        """False when the period before lies wholly before tracking began."""
        return self.tracked_since is None or self.previous_period.until >= self.tracked_since

    @property
    def previous_partly_tracked(self) -> bool:
        """The period before began before tracking did (part of it has no data)."""
        return (
            self.comparable
            and self.tracked_since is not None
            and self.previous_period.since < self.tracked_since
        )

    @property
    def intensity_change(self) -> float | None:
        """Average intensity this period minus the period before (None if either is)."""
        now, then = self.current.average_intensity, self.previous.average_intensity
        return None if now is None or then is None else round(now - then, 1)

    @property
    def change(self) -> int:
        """Cravings this period minus cravings the period before."""
        return self.current.count - self.previous.count

    @property
    def change_share(self) -> float | None:
        """The change as a fraction of the previous count (None if there were none)."""
        return fraction(self.change, self.previous.count)

    @property
    def direction(self) -> str:
        """'fewer', 'more' or 'same' than the period before."""
        if self.change < 0:
            return "fewer"
        return "more" if self.change > 0 else "same"


@dataclass(frozen=True)
class DayCravings:
    """Cravings on one local calendar day."""

    day: date
    count: int
    average_intensity: float | None
    peak_intensity: int | None


@dataclass(frozen=True)
class SpanCravings:
    """Cravings in a run of days (a calendar week or month), clipped to the period."""

    start: date
    end: date
    count: int
    average_intensity: float | None
    peak_intensity: int | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


WeekCravings = SpanCravings  # Monday to Sunday
MonthCravings = SpanCravings


class CravingDayTally:
    """The cravings of each day of a period, which also add up to weeks and months."""

    def __init__(self, period: Period) -> None:
        self.since = period.since
        size = period.days
        self.counts = [0] * size
        self.totals = [0] * size
        self.peaks: list[int | None] = [None] * size

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        index = (day_of(local) - self.since).days
        value = intensity_of(entry)
        self.counts[index] += 1
        self.totals[index] += value
        peak = self.peaks[index]
        self.peaks[index] = value if peak is None else max(peak, value)

    def merge(self, other: CravingDayTally) -> None:
        """Add the days of ``other``, a tally of the same period."""
        if other.since != self.since or len(other.counts) != len(self.counts):
            raise ValueError("only tallies of the same period can be merged")
        for i, count in enumerate(other.counts):
            self.counts[i] += count
            self.totals[i] += other.totals[i]
            self.peaks[i] = _highest(self.peaks[i], other.peaks[i])

    def days(self) -> list[DayCravings]:
        return [
            DayCravings(
                self.since + timedelta(days=i),
                count,
                average(self.totals[i], count),
                self.peaks[i],
            )
            for i, count in enumerate(self.counts)
        ]

    def weeks(self) -> list[WeekCravings]:
        return self._spans(lambda day: day - timedelta(days=day.weekday()))

    def months(self) -> list[MonthCravings]:
        return self._spans(lambda day: (day.year, day.month))

    def _spans(self, span_of: Callable[[date], object]) -> list[SpanCravings]:
        """Consecutive days grouped by ``span_of(day)``: one row per week or month."""
        out: list[SpanCravings] = []
        days = self.days()
        i = 0
        while i < len(days):
            j = i
            while j < len(days) and span_of(days[j].day) == span_of(days[i].day):
                j += 1
            out.append(_span(days[i:j], sum(self.totals[i:j])))
            i = j
        return out


def _highest(first: int | None, second: int | None) -> int | None:
    """The higher of two peaks, either of which may be unknown."""
    if first is None or second is None:
        return second if first is None else first
    return max(first, second)


def _span(days: Sequence[DayCravings], total: int) -> SpanCravings:
    """Consecutive days as one row; ``total``: the sum of their intensities."""
    count = sum(d.count for d in days)
    peaks = [d.peak_intensity for d in days if d.peak_intensity is not None]
    peak = max(peaks) if peaks else None
    return SpanCravings(days[0].day, days[-1].day, count, average(total, count), peak)


def cravings_by_day(entries: Iterable[Entry], period: Period, tz: tzinfo) -> list[DayCravings]:
    """One row per local day of the period (days with no cravings included)."""
    return tally(CravingDayTally(period), entries, period, tz).days()
