"""Two versions of one file, kept on two computers, merged into one. Pure.

Each file is a set of items by key: a month file's entries by id; journal.toml's clocks,
lapses, techniques, people, goals and plan sections (see ``journal_items``). Each item
says when it was last changed, and a deletion leaves a tombstone: the key and its time.

The rule is the same on every computer, whichever version it calls its own, so two
computers that merge the same versions write the same file:
- an item on one side only is kept, unless the other side deleted it at or after its
  last change;
- an item on both sides: the later change wins; at the same moment, a fixed order of
  their contents chooses, so both computers choose alike;
- tombstones are united, the later time of each key kept; one older than the change
  that kept its item goes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from recoverylog.domain.model import CHANGED_KEY as CHANGED
from recoverylog.domain.model import DELETED_KEY as DELETED
from recoverylog.domain.model import normalise_name

Items = dict[str, Any]
Times = dict[str, datetime]

EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class Version:
    """One version of a file, as items: each item's value, its last change (when known),
    and the tombstones of the items deleted from it."""

    items: Items
    changed: Times = field(default_factory=dict)
    deleted: Times = field(default_factory=dict)


@dataclass
class Brought:
    """What the other version brought into the merge: items added, items replaced by
    a later change, items removed by a later deletion."""

    added: int = 0
    replaced: int = 0
    removed: int = 0

    def __iadd__(self, other: Brought) -> Brought:
        self.added += other.added
        self.replaced += other.replaced
        self.removed += other.removed
        return self

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.removed


@dataclass(frozen=True)
class MergedCopy:
    tool: str  # the sync tool that kept the copy
    kind: str  # which of the home's files: see store/sync_copies.py
    original: str  # the file's name: "journal.toml", "2026-12.json"
    brought: Brought


@dataclass(frozen=True)
class Merged:
    data: bytes  # a file's merged contents, as stored (sealed in an encrypted home)
    brought: Brought


@dataclass(frozen=True)
class LeftCopy:
    tool: str
    name: str  # the copy's own name
    why: str


@dataclass
class CopiesMerged:
    """What merging a sync tool's copies did: each one merged, the backup that holds
    every version, the copies left as they were, and how many wait for the passphrase."""

    merged: list[MergedCopy] = field(default_factory=list)
    backup: str | None = None
    left: list[LeftCopy] = field(default_factory=list)
    waiting: int = 0


def merge_versions(ours: Version, theirs: Version) -> tuple[Version, Brought]:
    """The one version both computers agree on, and what ``theirs`` brought to ``ours``.
    Items keep our order, with the ones only they have after them."""
    deleted = _latest(ours.deleted, theirs.deleted)
    merged = Version({}, {}, {})
    brought = Brought()
    for key in [*ours.items, *(k for k in theirs.items if k not in ours.items)]:
        side = _later(key, ours, theirs)
        when = side.changed.get(key)
        gone = deleted.get(key)
        if gone is not None and (when is None or gone >= when):
            brought.removed += key in ours.items
            continue
        merged.items[key] = side.items[key]
        if when is not None:
            merged.changed[key] = when
        if side is theirs:
            if key not in ours.items:
                brought.added += 1
            elif ours.items[key] != theirs.items[key]:
                brought.replaced += 1
    merged.deleted = {
        key: gone
        for key, gone in sorted(deleted.items())
        if key not in merged.items or gone >= merged.changed.get(key, EARLIEST)
    }
    return merged, brought


def _later(key: str, ours: Version, theirs: Version) -> Version:
    """The side whose item ``key`` was changed later; at the same time (or neither
    known), the one whose contents come last in a fixed order."""
    if key not in theirs.items:
        return ours
    if key not in ours.items:
        return theirs
    mine, other = ours.changed.get(key, EARLIEST), theirs.changed.get(key, EARLIEST)
    if mine != other:
        return ours if mine > other else theirs
    return ours if _order(ours.items[key]) >= _order(theirs.items[key]) else theirs


def _order(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _latest(a: Times, b: Times) -> Times:
    both = dict(a)
    for key, when in b.items():
        if key not in both or when > both[key]:
            both[key] = when
    return both


def pruned(deleted: Times, now: datetime, keep_days: int) -> Times:
    """The tombstones younger than ``keep_days``: after that long, every computer is
    taken to have seen the deletion."""
    oldest = now - timedelta(days=keep_days)
    return {key: when for key, when in deleted.items() if when >= oldest}


def record_changes(before: Items, after: Items, history: Version, now: datetime) -> Version:
    """``history`` (its items unused) brought up to date for a save from ``before`` to
    ``after``: every item new or changed gets ``now``, every item gone a tombstone."""
    changed = {key: when for key, when in history.changed.items() if key in after}
    deleted = dict(history.deleted)
    for key, value in after.items():
        if before.get(key, _ABSENT) != value:
            changed[key] = now
            deleted.pop(key, None)
    for key in before.keys() - after.keys():
        deleted[key] = now
    return Version(after, changed, deleted)


_ABSENT = object()


# --- month files --------------------------------------------------------------------------


def month_version(doc: Mapping[str, Any]) -> Version:
    """A month document's entries by id (the later of two with one id), each changed at
    its ``updated``, else ``created``, else ``at`` time."""
    items: Items = {}
    changed: Times = {}
    for raw in doc.get("entries", []):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        when = _entry_changed(raw)
        known = changed.get(raw["id"])
        if known is None or when >= known:
            items[raw["id"]], changed[raw["id"]] = raw, when
    return Version(items, changed, times(doc.get(DELETED)))


def _entry_changed(raw: Mapping[str, Any]) -> datetime:
    for key in ("updated", "created", "at"):
        when = moment(raw.get(key))
        if when is not None:
            return when
    return EARLIEST


def month_doc(head: Mapping[str, Any], version: Version) -> dict[str, Any]:
    """The month document of ``version`` with ``head``'s other keys."""
    doc = {k: v for k, v in head.items() if k not in ("entries", DELETED)}
    if version.deleted:
        doc[DELETED] = {key: when.isoformat() for key, when in version.deleted.items()}
    doc["entries"] = list(version.items.values())
    return doc


def settle_moves(months: Mapping[str, Version]) -> dict[str, Version]:
    """The month files that change when each entry is in at most one of them, as the
    later change left it. An entry moved to another month (its time edited) on one
    computer, while the other changed it or deleted it where it was, is in two months,
    or in one with a later deletion in the other: its latest change anywhere wins.
    A move leaves a tombstone at the same moment as the moved entry's change, so here
    only a deletion strictly later than a copy removes it. The months changed, with
    tombstones where a copy went, so that the other computer's copies agree."""
    where: dict[str, list[str]] = {}
    gone: Times = {}
    for month, version in sorted(months.items()):
        for key in version.items:
            where.setdefault(key, []).append(month)
        gone = _latest(gone, version.deleted)
    changed: dict[str, Version] = {}
    for key, found in where.items():
        stamp = {m: months[m].changed.get(key, EARLIEST) for m in found}
        deletion = gone.get(key)
        if deletion is not None and all(when < deletion for when in stamp.values()):
            keep, until = None, deletion
        elif len(found) > 1:
            keep = max(found, key=lambda m: (stamp[m], _order(months[m].items[key])))
            until = stamp[keep]
        else:
            continue
        for month in found:
            if month != keep:
                version = changed.setdefault(month, _copy(months[month]))
                del version.items[key]
                version.changed.pop(key, None)
                version.deleted[key] = until
    return changed


def _copy(version: Version) -> Version:
    return Version(dict(version.items), dict(version.changed), dict(version.deleted))


# --- journal.toml -----------------------------------------------------------------------


def journal_items(doc: Mapping[str, Any]) -> Items:
    """journal.toml's contents (as ``codec.journal_to_dict`` gives them) as items.

    A clock's lapses are items of their own, so a lapse on one computer and a change
    of the clock's cost on the other both stay. The milestone last celebrated is not part
    of the clock: seeing one is not a change, and the merge keeps the later."""
    items: Items = {}
    for key, value in doc.items():
        if key in ("schema_version", CHANGED, DELETED):
            continue
        if key == "clocks":
            for clock in value:
                name = _fold(clock["name"])
                items[f"clock:{name}"] = {
                    k: v for k, v in clock.items() if k not in ("lapses", "celebrated_through")
                }
                for lapse in clock.get("lapses", []):
                    items[f"lapse:{name}:{lapse['id']}"] = lapse
        elif key in ("toolkit", "people"):
            kind = "technique" if key == "toolkit" else "person"
            for record in value:
                items[f"{kind}:{_fold(str(record.get('name', '')))}"] = record
        elif key in ("plan", "goals"):
            kind = "plan" if key == "plan" else "goal"
            items.update((f"{kind}:{name}", part) for name, part in value.items())
        else:
            items[f"setting:{key}"] = value
    return items


def journal_doc(version: Version, celebrated: Mapping[str, Any]) -> dict[str, Any]:
    """journal.toml's contents from ``version``'s items (``journal_items`` in reverse),
    each clock with the milestone celebrated in ``celebrated`` (by folded name)."""
    doc: dict[str, Any] = {"plan": {}, "goals": {}}
    clocks: dict[str, dict[str, Any]] = {}
    lists: dict[str, list[Any]] = {"toolkit": [], "people": []}
    for key, value in version.items.items():
        kind, _, name = key.partition(":")
        if kind == "clock":
            clocks[name] = {**value, "lapses": []}
            if celebrated.get(name) is not None:
                clocks[name]["celebrated_through"] = celebrated[name]
        elif kind == "lapse":
            clock, _, _ = name.rpartition(":")
            if clock in clocks:
                clocks[clock]["lapses"].append(value)
        elif kind in ("technique", "person"):
            lists["toolkit" if kind == "technique" else "people"].append(value)
        elif kind in ("plan", "goal"):
            doc["plan" if kind == "plan" else "goals"][name] = value
        else:
            doc[name] = value
    doc.update(clocks=list(clocks.values()), **lists)
    return {k: v for k, v in doc.items() if v or k in ("clocks", "toolkit", "people")}


def keep_clocks_of_lapses(merged: Version, ours: Version, theirs: Version) -> None:
    """A clock deleted on one computer while the other recorded a lapse on it later
    comes back, with the newer of its two versions: the lapse is never dropped."""
    for key in list(merged.items):
        if not key.startswith("lapse:"):
            continue
        clock = "clock:" + key.removeprefix("lapse:").rpartition(":")[0]
        if clock not in merged.items:
            side = _later(clock, ours, theirs) if clock in theirs.items else ours
            if clock in side.items:
                merged.items[clock] = side.items[clock]
                merged.deleted.pop(clock, None)


def latest_celebrated(*docs: Mapping[str, Any]) -> dict[str, Any]:
    """Each clock's latest celebrated milestone (by folded name) in any of ``docs``."""
    latest: dict[str, Any] = {}
    for doc in docs:
        for clock in doc.get("clocks", []):
            day = clock.get("celebrated_through")
            name = _fold(clock["name"])
            if day is not None and (latest.get(name) is None or str(day) > str(latest[name])):
                latest[name] = day
    return latest


def history_of(doc: Mapping[str, Any]) -> Version:
    """journal.toml's record of changes and deletions (its items left empty)."""
    return Version({}, times(doc.get(CHANGED)), times(doc.get(DELETED)))


def with_history(doc: dict[str, Any], history: Version) -> dict[str, Any]:
    """``doc`` with its record of changes and deletions, last in the file."""
    for name, table in ((CHANGED, history.changed), (DELETED, history.deleted)):
        doc.pop(name, None)
        if table:
            doc[name] = dict(sorted(table.items()))
    return doc


# --- shared -------------------------------------------------------------------------------


def times(table: Any) -> Times:
    """A table of key -> moment as stored; anything unreadable in it is left out."""
    if not isinstance(table, Mapping):
        return {}
    found = ((str(key), moment(value)) for key, value in table.items())
    return {key: when for key, when in found if when is not None}


def moment(value: Any) -> datetime | None:
    """A stored moment (a TOML datetime, or ISO text), in UTC if it names no zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _fold(name: str) -> str:
    return normalise_name(name).casefold()


def settings_merged(
    ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], int]:
    """Settings keep no time of change: every key of both is kept, a table's keys one
    by one, and where the values differ ours stays, as an import merges them (its
    report of each difference is not needed here). The merge, and how many keys
    ``theirs`` added."""
    from recoverylog.domain.merge import MergeTally, merge_settings

    return merge_settings(ours, theirs, MergeTally())
