"""The small tallies that everyday commands show: the last days at a glance (status)
and how each coping technique has done (coping list). Pure: no I/O, no clock reads.

Kept apart from insights, which holds the full analysis, so that status loads only
what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from recoverylog.domain.model import Entry, EntryType, Outcome


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


class PeriodSummary(NamedTuple):
    cravings: int
    average_intensity: float | None
    peak_intensity: int | None
    passed: int
    used: int
    meetings: int
    contacts: int
    notes: int


def summarise(entries: Iterable[Entry]) -> PeriodSummary:
    intensities: list[int] = []
    counts = {t: 0 for t in EntryType}
    passed = used = 0
    for entry in entries:
        counts[entry.type] += 1
        if entry.type is EntryType.CRAVING:
            intensities.append(int(entry.data.get("intensity", 0)))
            outcome = entry.data.get("outcome")
            passed += outcome == Outcome.PASSED
            used += outcome == Outcome.USED
    return PeriodSummary(
        cravings=counts[EntryType.CRAVING],
        average_intensity=round(_mean(intensities), 1) if intensities else None,
        peak_intensity=max(intensities) if intensities else None,
        passed=passed,
        used=used,
        meetings=counts[EntryType.MEETING],
        contacts=counts[EntryType.CONTACT],
        notes=counts[EntryType.NOTE],
    )


class TechniqueStats(NamedTuple):
    name: str
    times_used: int
    average_helped: float | None
    cravings_with_outcome: int  # cravings where it was used and the outcome is known
    cravings_passed: int

    @property
    def pass_rate(self) -> float | None:
        if not self.cravings_with_outcome:
            return None
        return self.cravings_passed / self.cravings_with_outcome


def technique_stats(entries: Sequence[Entry], toolkit: Iterable[str]) -> list[TechniqueStats]:
    """Per technique in the toolkit or the entries: uses, helpfulness, pass rate, counted
    exactly as insights counts them (one implementation: insights.coping.coping_uses); toolkit
    techniques never used are listed with no uses."""
    from recoverylog.domain.insights.coping import coping_uses

    names = list(toolkit)
    effects = {e.name.casefold(): e for e in coping_uses(entries, names)}
    stats = [
        TechniqueStats(
            name=e.name,
            times_used=e.times_used,
            average_helped=e.average_helped,
            cravings_with_outcome=e.known_with,
            cravings_passed=e.passed_with,
        )
        for e in effects.values()
    ]
    for name in names:
        if " ".join(name.split()).casefold() not in effects:
            stats.append(TechniqueStats(name, 0, None, 0, 0))
    stats.sort(key=lambda s: (-s.times_used, s.name.casefold()))
    return stats
