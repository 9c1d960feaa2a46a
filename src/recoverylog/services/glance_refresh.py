"""Making the glance file: after every block of writes (the store tells the workspace
what it wrote), and when `prompt` or `greet` find it cannot answer.

Most writes change nothing it holds: a craving leaves it as it is, a check-in moves
its day, and only a change to the journal or the settings (clocks, lapses, milestones
celebrated, a time zone) makes it again from the journal, with no month file read. The
nudge is the exception: it is worked out again from the last 90 days on the first write
of a day (services/nudges.py). In an encrypted home it holds nothing unless
prompt.in_encrypted says it may."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from recoverylog.config import Settings, load_settings
from recoverylog.domain.cleantime import clean_time
from recoverylog.domain.glance import DEFAULT_SEGMENT, segment_changes
from recoverylog.domain.milestones import Milestone, milestone_status, scheme_steps
from recoverylog.domain.model import Clock, EntryType, Journal
from recoverylog.domain.moments import (
    day_of,
    day_starts,
    days_start_at,
    local_moment,
    reading_window,
)
from recoverylog.domain.segment import fold
from recoverylog.services.glance import source_stamps
from recoverylog.services.nudges import NUDGE_KEY, glance_nudge, keep_nudge_fresh
from recoverylog.services.weekly import GLANCE_KEY, weekly_glance
from recoverylog.services.workspace import Workspace, current_time, resolve_timezone
from recoverylog.store.glance import GLANCE_VERSION, read_glance, remove_glance, write_glance
from recoverylog.store.home import WriteLog

UPCOMING = 3  # the next milestones kept
# How long a glance holds without a write: then the first prompt or greeting makes it
# again (a few hundred milliseconds, once).
GOOD_FOR_DAYS = 60


def refresh_glance(ws: Workspace, log: WriteLog) -> None:
    """Bring the glance up to date after writes (the store calls this under its lock)."""
    path = ws.layout.glance_file
    old = read_glance(path)
    stamps = source_stamps(ws.layout)
    if old is not None and not _old(ws, old, stamps, log):
        doc = dict(old)
        keep_nudge_fresh(ws, doc)  # at most once a day
    else:
        made = _made_again(ws, old, stamps, log)
        if made is None:
            return
        doc = made
    doc["checkin"] = _checkin_after(doc.get("checkin"), log.months)
    if doc != old:
        write_glance(path, doc)


def _old(ws: Workspace, doc: dict[str, Any], stamps: dict[str, Any], log: WriteLog) -> bool:
    """Must the glance be made again from the journal and settings?"""
    if log.journal is not None or doc.get("stamps") != stamps or GLANCE_KEY not in doc:
        return True
    if doc.get("zone") != _zone_name(ws.tz):  # $RECOVERYLOG_TIMEZONE says another
        return True
    return ws.today > date.fromisoformat(doc.get("good_until", "0001-01-01"))


def _made_again(
    ws: Workspace, old: dict[str, Any] | None, stamps: dict[str, Any], log: WriteLog
) -> dict[str, Any] | None:
    """The glance made from the journal; None when the home keeps none (encrypted,
    without prompt.in_encrypted), after removing any it had."""
    if ws.store.io.encrypted():
        settings = _settings(ws)  # prompt.in_encrypted may have just been set
        if not settings.prompt_in_encrypted:
            remove_glance(ws.layout.glance_file)
            return None
    else:
        kept_config = old is not None and old.get("stamps", {}).get("config") == stamps["config"]
        settings = ws.settings if kept_config else _settings(ws)
    journal = log.journal or ws.store.load_journal()
    checkin = None if old is None or log.journal is None else old.get("checkin")
    nudge = None if old is None else old.get(NUDGE_KEY)
    return build_glance(ws, settings, journal, stamps, checkin, nudge)


def _settings(ws: Workspace) -> Settings:
    """The settings as they are now (a write may have just changed them)."""
    return load_settings(ws.layout.config_file, ws.store.io, timezone=ws.environment.timezone)


def build_glance(
    ws: Workspace,
    settings: Settings,
    journal: Journal,
    stamps: dict[str, Any],
    checkin: dict[str, str] | None = None,
    nudge: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole glance, from the journal and settings (and the check-in day known, or
    found in the newest entries; the nudge kept, while it still holds)."""
    days_start_at(time.fromisoformat(settings.day_starts_at))
    tz = resolve_timezone(settings.timezone, ws.environment.system_timezone)
    now = current_time(tz, ws.environment.frozen_now)
    today = day_of(now)
    clocks = [_clock(clock, settings, today, now) for clock in journal.clocks]
    until = min([today + timedelta(days=GOOD_FOR_DAYS), *(c.pop("until") for c in clocks)])
    return {
        "version": GLANCE_VERSION,
        "zone": _zone_name(tz),
        "day_starts_at": settings.day_starts_at,
        "prompt_format": settings.prompt_format,
        "clock": settings.prompt_clock or settings.default_clock,
        "greet_every": _seconds(settings.greet_every),
        "stamps": stamps,
        "good_until": until.isoformat(),
        "clocks": clocks,
        "segments": _segments(clocks, settings.prompt_format or DEFAULT_SEGMENT, now, until),
        "checkin": checkin if checkin is not None else _latest_checkin(ws, today),
        NUDGE_KEY: glance_nudge(ws, settings, journal, now, nudge),
        GLANCE_KEY: weekly_glance(settings, journal, ws.store.io.encrypted()),
    }


def _zone_name(tz: tzinfo) -> str | None:
    return getattr(tz, "key", None)


def _segments(
    clocks: list[dict[str, Any]], form: str, now: datetime, until: date
) -> dict[str, Any]:
    """What `prompt` shows for each clock from the start of today until the glance is
    old, as changes it can look up without a calendar (domain/segment.py)."""
    tz = now.tzinfo
    assert tz is not None
    start = min(now, local_moment(datetime.combine(day_of(now), day_starts()), tz))
    end = local_moment(datetime.combine(until + timedelta(days=1), day_starts()), tz)
    return {
        "until": int(end.timestamp()),
        "clocks": [[fold(c["name"]), segment_changes(c, form, start, end)] for c in clocks],
    }


def _clock(clock: Clock, settings: Settings, today: date, now: datetime) -> dict[str, Any]:
    ct = clean_time(clock, today, now.tzinfo, now)
    run = ct.runs[-1]
    steps = scheme_steps(clock.scheme or settings.milestone_scheme, settings.schemes)
    status = milestone_status(
        ct.headline_start, today, steps, UPCOMING, start_at=ct.headline_start_at, now=now
    )
    kept = [*status.achieved[-1:], *status.upcoming]
    # Past its last milestone kept (or a year on), the glance is made again.
    until = status.upcoming[-1].date if status.upcoming else today + timedelta(days=365)
    return {
        "name": clock.name,
        "reset": clock.reset_on_lapse,
        "since": clock.clean_since.isoformat(),
        "since_at": _iso(clock.clean_since_at),
        "run": run.start.isoformat(),
        "run_at": _iso(run.start_at),
        "earlier_days": sum(earlier.days for earlier in ct.runs[:-1]),
        "lapses": ct.lapse_count,
        "milestones": [_milestone(m) for m in kept],
        "until": until,
    }


def _milestone(milestone: Milestone) -> dict[str, Any]:
    return {"label": milestone.label, "date": milestone.date.isoformat(), "at": _iso(milestone.at)}


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _seconds(every: str) -> int | None:
    """greet.every in seconds; None for once a day."""
    if every == "day":
        return None
    from recoverylog.config import greet_interval

    return int(greet_interval(every).total_seconds())


def _latest_checkin(ws: Workspace, today: date) -> dict[str, str] | None:
    """The newest check-in of the last day or two (all the greeting asks about)."""
    start, _ = reading_window(today - timedelta(days=1), today, ws.tz)
    for entry in ws.store.entries.iter_newest_first(since=start):
        if entry.type == EntryType.CHECKIN:
            return {"day": day_of(entry.at).isoformat(), "month": entry.month}
    return None


def _checkin_after(
    known: dict[str, str] | None, months: dict[str, list[str]]
) -> dict[str, str] | None:
    """The newest check-in day, from the one known and the months just written (which
    hold every check-in of theirs: one deleted from them is gone)."""
    found = [] if known is None or known.get("month") in months else [known]
    for month, moments in months.items():
        days = [_day(at) for at in moments]
        if days:
            found.append({"day": max(days).isoformat(), "month": month})
    return max(found, key=lambda item: item["day"], default=None)


def _day(at: str) -> date:
    return day_of(datetime.fromisoformat(at))
