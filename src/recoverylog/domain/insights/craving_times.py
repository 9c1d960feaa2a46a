"""When cravings come: by weekday and time of day, and how strong by hour. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from recoverylog.domain.insights.cravings import CravingTally
from recoverylog.domain.insights.period import Period, tally
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BLOCK_HOURS = 4
# Parts of the day for each 4-hour block, in words for the screen and the report.
DAY_PARTS = ("night", "early morning", "morning", "afternoon", "early evening", "evening")
MIN_CRAVINGS_FOR_PATTERNS = 3  # below this, "most often" would read too much into chance


def block_label(block: int, hours: int = BLOCK_HOURS) -> str:
    """'20:00–24:00' for block 5 of 4 hours."""
    return f"{block * hours:02d}:00–{(block + 1) * hours:02d}:00"


@dataclass(frozen=True)
class TimeOfDay:
    """Craving counts by local weekday (Monday first) and local hour (0-23); an hour
    that repeats when the clocks go back counts twice."""

    grid: tuple[tuple[int, ...], ...]  # 7 rows x 24 hours

    @property
    def total(self) -> int:
        return sum(map(sum, self.grid))

    @property
    def by_weekday(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.grid)

    @property
    def by_hour(self) -> tuple[int, ...]:
        return tuple(sum(row[h] for row in self.grid) for h in range(24))

    def blocks(self, hours: int = BLOCK_HOURS) -> tuple[tuple[int, ...], ...]:
        """7 rows x (24 / hours) blocks; block b covers hours b*hours to (b+1)*hours."""
        if hours < 1 or 24 % hours:
            raise ValueError("hours must divide 24")
        return tuple(
            tuple(sum(row[b : b + hours]) for b in range(0, 24, hours)) for row in self.grid
        )

    def by_block(self, hours: int = BLOCK_HOURS) -> tuple[int, ...]:
        return tuple(sum(col) for col in zip(*self.blocks(hours), strict=True))

    def busiest_weekday(self) -> int | None:
        """Index (0 = Monday) of the weekday with the most cravings; earliest on a tie."""
        counts = self.by_weekday
        return None if not any(counts) else counts.index(max(counts))

    def busiest_cell(self, hours: int = BLOCK_HOURS) -> tuple[int, int, int] | None:
        """(weekday, block, count) of the fullest weekday x block cell; earliest on a tie."""
        best: tuple[int, int, int] | None = None
        for day, row in enumerate(self.blocks(hours)):
            for block, count in enumerate(row):
                if count and (best is None or count > best[2]):
                    best = (day, block, count)
        return best


class TimeTally:
    """Cravings by local weekday and hour."""

    def __init__(self) -> None:
        self.grid = [[0] * 24 for _ in range(7)]

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            self.grid[day_of(local).weekday()][local.hour] += 1

    def merge(self, other: TimeTally) -> None:
        for row, more in zip(self.grid, other.grid, strict=True):
            for hour, count in enumerate(more):
                row[hour] += count

    def result(self) -> TimeOfDay:
        return TimeOfDay(tuple(tuple(row) for row in self.grid))


@dataclass(frozen=True)
class HourIntensity:
    """Cravings that began in one local hour of the day (0-23), and how strong they were."""

    hour: int
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class HourTally:
    """The count, average and peak intensity of cravings by the local hour they began."""

    def __init__(self) -> None:
        self.hours = [CravingTally() for _ in range(24)]

    def add(self, entry: Entry, local: datetime) -> None:
        self.hours[local.hour].add(entry, local)

    def merge(self, other: HourTally) -> None:
        for counter, more in zip(self.hours, other.hours, strict=True):
            counter.merge(more)

    def result(self) -> tuple[HourIntensity, ...]:
        return tuple(
            HourIntensity(hour, stats.count, stats.average_intensity, stats.peak_intensity)
            for hour, stats in enumerate(counter.result() for counter in self.hours)
        )


def intensity_by_hour(
    entries: Iterable[Entry], period: Period, tz: tzinfo
) -> tuple[HourIntensity, ...]:
    """24 rows, one per local hour: the count, average and peak intensity of the
    period's cravings that began in that hour (every day of the period together)."""
    return tally(HourTally(), entries, period, tz).result()
