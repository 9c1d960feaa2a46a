"""Clean time at a glance: a clock's count today, worked out from the few dates the
glance file keeps (see store/glance.py) rather than from its whole history. Pure.

A clock in the glance is a plain dict: name, reset (milestones count from the current
run), since / since_at (the first clean day, and moment when known), run / run_at (the
current run's start), earlier_days (clean days in the runs before it), lapses (how many)
and milestones (the last reached and the next few: label, date, at). Days are counted
as in ``cleantime``: calendar days from a day, whole days from a known moment."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from recoverylog.domain.moments import add_days, day_of, day_starts, local_moment, whole_days
from recoverylog.domain.segment import fold

# What a prompt segment's format may name (prompt.format): each is short, and none is
# private beyond the clock's own name.
SEGMENT_FIELDS = ("days", "clock", "total", "next", "next_in")
DEFAULT_SEGMENT = "{days}d"


def unknown_fields(form: str) -> list[str]:
    """The names in ``form`` that a segment cannot fill (empty when it is usable);
    raises ValueError for a format that cannot be read ('{days')."""
    from string import Formatter

    names = [field for _, field, _, _ in Formatter().parse(form) if field is not None]
    return [name for name in names if name not in SEGMENT_FIELDS]


class ClockToday(NamedTuple):
    """One clock as of now."""

    name: str
    started: bool  # False while a planned start is still ahead
    run_started: bool  # False on the day of a lapse: the new run begins later
    days: int  # the headline count: from the current run, or the first day
    minutes: int | None  # real minutes on day one of a run begun at a known moment
    total_days: int  # clean days in every run
    lapses: int
    starts_in: int  # days until a planned start (0 once started)
    reached_today: str | None  # a milestone reached today, by its label
    next_label: str | None
    next_in: int | None  # days until it


def clock_today(clock: dict[str, Any], today: date, now: datetime) -> ClockToday:
    """``clock`` (as the glance keeps it) on ``today``, at the moment ``now``."""
    since, since_at = _start(clock, "since")
    run, run_at = _start(clock, "run")
    head, head_at = (run, run_at) if clock.get("reset", True) else (since, since_at)
    run_days = _days(run, run_at, today, now)
    days = _days(head, head_at, today, now)
    minutes = None
    if head_at is not None and now >= head_at and days == 0:
        minutes = int((now - head_at).total_seconds() // 60)
    reached, upcoming = _milestones(clock.get("milestones", []), today, now)
    return ClockToday(
        name=str(clock["name"]),
        started=_begun(since, since_at, today, now),
        run_started=_begun(run, run_at, today, now),
        days=days,
        minutes=minutes,
        total_days=int(clock.get("earlier_days", 0)) + run_days,
        lapses=int(clock.get("lapses", 0)),
        starts_in=max(0, (since - today).days),
        reached_today=reached,
        next_label=None if upcoming is None else upcoming[0],
        next_in=None if upcoming is None else (upcoming[1] - today).days,
    )


def _start(clock: dict[str, Any], key: str) -> tuple[date, datetime | None]:
    moment = clock.get(f"{key}_at")
    return date.fromisoformat(clock[key]), None if moment is None else datetime.fromisoformat(
        moment
    )


def _begun(day: date, moment: datetime | None, today: date, now: datetime) -> bool:
    return today >= day if moment is None else now >= moment


def _days(start: date, start_at: datetime | None, today: date, now: datetime) -> int:
    if start_at is not None:
        return whole_days(start_at, now) if now >= start_at else 0
    return max(0, (today - start).days)


def _milestones(
    kept: list[dict[str, Any]], today: date, now: datetime
) -> tuple[str | None, tuple[str, date] | None]:
    """The label of a milestone reached today, and the next one (label, day) if the
    glance still holds it."""
    reached = None
    for item in kept:
        day = date.fromisoformat(item["date"])
        moment = item.get("at")
        done = day <= today if moment is None else datetime.fromisoformat(moment) <= now
        if not done:
            return reached, (str(item["label"]), day)
        if day == today:
            reached = str(item["label"])
    return reached, None


def pick_clock(clocks: list[dict[str, Any]], wanted: str | None) -> dict[str, Any] | None:
    """The clock named ``wanted`` (any case), else the first; None if there is none."""
    if wanted:
        return next((c for c in clocks if fold(str(c.get("name", ""))) == fold(wanted)), None)
    return clocks[0] if clocks else None


def segment_fields(clock: ClockToday) -> dict[str, str]:
    return {
        "days": str(clock.days),
        "clock": clock.name,
        "total": str(clock.total_days),
        "next": clock.next_label or "",
        "next_in": "" if clock.next_in is None else str(clock.next_in),
    }


def segment(form: str, clock: ClockToday) -> str:
    """The segment for ``clock`` in the format ``form``; "" when nothing is counted yet
    or the format cannot be used (a prompt never shows an error)."""
    if not clock.started:
        return ""
    try:
        return form.format_map(segment_fields(clock))
    except (KeyError, ValueError, IndexError, AttributeError, TypeError):
        return ""


def segment_changes(
    clock: dict[str, Any], form: str, start: datetime, end: datetime
) -> list[list[Any]]:
    """The segment ``clock`` shows from ``start`` until ``end`` (aware moments in the
    zone days are counted in), as [POSIX second, text] pairs: one at ``start``, then one
    each time the text changes. `prompt` looks the present up in them
    (domain/segment.py) with no calendar of its own."""
    changes: list[list[Any]] = []
    for moment in [start, *_turns(clock, start, end)]:
        text = segment(form, clock_today(clock, day_of(moment), moment))
        if not changes or changes[-1][1] != text:
            changes.append([_whole_second(moment), text])
    return changes


def _turns(clock: dict[str, Any], start: datetime, end: datetime) -> list[datetime]:
    """Every moment after ``start`` and before ``end`` at which a count can change: the
    start of each day, each whole day after a start known to the minute, and each
    milestone reached at a moment."""
    tz = start.tzinfo
    assert tz is not None
    first = day_of(start)
    span = (end - start).days + 2
    turns = [
        local_moment(datetime.combine(first + timedelta(days=k), day_starts()), tz)
        for k in range(1, span + 1)
    ]
    for key in ("since_at", "run_at"):
        if clock.get(key):
            begun = datetime.fromisoformat(clock[key])
            skip = max(0, (start - begun).days - 1)
            turns += [add_days(begun, k) for k in range(skip, skip + span + 2)]
    turns += [datetime.fromisoformat(m["at"]) for m in clock.get("milestones", []) if m.get("at")]
    # Each seen as the zone's wall clock shows it, where the day it falls on is read.
    return sorted({moment.astimezone(tz) for moment in turns if start < moment < end})


def _whole_second(moment: datetime) -> int:
    """The first whole second at or after ``moment`` (the present is read to the second)."""
    return -int(-moment.timestamp() // 1)
