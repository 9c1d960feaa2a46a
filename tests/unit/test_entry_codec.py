"""Entries to JSON-ready dicts and back: round trips, and readable errors for bad values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain import codec
from recoverylog.domain.codec import SchemaError, entry_from_dict, entry_to_dict
from recoverylog.domain.model import TYPE_FIELDS, Entry, EntryType

ID = "0123456789abcdef0123456789abcdef"


def _raw(entry_type: str = "craving", **fields: Any) -> dict[str, Any]:
    return {"id": ID, "type": entry_type, "at": "2026-11-20T21:30:00+00:00", **fields}


_texts = st.text(min_size=1, max_size=12)
_moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
_data_for = {
    EntryType.CRAVING: st.fixed_dictionaries(
        {"intensity": st.integers(0, 10)},
        optional={
            "duration_min": st.integers(0, 600),
            "triggers": st.lists(_texts, max_size=3),
            "halt": st.lists(st.sampled_from(["hungry", "angry", "lonely", "tired"])),
            "coping": st.lists(_texts, max_size=3),
            "outcome": st.sampled_from(["passed", "used"]),
        },
    ),
    EntryType.COPING: st.fixed_dictionaries(
        {"technique": _texts}, optional={"helped": st.integers(1, 5), "craving_id": _texts}
    ),
    EntryType.MEETING: st.fixed_dictionaries(
        {"name": _texts}, optional={"fellowship": st.just("AA"), "online": st.booleans()}
    ),
    EntryType.NOTE: st.fixed_dictionaries({}, optional={"mood": st.integers(1, 5)}),
    EntryType.SELFCHECK: st.fixed_dictionaries(
        {
            "answers": st.lists(st.integers(0, 6), min_size=5, max_size=5),
            "total": st.integers(0, 30),
        }
    ),
}


@st.composite
def _entries(draw: st.DrawFn) -> Entry:
    entry_type = draw(st.sampled_from(sorted(_data_for)))
    at = draw(_moments).astimezone(timezone(timedelta(minutes=draw(st.integers(-720, 840)))))
    return Entry(
        id=draw(st.text("0123456789abcdef", min_size=32, max_size=32)),
        type=entry_type,
        at=at,
        clock=draw(st.none() | _texts),
        note=draw(st.none() | st.text(max_size=40)),
        tags=draw(st.lists(_texts, max_size=2)),
        data=draw(_data_for[entry_type]),
        created=draw(st.none() | _moments),
        updated=draw(st.none() | _moments),
        extra=draw(st.dictionaries(st.sampled_from(["mood_color", "x-app"]), _texts, max_size=1)),
    )


@settings(max_examples=150, deadline=None)
@given(_entries())
def test_an_entry_survives_a_round_trip(entry: Entry) -> None:
    back = entry_from_dict(entry_to_dict(entry))
    assert back == entry
    assert back.at.utcoffset() == entry.at.utcoffset()


@pytest.mark.parametrize(
    ("entry_type", "key", "value", "words"),
    [
        ("craving", "intensity", "7", "expected a whole number"),
        ("craving", "intensity", True, "expected a whole number"),
        ("craving", "intensity", 7.5, "expected a whole number"),
        ("craving", "triggers", "after work", "expected a list of text"),
        ("craving", "halt", ["tired", 3], "expected a list of text"),
        ("craving", "outcome", 1, "expected text"),
        ("coping", "technique", 5, "expected text"),
        ("meeting", "online", "yes", "expected true or false"),
        ("selfcheck", "answers", [1, "2"], "expected a list of whole numbers"),
    ],
)
def test_a_field_of_the_wrong_kind_is_named(
    entry_type: str, key: str, value: Any, words: str
) -> None:
    with pytest.raises(SchemaError) as caught:
        entry_from_dict(_raw(entry_type, **{key: value}))
    assert str(caught.value).startswith(f"entry 01234567.{key}: {words}, found ")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_raw(clock=3), "entry 01234567.clock: expected text, found int"),
        (_raw(note=["a"]), "entry 01234567.note: expected text, found list"),
        (_raw(tags="a,b"), "entry 01234567.tags: expected a list of text"),
        (_raw(tags=["a", 1]), "entry 01234567.tags: expected a list of text"),
        (
            _raw(at="2026-11-20T21:30:00"),
            "entry 01234567.at: date and time has no UTC offset: '2026-11-20T21:30:00'",
        ),
        (_raw(at="20 Nov"), "entry 01234567.at: not an ISO 8601 date and time: '20 Nov'"),
        (_raw(at=1700000000), "entry 01234567.at: expected a date and time, found int"),
        (
            _raw(created="yesterday"),
            "entry 01234567.created: not an ISO 8601 date and time: 'yesterday'",
        ),
        (_raw(entry_type="dream"), "entry 01234567: unknown entry type 'dream'"),
        (
            {"id": ID, "at": "2026-11-20T21:30:00+00:00"},
            "entry 01234567: missing required key 'type'",
        ),
        ({"id": 5, "type": "note"}, "entry.id: expected text, found int"),
        (["not", "an", "object"], "entry: expected an object"),
    ],
)
def test_a_damaged_entry_is_described(raw: Any, message: str) -> None:
    with pytest.raises(SchemaError) as caught:
        entry_from_dict(raw)
    assert str(caught.value) == message


def test_missing_common_keys_read_as_not_set() -> None:
    entry = entry_from_dict(_raw("note"))
    assert (entry.clock, entry.note, entry.tags, entry.created, entry.updated) == (
        None,
        None,
        [],
        None,
        None,
    )
    assert entry.at == datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def test_fields_are_sorted_into_data_and_extra_by_type() -> None:
    raw = _raw("coping", technique="walk", helped=None, intensity=4, **{"x-app": 1})
    entry = entry_from_dict(raw)
    # helped=None means "not given" and is kept as such; intensity is not a coping field.
    assert entry.data == {"technique": "walk", "helped": None}
    assert entry.extra == {"intensity": 4, "x-app": 1}
    assert entry_to_dict(entry)["intensity"] == 4


def test_tags_are_copied_not_shared() -> None:
    raw = _raw("note", tags=["work"])
    entry = entry_from_dict(raw)
    entry.tags.append("home")
    assert raw["tags"] == ["work"]


# Values of every kind a damaged or hand-edited file may hold where an entry's keys are.
_odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "walk", "2026-11-20T21:30:00", "2026-11-20T21:30:00+01:00", "x"]),
    st.lists(st.one_of(st.text(max_size=3), st.integers(0, 6), st.booleans()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
    st.just(datetime(2026, 11, 20, 21, 30, tzinfo=UTC)),
)
_COMMON_KEYS = ["id", "type", "at", "clock", "note", "tags", "created", "updated", "x-app"]


@settings(max_examples=1000, deadline=None)
@given(_entries(), st.data())
def test_an_entry_read_quickly_is_read_as_the_full_checks_read_it(
    entry: Entry, data: st.DataObject
) -> None:
    """The quick reading of plain entries accepts, builds and refuses exactly what the
    full checks do, with the same words."""
    keys = st.sampled_from([*_COMMON_KEYS, *TYPE_FIELDS[entry.type]])
    raw = entry_to_dict(entry)
    raw.update(data.draw(st.dictionaries(keys, _odd_values, min_size=1, max_size=3)))
    for key in data.draw(st.lists(st.sampled_from(sorted(raw)), max_size=2)):
        raw.pop(key, None)
    expected: Entry | str
    try:
        expected = codec._checked_entry(raw, "entry")
    except SchemaError as exc:
        expected = str(exc)
    try:
        found: Entry | str = entry_from_dict(raw)
    except SchemaError as exc:
        found = str(exc)
    assert found == expected
