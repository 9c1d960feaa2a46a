"""Goals (meetings, contacts, check-ins, self-checks and goals of your own), the
meetings list, and the support part of status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from recoverylog.domain import goals as goals_rules
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of
from recoverylog.errors import InvalidInput, NotFound
from recoverylog.messages import SINCE_AFTER_UNTIL
from recoverylog.services.people import last_contacts
from recoverylog.services.workspace import Workspace

if TYPE_CHECKING:
    from recoverylog.services.shapes import GoalProgressJson, SupportStatusJson

# A finished goal stays on the status screen this many days after its last day.
SHOW_FINISHED_DAYS = 7
DEFAULT_MEETING_WEEKS = 4


def _day_start(ws: Workspace, day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ws.tz)


MAX_DAYS_AHEAD = 366


def set_goal(
    ws: Workspace,
    kind: str,
    count: int,
    days: int,
    start: date | None,
    repeat: bool,
    name: str | None = None,
) -> goals_rules.Goal:
    if start is not None and start > ws.today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidInput("a goal can start up to a year from today, not later")
    goal = goals_rules.new_goal(kind, count, days, start or ws.today, repeat, name)
    with ws.store.writing():
        journal = ws.reload_journal()
        if goal.kind == goals_rules.COPING and goal.name:
            known = journal.find_technique(goal.name)
            goal = replace(goal, name=known.name if known else goal.name)
        for key in _same_goal(journal.goals, goal.key):
            del journal.goals[key]  # set again in another case: replaced
        journal.goals[goal.key] = goals_rules.goal_to_dict(goal)
        ws.save_journal(journal)
    return goal


def clear_goal(ws: Workspace, kind: str, name: str | None = None) -> str:
    """Remove a goal; what it is called, for the message."""
    found = goals_rules.goal_kind(kind)
    if found in goals_rules.NAMED_KINDS:
        if not name:
            raise InvalidInput(f"which {found} goal? give its name", hint=goals_rules.EXAMPLE)
        name = goals_rules.goal_name(found, name)
    title = goals_rules.goal_title(found, name)
    with ws.store.writing():
        journal = ws.reload_journal()
        keys = _same_goal(journal.goals, goals_rules.goal_key(found, name))
        if not keys:
            raise NotFound(f"there is no {title}", hint="'recoverylog goal show' lists goals")
        stored = goals_rules.goal_from_dict(keys[0], journal.goals[keys[0]])
        for key in keys:
            del journal.goals[key]
        ws.save_journal(journal)
    return goals_rules.goal_title(found, stored.name if stored else name)


def _same_goal(goals: Mapping[str, Any], key: str) -> list[str]:
    """The stored keys of one goal, whatever the case of its name."""
    return [k for k in goals if k.casefold() == key.casefold()]


def stored_goals(ws: Workspace) -> list[goals_rules.Goal]:
    """Every goal this version knows, meetings and contacts first, then check-ins,
    self-checks and goals of your own (in the order they were set)."""
    found = (goals_rules.goal_from_dict(key, raw) for key, raw in ws.journal().goals.items())
    goals = [g for g in found if g is not None]
    return sorted(goals, key=lambda g: goals_rules.KIND_ORDER.index(g.kind))


def goal_progress(
    ws: Workspace,
    goals: Sequence[goals_rules.Goal],
    recent: Sequence[Entry] = (),
    recent_since: date | None = None,
) -> list[goals_rules.GoalProgress]:
    """Progress for each goal today. Entries are read from the earliest window start,
    unless ``recent`` (every entry from ``recent_since`` to now, already read) covers
    every window."""
    if not goals:
        return []
    first = min(goals_rules.goal_window(g, ws.today)[0] for g in goals)
    covered = recent_since is not None and recent_since <= first
    if covered or first > ws.today:
        entries: Iterable[Entry] = recent
    else:
        entries = ws.store.entries.iter_range(_day_start(ws, first), ws.now)
    uses: list[list[goals_rules.GoalUse]] = [[] for _ in goals]
    for entry in entries:
        for goal, found in zip(goals, uses, strict=True):
            use = goals_rules.goal_use(goal, entry)
            if use is not None:
                found.append(use)
    return [
        goals_rules.uses_progress(g, found, ws.today) for g, found in zip(goals, uses, strict=True)
    ]


def progress_as_dict(p: goals_rules.GoalProgress) -> GoalProgressJson:
    out: GoalProgressJson = {
        "kind": p.goal.kind,
        "count": p.goal.count,
        "days": p.goal.days,
        "start": p.goal.start.isoformat(),
        "repeat": p.goal.repeat,
        "window_start": p.window_start.isoformat(),
        "window_end": p.window_end.isoformat(),
        "done": p.done,
        "day": p.day,
        "reached": p.reached,
        "finished": p.finished,
    }
    if p.goal.name:
        out["name"] = p.goal.name  # the technique or tag of a goal of your own
    return out


def goals_overview(ws: Workspace) -> list[GoalProgressJson]:
    """Every goal and how it stands today: for goal show, and any view of the day."""
    return [progress_as_dict(p) for p in goal_progress(ws, stored_goals(ws))]


# --- meetings ----------------------------------------------------------------------


def meetings(ws: Workspace, since: date | None, until: date | None) -> dict[str, Any]:
    """Meetings attended, week by week (Monday to Sunday), with the meetings goal."""
    last = until or ws.today
    first = since or goals_rules.week_start(last) - timedelta(weeks=DEFAULT_MEETING_WEEKS - 1)
    if first > last:
        raise InvalidInput(SINCE_AFTER_UNTIL)
    found = [
        e
        for e in ws.store.entries.iter_range(
            _day_start(ws, first), min(ws.now, _day_start(ws, last + timedelta(days=1)))
        )
        if e.type is EntryType.MEETING and first <= day_of(e.at) <= last
    ]
    weeks = []
    for monday in goals_rules.week_starts(first, last):
        sunday = monday + timedelta(days=6)
        these = [m for m in found if monday <= day_of(m.at) <= sunday]
        weeks.append(
            {
                "week_start": monday.isoformat(),
                "count": len(these),
                "meetings": [meeting_as_dict(ws, m) for m in these],
            }
        )
    goal = next((p for p in goal_progress(ws, stored_goals(ws)) if p.goal.kind == "meetings"), None)
    return {
        "since": first.isoformat(),
        "until": last.isoformat(),
        "total": len(found),
        "online": sum(1 for m in found if m.get("online")),
        "weeks": weeks,
        "goal": progress_as_dict(goal) if goal else None,
    }


def meeting_as_dict(ws: Workspace, entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "name": entry.get("name"),
        "fellowship": entry.get("fellowship"),
        "online": bool(entry.get("online")),
        "clock": entry.clock,
        "note": entry.note,
    }


# --- status ------------------------------------------------------------------------


def support_status(ws: Workspace, recent: Sequence[Entry], since: date) -> SupportStatusJson:
    """For the status screen: days since the sponsor was last reached, meetings this
    week (Monday on), and goals that are running or just finished.

    ``recent`` holds every entry from ``since`` to now, which status already read."""
    journal = ws.journal()
    sponsors = [p for p in journal.people if p.get("role") == "sponsor" and p.get("name")]
    last = last_contacts(ws, sponsors, recent) if sponsors else {}
    monday = goals_rules.week_start(ws.today)
    this_week = sum(1 for e in recent if e.type is EntryType.MEETING and day_of(e.at) >= monday)
    progress = goal_progress(ws, stored_goals(ws), recent, since)
    shown = [
        p
        for p in progress
        if not p.finished or (ws.today - p.window_end).days <= SHOW_FINISHED_DAYS
    ]
    return {
        "sponsors": [
            {
                "name": str(p["name"]),
                "last_contact": _iso(last.get(str(p["name"]).casefold())),
                "days_since_contact": _days_since(ws, last.get(str(p["name"]).casefold())),
            }
            for p in sponsors
        ],
        "week_start": monday.isoformat(),
        "meetings_this_week": this_week,
        "goals": [progress_as_dict(p) for p in shown],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _days_since(ws: Workspace, day: date | None) -> int | None:
    return (ws.today - day).days if day else None
