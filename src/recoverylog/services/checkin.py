"""The daily check-in: one per day and clock; checking in again the same day edits it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain import support as rules
from recoverylog.domain.model import Entry, EntryType, new_id
from recoverylog.errors import InvalidInput
from recoverylog.services.entries import entry_as_dict, validate_data
from recoverylog.services.workspace import Workspace, resolve_clock

EVENING = time(21, 0)  # when a check-in for an earlier day is filed
MORNING = time(8, 0)


@dataclass(frozen=True)
class Scope:
    """Which check-in: for one clock (``clock``), or the day as a whole. ``clocks`` are
    the clocks the 'clean today?' question is asked about."""

    clock: str | None
    clocks: list[str]


@dataclass
class SavedCheckin:
    entry: Entry
    updated: bool
    # Clocks reported as not clean that have no lapse recorded on that day.
    unrecorded_lapses: list[str] = field(default_factory=list)


def scope(ws: Workspace, clock: str | None) -> Scope:
    """--clock X: that clock. Otherwise every clock; the entry names the clock only when
    there is exactly one."""
    if clock is not None:
        name = resolve_clock(ws, clock).name
        return Scope(name, [name])
    names = ws.journal().clock_names()
    return Scope(names[0] if len(names) == 1 else None, names)


def check_day(ws: Workspace, day: date | None) -> date:
    chosen = day or ws.today
    if chosen > ws.today:
        raise InvalidInput("a check-in looks back on a day; that day has not happened yet")
    return chosen


def find(ws: Workspace, day: date, where: Scope) -> Entry | None:
    """The check-in already saved for that day and scope, if any."""
    start = datetime.combine(day, time(0), tzinfo=ws.tz)
    end = datetime.combine(day, time.max, tzinfo=ws.tz)
    for entry in ws.store.entries.iter_newest_first(start, end):
        if entry.type is EntryType.CHECKIN and _same_clock(entry.clock, where.clock):
            return entry
    return None


def _same_clock(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()


def current(ws: Workspace, day: date, where: Scope) -> dict[str, Any] | None:
    """That day's check-in as a dict (for defaults when asking again)."""
    found = find(ws, day, where)
    return None if found is None else entry_as_dict(ws, found)


def save(
    ws: Workspace,
    day: date,
    where: Scope,
    answers: dict[str, Any],
    note: str | None = None,
    morning: bool = False,
) -> SavedCheckin:
    """Save the answers (None = not given; kept from an earlier check-in that day)."""
    data = validate_data(EntryType.CHECKIN, answers, partial=True)
    if not data and note is None:
        raise InvalidInput("nothing to save: answer at least one question (see --help)")
    with ws.store.writing():
        old = find(ws, day, where)
        if old is None:
            moment = ws.now if day == ws.today else _filed_at(ws, day, morning)
            entry = Entry(
                id=new_id(),
                type=EntryType.CHECKIN,
                at=moment,
                clock=where.clock,
                note=fields.note(note),
                data=data,
                created=ws.now,
            )
            ws.store.entries.append(entry)
        else:
            entry = replace(old, data={**old.data, **data}, updated=ws.now)
            if note is not None:
                entry.note = fields.note(note)
            ws.store.entries.replace(old, entry)
    lapsed = data.get("lapsed") or []  # only when this save answered "clean today?"
    return SavedCheckin(entry, old is not None, _unrecorded(ws, day, lapsed))


def _filed_at(ws: Workspace, day: date, morning: bool) -> datetime:
    return datetime.combine(day, MORNING if morning else EVENING, tzinfo=ws.tz)


def _unrecorded(ws: Workspace, day: date, lapsed: list[str]) -> list[str]:
    journal = ws.journal()
    out = []
    for name in lapsed:
        clock = journal.find_clock(name)
        if clock is not None and not any(ws.local(x.at).date() == day for x in clock.lapses):
            out.append(clock.name)
    return out


def clean_answers(where: Scope, given: dict[str, bool]) -> dict[str, Any]:
    """The clean / lapsed fields from answers per clock ("" = every clock)."""
    clean, lapsed = rules.clean_by_clock(given, where.clocks)
    return {"clean": clean, "lapsed": lapsed}
