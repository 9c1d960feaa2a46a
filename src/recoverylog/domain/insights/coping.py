"""What helps: each coping technique, how often it was used, and how often the craving
passed with it and without it. Pure.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from recoverylog.domain.insights.measures import average, fraction, name_key
from recoverylog.domain.insights.period import Period, tally
from recoverylog.domain.model import Entry, EntryType, Outcome

ENOUGH_USES = 5  # fewer uses than this is too little data to say whether a technique works


@dataclass(frozen=True)
class CopingEffect:
    """One technique: how often it was used and how often the craving passed with it
    and without it, and how helpful the person rated it (1-5)."""

    name: str
    times_used: int  # cravings it was used in + coping entries not tied to one of them
    cravings: int  # cravings in the period it was used in
    passed_with: int
    known_with: int  # of those cravings, how many have an outcome
    passed_without: int
    known_without: int  # cravings with an outcome where it was not used
    average_helped: float | None
    ratings: int

    @property
    def enough_data(self) -> bool:
        """True from ENOUGH_USES uses; with fewer it is too early to say."""
        return self.times_used >= ENOUGH_USES

    @property
    def pass_rate_with(self) -> float | None:
        return fraction(self.passed_with, self.known_with)

    @property
    def pass_rate_without(self) -> float | None:
        return fraction(self.passed_without, self.known_without)

    @property
    def rank_score(self) -> float:
        """What the ranking uses: the pass rate when used, pulled towards one half when
        there are few outcomes ((passed + 1) / (known + 2)), so one lucky use does not
        outrank a technique that worked 19 times out of 20."""
        return (self.passed_with + 1) / (self.known_with + 2)


@dataclass
class _Uses:
    """One technique's counts while they are added up."""

    cravings: int = 0
    passed: int = 0
    known: int = 0
    loose: int = 0  # coping entries tied to no craving of the period

    def add(self, outcome: str | None, times: int = 1) -> None:
        self.cravings += times
        self.known += times * (outcome in (Outcome.PASSED, Outcome.USED))
        self.passed += times * (outcome == Outcome.PASSED)


# A craving as coping counts it: its outcome, and the techniques it names (by key).
CravingKind = tuple[str | None, frozenset[str]]


class CopingTally:
    """Techniques named in cravings and in coping entries, with the cravings' outcomes."""

    def __init__(self, spelling: Iterable[str] = ()) -> None:
        # The toolkit's spelling of a name wins over how an entry happened to write it.
        self.spelling = {name_key(name): " ".join(name.split()) for name in spelling}
        self.names: dict[str, str] = {}
        # Cravings are counted by the years, and only a few outcome and technique
        # combinations recur: each craving keeps the index of its own in ``kinds``.
        self.kinds: dict[CravingKind, int] = {}
        self.cravings: dict[str, int] = {}  # craving id -> index in kinds
        self.links: list[tuple[str, str]] = []  # (technique key, craving id)
        self.loose: dict[str, int] = {}  # coping entries with no craving link
        self.ratings: dict[str, list[int]] = {}

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            keys = frozenset(k for n in entry.data.get("coping") or [] if (k := self._key(str(n))))
            outcome = entry.data.get("outcome")
            kind = (str(outcome) if outcome else None, keys)
            self.cravings[entry.id] = self.kinds.setdefault(kind, len(self.kinds))
        elif entry.type is EntryType.COPING:
            self._add_coping(entry)

    def _key(self, name: str) -> str | None:
        key = name_key(name)
        if key:
            self.names.setdefault(key, self.spelling.get(key) or " ".join(name.split()))
        return key or None

    def _add_coping(self, entry: Entry) -> None:
        key = self._key(str(entry.data.get("technique") or ""))
        if key is None:
            return
        helped = entry.data.get("helped")
        if isinstance(helped, int | float) and not isinstance(helped, bool):
            self.ratings.setdefault(key, []).append(int(helped))
        craving = entry.data.get("craving_id")
        if craving:
            self.links.append((key, str(craving)))
        else:
            self.loose[key] = self.loose.get(key, 0) + 1

    def merge(self, other: CopingTally) -> None:
        """Add the techniques and cravings of ``other``, fed after this one: the first
        spelling seen wins, and a craving seen again keeps its later outcome."""
        for key, name in other.names.items():
            self.names.setdefault(key, name)
        index = [self.kinds.setdefault(kind, len(self.kinds)) for kind in other.kinds]
        for craving_id, theirs in other.cravings.items():
            self.cravings[craving_id] = index[theirs]
        self.links.extend(other.links)
        for key, count in other.loose.items():
            self.loose[key] = self.loose.get(key, 0) + count
        for key, ratings in other.ratings.items():
            self.ratings.setdefault(key, []).extend(ratings)

    def result(self) -> list[CopingEffect]:
        """Every technique, what works best first (see ``coping_effectiveness``)."""
        uses = self._uses()
        every = _Uses()
        for (outcome, _), times in zip(self.kinds, self._kind_counts(), strict=True):
            every.add(outcome, times)
        known_all, passed_all = every.known, every.passed
        effects = [
            self._effect(key, name, uses[key], passed_all, known_all)
            for key, name in self.names.items()
        ]
        effects.sort(key=_best_first)
        return effects

    def _uses(self) -> dict[str, _Uses]:
        """Each technique's cravings and outcomes. A coping entry tied to a craving adds
        the technique to it (once); tied to a craving outside the period, it is still a use."""
        uses = {key: _Uses(loose=self.loose.get(key, 0)) for key in self.names}
        linked: dict[str, set[str]] = {}
        for key, craving_id in self.links:
            if craving_id in self.cravings:
                linked.setdefault(craving_id, set()).add(key)
            else:
                uses[key].loose += 1
        kinds = list(self.kinds)
        for craving_id, keys in linked.items():
            outcome, named = kinds[self.cravings[craving_id]]
            for key in named | keys:
                uses[key].add(outcome)
        unlinked = self._kind_counts(skip=linked)
        for (outcome, named), times in zip(kinds, unlinked, strict=True):
            for key in named:
                uses[key].add(outcome, times)
        return uses

    def _kind_counts(self, skip: Container[str] = ()) -> list[int]:
        """How many cravings there are of each kind, leaving out the ``skip`` ids."""
        counts = [0] * len(self.kinds)
        for craving_id, index in self.cravings.items():
            if craving_id not in skip:
                counts[index] += 1
        return counts

    def _effect(
        self, key: str, name: str, uses: _Uses, passed_all: int, known_all: int
    ) -> CopingEffect:
        ratings = self.ratings.get(key, [])
        return CopingEffect(
            name=name,
            times_used=uses.cravings + uses.loose,
            cravings=uses.cravings,
            passed_with=uses.passed,
            known_with=uses.known,
            passed_without=passed_all - uses.passed,
            known_without=known_all - uses.known,
            average_helped=average(sum(ratings), len(ratings)),
            ratings=len(ratings),
        )


def _best_first(effect: CopingEffect) -> tuple[bool, float, float, int, str]:
    return (
        not effect.enough_data,
        -effect.rank_score,
        -(effect.average_helped or 0.0),
        -effect.times_used,
        effect.name.casefold(),
    )


def coping_effectiveness(
    entries: Iterable[Entry], period: Period, tz: tzinfo, spelling: Iterable[str] = ()
) -> list[CopingEffect]:
    """Every technique used in the period, what works best first: techniques with enough
    data (5+ uses) before the rest, then by ``rank_score``, helpfulness and uses.

    A technique is used in a craving when the craving lists it or a coping entry for it
    links to the craving; each craving counts once per technique. This is the one count
    of technique uses: ``coping list`` and the SOS screen use it too."""
    return tally(CopingTally(spelling), entries, period, tz).result()


def coping_uses(entries: Iterable[Entry], spelling: Iterable[str] = ()) -> list[CopingEffect]:
    """``coping_effectiveness`` over all the entries given, whatever their days."""
    counter = CopingTally(spelling)
    for entry in entries:
        counter.add(entry, entry.at)
    return counter.result()
