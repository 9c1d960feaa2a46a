"""Nudges: the line from the person's own plan and toolkit for the hours their cravings
most often come, kept in the glance file so that `greet` never reads the journal for it.

Patterns change slowly, so a nudge is worked out at most once a day: when the glance is
made again (a change to the journal or the settings), on the first write of a day, and
when `status` finds none made today. It counts the entries of the insights' default
period (the last 90 days) as insights do. An encrypted home keeps none: the glance is
plain text, and the plan's words are not for it."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from recoverylog.config import Settings
from recoverylog.domain.model import Journal
from recoverylog.domain.moments import day_of
from recoverylog.domain.nudge_window import due_nudge
from recoverylog.services.workspace import Workspace

if TYPE_CHECKING:
    from recoverylog.domain.model import Entry
    from recoverylog.domain.nudges import Nudge
    from recoverylog.services.shapes import NudgeJson

NUDGE_KEY = "nudge"  # its key in the glance document


def glance_nudge(
    ws: Workspace,
    settings: Settings,
    journal: Journal,
    now: datetime,
    kept: Any = None,
) -> dict[str, Any]:
    """The nudge as the glance keeps it: the day it was made and what it was made from,
    and the window and line when there is one. ``kept``, the one the glance holds, is
    kept while it was made today from the same plan, toolkit and settings."""
    if ws.store.io.encrypted():
        return {"made": day_of(now).isoformat()}  # nothing of the plan in plain text
    made = {"made": day_of(now).isoformat(), "from": _sources(settings, journal)}
    if isinstance(kept, dict) and all(kept.get(key) == value for key, value in made.items()):
        return kept
    if not settings.nudges:
        return made
    nudge = find_nudge(ws, journal, now)
    return made if nudge is None else {**made, **nudge.as_kept()}


def _sources(settings: Settings, journal: Journal) -> int:
    """What a nudge is made from besides the entries, in one number: a change to the
    plan, the toolkit or the settings makes it again the same day."""
    import json
    import zlib

    sources = [journal.plan, [t.name for t in journal.toolkit], settings.nudges]
    return zlib.crc32(json.dumps(sources, sort_keys=True, default=str).encode())


def find_nudge(ws: Workspace, journal: Journal, now: datetime) -> Nudge | None:
    """The nudge the last 90 days' cravings and the plan make (None: not enough)."""
    from recoverylog.domain.insights.period import DEFAULT_DAYS, Period, tally
    from recoverylog.domain.nudges import make_nudge

    tz = now.tzinfo
    assert tz is not None
    period = Period.last_days(DEFAULT_DAYS, day_of(now))
    start, end = period.bounds(tz)
    counts = tally(
        _Counts([t.name for t in journal.toolkit]),
        ws.store.entries.iter_newest_first(start, end),
        period,
        tz,
    )
    return make_nudge(counts.times.result(), counts.coping.result(), journal.plan)


class _Counts:
    """The two counts a nudge needs of the insights: when cravings come, and what helps."""

    def __init__(self, spelling: list[str]) -> None:
        from recoverylog.domain.insights.coping import CopingTally
        from recoverylog.domain.insights.craving_times import TimeTally

        self.times, self.coping = TimeTally(), CopingTally(spelling)

    def add(self, entry: Entry, local: datetime) -> None:
        self.times.add(entry, local)
        self.coping.add(entry, local)


def made_today(doc: dict[str, Any], today: date) -> bool:
    kept = doc.get(NUDGE_KEY)
    return isinstance(kept, dict) and kept.get("made") == today.isoformat()


def keep_nudge_fresh(ws: Workspace, doc: dict[str, Any]) -> None:
    """Work the nudge out again if it was not made today (the glance's refresh)."""
    if not made_today(doc, ws.today):
        doc[NUDGE_KEY] = glance_nudge(ws, ws.settings, ws.journal(), ws.now)


def status_nudge(ws: Workspace) -> NudgeJson | None:
    """The nudge when now is inside its window or the hour before it, for `status`."""
    if not ws.settings.nudges or ws.store.io.encrypted() or not ws.layout.journal_file.exists():
        return None
    kept = _kept_today(ws)
    text = due_nudge(kept, ws.now)
    if text is None:
        return None
    from recoverylog.domain.insights.craving_times import WEEKDAYS

    return {
        "text": text,
        "weekday": WEEKDAYS[int(kept["weekday"])],
        "start": f"{int(kept['start']):02d}:00",
        "end": f"{int(kept['end']):02d}:00",
    }


def _kept_today(ws: Workspace) -> dict[str, Any]:
    """Today's nudge from the glance; made and kept first when there is none yet (the
    end of a block of writes brings the glance up to date), or worked out here when the
    glance cannot be written just now."""
    from recoverylog.store.glance import read_glance

    doc = read_glance(ws.layout.glance_file)
    if doc is None or not made_today(doc, ws.today):
        _refresh(ws)
        doc = read_glance(ws.layout.glance_file)
    if doc is not None and made_today(doc, ws.today):
        return dict(doc[NUDGE_KEY])
    return glance_nudge(ws, ws.settings, ws.journal(), ws.now)


def _refresh(ws: Workspace) -> None:
    try:
        with ws.store.writing(timeout=0):
            pass
    except Exception:  # busy, or a home that cannot be written: worked out in memory
        return
