"""The small tallies that everyday commands show: the last days at a glance (status)
and how each coping technique has done (coping list). Pure: no I/O, no clock reads.

Kept apart from insights, which holds the full analysis, so that status loads only
what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recoverylog.domain.model import Entry, EntryType, Outcome


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


@dataclass(frozen=True)
class PeriodSummary:
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


@dataclass(frozen=True)
class TechniqueStats:
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
    """Per technique: uses (coping entries and cravings naming it), helpfulness, pass rate."""
    cravings = {e.id: e for e in entries if e.type is EntryType.CRAVING}
    uses: dict[str, int] = {}
    ratings: dict[str, list[int]] = {}
    outcomes: dict[str, dict[str, str | None]] = {}  # technique -> craving id -> outcome
    names: dict[str, str] = {}

    def seen(name: str) -> str:
        key = name.casefold()
        names.setdefault(key, name)
        return key

    for name in toolkit:
        seen(name)
    for entry in entries:
        if entry.type is EntryType.CRAVING:
            for technique in entry.data.get("coping", []):
                key = seen(technique)
                uses[key] = uses.get(key, 0) + 1
                outcomes.setdefault(key, {})[entry.id] = entry.data.get("outcome")
        elif entry.type is EntryType.COPING:
            key = seen(entry.data["technique"])
            uses[key] = uses.get(key, 0) + 1
            if entry.data.get("helped") is not None:
                ratings.setdefault(key, []).append(int(entry.data["helped"]))
            linked = cravings.get(entry.data.get("craving_id") or "")
            if linked is not None:
                outcomes.setdefault(key, {})[linked.id] = linked.data.get("outcome")
    stats = []
    for key, name in names.items():
        known = [o for o in outcomes.get(key, {}).values() if o is not None]
        stats.append(
            TechniqueStats(
                name=name,
                times_used=uses.get(key, 0),
                average_helped=round(_mean(ratings[key]), 1) if key in ratings else None,
                cravings_with_outcome=len(known),
                cravings_passed=sum(o == Outcome.PASSED for o in known),
            )
        )
    stats.sort(key=lambda s: (-s.times_used, s.name.casefold()))
    return stats
