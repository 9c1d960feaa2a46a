"""Merging two copies of a journal by id: the rules that decide which copy is kept. Pure.

What is new is added, what is the same is left alone, and when two copies of the same
thing differ, one rule decides: the newer wins where the records say when they were
changed (an entry's ``updated``, else ``created``, else its time; any other record's
``updated``), and otherwise the copy already in the home stays. Every such difference is
counted in a ``MergeTally``, with the copy kept and why. Settings keep no time of
change, so the home's own value always stays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from recoverylog.domain.codec import entry_to_dict, lapse_to_dict
from recoverylog.domain.model import Clock, Entry, EntryType, Journal, Lapse, Technique, short_id

CLOCK_FIELDS = ("clean_since", "cost_per_day", "hours_per_day", "scheme", "reset_on_lapse")
# Settings keep no time of change: the home's own choice stays, and says so.
SETTING_WHY = "the values differ; settings are your choice here, so yours stays"


@dataclass(frozen=True)
class Conflict:
    what: str  # "entry 3f2a1b2c (craving, 2026-11-20)", "clock 'alcohol'"
    kept: str  # "imported" or "yours"
    why: str


@dataclass(kw_only=True)
class MergeTally:
    """What a merge adds, replaces and leaves, and each difference it settled."""

    added: dict[str, int] = field(default_factory=dict)
    updated: int = 0  # entries replaced by a newer imported edit
    replaced: dict[str, int] = field(default_factory=dict)  # other records, by kind
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def add(self, what: str, count: int = 1) -> None:
        if count:
            self.added[what] = self.added.get(what, 0) + count

    def replace(self, what: str) -> None:
        self.replaced[what] = self.replaced.get(what, 0) + 1

    @property
    def changes(self) -> int:
        return sum(self.added.values()) + self.updated + sum(self.replaced.values())


# --- when a record was changed --------------------------------------------------------


def instant(moment: datetime | None) -> str | None:
    """A moment in UTC, so the same instant at another offset compares equal."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def comparable(entry: Entry) -> dict[str, Any]:
    """An entry's content with times as instants, so a different UTC offset is no change,
    and without empty values: a field left out (as a CSV leaves out an empty list or
    an empty cell) is the same as one that is empty."""
    raw = entry_to_dict(entry)
    raw["at"] = instant(entry.at)
    raw["created"] = instant(entry.created)
    raw["updated"] = instant(entry.updated)
    return {key: value for key, value in raw.items() if value not in (None, "", [], {})}


def edited(entry: Entry) -> datetime:
    return entry.updated or entry.created or entry.at


def stamp(record: Any) -> datetime | None:
    """When a record says it was last changed: its ``updated`` time, if it keeps one."""
    raw = record.get("updated") if isinstance(record, Mapping) else None
    if isinstance(raw, str):
        try:
            raw = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=UTC)
    return None


def take_theirs(
    tally: MergeTally,
    what: str,
    kind: str,
    differs: str,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
) -> bool:
    """The one rule for two different copies: the newer wins when both say when they were
    changed; otherwise yours stays. Counted either way; True to take the imported copy."""
    mine_at, theirs_at = stamp(mine), stamp(theirs)
    if mine_at is None or theirs_at is None:
        why = "neither copy says when it was changed, so yours stays"
        tally.conflicts.append(Conflict(what, "yours", f"{differs}; {why}"))
        return False
    if theirs_at > mine_at:
        tally.conflicts.append(
            Conflict(what, "imported", f"{differs}; it was changed more recently")
        )
        tally.replace(kind)
        return True
    why = "yours was changed more recently"
    if theirs_at == mine_at:
        why = "both say they were changed at the same time, so yours stays"
    tally.conflicts.append(Conflict(what, "yours", f"{differs}; {why}"))
    return False


# --- entries ----------------------------------------------------------------------------


def plan_entries(
    existing: Mapping[str, Entry], entries: Sequence[Entry], tally: MergeTally
) -> tuple[list[Entry], list[tuple[Entry, Entry]]]:
    """The entries to add, and the pairs (yours, the newer edit) to replace, of
    ``entries`` merged into ``existing`` (the home's entries by id)."""
    fresh: list[Entry] = []
    newer: list[tuple[Entry, Entry]] = []
    for entry in _latest_edits(entries, tally).values():
        old = existing.get(entry.id)
        if old is None:
            fresh.append(entry)
        elif comparable(old) == comparable(entry):
            tally.unchanged += 1
        elif _entry_theirs(old, entry, tally):
            newer.append((old, entry))
    tally.add("entries", len(fresh))
    tally.updated += len(newer)
    return fresh, newer


def _latest_edits(entries: Sequence[Entry], tally: MergeTally) -> dict[str, Entry]:
    """One entry for each id: the same id twice in one file, the later edit wins, and
    it is said."""
    latest: dict[str, Entry] = {}
    repeated: set[str] = set()
    for entry in entries:
        known = latest.get(entry.id)
        if known is not None and entry.id not in repeated:
            repeated.add(entry.id)
            tally.notices.append(
                f"entry {short_id(entry.id)} is in the file more than once; "
                "the latest edit of it was taken"
            )
        if known is None or edited(entry) >= edited(known):
            latest[entry.id] = entry
    return latest


def _entry_theirs(mine: Entry, theirs: Entry, tally: MergeTally) -> bool:
    """Two different copies of one entry: the later edit wins, yours on a tie."""
    if edited(theirs) > edited(mine):
        tally.conflicts.append(
            Conflict(_entry_label(theirs), "imported", "it was edited more recently")
        )
        return True
    why = "yours was edited more recently"
    if edited(theirs) == edited(mine):
        why = "both were edited at the same time, so yours stays"
    tally.conflicts.append(Conflict(_entry_label(mine), "yours", why))
    return False


def _entry_label(entry: Entry) -> str:
    return f"entry {short_id(entry.id)} ({entry.type}, {entry.at:%Y-%m-%d})"


def named_techniques(entries: Iterable[Entry]) -> list[str]:
    """The coping techniques the entries use, each once (the first spelling kept)."""
    seen: dict[str, str] = {}
    for entry in entries:
        names: list[str] = []
        if entry.type is EntryType.COPING and entry.get("technique"):
            names = [str(entry.get("technique"))]
        elif entry.type is EntryType.CRAVING:
            names = [str(n) for n in entry.get("coping") or []]
        for name in names:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


# --- the journal ------------------------------------------------------------------------


def merge_journal(current: Journal, incoming: Journal, tally: MergeTally) -> Journal:
    """Add what is missing; where both have the same thing and it differs, the newer wins
    if both copies say when they were changed, else yours stays (see ``take_theirs``).
    The clocks and techniques of ``current`` are changed in place: pass a copy."""
    merged = Journal(
        clocks=list(current.clocks),
        toolkit=list(current.toolkit),
        people=[dict(p) for p in current.people],
        plan=dict(current.plan),
        goals=dict(current.goals),
        extra=dict(current.extra),
    )
    _merge_clocks(merged, incoming.clocks, tally)
    _merge_toolkit(merged, incoming.toolkit, tally)
    _merge_people(merged.people, incoming.people, tally)
    for name, mine, theirs in (
        ("goal", merged.goals, incoming.goals),
        ("plan section", merged.plan, incoming.plan),
        ("journal setting", merged.extra, incoming.extra),
    ):
        _merge_table(name, mine, theirs, tally)
    return merged


def _merge_clocks(merged: Journal, clocks: Iterable[Clock], tally: MergeTally) -> None:
    for clock in clocks:
        mine = merged.find_clock(clock.name)
        if mine is None:
            merged.clocks.append(clock)
            tally.add("clocks")
            tally.add("lapses", len(clock.lapses))
        else:
            merge_clock(mine, clock, tally)


def _merge_toolkit(merged: Journal, toolkit: Iterable[Technique], tally: MergeTally) -> None:
    for technique in toolkit:
        have = merged.find_technique(technique.name)
        if have is None:
            merged.toolkit.append(technique)
            tally.add("techniques")
        else:
            _merge_technique(have, technique, tally)


def _merge_technique(have: Technique, theirs: Technique, tally: MergeTally) -> None:
    """A description is added where yours has none; two different ones: the rule."""
    if have.description is None and theirs.description:
        have.description = theirs.description
        tally.add("technique descriptions")
    elif (
        theirs.description
        and have.description != theirs.description
        and take_theirs(
            tally,
            f"technique '{have.name}'",
            "techniques",
            "the descriptions differ",
            have.extra,
            theirs.extra,
        )
    ):
        have.description = theirs.description
        have.extra = dict(theirs.extra)


def _merge_people(
    people: list[dict[str, Any]], incoming: Iterable[Mapping[str, Any]], tally: MergeTally
) -> None:
    for person in incoming:
        key = _person_key(person)
        index = next((i for i, p in enumerate(people) if _person_key(p) == key), None)
        if index is None:
            people.append(dict(person))
            tally.add("people")
            continue
        mine = people[index]
        label = "a person in your support network"  # no name in a report of changes
        if mine != person and take_theirs(
            tally, label, "people", "the details differ", mine, person
        ):
            people[index] = dict(person)


def _person_key(person: Mapping[str, Any]) -> str:
    if person.get("id"):
        return f"id:{person['id']}"
    return "name:" + " ".join(str(person.get("name", "")).split()).casefold()


def _merge_table(
    name: str, mine: dict[str, Any], theirs: Mapping[str, Any], tally: MergeTally
) -> None:
    """Goals, plan sections, journal settings: by key, the rule for a differing one."""
    for key, value in theirs.items():
        if key not in mine:
            mine[key] = value
            tally.add(f"{name}s")
        elif mine[key] != value and take_theirs(
            tally, f"{name} '{key}'", f"{name}s", "they differ", mine[key], value
        ):
            mine[key] = value


# --- a clock ----------------------------------------------------------------------------


def merge_clock(mine: Clock, theirs: Clock, tally: MergeTally) -> None:
    """Its settings by the rule, the later milestone celebrated, its lapses by id."""
    _merge_clock_settings(mine, theirs, tally)
    if theirs.celebrated_through and (
        mine.celebrated_through is None or theirs.celebrated_through > mine.celebrated_through
    ):
        mine.celebrated_through = theirs.celebrated_through
    _merge_lapses(mine, theirs.lapses, tally)
    for key, value in theirs.extra.items():
        mine.extra.setdefault(key, value)


def _merge_clock_settings(mine: Clock, theirs: Clock, tally: MergeTally) -> None:
    differing = [f for f in CLOCK_FIELDS if getattr(mine, f) != getattr(theirs, f)]
    if differing and take_theirs(
        tally,
        f"clock '{mine.name}'",
        "clocks",
        "its " + ", ".join(f.replace("_", " ") for f in differing) + " differ",
        mine.extra,
        theirs.extra,
    ):
        for name in CLOCK_FIELDS:
            setattr(mine, name, getattr(theirs, name))
        mine.extra["updated"] = theirs.extra["updated"]


def _merge_lapses(mine: Clock, lapses: Iterable[Lapse], tally: MergeTally) -> None:
    known = {lapse.id: index for index, lapse in enumerate(mine.lapses)}
    for lapse in lapses:
        index = known.get(lapse.id)
        if index is None:
            mine.lapses.append(lapse)
            tally.add("lapses")
            continue
        have = mine.lapses[index]
        if _lapse_content(have) == _lapse_content(lapse):
            tally.unchanged += 1  # already here, as an entry would be
        elif take_theirs(
            tally,
            f"lapse {lapse.id} of '{mine.name}'",
            "lapses",
            "the details differ",
            have.extra,
            lapse.extra,
        ):
            mine.lapses[index] = lapse


def _lapse_content(lapse: Lapse) -> dict[str, Any]:
    return {**lapse_to_dict(lapse), "at": instant(lapse.at)}


# --- settings ---------------------------------------------------------------------------


def merge_settings(
    current: Mapping[str, Any], incoming: Mapping[str, Any], tally: MergeTally
) -> tuple[dict[str, Any], int]:
    """Settings the home does not have yet are added (with a table's keys one by one);
    differing ones keep yours, since settings record no time of change. The merged
    settings, and how many were added."""
    merged = dict(current)
    added = 0
    for key, value in incoming.items():
        if key not in merged:
            merged[key] = value
            added += 1
        elif isinstance(value, dict) and isinstance(merged[key], dict):
            merged[key], count = _merge_setting_table(key, merged[key], value, tally)
            added += count
        elif merged[key] != value:
            tally.conflicts.append(Conflict(f"setting '{key}'", "yours", SETTING_WHY))
    return merged, added


def _merge_setting_table(
    key: str, mine: Mapping[str, Any], theirs: Mapping[str, Any], tally: MergeTally
) -> tuple[dict[str, Any], int]:
    table = dict(mine)
    added = 0
    for inner, value in theirs.items():
        if inner not in table:
            table[inner] = value
            added += 1
        elif table[inner] != value:
            tally.conflicts.append(Conflict(f"setting '{key}.{inner}'", "yours", SETTING_WHY))
    return table, added
