"""Meeting and contact goals ("3 meetings a week"), and the weeks they are counted in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from recoverylog.domain.model import EntryType
from recoverylog.domain.moments import as_date
from recoverylog.errors import InvalidInput

GOAL_KINDS: dict[str, EntryType] = {"meetings": EntryType.MEETING, "contacts": EntryType.CONTACT}
MAX_GOAL_DAYS = 3660


@dataclass(frozen=True)
class Goal:
    kind: str
    count: int
    days: int
    start: date
    repeat: bool = False


class GoalProgress(NamedTuple):
    """Where a goal stands on ``today``. For a repeating goal, the current window."""

    goal: Goal
    window_start: date
    window_end: date
    done: int
    day: int  # 0 before the window starts, then 1 .. days
    finished: bool  # every day of a one-off goal is in the past

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.goal.count)

    @property
    def reached(self) -> bool:
        return self.done >= self.goal.count


def goal_kind(value: str) -> str:
    cleaned = value.strip().casefold()
    aliases = {"meeting": "meetings", "contact": "contacts"}
    cleaned = aliases.get(cleaned, cleaned)
    if cleaned not in GOAL_KINDS:
        raise InvalidInput(f"'{value}' is not a goal (choose from {', '.join(GOAL_KINDS)})")
    return cleaned


def goal_words(kind: str, count: int, days: int, repeat: bool = False) -> str:
    """'90 meetings in 90 days'; for a repeating goal '1 contact every 7 days'."""
    things = kind.removesuffix("s") if count == 1 else kind
    return f"{count} {things} {'every' if repeat else 'in'} {days} {'day' if days == 1 else 'days'}"


def new_goal(kind: str, count: int, days: int, start: date, repeat: bool = False) -> Goal:
    if count < 1:
        raise InvalidInput("the goal's count must be at least 1")
    if not 1 <= days <= MAX_GOAL_DAYS:
        raise InvalidInput(f"--days must be from 1 to {MAX_GOAL_DAYS}")
    return Goal(goal_kind(kind), count, days, start, repeat)


def goal_from_dict(kind: str, raw: Any) -> Goal | None:
    """A stored goal, or None when it is missing or malformed (hand edits happen)."""
    if not isinstance(raw, Mapping):
        return None
    count, days, start = raw.get("count"), raw.get("days"), as_date(raw.get("start"))
    if start is None or not isinstance(count, int) or not isinstance(days, int):
        return None
    if isinstance(count, bool) or isinstance(days, bool):
        return None
    if count < 1 or not 1 <= days <= MAX_GOAL_DAYS:
        return None
    return Goal(kind, count, days, start, raw.get("repeat") is True)


def goal_to_dict(goal: Goal) -> dict[str, Any]:
    out: dict[str, Any] = {"count": goal.count, "days": goal.days, "start": goal.start}
    if goal.repeat:
        out["repeat"] = True
    return out


def goal_window(goal: Goal, today: date) -> tuple[date, date]:
    """The days the goal counts on ``today``: a repeating goal starts again every N days."""
    start = goal.start
    if goal.repeat and today > start:
        start += timedelta(days=((today - start).days // goal.days) * goal.days)
    try:
        return start, start + timedelta(days=goal.days - 1)
    except OverflowError:  # a hand-edited start at the end of the calendar
        return start, date.max


def goal_progress(goal: Goal, entry_days: Iterable[date], today: date) -> GoalProgress:
    """How many entries (given by their local day) fall in the goal's window up to today."""
    first, last = goal_window(goal, today)
    upto = min(last, today)
    done = sum(1 for d in entry_days if first <= d <= upto)
    day = max(0, min(goal.days, (today - first).days + 1))
    finished = not goal.repeat and today > last
    return GoalProgress(goal, first, last, done, day, finished)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- weeks --------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def week_starts(since: date, until: date) -> list[date]:
    """Every Monday from the week of ``since`` to the week of ``until``, oldest first."""
    first, last = week_start(since), week_start(until)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
