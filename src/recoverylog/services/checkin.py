"""The daily check-in: one per day and clock; checking in again the same day edits it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from recoverylog.domain import checkin, fields
from recoverylog.domain.model import Entry, EntryType, new_id
from recoverylog.domain.moments import day_of, reading_window
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
    # How many other check-ins for that day were folded into this one.
    combined: int = 0


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


def _gather(ws: Workspace, day: date, where: Scope) -> tuple[Entry | None, list[Entry]]:
    """The check-in to edit for that day and scope, and any others that overlap it.

    One check-in per day and clock: a check-in for the whole day (no clock) covers every
    clock, so ``--clock X`` edits it when there is one; a check-in for the whole day
    takes in the day's check-ins for single clocks (they are folded into it)."""
    start, end = reading_window(day, day, ws.tz)
    found = [
        e
        for e in ws.store.entries.iter_newest_first(start, end)
        if e.type is EntryType.CHECKIN and day_of(e.at) == day
    ]
    whole_day = [e for e in found if e.clock is None]
    if where.clock is not None:
        overlapping = [e for e in found if e.clock is None or _same_clock(e.clock, where.clock)]
    else:
        wanted = {c.casefold() for c in where.clocks}
        overlapping = [e for e in found if e.clock is None or e.clock.casefold() in wanted]
    if not overlapping:
        return None, []
    target = whole_day[-1] if whole_day else overlapping[-1]  # the oldest
    return target, [e for e in overlapping if e is not target]


def find(ws: Workspace, day: date, where: Scope) -> Entry | None:
    """The check-in already saved for that day and scope, if any."""
    return _gather(ws, day, where)[0]


def _same_clock(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()


def _saved_order(entry: Entry) -> tuple[datetime, datetime]:
    return (entry.updated or entry.created or entry.at, entry.at)


def _combined(
    ws: Workspace, where: Scope, target: Entry, others: list[Entry], answers: dict[str, Any]
) -> Entry:
    """The target check-in with the others folded in and the new answers (about
    ``where``) applied: for each question the answer saved last wins; "clean today?" is
    kept per clock. Folding check-ins for single clocks makes one for the whole day."""
    clock = None if where.clock is None else target.clock
    clocks = ws.journal().clock_names() if clock is None else [clock]
    data: dict[str, Any] = {}
    statuses: dict[str, bool] = {}
    notes: list[str] = []
    for entry in sorted([target, *others], key=_saved_order):
        data.update({k: v for k, v in entry.data.items() if k not in ("clean", "lapsed")})
        statuses.update(
            checkin.clean_statuses(entry.get("clean"), entry.get("lapsed"), entry.clock, clocks)
        )
        if entry.note and entry.note not in notes:
            notes.append(entry.note)
    data.update({k: v for k, v in answers.items() if k not in ("clean", "lapsed")})
    if "clean" in answers:
        statuses.update(
            checkin.clean_statuses(answers["clean"], answers.get("lapsed"), where.clock, clocks)
        )
    data.update(checkin.clean_fields(statuses, clocks))
    note = "\n\n".join(notes) if notes else None
    return replace(target, clock=clock, data=data, note=note)


def current(ws: Workspace, day: date, where: Scope) -> dict[str, Any] | None:
    """That day's check-in as a dict (for defaults when asking again)."""
    target, others = _gather(ws, day, where)
    if target is None:
        return None
    return entry_as_dict(ws, _combined(ws, where, target, others, {}))


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
    check_against_lapses(ws, day, where, data)
    with ws.store.writing():
        old, others = _gather(ws, day, where)
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
            entry = replace(_combined(ws, where, old, others, data), updated=ws.now)
            new_note = fields.note(note)
            if others:
                # Check-ins are folded together: keep every earlier note, add this one.
                kept = entry.note.split("\n\n") if entry.note else []
                if new_note is not None and new_note not in kept:
                    kept.append(new_note)
                entry.note = "\n\n".join(kept) or None
            elif note is not None:
                entry.note = new_note
            ws.store.entries.replace(old, entry)
            for extra in others:
                ws.store.entries.delete(extra)
    lapsed = data.get("lapsed") or []  # only when this save answered "clean today?"
    return SavedCheckin(entry, old is not None, _unrecorded(ws, day, lapsed), len(others))


def _filed_at(ws: Workspace, day: date, morning: bool) -> datetime:
    return datetime.combine(day, MORNING if morning else EVENING, tzinfo=ws.tz)


def _unrecorded(ws: Workspace, day: date, lapsed: list[str]) -> list[str]:
    journal = ws.journal()
    out = []
    for name in lapsed:
        clock = journal.find_clock(name)
        if clock is not None and not any(day_of(x.at) == day for x in clock.lapses):
            out.append(clock.name)
    return out


def recorded_lapses(ws: Workspace, day: date, clocks: list[str]) -> dict[str, str]:
    """The clocks (of ``clocks``) with a lapse recorded on ``day``: name -> lapse id."""
    journal = ws.journal()
    out: dict[str, str] = {}
    for name in clocks:
        clock = journal.find_clock(name)
        found = clock and next((x for x in clock.sorted_lapses() if day_of(x.at) == day), None)
        if clock is not None and found:
            out[clock.name] = found.id
    return out


def check_against_lapses(ws: Workspace, day: date, where: Scope, answers: dict[str, Any]) -> None:
    """A check-in never says clean from a clock that has a lapse recorded that day."""
    if "clean" not in answers:
        return
    said = checkin.clean_statuses(
        answers["clean"], answers.get("lapsed"), where.clock, where.clocks
    )
    recorded = recorded_lapses(ws, day, where.clocks)
    for name, clean in said.items():
        if clean and name in recorded:
            raise InvalidInput(
                f"a lapse for {name} is recorded on {day:%a} {day.day} {day:%b %Y}, "
                f"so this check-in cannot say clean from {name}",
                hint=f"answer lapse for {name} (--clean lapse, or --clean {name}=lapse); "
                f"if that lapse was recorded by mistake: recoverylog delete {recorded[name]}",
            )


def clean_answers(where: Scope, given: dict[str, bool]) -> dict[str, Any]:
    """The clean / lapsed fields from answers per clock ("" = every clock)."""
    clean, lapsed = checkin.clean_by_clock(given, where.clocks)
    return {"clean": clean, "lapsed": lapsed}
