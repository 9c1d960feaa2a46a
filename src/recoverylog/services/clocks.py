"""Clocks: add, edit, rename, remove, record a lapse, and summarise clean time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from recoverylog.domain import fields
from recoverylog.domain.cleantime import CleanTime, Run, clean_time
from recoverylog.domain.milestones import (
    Milestone,
    MilestoneStatus,
    NotAMilestone,
    Step,
    UnknownScheme,
    milestone_status,
    progress_towards,
    scheme_steps,
)
from recoverylog.domain.model import Clock, Lapse, new_id
from recoverylog.domain.moments import day_of, elapsed
from recoverylog.domain.substances import safety_notes
from recoverylog.errors import InvalidInput
from recoverylog.messages import LAPSE_IN_THE_FUTURE, NEW_RUN_AFTER_THE_LAPSE, before_clean_since
from recoverylog.services.workspace import Workspace, resolve_clock

if TYPE_CHECKING:
    from recoverylog.services.shapes import (
        ClockDetailJson,
        ClockJson,
        NextMilestoneJson,
        TimeLeftJson,
    )


def steps_for(ws: Workspace, clock: Clock) -> tuple[Step, ...]:
    name = clock.scheme or ws.settings.milestone_scheme
    try:
        return scheme_steps(name, ws.settings.schemes)
    except (NotAMilestone, UnknownScheme) as exc:  # the settings' scheme, not what was typed
        raise InvalidInput(exc.message, hint="see 'recoverylog config show' for schemes") from exc


def check_scheme(ws: Workspace, name: str | None) -> str | None:
    if name is None:
        return None
    scheme = name.strip().lower()
    scheme_steps(scheme, ws.settings.schemes)
    return scheme


def clean_time_now(ws: Workspace, clock: Clock) -> CleanTime:
    """Clean time right now: a clock that began at a known moment counts up to ``now``."""
    return clean_time(clock, ws.today, ws.tz, ws.now)


def milestones_now(ws: Workspace, clock: Clock, ct: CleanTime, upcoming: int) -> MilestoneStatus:
    """Milestones reached by now, counted from the headline start (a day or a moment)."""
    return milestone_status(
        ct.headline_start,
        ws.today,
        steps_for(ws, clock),
        upcoming,
        start_at=ct.headline_start_at,
        now=ws.now,
    )


def run_started(ws: Workspace, ct: CleanTime) -> bool:
    """False on the day of a lapse until the new run begins (the next day, or the moment
    the person gave)."""
    run = ct.runs[-1]
    return run.start <= ws.today if run.start_at is None else run.start_at <= ws.now


def time_left(ws: Workspace, milestone: Milestone) -> TimeLeftJson:
    """How far off a milestone is: calendar days, and for one at a known moment, the
    minutes too (the views say "in 3 hours 10 minutes" when it is less than a day)."""
    out: TimeLeftJson = {"days_left": (milestone.date - ws.today).days}
    if milestone.at is not None:
        minutes = elapsed(ws.now, milestone.at).total_seconds() // 60
        out["minutes_left"] = max(0, int(minutes))
    return out


def moment(value: datetime | None) -> str | None:
    """A known moment for JSON: ISO 8601 with its UTC offset; None when only a day is known."""
    return None if value is None else value.isoformat()


class AddedClock(NamedTuple):
    clock: Clock
    withdrawal_warning: bool
    opioid_note: bool = False


def add_clock(
    ws: Workspace,
    name: str,
    since: date | datetime,
    cost_per_day: float | None = None,
    hours_per_day: float | None = None,
    scheme: str | None = None,
) -> AddedClock:
    clean_name = fields.name(name, "clock name")
    clock = Clock(
        name=clean_name,
        clean_since=ws.today,
        cost_per_day=fields.amount(cost_per_day, "cost per day")
        if cost_per_day is not None
        else None,
        hours_per_day=_hours(hours_per_day),
        scheme=check_scheme(ws, scheme),
        created=ws.now,
    )
    clock.set_start(_start(ws, since))
    # Milestones already behind the person on day one are not "new" achievements.
    achieved = milestones_now(ws, clock, clean_time_now(ws, clock), 0).achieved
    clock.celebrated_through = achieved[-1].date if achieved else None
    with ws.store.writing():
        journal = ws.reload_journal()
        if journal.find_clock(clean_name):
            raise InvalidInput(
                f"a clock named '{clean_name}' already exists",
                hint="'recoverylog clock edit' changes it",
            )
        journal.clocks.append(clock)
        ws.save_journal(journal)
    notes = safety_notes(clean_name)
    return AddedClock(clock, notes.withdrawal, notes.opioid)


def _start(ws: Workspace, start: date | datetime) -> date | datetime:
    """A start day as given; a start moment in the person's time zone, to the minute."""
    if isinstance(start, datetime):
        return ws.local(start).replace(second=0, microsecond=0)
    return start


def _hours(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0 <= value <= 24:
        raise InvalidInput("hours per day must be from 0 to 24")
    return value


def edit_clock(
    ws: Workspace,
    name: str | None,
    *,
    since: date | datetime | None = None,
    cost_per_day: float | None = None,
    hours_per_day: float | None = None,
    scheme: str | None = None,
    reset_on_lapse: bool | None = None,
) -> Clock:
    with ws.store.writing():
        journal = ws.reload_journal()
        clock = resolve_clock(ws, name, journal)
        from recoverylog.services.safety import take_backup  # only when changing

        take_backup(ws, "edit-clock", [ws.layout.journal_file])
        if since is not None:
            clock.set_start(_start(ws, since))
        if cost_per_day is not None:
            clock.cost_per_day = fields.amount(cost_per_day, "cost per day") or None
        if hours_per_day is not None:
            clock.hours_per_day = _hours(hours_per_day) or None
        if scheme is not None:
            clock.scheme = check_scheme(ws, scheme)
        if reset_on_lapse is not None:
            clock.reset_on_lapse = reset_on_lapse
        ws.save_journal(journal)
    return clock


def rename_clock(ws: Workspace, old: str, new: str) -> Clock:
    new_name = fields.name(new, "clock name")
    with ws.store.writing():
        journal = ws.reload_journal()
        clock = resolve_clock(ws, old, journal)
        from recoverylog.services.safety import take_backup  # only when changing

        take_backup(ws, "rename-clock")
        other = journal.find_clock(new_name)
        if other is not None and other is not clock:
            raise InvalidInput(f"a clock named '{new_name}' already exists")
        old_name, clock.name = clock.name, new_name
        ws.save_journal(journal)
        _rename_in_entries(ws, old_name, new_name)
        _rename_default(ws, old_name, new_name)
    return clock


def _rename_default(ws: Workspace, old: str, new: str) -> None:
    """A default_clock that named the clock follows it to its new name."""
    from recoverylog.config import set_value
    from recoverylog.domain.model import normalise_name

    default = ws.settings.default_clock
    if default and normalise_name(default).casefold() == normalise_name(old).casefold():
        set_value(ws.layout.config_file, "default_clock", new, ws.store.io)


def _rename_in_entries(ws: Workspace, old: str, new: str) -> None:
    """Entries name their clock; keep them attached after a rename."""
    store = ws.store.entries
    for month in store.months():
        doc = store.read_doc(month)
        changed = False
        for raw in doc["entries"]:
            if raw.get("clock") == old:
                raw["clock"] = new
                raw["updated"] = ws.now.isoformat()  # so a merge knows it is newer
                changed = True
        if changed:
            store.write_doc(month, doc)


def remove_clock(ws: Workspace, name: str) -> Clock:
    """Remove the clock and its history; entries keep their text but lose the link."""
    with ws.store.writing():
        journal = ws.reload_journal()
        clock = resolve_clock(ws, name, journal)
        from recoverylog.services.safety import take_backup  # only when changing

        take_backup(ws, "remove-clock", [ws.layout.journal_file])
        journal.clocks = [c for c in journal.clocks if c is not clock]
        ws.save_journal(journal)
    return clock


class RecordedLapse(NamedTuple):
    clock: Clock
    lapse: Lapse
    before: CleanTime
    after: CleanTime
    opioid_note: bool = False


def record_lapse(
    ws: Workspace,
    name: str | None,
    at: datetime,
    restart: date | datetime | None = None,
    note: str | None = None,
    triggers: list[str] | None = None,
) -> RecordedLapse:
    """Record a lapse. The next run starts the next day, or on the day given, or (when the
    person gives a time of day) at that moment, which must come after the lapse."""
    if at > ws.now:
        raise InvalidInput(LAPSE_IN_THE_FUTURE)
    local_day = day_of(at)
    restart = _start(ws, restart) if restart is not None else local_day + timedelta(days=1)
    if isinstance(restart, datetime):
        if restart <= at:
            raise InvalidInput("the new run must start after the lapse")
    elif restart <= local_day:
        raise InvalidInput(NEW_RUN_AFTER_THE_LAPSE)
    with ws.store.writing():
        journal = ws.reload_journal()
        clock = resolve_clock(ws, name, journal)
        if local_day < clock.clean_since:
            raise InvalidInput(before_clean_since(clock.name, clock.clean_since))
        before = clean_time_now(ws, clock)
        lapse = Lapse(
            id=new_id()[:8],
            at=ws.local(at),
            restart=local_day,
            note=fields.note(note),
            triggers=fields.text_list(triggers or [], "trigger"),
        )
        lapse.set_restart(restart)
        clock.lapses.append(lapse)
        ws.save_journal(journal)
    after = clean_time_now(ws, clock)
    return RecordedLapse(clock, lapse, before, after, safety_notes(clock.name).opioid)


def clock_summary(ws: Workspace, clock: Clock, upcoming: int = 1) -> ClockJson:
    """The JSON-ready view of one clock (status, clock list and show share it)."""
    ct = clean_time_now(ws, clock)
    steps = steps_for(ws, clock)
    ms = milestones_now(ws, clock, ct, upcoming)
    next_one = ms.upcoming[0] if ms.upcoming else None
    saved_days = ct.total_clean_days
    return {
        "name": clock.name,
        "clean_since": clock.clean_since.isoformat(),
        "clean_since_at": moment(clock.clean_since_at),
        "current_run_start": ct.runs[-1].start.isoformat(),
        "current_run_start_at": moment(ct.runs[-1].start_at),
        "current_run_started": run_started(ws, ct),
        "started": ct.started,
        "starts_in_days": max(0, (clock.clean_since - ws.today).days),
        "days": ct.headline_days,
        "minutes_clean": ct.headline_minutes,
        "current_run_days": ct.current_days,
        "longest_run_days": ct.longest_run_days,
        "total_clean_days": ct.total_clean_days,
        "share_clean": None if ct.share_clean is None else round(ct.share_clean, 4),
        "lapses": ct.lapse_count,
        "money_saved": round(saved_days * clock.cost_per_day, 2) if clock.cost_per_day else None,
        "hours_saved": round(saved_days * clock.hours_per_day, 1) if clock.hours_per_day else None,
        "scheme": clock.scheme or ws.settings.milestone_scheme,
        "reset_on_lapse": clock.reset_on_lapse,
        "next_milestone": None if next_one is None else _next_milestone(ws, ct, steps, next_one),
    }


def _next_milestone(
    ws: Workspace, ct: CleanTime, steps: Sequence[Step], milestone: Milestone
) -> NextMilestoneJson:
    progress = progress_towards(
        ct.headline_start, ws.today, steps, start_at=ct.headline_start_at, now=ws.now
    )
    left = time_left(ws, milestone)
    shown: NextMilestoneJson = {
        "label": milestone.label,
        "date": milestone.date.isoformat(),
        "days_left": left["days_left"],
        "progress": round(progress or 0.0, 4),
    }
    if milestone.at:
        shown["at"] = moment(milestone.at)
    if "minutes_left" in left:
        shown["minutes_left"] = left["minutes_left"]
    return shown


def _starts_in(ws: Workspace, run: Run, current_started: bool) -> dict[str, int]:
    """For a current run that has not begun (after a lapse today, or a planned start):
    how many days until it does, so it is never shown as running until now."""
    if not run.current or current_started:
        return {}
    return {"starts_in_days": (run.start - ws.today).days}


def clock_detail(ws: Workspace, name: str | None) -> ClockDetailJson:
    """One clock with its runs and lapses, for 'clock show'."""
    clock = resolve_clock(ws, name, ws.journal())
    ct = clean_time_now(ws, clock)
    summary = clock_summary(ws, clock)
    runs = [
        {
            "start": run.start.isoformat(),
            "end": run.end.isoformat() if run.end else None,
            "days": run.days,
            "current": run.current,
            **({"start_at": moment(run.start_at)} if run.start_at else {}),
            **_starts_in(ws, run, summary["current_run_started"]),
        }
        for run in ct.runs
    ]
    lapse_history = [
        {
            "id": lapse.id,
            "at": lapse.at.isoformat(),
            "restart": lapse.restart.isoformat(),
            "triggers": lapse.triggers,
            "note": lapse.note,
            **({"restart_at": moment(lapse.restart_at)} if lapse.restart_at else {}),
        }
        for lapse in clock.sorted_lapses()
    ]
    return {
        **summary,
        "cost_per_day": clock.cost_per_day,
        "hours_per_day": clock.hours_per_day,
        "runs": runs,
        "lapse_history": lapse_history,
    }


def list_clocks(ws: Workspace) -> list[ClockJson]:
    return [clock_summary(ws, clock) for clock in ws.journal().clocks]
