"""Logging entries, listing them, editing and deleting them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from recoverylog.domain import checkin, fields, selfcheck
from recoverylog.domain.codec import entry_to_dict
from recoverylog.domain.model import (
    PROMPT_KEY,
    TYPE_FIELDS,
    Entry,
    EntryType,
    Technique,
    new_id,
)
from recoverylog.errors import InvalidInput
from recoverylog.messages import NOTHING_TO_CHANGE, SINCE_AFTER_UNTIL
from recoverylog.services.workspace import Workspace, optional_clock, resolve_clock
from recoverylog.store.entries import OnDamaged


def check_not_future(ws: Workspace, at: datetime) -> datetime:
    if at > ws.now + timedelta(minutes=1):
        raise InvalidInput(
            f"{ws.local(at):%Y-%m-%d %H:%M} is in the future; entries record what has happened"
        )
    return ws.local(at)


@dataclass
class NewEntry:
    """What a log command asks for; validated by ``add_entry``."""

    type: EntryType
    at: datetime | None = None
    clock: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    # The question a journal note answers: kept beside the note's own fields, so only a
    # note that has one shows it (every other note reads and exports as before).
    prompt: str | None = None


def add_entry(ws: Workspace, new: NewEntry) -> Entry:
    """Validate, then append durably; the returned entry exists on disk."""
    at = check_not_future(ws, new.at or ws.now)
    data = validate_data(new.type, new.data)
    entry = Entry(
        id=new_id(),
        type=new.type,
        at=at,
        clock=optional_clock(ws, new.clock),
        note=fields.note(new.note),
        tags=fields.tags(new.tags),
        data=data,
        created=ws.now,
        extra={PROMPT_KEY: fields.line(new.prompt, "question")} if new.prompt else {},
    )
    with ws.store.writing():
        if entry.type is EntryType.COPING and entry.get("craving_id"):
            craving = ws.store.entries.find(entry.data["craving_id"])
            if craving.type is not EntryType.CRAVING:
                raise InvalidInput(f"entry {craving.id[:8]} is a {craving.type}, not a craving")
            entry.data["craving_id"] = craving.id
        _grow_toolkit(ws, _techniques_in(entry))
        ws.store.entries.append(entry)
    return entry


def _techniques_in(entry: Entry) -> list[str]:
    if entry.type is EntryType.COPING:
        return [entry.data["technique"]]
    if entry.type is EntryType.CRAVING:
        return list(entry.data.get("coping", []))
    return []


def _grow_toolkit(ws: Workspace, names: Iterable[str]) -> None:
    """Techniques the person uses join their toolkit automatically."""
    names = list(names)
    if not names:
        return
    journal = ws.reload_journal()
    missing = [n for n in names if journal.find_technique(n) is None]
    if missing:
        journal.toolkit.extend(Technique(n) for n in missing)
        ws.save_journal(journal)


def validate_data(
    entry_type: EntryType, raw: dict[str, Any], *, partial: bool = False
) -> dict[str, Any]:
    """Check and normalise the type's own fields; None values mean 'not given'."""
    given = {k: v for k, v in raw.items() if v is not None}
    unknown = set(given) - set(TYPE_FIELDS[entry_type])
    if unknown:
        raise InvalidInput(f"a {entry_type} entry has no {', '.join(sorted(unknown))}")
    checks = _CHECKS[entry_type]
    out = {key: checks[key](value) for key, value in given.items()}
    if partial:
        return out
    if entry_type is EntryType.CRAVING and "intensity" not in out:
        raise InvalidInput("a craving needs an intensity from 0 to 10")
    if entry_type is EntryType.COPING and "technique" not in out:
        raise InvalidInput("say which coping technique you used")
    if entry_type is EntryType.TRIGGER and "text" not in out:
        raise InvalidInput("describe the trigger")
    return out


def _duration(value: Any) -> int:
    minutes = int(value.total_seconds() // 60) if isinstance(value, timedelta) else int(value)
    if not 0 <= minutes <= 7 * 24 * 60:
        raise InvalidInput("the duration must be between 0 minutes and 7 days")
    return minutes


_CHECKS: dict[EntryType, dict[str, Any]] = {
    EntryType.CRAVING: {
        "intensity": fields.intensity,
        "duration_min": _duration,
        "triggers": lambda v: fields.text_list(v, "trigger"),
        "halt": fields.halt_states,
        "coping": lambda v: fields.text_list(v, "coping technique"),
        "outcome": fields.outcome,
    },
    EntryType.TRIGGER: {
        "text": lambda v: fields.name(v, "trigger"),
        "kind": fields.trigger_kind,
        "halt": fields.halt_states,
    },
    EntryType.COPING: {
        "technique": lambda v: fields.name(v, "technique"),
        "helped": lambda v: fields.rating(v, "--helped"),
        "craving_id": str,
    },
    EntryType.MEETING: {
        "name": lambda v: fields.name(v, "meeting name"),
        "fellowship": fields.fellowship,
        "online": bool,
    },
    EntryType.NOTE: {"mood": lambda v: fields.rating(v, "mood")},
    EntryType.CONTACT: {"person": lambda v: fields.name(v, "person"), "via": str},
    EntryType.CHECKIN: checkin.CHECKIN_CHECKS,
    EntryType.SELFCHECK: {"answers": selfcheck.validate_answers, "total": int},
}


# --- reading -----------------------------------------------------------------


@dataclass(frozen=True)
class EntryFilter:
    types: tuple[EntryType, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    clock: str | None = None
    tag: str | None = None
    search: str | None = None
    limit: int | None = 20

    def matches(self, entry: Entry) -> bool:
        if self.types and entry.type not in self.types:
            return False
        if self.clock is not None and (entry.clock or "").casefold() != self.clock.casefold():
            return False
        if self.tag is not None and self.tag.casefold() not in (t.casefold() for t in entry.tags):
            return False
        return self.search is None or self.search.casefold() in searchable_text(entry)


def searchable_text(entry: Entry) -> str:
    parts = [entry.note or "", *entry.tags]
    for value in entry.data.values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(str(v) for v in value)
    return " ".join(parts).casefold()


def search_words(search: str | None) -> tuple[str, ...]:
    """The casefolded pieces of a search that each lie inside one text of a matching
    entry: ``searchable_text`` joins the texts with spaces, so a match can only cross
    from one text into the next at a space of the search."""
    if search is None:
        return ()
    return tuple(word for word in search.casefold().split(" ") if word)


def list_entries(
    ws: Workspace, query: EntryFilter, on_damaged: OnDamaged | None = None
) -> list[Entry]:
    """Newest first; stops reading months as soon as the limit is reached, and does not
    decode a month whose file cannot hold the search.

    With ``on_damaged``, a month file that cannot be read is left out (and reported to
    it) instead of stopping the listing; the file is never written."""
    query = checked_filter(ws, query)
    found: list[Entry] = []
    entries = ws.store.entries.iter_newest_first(
        query.since, query.until, on_damaged, words=search_words(query.search)
    )
    for entry in entries:
        if query.matches(entry):
            found.append(entry)
            if query.limit is not None and len(found) >= query.limit:
                break
    return found


def checked_filter(ws: Workspace, query: EntryFilter) -> EntryFilter:
    """The filter, checked, with its clock's name as the journal spells it."""
    if query.limit is not None and query.limit < 1:
        raise InvalidInput("--limit must be at least 1")
    if query.since and query.until and query.since > query.until:
        raise InvalidInput(SINCE_AFTER_UNTIL)
    if query.clock is not None:
        query = replace(query, clock=resolve_clock(ws, query.clock).name)
    return query


def entry_as_dict(ws: Workspace, entry: Entry) -> dict[str, Any]:
    """The documented JSON shape: common keys plus every field of the entry's type."""
    raw = entry_to_dict(entry)
    out = {key: raw.pop(key) for key in ("id", "type", "at", "clock", "note", "tags")}
    for key in TYPE_FIELDS[entry.type]:
        out[key] = raw.pop(key, [] if key in LIST_FIELDS else None)
    out.update(raw)
    return out


LIST_FIELDS = ("triggers", "halt", "coping")


# --- changing ----------------------------------------------------------------


def edit_entry(ws: Workspace, prefix: str, changes: dict[str, Any]) -> Entry:
    """Apply the given changes (None = unchanged) and rewrite the entry."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InvalidInput(NOTHING_TO_CHANGE)
    with ws.store.writing():
        old = ws.store.entries.find(prefix)
        new = replace(old, data=dict(old.data), tags=list(old.tags), updated=ws.now)
        if "at" in changes:
            new.at = check_not_future(ws, changes.pop("at"))
        if "clock" in changes:
            new.clock = resolve_clock(ws, changes.pop("clock")).name
        if "note" in changes:
            new.note = fields.note(changes.pop("note"))
        if "tags" in changes:
            new.tags = fields.tags(changes.pop("tags"))
        new.data.update(validate_data(old.type, changes, partial=True))
        _backup_months(ws, "edit", old, new)
        _grow_toolkit(ws, _techniques_in(new))
        ws.store.entries.replace(old, new)
    return new


def delete_entry(ws: Workspace, prefix: str) -> Entry:
    with ws.store.writing():
        entry = ws.store.entries.find(prefix)
        _backup_months(ws, "delete", entry)
        ws.store.entries.delete(entry)
    return entry


def _backup_months(ws: Workspace, reason: str, *entries: Entry) -> None:
    """Back up just the month files an edit or delete rewrites."""
    from recoverylog.services.safety import take_backup

    take_backup(ws, reason, [ws.store.entries.path_for(e.month) for e in entries])
