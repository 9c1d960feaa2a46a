"""What sets cravings off: triggers named in cravings and trigger entries, their kinds,
and the HALT states (hungry, angry, lonely, tired). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from recoverylog.domain.insights.measures import average, fraction, intensity_of, name_key
from recoverylog.domain.model import Entry, EntryType, Halt

HALT_STATES = tuple(h.value for h in Halt)


@dataclass(frozen=True)
class TriggerStat:
    """One trigger: mentions in cravings and trigger entries, and how strong it was."""

    name: str
    count: int  # craving mentions + trigger entries
    cravings: int  # cravings that named it
    average_intensity: float | None  # of those cravings
    kind: str | None  # from the latest trigger entry with this text and a kind


@dataclass(frozen=True)
class KindStat:
    """A kind of trigger: trigger entries of that kind plus craving mentions of trigger
    texts logged with that kind; the average intensity of those cravings."""

    kind: str
    count: int
    average_intensity: float | None = None


@dataclass(frozen=True)
class TriggerSummary:
    """Triggers, most frequent first, and trigger kinds (people, place, emotion...)."""

    triggers: tuple[TriggerStat, ...]
    kinds: tuple[KindStat, ...]


class TriggerTally:
    """Triggers named in cravings and trigger entries; names compare case-insensitively
    and the earliest spelling is shown."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[datetime, str]] = {}  # key -> (earliest time, spelling)
        self.counts: dict[str, int] = {}
        self.cravings: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.kinds: dict[str, tuple[datetime, str]] = {}  # key -> (latest time, kind)
        self.entry_kinds: dict[str, dict[str, int]] = {}  # key -> kind -> trigger entries

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            self._add_craving(entry)
        elif entry.type is EntryType.TRIGGER:
            self._add_trigger(entry)

    def _seen(self, name: str, at: datetime) -> str | None:
        key = name_key(name)
        if not key:
            return None
        known = self.names.get(key)
        if known is None or at < known[0]:
            self.names[key] = (at, " ".join(name.split()))
        self.counts[key] = self.counts.get(key, 0) + 1
        return key

    def _add_craving(self, entry: Entry) -> None:
        value = intensity_of(entry)
        named: dict[str, str] = {}
        for name in entry.data.get("triggers") or []:
            named.setdefault(name_key(str(name)), str(name))
        for name in named.values():  # each trigger once per craving
            key = self._seen(name, entry.at)
            if key is not None:
                self.cravings[key] = self.cravings.get(key, 0) + 1
                self.totals[key] = self.totals.get(key, 0) + value

    def _add_trigger(self, entry: Entry) -> None:
        key = self._seen(str(entry.data.get("text") or ""), entry.at)
        kind = entry.data.get("kind")
        if key is None or not kind:
            return
        latest = self.kinds.get(key)
        if latest is None or entry.at >= latest[0]:
            self.kinds[key] = (entry.at, str(kind))
        per = self.entry_kinds.setdefault(key, {})
        per[str(kind)] = per.get(str(kind), 0) + 1

    def merge(self, other: TriggerTally) -> None:
        """Add the triggers of ``other``, fed after this one: the earlier spelling and
        the later kind win, as when the entries come one after another."""
        for key, (at, spelling) in other.names.items():
            known = self.names.get(key)
            if known is None or at < known[0]:
                self.names[key] = (at, spelling)
        for mine, theirs in (
            (self.counts, other.counts),
            (self.cravings, other.cravings),
            (self.totals, other.totals),
        ):
            _add_counts(mine, theirs)
        for key, (at, kind) in other.kinds.items():
            latest = self.kinds.get(key)
            if latest is None or at >= latest[0]:
                self.kinds[key] = (at, kind)
        for key, per in other.entry_kinds.items():
            _add_counts(self.entry_kinds.setdefault(key, {}), per)

    def result(self, limit: int | None) -> TriggerSummary:
        """The ``limit`` most frequent triggers (all when None), and every kind."""
        stats = self._stats()
        return TriggerSummary(tuple(stats[:limit] if limit is not None else stats), self._kinds())

    def _stats(self) -> list[TriggerStat]:
        """Most frequent first; on a tie, the stronger, then by name."""
        stats = [
            TriggerStat(
                name=spelling,
                count=self.counts[key],
                cravings=self.cravings.get(key, 0),
                average_intensity=average(self.totals.get(key, 0), self.cravings.get(key, 0)),
                kind=self.kinds[key][1] if key in self.kinds else None,
            )
            for key, (_, spelling) in self.names.items()
        ]
        stats.sort(key=lambda t: (-t.count, -(t.average_intensity or 0), t.name.casefold()))
        return stats

    def _kinds(self) -> tuple[KindStat, ...]:
        """Each trigger entry counts under its own kind; craving mentions count under the
        kind their trigger text was given in a trigger entry."""
        kinds: dict[str, int] = {}
        mentions: dict[str, int] = {}  # kind -> craving mentions
        totals: dict[str, int] = {}  # kind -> their intensities
        for key, per in self.entry_kinds.items():
            for kind, count in per.items():
                kinds[kind] = kinds.get(kind, 0) + count
            if key in self.kinds and self.cravings.get(key):
                kind = self.kinds[key][1]
                kinds[kind] = kinds.get(kind, 0) + self.cravings[key]
                mentions[kind] = mentions.get(kind, 0) + self.cravings[key]
                totals[kind] = totals.get(kind, 0) + self.totals.get(key, 0)
        ordered = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(
            KindStat(k, c, average(totals.get(k, 0), mentions.get(k, 0))) for k, c in ordered
        )


def _add_counts(counts: dict[str, int], more: Mapping[str, int]) -> None:
    for key, count in more.items():
        counts[key] = counts.get(key, 0) + count


# --- HALT ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HaltStats:
    """How often each HALT state (hungry, angry, lonely, tired) was part of a craving."""

    cravings: int
    with_any: int  # cravings with at least one HALT state
    counts: Mapping[str, int]  # state -> cravings, in HALT order

    def share(self, state: str) -> float | None:
        return fraction(self.counts.get(state, 0), self.cravings)

    def most_common(self) -> str | None:
        """The state named most often (HALT order on a tie), or None if none were."""
        best = max(HALT_STATES, key=lambda s: self.counts[s])
        return best if self.counts[best] else None


class HaltTally:
    """HALT states across the cravings added."""

    def __init__(self) -> None:
        self.cravings = 0
        self.with_any = 0
        self.counts = dict.fromkeys(HALT_STATES, 0)

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        self.cravings += 1
        states = {str(s).casefold() for s in entry.data.get("halt") or []} & self.counts.keys()
        if states:
            self.with_any += 1
        for state in states:
            self.counts[state] += 1

    def merge(self, other: HaltTally) -> None:
        self.cravings += other.cravings
        self.with_any += other.with_any
        for state, count in other.counts.items():
            self.counts[state] += count

    def result(self) -> HaltStats:
        return HaltStats(self.cravings, self.with_any, MappingProxyType(dict(self.counts)))
