"""Peer support and the hard moments: people, goals, check-ins, the plan, SOS choices.

Pure: no I/O, no clock reads ("today" is a parameter). Validation raises InvalidInput.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from recoverylog.domain import fields
from recoverylog.domain.model import EntryType
from recoverylog.errors import InvalidInput

if TYPE_CHECKING:
    from recoverylog.domain.insights.coping import CopingEffect

# --- people ------------------------------------------------------------------------

ROLES = ("sponsor", "peer", "counsellor", "family", "other")
_ROLE_ALIASES = {"counselor": "counsellor", "therapist": "counsellor", "friend": "peer"}
# Who to show first when someone needs a number fast.
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}

VIAS = ("call", "text", "in-person", "video", "online")
_VIA_ALIASES = {
    "phone": "call",
    "in person": "in-person",
    "inperson": "in-person",
    "in_person": "in-person",
    "sms": "text",
    "message": "text",
}

MAX_LINE = 500  # one line of a plan, a gratitude, an intention


def role(value: str) -> str:
    cleaned = " ".join(value.split()).casefold()
    cleaned = _ROLE_ALIASES.get(cleaned, cleaned)
    if cleaned not in ROLES:
        raise InvalidInput(f"'{value}' is not a role (choose from {', '.join(ROLES)})")
    return cleaned


def via(value: str) -> str:
    cleaned = " ".join(value.split()).casefold()
    cleaned = _VIA_ALIASES.get(cleaned, cleaned)
    if cleaned not in VIAS:
        raise InvalidInput(
            f"'{value}' is not a way of reaching out (choose from {', '.join(VIAS)})"
        )
    return cleaned


_PHONE_CHARS = re.compile(r"^[0-9A-Za-z +\-().#*/]+$")


def phone(value: str) -> str:
    cleaned = " ".join(value.split())
    if len(cleaned) > 40 or not _PHONE_CHARS.match(cleaned):
        raise InvalidInput(f"'{value}' does not look like a phone number")
    if sum(ch.isdigit() for ch in cleaned) < 3:
        raise InvalidInput(f"'{value}' does not look like a phone number (too few digits)")
    return cleaned


def email(value: str) -> str:
    cleaned = value.strip()
    local, at, domain = cleaned.partition("@")
    if not (local and at and domain) or any(ch.isspace() for ch in cleaned) or len(cleaned) > 254:
        raise InvalidInput(f"'{value}' does not look like an email address")
    return fields.plain(cleaned, "email address")


def line(value: str, what: str, limit: int = MAX_LINE) -> str:
    """One short line of the person's own words: trimmed, no control characters."""
    cleaned = " ".join(str(value).split())
    if not cleaned:
        raise InvalidInput(f"the {what} is empty")
    if len(cleaned) > limit:
        raise InvalidInput(f"the {what} is too long ({limit} characters at most)")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise InvalidInput(f"the {what} contains control characters")
    return cleaned


def person_names(person: Mapping[str, Any]) -> list[str]:
    """The names a person's contacts may have been logged under: the name, then old ones."""
    names = [str(person.get("name") or "")]
    aliases = person.get("aliases")
    if isinstance(aliases, list):
        names.extend(str(a) for a in aliases if isinstance(a, str))
    return [n for n in names if n]


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


# --- goals ------------------------------------------------------------------------

GOAL_KINDS: dict[str, EntryType] = {"meetings": EntryType.MEETING, "contacts": EntryType.CONTACT}
MAX_GOAL_DAYS = 3660


@dataclass(frozen=True)
class Goal:
    kind: str
    count: int
    days: int
    start: date
    repeat: bool = False


@dataclass(frozen=True)
class GoalProgress:
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
    count, days, start = raw.get("count"), raw.get("days"), _as_date(raw.get("start"))
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


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# --- weeks --------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def week_starts(since: date, until: date) -> list[date]:
    """Every Monday from the week of ``since`` to the week of ``until``, oldest first."""
    first, last = week_start(since), week_start(until)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


# --- daily check-in -----------------------------------------------------------------

DIFFICULTIES = ("easy", "ok", "questionable", "hard", "very hard")
_DIFFICULTY_ALIASES = {
    "not bad": "ok",
    "okay": "ok",
    "fine": "ok",
    "very-hard": "very hard",
    "very_hard": "very hard",
    "veryhard": "very hard",
}
MAX_GRATITUDE = 3
INVENTORY = (
    ("resentful", "Was I resentful today?"),
    ("dishonest", "Was I dishonest today?"),
    ("afraid", "Was I afraid today?"),
)
_YES = {"yes", "y", "true", "1", "clean", "sober"}
_NO = {"no", "n", "false", "0", "lapse", "lapsed", "used", "slipped"}


def difficulty(value: str) -> str:
    """easy, ok, questionable, hard, very hard; or their number 1 to 5."""
    cleaned = " ".join(str(value).split()).casefold()
    if cleaned.isdigit() and 1 <= int(cleaned) <= len(DIFFICULTIES):
        return DIFFICULTIES[int(cleaned) - 1]
    cleaned = _DIFFICULTY_ALIASES.get(cleaned, cleaned)
    if cleaned not in DIFFICULTIES:
        raise InvalidInput(
            f"'{value}' is not how hard the day was (choose from {', '.join(DIFFICULTIES)})"
        )
    return cleaned


def clean_answer(value: str) -> bool:
    """yes (clean today) or lapse (not clean today)."""
    cleaned = str(value).strip().casefold()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    raise InvalidInput(f"'{value}' is not an answer to 'clean today?' (yes or lapse)")


def clean_options(values: Sequence[str], clocks: Sequence[str]) -> dict[str, bool]:
    """--clean yes | --clean lapse | --clean alcohol=yes --clean nicotine=lapse.

    Returns clock name -> clean; the key "" stands for every clock in ``clocks`` (or for
    the day itself when there are no clocks)."""
    out: dict[str, bool] = {}
    for value in values:
        name, sep, answer = value.rpartition("=")
        if not sep:
            out[""] = clean_answer(value)
            continue
        match = next((c for c in clocks if same_name(c, name)), None)
        if match is None:
            known = ", ".join(clocks) if clocks else "none yet"
            raise InvalidInput(f"--clean: no clock named '{name}' here (clocks: {known})")
        out[match] = clean_answer(answer)
    return out


def clean_by_clock(answers: Mapping[str, bool], clocks: Sequence[str]) -> tuple[bool, list[str]]:
    """(clean from everything, the clocks with a lapse), from clean_options' answers."""
    if not clocks:
        return answers.get("", True), []
    everyone = answers.get("")
    lapsed = [c for c in clocks if not answers.get(c, everyone if everyone is not None else True)]
    return not lapsed, lapsed


def clean_statuses(
    clean: Any, lapsed: Any, clock: str | None, clocks: Sequence[str]
) -> dict[str, bool]:
    """What one check-in says per clock (True clean, False lapse); {} when it did not
    answer "clean today?". ``clock``: the check-in's own clock (None: every clock in
    ``clocks``; with no clocks at all, the key "" stands for the day)."""
    names = [str(n) for n in lapsed] if isinstance(lapsed, list) else []
    if clean is None and not names:
        return {}
    if clock is not None:
        return {clock: clean is not False and clock not in names}
    if not clocks:
        return {"": clean is not False}
    if clean is False and not names:  # not clean, with no clock named: every clock
        return dict.fromkeys(clocks, False)
    out = {c: c not in names for c in clocks}
    out.update(dict.fromkeys((n for n in names if n not in out), False))
    return out


def clean_fields(statuses: Mapping[str, bool], clocks: Sequence[str]) -> dict[str, Any]:
    """The check-in's clean / lapsed fields from per-clock answers (see clean_statuses).
    A clock not answered for counts as clean, as in clean_by_clock."""
    if not statuses:
        return {}
    if not clocks:
        return {
            "clean": statuses.get("", not any(v is False for v in statuses.values())),
            "lapsed": [],
        }
    lapsed = [c for c in clocks if statuses.get(c) is False]
    lapsed += [c for c, ok in statuses.items() if not ok and c and c not in clocks]
    return {"clean": not lapsed, "lapsed": lapsed}


def gratitude(values: Iterable[str]) -> list[str]:
    out = [line(v, "gratitude") for v in values if str(v).strip()]
    if len(out) > MAX_GRATITUDE:
        raise InvalidInput(f"up to {MAX_GRATITUDE} gratitudes, please: the ones that matter most")
    return out


def flag(value: Any, what: str = "answer") -> bool:
    """True or false; text such as "yes" or "false" too (a CSV cell)."""
    if isinstance(value, bool):
        return value
    cleaned = str(value).strip().casefold()
    if cleaned in ("true", "yes", "y", "1"):
        return True
    if cleaned in ("false", "no", "n", "0"):
        return False
    raise InvalidInput(f"the {what} must be yes or no, not '{value}'")


def items(value: Any) -> list[str]:
    """A list of text; text with ';' between items too (a CSV cell)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [str(v) for v in value]


def mood(value: Any) -> int:
    return fields.rating(int(value), "mood")


# How the check-in's fields are checked (services.entries.validate_data uses this).
CHECKIN_CHECKS: dict[str, Any] = {
    "clean": lambda v: flag(v, "clean answer"),
    "difficulty": difficulty,
    "mood": mood,
    "halt": fields.halt_states,
    "lapsed": lambda v: fields.text_list(items(v), "clock"),
    "gratitude": lambda v: gratitude(items(v)),
    "resentful": lambda v: flag(v, "resentful answer"),
    "dishonest": lambda v: flag(v, "dishonest answer"),
    "afraid": lambda v: flag(v, "afraid answer"),
    "tomorrow": lambda v: line(v, "answer about tomorrow"),
    "intention": lambda v: line(v, "intention"),
}


def halt_text(text: str) -> list[str]:
    """What someone types at the HALT prompt: 'tired, lonely', 'h t', or nothing."""
    parts = [p for p in re.split(r"[\s,;]+", text) if p]
    return fields.halt_states(parts)


# --- the personal plan --------------------------------------------------------------

PLAN_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("reasons", "My reasons", "Why I am doing this: the reasons that matter most to me."),
    (
        "warning_signs",
        "Warning signs",
        "Early signs that I am heading towards using: thoughts, moods, habits.",
    ),
    (
        "high_risk",
        "High-risk situations",
        "People, places, times and feelings I plan around.",
    ),
    ("instead", "What I do instead", "What I do when a craving comes."),
    ("call", "Who I call", "Names and numbers of people I can call, day or night."),
    (
        "if_lapse",
        "If I lapse",
        "What I will do in the first hour and the first day after a lapse.",
    ),
)
PLAN_KEYS = tuple(key for key, _, _ in PLAN_SECTIONS)
MAX_PLAN_LINES = 50


# What people type for a section: its key, its title, or a word of either.
_SECTION_WORDS = {
    "reason": "reasons",
    "warning": "warning_signs",
    "warnings": "warning_signs",
    "sign": "warning_signs",
    "signs": "warning_signs",
    "risk": "high_risk",
    "risks": "high_risk",
    "situation": "high_risk",
    "situations": "high_risk",
    "do-instead": "instead",
    "who": "call",
    "lapse": "if_lapse",
}


def plan_section(name: str) -> str:
    """'reason', 'warning-signs', 'High-risk situations', 'if lapse' -> a section key."""
    wanted = "_".join(name.replace("-", " ").split()).casefold()
    for key, title, _ in PLAN_SECTIONS:
        if wanted in (key, "_".join(title.replace("-", " ").split()).casefold()):
            return key
    alias = _SECTION_WORDS.get(wanted.replace("_", "-")) or _SECTION_WORDS.get(wanted)
    if alias:
        return alias
    raise InvalidInput(
        f"'{name}' is not a section of the plan",
        hint=f"sections: {', '.join(k.replace('_', '-') for k in PLAN_KEYS)}",
    )


def with_line(sections: Mapping[str, list[str]], key: str, text: str) -> dict[str, list[str]]:
    """The plan with one more line at the end of a section."""
    lines = [*sections.get(key, []), line(text, f"line in '{key}'")]
    if len(lines) > MAX_PLAN_LINES:
        raise InvalidInput(f"'{key}' has {MAX_PLAN_LINES} lines already; remove one first")
    return {**sections, key: lines}


def without_line(
    sections: Mapping[str, list[str]], key: str, number: int
) -> tuple[dict[str, list[str]], str]:
    """The plan without line ``number`` (from 1) of a section, and that line."""
    lines = list(sections.get(key, []))
    if not 1 <= number <= len(lines):
        has = f"lines 1 to {len(lines)}" if lines else "no lines"
        raise InvalidInput(f"'{key.replace('_', '-')}' has {has}; there is no line {number}")
    removed = lines.pop(number - 1)
    out = {**sections, key: lines}
    if not lines:
        del out[key]
    return out, removed


def clean_plan(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """A plan document (from the editor's TOML): known sections, each a list of lines."""
    unknown = [k for k in doc if k not in PLAN_KEYS]
    if unknown:
        raise InvalidInput(
            f"'{unknown[0]}' is not a section of the plan (sections: {', '.join(PLAN_KEYS)})"
        )
    out: dict[str, list[str]] = {}
    for key in PLAN_KEYS:
        value = doc.get(key)
        if value is None:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise InvalidInput(f"'{key}' must be a list of text lines in quotes")
        kept = [line(v, f"line in '{key}'") for v in items if v.strip()]
        if len(kept) > MAX_PLAN_LINES:
            raise InvalidInput(f"'{key}' has {len(kept)} lines; {MAX_PLAN_LINES} at most")
        if kept:
            out[key] = kept
    return out


def stored_plan(raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """The plan as stored in the journal, read leniently: bad values are skipped."""
    out: dict[str, list[str]] = {}
    for key in PLAN_KEYS:
        value = raw.get(key)
        items = [value] if isinstance(value, str) else value
        if isinstance(items, list):
            kept = [" ".join(v.split()) for v in items if isinstance(v, str) and v.strip()]
            if kept:
                out[key] = kept
    return out


# --- SOS: three things that have helped -----------------------------------------------

DEFAULT_TECHNIQUES: tuple[tuple[str, str], ...] = (
    ("urge surfing", "notice the urge rise, peak and fall; you do not have to act on it"),
    ("call someone", "your sponsor, a peer, or one of the crisis lines"),
    ("play the tape through", "picture tonight, tomorrow morning and next week if you used"),
    ("delay 15 minutes", "tell yourself: not now, maybe later; then wait and see"),
    ("leave the situation", "go outside, walk around the block, change rooms"),
)
TOP = 3


@dataclass(frozen=True)
class Suggestion:
    """A technique to try now, and why it is suggested."""

    name: str
    source: str  # "log" (it has helped you), "toolkit" (yours, untried), "suggested"
    description: str | None = None
    times_used: int = 0
    passed: int = 0
    with_outcome: int = 0
    average_helped: float | None = None


def _unhelpful(effect: CopingEffect) -> bool:
    """Clearly not working for this person: never passed in 2+ tries, or rated below 2."""
    never_passed = effect.known_with >= 2 and effect.passed_with == 0
    rated_low = effect.average_helped is not None and effect.average_helped < 2
    return never_passed or rated_low


def top_techniques(
    effects: Sequence[CopingEffect],
    toolkit: Sequence[tuple[str, str | None]],
    count: int = TOP,
) -> list[Suggestion]:
    """The techniques to suggest in a hard moment: what has worked best in the log, in
    the order the insights rank them (``effects`` from insights.coping_effectiveness),
    then the rest of the toolkit, then sensible defaults. Never one that clearly has not
    helped this person; never the same name twice."""
    described = {" ".join(name.split()).casefold(): about for name, about in toolkit}
    chosen: list[Suggestion] = []
    skip = {" ".join(e.name.split()).casefold() for e in effects if e.times_used and _unhelpful(e)}

    def take(suggestion: Suggestion) -> None:
        key = " ".join(suggestion.name.split()).casefold()
        if len(chosen) < count and key not in skip:
            skip.add(key)
            chosen.append(suggestion)

    for e in effects:
        if e.times_used > 0:
            take(
                Suggestion(
                    e.name,
                    "log",
                    described.get(" ".join(e.name.split()).casefold()),
                    e.times_used,
                    e.passed_with,
                    e.known_with,
                    e.average_helped,
                )
            )
    for name, about in toolkit:
        take(Suggestion(name, "toolkit", about))
    for name, about in DEFAULT_TECHNIQUES:
        take(Suggestion(name, "suggested", about))
    return chosen


def calls_not_listed(lines: Iterable[str], names: Iterable[str]) -> list[str]:
    """The plan's "Who I call" lines that do not name someone already shown with their
    number (a line such as "Sam 555 0100" beside Sam from the support network)."""
    patterns = [
        re.compile(r"(?<!\w)" + re.escape(" ".join(n.split())) + r"(?!\w)", re.IGNORECASE)
        for n in names
        if n.strip()
    ]
    return [line for line in lines if not any(p.search(line) for p in patterns)]


# --- SOS: the urge-surfing timer ------------------------------------------------------

MIN_MINUTES = 1
MAX_MINUTES = 60
BREATHING_PROMPTS = (
    "Breathe in slowly for four counts, hold for four, breathe out for six.",
    "Notice where you feel the urge in your body. You do not have to act on it.",
    "Urges rise, peak and fall, like a wave. You are riding this one.",
    "Breathe in for four, out for six. Let your shoulders drop.",
    "Play the tape through: tonight, tomorrow morning, next week.",
    "Name five things you can see, four you can hear, three you can touch.",
)


def timer_minutes(value: int) -> int:
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise InvalidInput(f"--minutes must be from {MIN_MINUTES} to {MAX_MINUTES}")
    return value


def breathing_prompt(minute: int) -> str:
    """The prompt for the start of the given minute (0, 1, 2 ...)."""
    return BREATHING_PROMPTS[minute % len(BREATHING_PROMPTS)]


def minutes_from_seconds(seconds: int) -> int:
    """Whole minutes, rounding half up: 89 s -> 1, 90 s -> 2."""
    return (max(0, seconds) + 30) // 60


# --- crisis lines -----------------------------------------------------------------------

DEFAULT_COUNTRY = "US"
COUNTRY_ALIASES = {"GB": "UK", "USA": "US", "CAN": "CA", "AUS": "AU", "EIRE": "IE"}
EMERGENCY_NAME = "Emergency services"


@dataclass(frozen=True)
class CrisisLine:
    """A line to call. ``country`` None: one of the person's own, shown everywhere.
    ``addiction``: shown only when one of the person's clocks is about it."""

    country: str | None
    name: str
    contact: str
    number: str | None
    verified_on: date | None
    about: str | None = None
    own: bool = False
    source: str | None = None
    rechecked: bool = True  # False: not yet checked against the service's own details
    addiction: str | None = None


@dataclass(frozen=True)
class CrisisData:
    """The shipped data file: countries with lines, the lines, the words that tell an
    addiction from a clock's name, and emergency numbers for countries without lines."""

    countries: dict[str, str]
    lines: list[CrisisLine]
    addictions: dict[str, frozenset[str]]
    emergency: dict[str, tuple[str, str]]  # code -> (country name, number)
    emergency_verified_on: date | None = None


def country_code(value: str) -> str:
    cleaned = value.strip().upper()
    return COUNTRY_ALIASES.get(cleaned, cleaned)


def _text(raw: Mapping[str, Any], key: str, required: bool) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be text" if value is not None else f"'{key}' is missing")
    return " ".join(value.split())


def _day(raw: Mapping[str, Any], key: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    day = value if isinstance(value, date) else _as_date(value)
    if day is None:
        raise ValueError(f"'{key}' must be a date (YYYY-MM-DD)")
    return day.date() if isinstance(day, datetime) else day


def crisis_line(raw: Any, *, own: bool = False) -> CrisisLine:
    """One line from a table. A shipped line must say where its number comes from and
    when it was checked (ValueError if not); the person's own lines need only a name and
    how to reach it."""
    if not isinstance(raw, Mapping):
        raise ValueError("a line must be a table")
    name = _text(raw, "name", True)
    contact = _text(raw, "contact", True)
    number = _text(raw, "number", not own)
    country = _text(raw, "country", not own)
    verified = _day(raw, "verified_on")
    rechecked = raw.get("rechecked", True)
    if not isinstance(rechecked, bool):
        raise ValueError("'rechecked' must be true or false")
    if not own:
        _text(raw, "source", True)
        if verified is None:
            raise ValueError("'verified_on' is missing")
    assert name is not None and contact is not None
    return CrisisLine(
        country_code(country) if country else None,
        name,
        contact,
        number,
        verified,
        _text(raw, "about", False),
        own,
        _text(raw, "source", False),
        rechecked,
        (_text(raw, "addiction", False) or "").lower() or None,
    )


def shipped_lines(doc: Mapping[str, Any]) -> CrisisData:
    """The packaged data file. Anything missing is a ValueError naming the line, so a
    bad data file can never ship unnoticed."""
    countries = doc.get("countries")
    raw_lines = doc.get("lines")
    if not isinstance(countries, Mapping) or not isinstance(raw_lines, list):
        raise ValueError("the crisis data needs [countries] and [[lines]]")
    lines = []
    for i, raw in enumerate(raw_lines):
        try:
            lines.append(crisis_line(raw))
        except ValueError as exc:
            raise ValueError(f"crisis line {i + 1}: {exc}") from None
    unknown = {line.country for line in lines} - set(countries)
    if unknown:
        raise ValueError(f"crisis lines for unnamed countries: {', '.join(map(str, unknown))}")
    addictions = {
        str(kind): frozenset(str(word).casefold() for word in words)
        for kind, words in (doc.get("addictions") or {}).items()
    }
    strays = {line.addiction for line in lines if line.addiction} - set(addictions)
    if strays:
        raise ValueError(f"crisis lines for unknown addictions: {', '.join(sorted(strays))}")
    emergency = doc.get("emergency") or {}
    numbers = {
        country_code(str(code)): (str(entry["name"]), str(entry["number"]))
        for code, entry in (emergency.get("numbers") or {}).items()
    }
    return CrisisData(
        {str(k): str(v) for k, v in countries.items()},
        lines,
        addictions,
        numbers,
        _day(emergency, "verified_on"),
    )


def addictions_named(clock_names: Iterable[str], words: Mapping[str, frozenset[str]]) -> set[str]:
    """Which addictions the clocks are about, by whole words in their names:
    "sports betting" is gambling, "alphabet" is not."""
    from recoverylog.domain.substances import names_any

    names = list(clock_names)
    return {kind for kind, known in words.items() if any(names_any(n, known) for n in names)}


def own_lines(raw: Any, where: str = "crisis.toml") -> tuple[list[CrisisLine], list[str]]:
    """The person's own lines ([[crisis_lines]]), read leniently: a line that cannot
    be read is reported, never a reason to show nothing."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [f"[[crisis_lines]] in {where} must be a list of tables"]
    lines, problems = [], []
    for i, item in enumerate(raw):
        try:
            lines.append(crisis_line(item, own=True))
        except ValueError as exc:
            problems.append(f"your crisis line {i + 1} in {where}: {exc}")
    return lines, problems


def lines_for(
    lines: Iterable[CrisisLine], country: str, addictions: Iterable[str] = ()
) -> list[CrisisLine]:
    """The lines to show for a country: the person's own first, then lines for their
    addictions, then the rest in the data file's order."""
    wanted, about = country_code(country), set(addictions)
    chosen = [
        line
        for line in lines
        if line.country in (None, wanted) and (line.addiction is None or line.addiction in about)
    ]
    return sorted(chosen, key=lambda line: (not line.own, line.addiction is None))


def emergency_line(data: CrisisData, country: str) -> CrisisLine | None:
    """For a country without lines of its own: its emergency number, where known."""
    known = data.emergency.get(country_code(country))
    if known is None:
        return None
    _, number = known
    return CrisisLine(
        country_code(country),
        EMERGENCY_NAME,
        f"call {number} if you or someone else is in danger now",
        number,
        data.emergency_verified_on,
        source="national emergency numbers",
        rechecked=False,
    )
