"""The greeting line, served from the glance file alone.

This is the quick path of `greet`: it loads the standard library, the glance file's
store and a few pure rules, and never the journal, so that a shell starts quickly.
When the glance cannot answer (missing, from another version, made from files that
changed since, or too old to know the next milestone), ``Unanswered`` says so and the
command takes the full path, which makes the glance again
(services/glance_refresh.py). The prompt segment has a quicker path still
(services/prompt_segment.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, NamedTuple

from recoverylog.domain.glance import ClockToday, clock_today, pick_clock
from recoverylog.domain.moments import day_of, days_start_at
from recoverylog.environment import Environment
from recoverylog.paths import Layout
from recoverylog.services.prompt_segment import Unanswered, present_second
from recoverylog.store import glance as glance_file
from recoverylog.store.glance import mark_greeted, read_glance, read_greeted

__all__ = ["Unanswered"]  # the full path catches it from here


class Glance(NamedTuple):
    """A glance file that still holds, with today as its settings count days."""

    doc: dict[str, Any]
    now: datetime
    today: date


def source_stamps(layout: Layout) -> dict[str, list[int] | None]:
    """The stamps of the files the home's glance is made from (store/glance.py)."""
    return glance_file.source_stamps(layout.journal_file, layout.config_file)


def open_glance(layout: Layout, environment: Environment) -> Glance | None:
    """The glance as of now. None when there is nothing to show (no clock, or a home
    that keeps no glance); Unanswered when it must be made again first."""
    doc = read_glance(layout.glance_file)
    if doc is None:
        if layout.encryption_file.exists():  # an encrypted home keeps none by default
            return None
        if layout.journal_file.exists():
            raise Unanswered("no glance")
        return None
    if doc.get("stamps") != source_stamps(layout):
        raise Unanswered("the journal or settings changed")
    zone_name = environment.timezone or doc.get("zone")
    zone = _zone(zone_name)
    second = present_second(environment.frozen_now, zone_name)
    now = datetime.fromtimestamp(second, UTC).astimezone(zone)
    days_start_at(time.fromisoformat(doc.get("day_starts_at", "00:00")))
    today = day_of(now)
    if today > date.fromisoformat(doc["good_until"]):
        raise Unanswered("the next milestones have passed")
    return Glance(doc, now, today)


def _zone(name: str | None) -> tzinfo | None:
    if not name:
        return None  # the system's local time
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except Exception as exc:  # an unknown or unreadable zone: let the full path say
        raise Unanswered("unknown zone") from exc


def chosen_clock(glance: Glance, wanted: str | None) -> ClockToday | None:
    """The clock asked for, else the prompt.clock setting's, else the first."""
    clocks = glance.doc.get("clocks", [])
    kept = pick_clock(clocks, wanted or glance.doc.get("clock"))
    return None if kept is None else clock_today(kept, glance.today, glance.now)


def segment_format(glance: Glance) -> str:
    return str(glance.doc.get("prompt_format") or "")


def checked_in_today(glance: Glance) -> bool:
    day = (glance.doc.get("checkin") or {}).get("day")
    return day is not None and date.fromisoformat(day) >= glance.today


def greeting_due(layout: Layout, glance: Glance) -> bool:
    """Shown at most once a day (or once per greet.every)."""
    shown = read_greeted(layout.greeted_file)
    if shown is None:
        return True
    every = glance.doc.get("greet_every")
    if every:
        return glance.now.timestamp() - shown >= float(every)
    shown_at = datetime.fromtimestamp(shown, glance.now.tzinfo)
    return day_of(shown_at) < glance.today


def greeted(layout: Layout, glance: Glance) -> None:
    mark_greeted(layout.greeted_file, glance.now.timestamp())


def notices(layout: Layout) -> list[str]:
    """What reminders left for the greeting, taken (each is shown once)."""
    from recoverylog.store.notices import take_notices

    return take_notices(layout)
