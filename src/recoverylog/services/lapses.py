"""Lapses as records: find one by its id, show, list, change and delete it.

A lapse lives in journal.toml, in its clock's history; runs and totals are derived from
that history, so after a change status, milestones and reports count again at once.
A mistaken lapse never needs a file edited by hand: 'edit' and 'delete' take a backup
of journal.toml first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from recoverylog.domain import fields
from recoverylog.domain import plan as plan_rules
from recoverylog.domain.model import Clock, Entry, Journal, Lapse
from recoverylog.domain.moments import day_of
from recoverylog.errors import InvalidInput, NotFound
from recoverylog.messages import (
    LAPSE_IN_THE_FUTURE,
    MORE_OF_THE_ID,
    NEW_RUN_AFTER_THE_LAPSE,
    NOTHING_TO_CHANGE,
    before_clean_since,
)
from recoverylog.services.clocks import RecordedLapse, clock_summary
from recoverylog.services.entries import EntryFilter, checked_filter, entry_as_dict, list_entries
from recoverylog.services.sos import first_person
from recoverylog.services.workspace import Workspace, resolve_clock
from recoverylog.store.entries import OnDamaged

if TYPE_CHECKING:
    from recoverylog.services.shapes import ClockJson

LAPSE = "lapse"  # its "type" beside the entry types, in listings and JSON


@dataclass(frozen=True)
class LapseRecord:
    """One lapse and the clock whose history holds it."""

    clock: Clock
    lapse: Lapse

    @property
    def id(self) -> str:
        return self.lapse.id

    @property
    def type(self) -> str:
        return LAPSE

    @property
    def at(self) -> datetime:
        return self.lapse.at


Record = Entry | LapseRecord


def matching(journal: Journal, prefix: str) -> list[LapseRecord]:
    wanted = prefix.strip().lower()
    return [
        LapseRecord(clock, lapse)
        for clock in journal.clocks
        for lapse in clock.sorted_lapses()
        if lapse.id.lower().startswith(wanted)
    ]


def find_record(ws: Workspace, prefix: str, on_damaged: OnDamaged | None = None) -> Record:
    """The entry or the lapse whose id starts with ``prefix``."""
    lapses = matching(ws.journal(), prefix)
    try:
        entry: Entry | None = ws.store.entries.find(prefix, on_damaged)
    except NotFound:
        if not lapses:
            raise
        entry = None
    found: list[Record] = ([entry] if entry is not None else []) + list(lapses)
    if len(found) > 1:
        shown = ", ".join(f"{r.id[:8]} ({r.type} {day_of(r.at)})" for r in found[:8])
        raise InvalidInput(
            f"'{prefix}' matches {len(found)} entries and lapses: {shown}",
            hint=MORE_OF_THE_ID,
        )
    return found[0]


def _find_lapse(journal: Journal, lapse_id: str) -> LapseRecord:
    for record in matching(journal, lapse_id):
        if record.id == lapse_id:
            return record
    raise NotFound(f"no lapse has the id '{lapse_id}'", hint="'recoverylog list' shows ids")


def lapse_as_dict(ws: Workspace, record: LapseRecord) -> dict[str, Any]:
    """The documented JSON shape of a lapse: the common keys of an entry (it has no tags),
    then the day the next run starts and what set it off."""
    lapse = record.lapse
    return {
        "id": lapse.id,
        "type": LAPSE,
        "at": lapse.at.isoformat(),
        "clock": record.clock.name,
        "note": lapse.note,
        "tags": [],
        "restart": lapse.restart.isoformat(),
        "triggers": list(lapse.triggers),
    }


def record_as_dict(ws: Workspace, record: Record) -> dict[str, Any]:
    if isinstance(record, LapseRecord):
        return lapse_as_dict(ws, record)
    return entry_as_dict(ws, record)


def after_lapse(ws: Workspace, recorded: RecordedLapse) -> dict[str, Any]:
    """What 'log lapse' shows: what is kept (current run, totals, longest run), when the
    next run starts, and the person's own plan for after a lapse and the first person
    to call (a sponsor first), when there are any."""
    journal = ws.journal()
    after = recorded.after
    return {
        "id": recorded.lapse.id,
        "clock": recorded.clock.name,
        "day": day_of(recorded.lapse.at).isoformat(),
        "restart": recorded.lapse.restart.isoformat(),
        "today": ws.today.isoformat(),
        "current_run_days": after.current_days,
        "total_clean_days": after.total_clean_days,
        "longest_run_days": after.longest_run_days,
        "if_lapse": plan_rules.stored_plan(journal.plan).get("if_lapse", []),
        "person": first_person(journal.people),  # sponsor first
        "opioid_note": recorded.opioid_note,
    }


@dataclass(frozen=True)
class LapseOffer:
    """After a craving that ended in use: the lapse it may have been."""

    clock: str | None  # None: there are several clocks and the craving names none
    at: datetime
    triggers: list[str]


def lapse_offer(ws: Workspace, craving: Entry) -> LapseOffer | None:
    """The lapse to offer to record after a craving logged as 'used'; None when there is
    no clock, the craving came before its clock began, or that clock already has a lapse
    recorded on that day."""
    journal = ws.journal()
    if craving.get("outcome") != "used" or not journal.clocks:
        return None
    day = day_of(craving.at)
    clock = journal.find_clock(craving.clock) if craving.clock else None
    if clock is not None and (
        day < clock.clean_since or any(day_of(x.at) == day for x in clock.lapses)
    ):
        return None
    name = clock.name if clock is not None else None
    return LapseOffer(name, craving.at, list(craving.get("triggers") or []))


# --- listing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    records: list[Record]  # newest first
    more: bool  # more records match than the limit let through


def list_records(
    ws: Workspace,
    query: EntryFilter,
    *,
    entries: bool = True,
    lapses: bool = True,
    on_damaged: OnDamaged | None = None,
) -> Listing:
    """Entries and lapses that match, newest first, at most ``query.limit`` of them.

    One entry past the limit is read to tell whether there are more: counting them all
    would read every month of a large journal."""
    query = checked_filter(ws, query)
    peek = query if query.limit is None else replace(query, limit=query.limit + 1)
    found: list[Record] = list(list_entries(ws, peek, on_damaged)) if entries else []
    if lapses:
        found.extend(_matching_lapses(ws, query))
    found.sort(key=lambda r: r.at, reverse=True)
    if query.limit is None:
        return Listing(found, more=False)
    return Listing(found[: query.limit], more=len(found) > query.limit)


def _matching_lapses(ws: Workspace, query: EntryFilter) -> list[LapseRecord]:
    if query.tag is not None:
        return []  # lapses have no tags
    out = []
    for clock in ws.journal().clocks:
        if query.clock is not None and clock.name != query.clock:
            continue
        for lapse in clock.lapses:
            if query.since is not None and lapse.at < query.since:
                continue
            if query.until is not None and lapse.at > query.until:
                continue
            if query.search is not None:
                text = " ".join([lapse.note or "", *lapse.triggers]).casefold()
                if query.search.casefold() not in text:
                    continue
            out.append(LapseRecord(clock, lapse))
    return out


# --- changing -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangedLapse:
    """A lapse after a change (or as it was, when deleted), and its clocks' summaries
    counted again: the clock it is on now, then the one it left (if it moved)."""

    record: LapseRecord
    clocks: list[ClockJson]

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def type(self) -> str:
        return LAPSE


LAPSE_CHANGES = ("at", "clock", "note", "triggers", "restart")


def edit_lapse(ws: Workspace, lapse_id: str, changes: dict[str, Any]) -> ChangedLapse:
    """Change a lapse's time, next-run start, clock, triggers or note (None = unchanged).

    When the time moves and no restart is given, a next run that started the day after
    the lapse still does; a restart that would no longer come after the lapse does too."""
    from recoverylog.services.safety import take_backup  # only when changing

    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InvalidInput(NOTHING_TO_CHANGE)
    other = sorted(set(changes) - set(LAPSE_CHANGES))
    if other:
        raise InvalidInput(
            f"a lapse has no {', '.join(o.replace('_', ' ') for o in other)}",
            hint="a lapse changes with --at, --restart, --clock, --trigger and --note",
        )
    with ws.store.writing():
        journal = ws.reload_journal()
        old = _find_lapse(journal, lapse_id)
        clock = resolve_clock(ws, changes["clock"], journal) if "clock" in changes else old.clock
        at = _checked_time(ws, changes["at"]) if "at" in changes else old.lapse.at
        day, old_day = day_of(at), day_of(old.lapse.at)
        restart: date = changes.get("restart") or old.lapse.restart
        if "restart" not in changes and (restart == old_day + timedelta(days=1) or restart <= day):
            restart = day + timedelta(days=1)
        _check_days(clock, day, restart)
        new = replace(
            old.lapse,
            at=at,
            restart=restart,
            note=fields.note(changes["note"]) if "note" in changes else old.lapse.note,
            triggers=fields.text_list(changes["triggers"], "trigger")
            if "triggers" in changes
            else list(old.lapse.triggers),
        )
        take_backup(ws, "edit-lapse", [ws.layout.journal_file])
        old.clock.lapses = [x for x in old.clock.lapses if x is not old.lapse]
        clock.lapses.append(new)
        ws.save_journal(journal)
    touched = [clock] if clock is old.clock else [clock, old.clock]
    return ChangedLapse(LapseRecord(clock, new), [clock_summary(ws, c) for c in touched])


def delete_lapse(ws: Workspace, lapse_id: str) -> ChangedLapse:
    """Remove a lapse from its clock's history, after a backup of journal.toml."""
    from recoverylog.services.safety import take_backup  # only when changing

    with ws.store.writing():
        journal = ws.reload_journal()
        found = _find_lapse(journal, lapse_id)
        take_backup(ws, "delete-lapse", [ws.layout.journal_file])
        found.clock.lapses = [x for x in found.clock.lapses if x is not found.lapse]
        ws.save_journal(journal)
    return ChangedLapse(found, [clock_summary(ws, found.clock)])


def _checked_time(ws: Workspace, at: datetime) -> datetime:
    if at > ws.now:
        raise InvalidInput(LAPSE_IN_THE_FUTURE)
    return ws.local(at)


def _check_days(clock: Clock, day: date, restart: date) -> None:
    if day < clock.clean_since:
        raise InvalidInput(before_clean_since(clock.name, clock.clean_since))
    if restart <= day:
        raise InvalidInput(NEW_RUN_AFTER_THE_LAPSE)
