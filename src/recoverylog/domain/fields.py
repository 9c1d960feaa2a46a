"""Validation of what people type into entry fields. Pure; raises InvalidInput."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from recoverylog.domain.model import Fellowship, Halt, Outcome, TriggerKind, normalise_name
from recoverylog.domain.text import escaped, unsafe_characters
from recoverylog.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)

MAX_TEXT = 100_000  # a note longer than this is almost certainly a mistake
MAX_NAME = 200
MAX_LINE = 500  # one line of a plan, a gratitude, an intention


def intensity(value: int, what: str = "intensity") -> int:
    if not 0 <= value <= 10:
        raise InvalidInput(f"{what} must be from 0 to 10, not {value}")
    return value


def rating(value: int, what: str, low: int = 1, high: int = 5) -> int:
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}, not {value}")
    return value


def choice(value: str, enum: type[E], what: str) -> E:
    cleaned = value.strip()
    for member in enum:
        if member.value.casefold() == cleaned.casefold():
            return member
    options = ", ".join(m.value for m in enum)
    raise InvalidInput(f"'{value}' is not a {what} (choose from {options})")


def halt_states(values: Iterable[str]) -> list[str]:
    """'hungry,tired' or repeated options -> ['hungry', 'tired'] (HALT order, no repeats)."""
    wanted: set[Halt] = set()
    for value in values:
        for part in value.replace(";", ",").split(","):
            if part.strip():
                wanted.add(_halt(part))
    return [h.value for h in Halt if h in wanted]


def _halt(text: str) -> Halt:
    cleaned = text.strip().casefold()
    for member in Halt:
        if member.value == cleaned or member.value[0] == cleaned:
            return member
    raise InvalidInput(f"'{text}' is not a HALT state (hungry, angry, lonely, tired)")


def outcome(value: str) -> str:
    return choice(value, Outcome, "craving outcome").value


def trigger_kind(value: str) -> str:
    return choice(value, TriggerKind, "trigger kind").value


def fellowship(value: str) -> str:
    """One of the fellowships, in any case and spacing ('al anon' is 'Al-Anon'), or
    'other:NAME' with the name as written."""
    head, colon, rest = value.partition(":")
    if colon and head.strip().casefold() == Fellowship.OTHER:
        return f"{Fellowship.OTHER}:{name(rest, 'fellowship name')}"
    wanted = _fellowship_key(value)
    for member in Fellowship:
        if _fellowship_key(member.value) == wanted:
            return member.value
    options = ", ".join(m.value for m in Fellowship)
    raise InvalidInput(
        f"'{value}' is not a fellowship (choose from {options})",
        hint="for another fellowship: --fellowship other:NAME",
    )


def fellowship_shown(value: str | None) -> str:
    """A fellowship as people read it: 'other:Secular Sobriety' is 'Secular Sobriety'
    ('other:' is how it is kept, for scripts to tell it from those listed)."""
    head, colon, rest = (value or "").partition(":")
    return rest if colon and head == Fellowship.OTHER else value or ""


def _fellowship_key(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def plain(value: str, what: str) -> str:
    """The one rule for names, tags and other one-line text, on every way in (typed,
    imported, configured): no control or format character (a line break, a tab, ESC,
    a bidi override), which could break a line or hide text wherever it is shown."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):  # bytes that were not UTF-8
        raise InvalidInput(f"the {what} contains characters that are not valid Unicode")
    hidden = unsafe_characters(value)
    if hidden:
        raise InvalidInput(
            f"the {what} contains a control character ({escaped(hidden[0])}); please use plain text"
        )
    return value


def name(value: str, what: str = "name") -> str:
    cleaned = normalise_name(plain(value, what))
    if not cleaned:
        raise InvalidInput(f"the {what} is empty")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"the {what} is too long ({MAX_NAME} characters at most)")
    return cleaned


def text_list(values: Iterable[str], what: str) -> list[str]:
    """Non-empty, de-duplicated (case-insensitively), order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        cleaned = name(value, what)
        if cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            out.append(cleaned)
    return out


def tags(values: Iterable[str]) -> list[str]:
    """Tags: no spaces or commas, a leading '#' or '@' dropped."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            cleaned = part.strip().lstrip("#@")
            if not cleaned:
                continue
            if any(ch.isspace() for ch in cleaned):
                raise InvalidInput(f"tag '{part.strip()}' has a space in it")
            plain(cleaned, "tag")
            if cleaned not in out:
                out.append(cleaned)
    return out


def note(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"the note is too long ({len(value)} characters; {MAX_TEXT} at most)")
    stripped = value.strip("\n")
    return stripped if stripped.strip() else None


def amount(value: float, what: str) -> float:
    if value != value or value < 0 or value == float("inf"):
        raise InvalidInput(f"{what} must be zero or more")
    return value


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
