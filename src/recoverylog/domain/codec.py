"""Records to plain dicts and back, with validation. Pure: the store does the I/O.

``*_from_dict`` raise ``SchemaError`` with a readable reason for anything malformed;
keys they do not know are kept in ``extra`` and written back unchanged.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from recoverylog.domain.model import (
    TYPE_FIELDS,
    Clock,
    Entry,
    EntryType,
    Journal,
    Lapse,
    Technique,
)


class SchemaError(ValueError):
    """A record does not have the shape this version expects."""


def _require(raw: dict[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise SchemaError(f"{where}: missing required key '{key}'")
    return raw[key]


def _as_str(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise SchemaError(f"{where}: expected text, found {type(value).__name__}")
    return value


def _as_number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"{where}: expected a number, found {type(value).__name__}")
    return float(value)


def _as_str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{where}: expected a list of text")
    return list(value)


def parse_datetime(value: Any, where: str) -> datetime:
    """Accept a TOML datetime or an ISO 8601 string; it must carry a UTC offset."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise SchemaError(f"{where}: not an ISO 8601 date and time: {value!r}") from exc
    else:
        raise SchemaError(f"{where}: expected a date and time, found {type(value).__name__}")
    if parsed.tzinfo is None:
        raise SchemaError(f"{where}: date and time has no UTC offset: {value!r}")
    return parsed


def parse_date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise SchemaError(f"{where}: not a date (YYYY-MM-DD): {value!r}") from exc
    raise SchemaError(f"{where}: expected a date, found {type(value).__name__}")


def parse_start(value: Any, where: str) -> tuple[date, datetime | None]:
    """A clean-since or restart value: a date (a whole first day), or a date and time with
    its UTC offset (a known moment; its day is the date in that offset)."""
    if isinstance(value, str) and len(value.strip()) > len("YYYY-MM-DD"):
        value = parse_datetime(value.strip(), where)
    if isinstance(value, datetime):
        moment = parse_datetime(value, where)
        return moment.date(), moment
    return parse_date(value, where), None


def _drop_none(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if v is not None}


# --- entries (JSON) -------------------------------------------------------------

ENTRY_KEYS = ("id", "type", "at", "clock", "note", "tags", "created", "updated")


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """A JSON-ready dict: common keys, then the type's fields, then unknown keys."""
    out: dict[str, Any] = {
        "id": entry.id,
        "type": str(entry.type),
        "at": entry.at.isoformat(),
        "clock": entry.clock,
        "note": entry.note,
        "tags": list(entry.tags),
    }
    out.update(entry.data)
    if entry.created is not None:
        out["created"] = entry.created.isoformat()
    if entry.updated is not None:
        out["updated"] = entry.updated.isoformat()
    for key, value in entry.extra.items():
        out.setdefault(key, value)
    return out


# The JSON kind of each entry field; every other field is text. None means "not set".
_FIELD_KINDS = {
    "intensity": "int",
    "duration_min": "int",
    "helped": "int",
    "mood": "int",
    "total": "int",
    "slept": "number",
    "answers": "ints",
    "triggers": "texts",
    "halt": "texts",
    "coping": "texts",
    "online": "bool",
    "clean": "bool",
    "lapsed": "texts",
    "gratitude": "texts",
    "resentful": "bool",
    "dishonest": "bool",
    "afraid": "bool",
}
_KIND_WORDS = {
    "int": "a whole number",
    "number": "a number",
    "ints": "a list of whole numbers",
    "texts": "a list of text",
    "bool": "true or false",
    "text": "text",
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_int_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_int(v) for v in value)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


_KIND_CHECKS = {
    "int": _is_int,
    "number": _is_number,
    "ints": _is_int_list,
    "texts": _is_text_list,
    "bool": _is_bool,
    "text": _is_text,
}
# Entries are read by the thousand: look up each type's field checks and known keys once.
_TYPE_CHECKS = {
    entry_type: tuple((key, _KIND_CHECKS[_FIELD_KINDS.get(key, "text")]) for key in own_fields)
    for entry_type, own_fields in TYPE_FIELDS.items()
}
_TYPE_KNOWN_KEYS = {
    entry_type: frozenset(ENTRY_KEYS) | frozenset(own_fields)
    for entry_type, own_fields in TYPE_FIELDS.items()
}


def _as_field(key: str, value: Any, where: str) -> Any:
    """A type field's stored value, if it has the kind this version reads."""
    kind = _FIELD_KINDS.get(key, "text")
    if value is not None and not _KIND_CHECKS[kind](value):
        raise SchemaError(f"{where}: expected {_KIND_WORDS[kind]}, found {value!r:.40}")
    return value


def entry_from_dict(raw: Any, where: str = "entry") -> Entry:
    """An entry, checked; anything malformed is a SchemaError that says what and where."""
    return _plain_entry(raw) or _checked_entry(raw, where)


def _checked_entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected an object")
    entry_id = _as_str(_require(raw, "id", where), f"{where}.id")
    assert entry_id is not None
    where = f"entry {entry_id[:8]}"
    type_text = str(_as_str(_require(raw, "type", where), f"{where}.type"))
    entry_type = _ENTRY_TYPES.get(type_text)
    if entry_type is None:
        raise SchemaError(f"{where}: unknown entry type {type_text!r}")
    data = {}
    for key, fits in _TYPE_CHECKS[entry_type]:
        if key in raw:
            value = raw[key]
            if value is not None and not fits(value):
                _as_field(key, value, f"{where}.{key}")  # raises the readable error
            data[key] = value
    known = _TYPE_KNOWN_KEYS[entry_type]
    created = raw.get("created")
    updated = raw.get("updated")
    return Entry(
        id=entry_id,
        type=entry_type,
        at=_entry_time(_require(raw, "at", where), where, "at"),
        clock=_entry_text(raw, "clock", where),
        note=_entry_text(raw, "note", where),
        tags=_entry_text_list(raw, "tags", where),
        data=data,
        created=_entry_time(created, where, "created") if created else None,
        updated=_entry_time(updated, where, "updated") if updated else None,
        extra={k: v for k, v in raw.items() if k not in known},
    )


# Entries are read by the ten thousand (a year's report), nearly all of them plainly
# well formed: JSON's own types, no time given as a datetime object, nothing falsy where
# a time may be. ``_plain_entry`` builds such an entry with the fewest checks that still
# refuse everything ``_checked_entry`` refuses, and leaves anything else (None) to it.


def _plain_entry(raw: Any) -> Entry | None:
    if type(raw) is not dict:
        return None
    entry_type = _plain_type(raw)
    if entry_type is None or not _plain_common(raw):
        return None
    data = _plain_fields(raw, entry_type)
    times = _plain_times(raw)
    if data is None or times is None:
        return None
    tags = raw.get("tags")
    known = _TYPE_KNOWN_KEYS[entry_type]
    return Entry(
        id=raw["id"],
        type=entry_type,
        at=times[0],
        clock=raw.get("clock"),
        note=raw.get("note"),
        tags=list(tags) if tags else [],
        data=data,
        created=times[1],
        updated=times[2],
        extra={k: v for k, v in raw.items() if k not in known} if raw.keys() - known else {},
    )


def _plain_type(raw: dict[str, Any]) -> EntryType | None:
    """The entry's type, when its id and type are text and the type is known."""
    entry_id, type_text = raw.get("id"), raw.get("type")
    if type(entry_id) is not str or type(type_text) is not str:
        return None
    return _ENTRY_TYPES.get(type_text)


def _plain_common(raw: dict[str, Any]) -> bool:
    """Clock and note are text or not set, and tags a list of text or not set."""
    clock, note, tags = raw.get("clock"), raw.get("note"), raw.get("tags")
    return (
        (clock is None or type(clock) is str)
        and (note is None or type(note) is str)
        and (tags is None or _plain_texts(tags))
    )


def _plain_times(raw: dict[str, Any]) -> tuple[datetime, datetime | None, datetime | None] | None:
    """When it happened, was written and was changed; None when one is not plain."""
    at = _plain_time(raw.get("at"))
    created, updated = raw.get("created"), raw.get("updated")
    made = None if created is None else _plain_time(created)
    changed = None if updated is None else _plain_time(updated)
    if at is None or (made is None and created is not None):
        return None
    if changed is None and updated is not None:
        return None
    return at, made, changed


def _plain_fields(raw: dict[str, Any], entry_type: EntryType) -> dict[str, Any] | None:
    """The type's own fields, or None when one is not plainly of its kind."""
    data = {}
    for key, kind in _TYPE_KINDS[entry_type]:
        if key in raw:
            value = raw[key]
            if value is not None and not _PLAIN_CHECKS[kind](value):
                return None
            data[key] = value
    return data


def _plain_texts(value: Any) -> bool:
    """A list of text: joining fails on anything else, and is quicker than a check each."""
    if type(value) is not list:
        return False
    try:
        "".join(value)
    except TypeError:
        return False
    return True


def _plain_time(value: Any) -> datetime | None:
    """A non-empty ISO 8601 text with a UTC offset, as a datetime; else None."""
    if type(value) is not str or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _plain_int(value: Any) -> bool:
    return type(value) is int


def _plain_number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def _plain_ints(value: Any) -> bool:
    return type(value) is list and all(type(v) is int for v in value)


def _plain_bool(value: Any) -> bool:
    return type(value) is bool


def _plain_text(value: Any) -> bool:
    return type(value) is str


_PLAIN_CHECKS = {
    "int": _plain_int,
    "number": _plain_number,
    "ints": _plain_ints,
    "texts": _plain_texts,
    "bool": _plain_bool,
    "text": _plain_text,
}
_TYPE_KINDS = {
    entry_type: tuple((key, _FIELD_KINDS.get(key, "text")) for key in own_fields)
    for entry_type, own_fields in TYPE_FIELDS.items()
}


# The common keys of an entry, checked as ``_as_str``, ``_as_str_list`` and
# ``parse_datetime`` do, but building the "where" of an error message only for an error.
_ENTRY_TYPES = {entry_type.value: entry_type for entry_type in EntryType}


def _entry_text(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    return _as_str(value, f"{where}.{key}")  # raises


def _entry_text_list(raw: dict[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return _as_str_list(value, f"{where}.{key}")  # [] for None, else raises


def _entry_time(value: Any, where: str, key: str) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    return parse_datetime(value, f"{where}.{key}")  # anything else: as parse_datetime


# --- journal (TOML) -------------------------------------------------------------

LAPSE_KEYS = ("id", "at", "restart", "note", "triggers")
CLOCK_KEYS = (
    "name",
    "clean_since",
    "cost_per_day",
    "hours_per_day",
    "scheme",
    "reset_on_lapse",
    "created",
    "celebrated_through",
    "lapses",
)
JOURNAL_KEYS = ("schema_version", "clocks", "toolkit", "people", "plan", "goals")


def lapse_to_dict(lapse: Lapse) -> dict[str, Any]:
    out = _drop_none(
        {
            "id": lapse.id,
            "at": lapse.at,
            "restart": lapse.restart_at or lapse.restart,
            "note": lapse.note,
            "triggers": list(lapse.triggers) or None,
        }
    )
    out.update({k: v for k, v in lapse.extra.items() if k not in out})
    return out


def lapse_from_dict(raw: Any, where: str) -> Lapse:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected a table")
    at = parse_datetime(_require(raw, "at", where), f"{where}.at")
    restart_raw = raw.get("restart")
    from datetime import timedelta

    restart, restart_at = (
        parse_start(restart_raw, f"{where}.restart")
        if restart_raw
        else (at.date() + timedelta(1), None)
    )
    lapse_id = _as_str(raw.get("id") or at.strftime("%Y%m%d%H%M%S"), f"{where}.id")
    assert lapse_id is not None
    return Lapse(
        id=lapse_id,
        at=at,
        restart=restart,
        note=_as_str(raw.get("note"), f"{where}.note", optional=True),
        triggers=_as_str_list(raw.get("triggers"), f"{where}.triggers"),
        extra={k: v for k, v in raw.items() if k not in LAPSE_KEYS},
        restart_at=restart_at,
    )


def clock_to_dict(clock: Clock) -> dict[str, Any]:
    out = _drop_none(
        {
            "name": clock.name,
            # A known moment is kept as a date and time with its UTC offset; an older
            # version reads it as the date.
            "clean_since": clock.clean_since_at or clock.clean_since,
            "cost_per_day": clock.cost_per_day,
            "hours_per_day": clock.hours_per_day,
            "scheme": clock.scheme,
            "reset_on_lapse": clock.reset_on_lapse,
            "created": clock.created,
            "celebrated_through": clock.celebrated_through,
        }
    )
    out.update({k: v for k, v in clock.extra.items() if k not in CLOCK_KEYS})
    # Arrays of tables go last so the TOML stays readable.
    out["lapses"] = [lapse_to_dict(lapse) for lapse in clock.sorted_lapses()]
    return out


def clock_from_dict(raw: Any, where: str) -> Clock:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected a table")
    name = _as_str(_require(raw, "name", where), f"{where}.name")
    assert name is not None
    if not name.strip():
        raise SchemaError(f"{where}: clock name is empty")
    where = f"clock '{name}'"
    lapses_raw = raw.get("lapses", [])
    if not isinstance(lapses_raw, list):
        raise SchemaError(f"{where}.lapses: expected a list")
    reset = raw.get("reset_on_lapse", True)
    if not isinstance(reset, bool):
        raise SchemaError(f"{where}.reset_on_lapse: expected true or false")
    created = raw.get("created")
    celebrated = raw.get("celebrated_through")
    since, since_at = parse_start(_require(raw, "clean_since", where), f"{where}.clean_since")
    return Clock(
        name=name,
        clean_since=since,
        clean_since_at=since_at,
        cost_per_day=_as_number(raw.get("cost_per_day"), f"{where}.cost_per_day"),
        hours_per_day=_as_number(raw.get("hours_per_day"), f"{where}.hours_per_day"),
        scheme=_as_str(raw.get("scheme"), f"{where}.scheme", optional=True),
        reset_on_lapse=reset,
        lapses=[lapse_from_dict(r, f"{where}.lapses[{i}]") for i, r in enumerate(lapses_raw)],
        created=parse_datetime(created, f"{where}.created") if created else None,
        celebrated_through=parse_date(celebrated, f"{where}.celebrated_through")
        if celebrated
        else None,
        extra={k: v for k, v in raw.items() if k not in CLOCK_KEYS},
    )


def technique_to_dict(technique: Technique) -> dict[str, Any]:
    out = _drop_none({"name": technique.name, "description": technique.description})
    out.update({k: v for k, v in technique.extra.items() if k not in out})
    return out


def technique_from_dict(raw: Any, where: str) -> Technique:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected a table")
    name = _as_str(_require(raw, "name", where), f"{where}.name")
    assert name is not None
    return Technique(
        name=name,
        description=_as_str(raw.get("description"), f"{where}.description", optional=True),
        extra={k: v for k, v in raw.items() if k not in ("name", "description")},
    )


def journal_to_dict(journal: Journal, schema_version: int) -> dict[str, Any]:
    out: dict[str, Any] = {"schema_version": schema_version}
    out.update({k: v for k, v in journal.extra.items() if k not in JOURNAL_KEYS})
    if journal.plan:
        out["plan"] = journal.plan
    if journal.goals:
        out["goals"] = journal.goals
    out["clocks"] = [clock_to_dict(c) for c in journal.clocks]
    out["toolkit"] = [technique_to_dict(t) for t in journal.toolkit]
    out["people"] = [dict(p) for p in journal.people]
    return out


def journal_from_dict(raw: dict[str, Any]) -> Journal:
    def table_list(key: str) -> list[Any]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise SchemaError(f"'{key}' must be a list of tables")
        return value

    plan = raw.get("plan", {})
    if not isinstance(plan, dict):
        raise SchemaError("'plan' must be a table")
    goals = raw.get("goals", {})
    if not isinstance(goals, dict):
        raise SchemaError("'goals' must be a table")
    people = table_list("people")
    if not all(isinstance(p, dict) for p in people):
        raise SchemaError("'people' must be a list of tables")
    journal = Journal(
        clocks=[clock_from_dict(r, f"clocks[{i}]") for i, r in enumerate(table_list("clocks"))],
        toolkit=[
            technique_from_dict(r, f"toolkit[{i}]") for i, r in enumerate(table_list("toolkit"))
        ],
        people=people,
        plan=plan,
        goals=goals,
        extra={k: v for k, v in raw.items() if k not in JOURNAL_KEYS},
    )
    seen: set[str] = set()
    for clock in journal.clocks:
        key = clock.name.casefold()
        if key in seen:
            raise SchemaError(f"two clocks are named '{clock.name}'")
        seen.add(key)
    return journal
