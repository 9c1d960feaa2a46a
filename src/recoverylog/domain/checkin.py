"""The daily check-in: morning intention, evening review, how the day went."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain.fields import line
from recoverylog.domain.people import same_name
from recoverylog.errors import InvalidInput
from recoverylog.messages import no_clock_named

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
MAX_SLEPT = 24
SLEPT_HINT = "give the hours slept from 0 to 24, in whole or half hours, e.g. --slept 6.5"
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
            raise InvalidInput(f"--clean: {no_clock_named(name)} here (clocks: {known})")
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


def slept(value: Any) -> int | float:
    """Hours slept: 0 to 24, in whole or half hours (6.5; "6,5" too). Whole hours are
    kept as a whole number, so a file says 7, not 7.0."""
    hours = _hours(value)
    if not 0 <= hours <= MAX_SLEPT or (hours * 2) % 1:
        raise InvalidInput(
            f"hours slept must be from 0 to {MAX_SLEPT}, in whole or half hours, not {value}",
            hint=SLEPT_HINT,
        )
    return int(hours) if hours.is_integer() else hours


def _hours(value: Any) -> float:
    if isinstance(value, bool):
        raise InvalidInput(f"'{value}' is not a number of hours", hint=SLEPT_HINT)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        raise InvalidInput(f"'{value}' is not a number of hours", hint=SLEPT_HINT) from None


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
    "slept": slept,
}


def halt_text(text: str) -> list[str]:
    """What someone types at the HALT prompt: 'tired, lonely', 'h t', or nothing."""
    parts = [p for p in re.split(r"[\s,;]+", text) if p]
    return fields.halt_states(parts)
