"""Goals: meetings and contacts ("3 meetings a week"), check-ins and self-checks, and
goals of your own (a coping technique's uses, entries with a tag); and the weeks
they are counted in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from recoverylog.domain import fields
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import as_date, day_of
from recoverylog.errors import InvalidInput

# Goals that count every entry of one type.
GOAL_KINDS: dict[str, EntryType] = {
    "meetings": EntryType.MEETING,
    "contacts": EntryType.CONTACT,
    "checkins": EntryType.CHECKIN,
    "selfchecks": EntryType.SELFCHECK,
}
COPING = "coping"
TAG = "tag"
NAMED_KINDS = (COPING, TAG)  # goals of your own, named in your own words
KIND_ORDER = (*GOAL_KINDS, *NAMED_KINDS)
MAX_GOAL_DAYS = 3660

# What each kind is called, one and many.
_NOUNS = {
    "meetings": ("meeting", "meetings"),
    "contacts": ("contact", "contacts"),
    "checkins": ("check-in", "check-ins"),
    "selfchecks": ("self-check", "self-checks"),
}
# Ways people write a kind, spacing, hyphens and a plural s aside.
_SPELLINGS = {
    "meeting": "meetings",
    "contact": "contacts",
    "checkin": "checkins",
    "selfcheck": "selfchecks",
    COPING: COPING,
    "technique": COPING,
    TAG: TAG,
}
EXAMPLE = 'recoverylog goal set coping "urge surfing" 3 --days 7 --repeat'


@dataclass(frozen=True)
class Goal:
    kind: str
    count: int
    days: int
    start: date
    repeat: bool = False
    name: str | None = None  # the technique or tag of a goal of your own

    @property
    def key(self) -> str:
        """Where it is kept in the journal's [goals]: 'meetings', 'tag:gym'."""
        return goal_key(self.kind, self.name)


class GoalUse(NamedTuple):
    """One entry that counts towards a goal, on its day. ``craving`` names the craving
    a technique was used in: each craving counts once per technique, as in the toolkit."""

    day: date
    craving: str = ""


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


def goal_key(kind: str, name: str | None) -> str:
    return f"{kind}:{name}" if name else kind


def goal_kind(value: str) -> str:
    cleaned = value.strip().casefold().replace("-", "").replace(" ", "").replace("_", "")
    kind = _SPELLINGS.get(cleaned) or _SPELLINGS.get(cleaned.removesuffix("s"))
    if kind is None:
        raise InvalidInput(
            f"'{value}' is not a goal (choose from meetings, contacts) nor one of your own "
            "(checkins, selfchecks, coping NAME, tag NAME)",
            hint=f"for example: {EXAMPLE}",
        )
    return kind


def goal_name(kind: str, value: str) -> str:
    """A technique's name (spaced tidily) or one tag (no '#', no spaces)."""
    if kind == COPING:
        return fields.name(value, "technique")
    found = fields.tags([value])
    if len(found) != 1:
        raise InvalidInput(f"'{value}' is not one tag", hint="for example: goal set tag gym 3")
    return found[0]


def goal_request(kind: str, words: Sequence[str]) -> tuple[str, str | None, int]:
    """What was typed after 'goal set': ('meetings', ['90']), ('coping', ['urge
    surfing', '3']) or ('tag:gym', ['3']) -> the kind, the name, the count."""
    named, _, name = kind.partition(":")
    found = goal_kind(named)
    words = list(words)
    if found in NAMED_KINDS and not name:
        if len(words) != 2:
            what = "technique" if found == COPING else "tag"
            raise InvalidInput(f"a {found} goal needs the {what} and a count", hint=EXAMPLE)
        name = words.pop(0)
    if len(words) != 1:
        raise InvalidInput(
            f"a {found} goal takes just a count", hint="for example: goal set meetings 90 --days 90"
        )
    return found, goal_name(found, name) if found in NAMED_KINDS else None, _count(words[0])


def _count(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"the count must be a whole number, not '{text}'") from None


def goal_noun(kind: str, name: str | None, count: int) -> str:
    """'meetings', 'check-in', 'uses of urge surfing', 'entries tagged gym'."""
    one = count == 1
    if kind == COPING:
        return f"{'use' if one else 'uses'} of {name or 'a technique of your own'}"
    if kind == TAG:
        tagged = f"tagged {name}" if name else "with a tag of your own"
        return f"{'entry' if one else 'entries'} {tagged}"
    single, many = _NOUNS.get(kind, (kind.removesuffix("s"), kind))
    return single if one else many


def goal_words(
    kind: str, count: int, days: int, repeat: bool = False, name: str | None = None
) -> str:
    """'90 meetings in 90 days'; for a repeating goal '1 contact every 7 days'."""
    things = goal_noun(kind, name, count)
    return f"{count} {things} {'every' if repeat else 'in'} {days} {'day' if days == 1 else 'days'}"


def goal_title(kind: str, name: str | None) -> str:
    """'meetings goal', 'goal for urge surfing', 'goal for entries tagged gym'."""
    if kind == COPING:
        return f"goal for {name}"
    if kind == TAG:
        return f"goal for entries tagged {name}"
    return f"{_NOUNS[kind][1]} goal"


def new_goal(
    kind: str, count: int, days: int, start: date, repeat: bool = False, name: str | None = None
) -> Goal:
    if count < 1:
        raise InvalidInput("the goal's count must be at least 1")
    if not 1 <= days <= MAX_GOAL_DAYS:
        raise InvalidInput(f"--days must be from 1 to {MAX_GOAL_DAYS}")
    found = goal_kind(kind)
    if found in NAMED_KINDS:
        if name is None:
            raise InvalidInput(f"a {found} goal needs a name", hint=EXAMPLE)
        return Goal(found, count, days, start, repeat, goal_name(found, name))
    return Goal(found, count, days, start, repeat)


def split_key(key: str) -> tuple[str, str | None] | None:
    """A stored goal's key as its kind and name; None for a key this version does not
    know (a newer version's goal, or a hand edit)."""
    kind, colon, name = key.partition(":")
    if kind in NAMED_KINDS and colon and name.strip():
        return kind, name
    if kind in GOAL_KINDS and not colon:
        return kind, None
    return None


def goal_from_dict(key: str, raw: Any) -> Goal | None:
    """A stored goal, or None when it is missing, malformed (hand edits happen) or of a
    kind this version does not know."""
    parts = split_key(key)
    if parts is None or not isinstance(raw, Mapping):
        return None
    count, days, start = raw.get("count"), raw.get("days"), as_date(raw.get("start"))
    if start is None or not isinstance(count, int) or not isinstance(days, int):
        return None
    if isinstance(count, bool) or isinstance(days, bool):
        return None
    if count < 1 or not 1 <= days <= MAX_GOAL_DAYS:
        return None
    return Goal(parts[0], count, days, start, raw.get("repeat") is True, parts[1])


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


def uses_progress(goal: Goal, uses: Iterable[GoalUse], today: date) -> GoalProgress:
    """``goal_progress`` of the uses in the window: a craving counts once however many
    of its uses are given (it named the technique, and a coping entry told of it)."""
    first, last = goal_window(goal, today)
    upto = min(last, today)
    cravings: set[str] = set()
    days = []
    for use in uses:
        if not first <= use.day <= upto or use.craving in cravings:
            continue
        if use.craving:
            cravings.add(use.craving)
        days.append(use.day)
    return goal_progress(goal, days, today)


def goal_use(goal: Goal, entry: Entry) -> GoalUse | None:
    """How ``entry`` counts towards ``goal``, if it does."""
    kind = goal.kind
    if kind in GOAL_KINDS:
        return GoalUse(day_of(entry.at)) if entry.type is GOAL_KINDS[kind] else None
    wanted = _key(goal.name or "")
    if kind == TAG:
        tagged = any(_key(tag) == wanted for tag in entry.tags)
        return GoalUse(day_of(entry.at)) if tagged else None
    if entry.type is EntryType.CRAVING:
        named = any(_key(str(n)) == wanted for n in entry.get("coping") or [])
        return GoalUse(day_of(entry.at), entry.id) if named else None
    if entry.type is EntryType.COPING and _key(str(entry.get("technique") or "")) == wanted:
        return GoalUse(day_of(entry.at), str(entry.get("craving_id") or ""))
    return None


def _key(name: str) -> str:
    """Names as the toolkit compares them: spacing and case do not matter."""
    return " ".join(name.split()).casefold()


# --- weeks --------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def week_starts(since: date, until: date) -> list[date]:
    """Every Monday from the week of ``since`` to the week of ``until``, oldest first."""
    first, last = week_start(since), week_start(until)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
