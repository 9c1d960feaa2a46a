"""Status dashboard, milestones, the coping toolkit, and once-only celebrations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverylog.domain import fields
from recoverylog.domain.cleantime import CleanTime, lapses_between
from recoverylog.domain.milestones import Milestone
from recoverylog.domain.model import Clock, Technique
from recoverylog.domain.moments import day_of, reading_window
from recoverylog.domain.tallies import summarise, technique_stats
from recoverylog.errors import Busy, InvalidInput
from recoverylog.services.clocks import (
    clean_time_now,
    clock_summary,
    milestones_now,
    moment,
    run_started,
    steps_for,
    time_left,
)
from recoverylog.services.workspace import Workspace, resolve_clock

if TYPE_CHECKING:
    from recoverylog.services.shapes import StatusJson


def status(ws: Workspace) -> StatusJson:
    """Every clock's clean time and next milestone, the last 7 days at a glance, and
    support: sponsor contact, meetings this week, goals."""
    from recoverylog.services.goals import support_status
    from recoverylog.services.nudges import status_nudge

    since_day = ws.today - timedelta(days=6)
    start, _ = reading_window(since_day, ws.today, ws.tz)
    recent = [
        e
        for e in ws.store.entries.iter_range(start, ws.now)
        if since_day <= day_of(e.at) <= ws.today
    ]
    summary = summarise(recent)
    lapses = sum(lapses_between(clock, since_day, ws.today) for clock in ws.journal().clocks)
    return {
        "today": ws.today.isoformat(),
        "currency": ws.settings.currency,
        "clocks": [clock_summary(ws, clock) for clock in ws.journal().clocks],
        "last_7_days": {
            "since": since_day.isoformat(),
            "cravings": summary.cravings,
            "average_intensity": summary.average_intensity,
            "cravings_passed": summary.passed,
            "meetings": summary.meetings,
            "contacts": summary.contacts,
            "lapses": lapses,
        },
        "support": support_status(ws, recent, since_day),
        "nudge": status_nudge(ws),
    }


def milestones(ws: Workspace, name: str | None, upcoming: int = 3) -> list[dict[str, Any]]:
    """Achieved and upcoming milestones, for one clock or every clock."""
    if upcoming < 0:
        raise InvalidInput("--upcoming must be zero or more")
    journal = ws.journal()
    clocks = [resolve_clock(ws, name, journal)] if name else journal.clocks
    out = []
    for clock in clocks:
        ct = clean_time_now(ws, clock)
        ms = milestones_now(ws, clock, ct, upcoming)
        out.append(
            {
                "clock": clock.name,
                "clean_since": clock.clean_since.isoformat(),
                "clean_since_at": moment(clock.clean_since_at),
                "counting_from": ct.headline_start.isoformat(),
                "counting_from_at": moment(ct.headline_start_at),
                "days": ct.headline_days,
                "minutes_clean": ct.headline_minutes,
                "current_run_started": run_started(ws, ct)
                if clock.reset_on_lapse
                else ct.headline_start <= ws.today,
                "total_clean_days": ct.total_clean_days,
                "lapses": ct.lapse_count,
                "scheme": clock.scheme or ws.settings.milestone_scheme,
                "achieved": [_milestone_dict(m) for m in ms.achieved],
                "upcoming": [{**_milestone_dict(m), **time_left(ws, m)} for m in ms.upcoming],
                **_history(ws, clock, ct),
            }
        )
    return out


def _history(ws: Workspace, clock: Clock, ct: CleanTime) -> dict[str, Any]:
    """The whole history beside the current run, so a lapse never reads as back to zero:
    the longest run, and what each earlier run reached."""
    from recoverylog.domain.milestones import run_milestones

    runs = run_milestones(clock, ct, steps_for(ws, clock), ws.today, ws.now)
    return {
        "started": ct.started,
        "current_run_from": ct.runs[-1].start.isoformat(),
        "current_run_days": ct.current_days,
        "longest_run_days": ct.longest_run_days,
        "earlier_runs": [
            {
                "from": run.start.isoformat(),
                "to": run.end.isoformat(),
                "days": run.days,
                "achieved": [_milestone_dict(m) for m in achieved],
            }
            for run, achieved in runs
            if run.end is not None
        ],
    }


def _milestone_dict(m: Milestone) -> dict[str, Any]:
    out: dict[str, Any] = {"label": m.label, "date": m.date.isoformat()}
    if m.at is not None:
        out["at"] = moment(m.at)
    if m.colour:
        out["keytag"] = m.colour
    return out


class Celebration(NamedTuple):
    clock: str
    label: str
    date: date
    days: int


def new_celebrations(ws: Workspace) -> list[Celebration]:
    """Milestones reached since they were last shown; each is returned only once.

    Checked without the writer lock; the lock is taken only to mark one as shown, and
    never waited for: if another command is writing, the celebration waits for the
    next command instead of holding this one up."""
    if not ws.layout.journal_file.exists():
        return []
    if not _pending(ws):
        return []
    try:
        with ws.store.writing(timeout=0):
            journal = ws.reload_journal()
            pending = _pending(ws)
            for item in pending:
                clock = journal.find_clock(item.clock)
                if clock is not None:
                    clock.celebrated_through = max(item.date, clock.celebrated_through or item.date)
            if pending:
                ws.save_journal(journal)
    except Busy:
        return []
    return pending


def _pending(ws: Workspace) -> list[Celebration]:
    found = []
    for clock in ws.journal().clocks:
        ct = clean_time_now(ws, clock)
        achieved = milestones_now(ws, clock, ct, 0).achieved
        fresh = [
            m
            for m in achieved
            if (clock.celebrated_through is None or m.date > clock.celebrated_through)
            and m.date > ct.headline_start  # day 0 is a welcome, not an achievement
        ]
        if fresh:
            latest = fresh[-1]
            found.append(Celebration(clock.name, latest.label, latest.date, ct.headline_days))
    return found


# --- coping toolkit ------------------------------------------------------------


def add_technique(ws: Workspace, name: str, description: str | None) -> Technique:
    clean = fields.name(name, "technique")
    with ws.store.writing():
        journal = ws.reload_journal()
        existing = journal.find_technique(clean)
        if existing is not None:
            if description is None:
                raise InvalidInput(f"'{existing.name}' is already in your toolkit")
            existing.description = fields.note(description)
            ws.save_journal(journal)
            return existing
        technique = Technique(clean, fields.note(description))
        journal.toolkit.append(technique)
        ws.save_journal(journal)
    return technique


def toolkit(ws: Workspace) -> list[dict[str, Any]]:
    """Every technique with times used, average helpfulness and how often cravings passed."""
    journal = ws.journal()
    entries = ws.store.entries.iter_range()
    described = {t.name.casefold(): t.description for t in journal.toolkit}
    return [
        {
            "name": s.name,
            "description": described.get(s.name.casefold()),
            "times_used": s.times_used,
            "average_helped": s.average_helped,
            "cravings_with_outcome": s.cravings_with_outcome,
            "cravings_passed": s.cravings_passed,
            "pass_rate": None if s.pass_rate is None else round(s.pass_rate, 3),
        }
        for s in technique_stats(entries, [t.name for t in journal.toolkit])
    ]
