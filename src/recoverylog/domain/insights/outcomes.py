"""Outcomes: cravings that passed, cravings where the person used, how long they
lasted, and the lapses recorded in the period. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from recoverylog.domain.insights.measures import average, fraction, intensity_of
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Clock, Entry, EntryType, Lapse, Outcome
from recoverylog.domain.moments import day_of

INTENSITY_BANDS = ((0, 3), (4, 6), (7, 10))


@dataclass(frozen=True)
class IntensityBand:
    """Cravings whose starting intensity was from ``low`` to ``high``, by outcome."""

    low: int
    high: int
    passed: int
    used: int
    unknown: int

    @property
    def count(self) -> int:
        return self.passed + self.used + self.unknown


@dataclass(frozen=True)
class OutcomeStats:
    """Cravings that passed, cravings where the person used, and how long they lasted."""

    cravings: int
    passed: int
    used: int
    unknown: int
    average_duration_min: float | None
    with_duration: int  # cravings that have a duration
    average_intensity_passed: float | None
    average_intensity_used: float | None
    bands: tuple[IntensityBand, ...]  # 0-3, 4-6, 7-10

    @property
    def pass_rate(self) -> float | None:
        """Passed / (passed + used): cravings without an outcome are left out."""
        return fraction(self.passed, self.passed + self.used)


class OutcomeTally:
    """Outcomes, durations and starting intensities of the cravings added."""

    def __init__(self) -> None:
        self.counts = {"passed": 0, "used": 0, "unknown": 0}
        self.intensity = {"passed": 0, "used": 0, "unknown": 0}
        self.bands = [dict.fromkeys(("passed", "used", "unknown"), 0) for _ in INTENSITY_BANDS]
        self.duration_total = 0
        self.durations = 0

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        outcome = entry.data.get("outcome")
        bucket = outcome if outcome in (Outcome.PASSED, Outcome.USED) else "unknown"
        bucket = str(bucket)
        value = intensity_of(entry)
        self.counts[bucket] += 1
        self.intensity[bucket] += value
        for i, (low, high) in enumerate(INTENSITY_BANDS):
            if low <= value <= high:
                self.bands[i][bucket] += 1
        minutes = entry.data.get("duration_min")
        if isinstance(minutes, int | float) and not isinstance(minutes, bool):
            self.duration_total += int(minutes)
            self.durations += 1

    def merge(self, other: OutcomeTally) -> None:
        for bucket in self.counts:
            self.counts[bucket] += other.counts[bucket]
            self.intensity[bucket] += other.intensity[bucket]
            for band, more in zip(self.bands, other.bands, strict=True):
                band[bucket] += more[bucket]
        self.duration_total += other.duration_total
        self.durations += other.durations

    def result(self) -> OutcomeStats:
        c = self.counts
        return OutcomeStats(
            cravings=sum(c.values()),
            passed=c["passed"],
            used=c["used"],
            unknown=c["unknown"],
            average_duration_min=average(self.duration_total, self.durations),
            with_duration=self.durations,
            average_intensity_passed=average(self.intensity["passed"], c["passed"]),
            average_intensity_used=average(self.intensity["used"], c["used"]),
            bands=tuple(
                IntensityBand(low, high, b["passed"], b["used"], b["unknown"])
                for (low, high), b in zip(INTENSITY_BANDS, self.bands, strict=True)
            ),
        )


def lapses_in(clocks: Iterable[Clock], period: Period, tz: tzinfo) -> list[tuple[str, Lapse]]:
    """(clock name, lapse) for each lapse whose local day falls in the period, oldest first."""
    found = [
        (clock.name, lapse)
        for clock in clocks
        for lapse in clock.lapses
        if period.contains(day_of(lapse.at))
    ]
    found.sort(key=lambda pair: pair[1].at)
    return found
