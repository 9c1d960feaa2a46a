"""Crisis lines: the shipped list, the person's own lines, and who is shown where."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from recoverylog.domain.moments import as_date
from recoverylog.errors import InvalidInput

DEFAULT_COUNTRY = "US"
COUNTRY_ALIASES = {"GB": "UK", "USA": "US", "CAN": "CA", "AUS": "AU", "EIRE": "IE"}
EMERGENCY_NAME = "Emergency services"


class NotACrisisLine(InvalidInput):
    """A crisis line that cannot be used: the message names the key that is wrong."""


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
        raise NotACrisisLine(
            f"'{key}' must be text" if value is not None else f"'{key}' is missing"
        )
    return " ".join(value.split())


def _day(raw: Mapping[str, Any], key: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    day = value if isinstance(value, date) else as_date(value)
    if day is None:
        raise NotACrisisLine(f"'{key}' must be a date (YYYY-MM-DD)")
    return day.date() if isinstance(day, datetime) else day


def crisis_line(raw: Any, *, own: bool = False) -> CrisisLine:
    """One line from a table. A shipped line must say where its number comes from and
    when it was checked (NotACrisisLine if not); the person's own lines need only a
    name and how to reach it."""
    if not isinstance(raw, Mapping):
        raise NotACrisisLine("a line must be a table")
    name = _text(raw, "name", True)
    contact = _text(raw, "contact", True)
    number = _text(raw, "number", not own)
    country = _text(raw, "country", not own)
    verified = _day(raw, "verified_on")
    rechecked = raw.get("rechecked", True)
    if not isinstance(rechecked, bool):
        raise NotACrisisLine("'rechecked' must be true or false")
    if not own:
        _text(raw, "source", True)
        if verified is None:
            raise NotACrisisLine("'verified_on' is missing")
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
        except NotACrisisLine as exc:  # the package's data, not the person's: a bug
            raise ValueError(f"crisis line {i + 1}: {exc.message}") from None
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
        except NotACrisisLine as exc:
            problems.append(f"your crisis line {i + 1} in {where}: {exc.message}")
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
