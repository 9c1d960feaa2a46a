"""entries/YYYY-MM.json through the EntryStore: round trips, shards, keys kept, damage."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_helpers import MINUS_FIVE, PLUS_TWO, craving, files_under, open_store

from recoverylog.domain.model import Entry, EntryType
from recoverylog.errors import DataError, InvalidInput, NotFound

NOV = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)


def _every_type() -> list[Entry]:
    """One entry of each common type, with every field set."""
    at = NOV
    return [
        craving(1, at),
        Entry(
            f"{2:032x}",
            EntryType.TRIGGER,
            at.replace(hour=19),
            "alcohol",
            None,
            [],
            {"text": "walked past the pub", "kind": "place", "halt": ["hungry"]},
        ),
        Entry(
            f"{3:032x}",
            EntryType.COPING,
            at.replace(hour=20),
            None,
            "it passed",
            ["evening"],
            {"technique": "urge surfing", "helped": 4, "craving_id": f"{1:032x}"},
        ),
        Entry(
            f"{4:032x}",
            EntryType.MEETING,
            at.replace(hour=12),
            None,
            None,
            [],
            {"name": "Tuesday lunchtime", "fellowship": "AA", "online": True},
        ),
        Entry(
            f"{5:032x}",
            EntryType.NOTE,
            at.replace(hour=22, tzinfo=PLUS_TWO),
            None,
            "Slept well.\nSecond line, with ünïcode and “quotes”.",
            [],
            {"mood": 4},
        ),
    ]


def test_entries_survive_a_write_and_a_read_unchanged(home: Path) -> None:
    written = _every_type()
    store = open_store(home)
    with store.writing():
        for entry in written:
            store.entries.append(entry)

    loaded = open_store(home).entries.load_month("2026-11")

    assert sorted(loaded, key=lambda e: e.id) == written
    note = next(e for e in loaded if e.type is EntryType.NOTE)
    assert note.at.utcoffset() == PLUS_TWO.utcoffset(None)


def test_a_month_file_is_json_with_a_version_and_one_entry_per_line(home: Path) -> None:
    store = open_store(home)
    store.entries.append_many(_every_type())

    path = home / "entries" / "2026-11.json"
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)

    assert doc["schema_version"] == 2
    assert doc["month"] == "2026-11"
    assert [e["id"] for e in doc["entries"]] == [f"{n:032x}" for n in range(1, 6)]
    assert doc["entries"][0]["at"] == "2026-11-20T18:30:00+00:00"
    assert doc["entries"][0]["halt"] == ["tired"]
    # One line per entry keeps the file readable and diffs small.
    assert len(text.strip().splitlines()) == 2 + len(doc["entries"])


@pytest.mark.parametrize(
    ("at", "month"),
    [
        # 23:30 on Oct 31 in New York is already November in UTC: the entry's own time wins.
        (datetime(2026, 10, 31, 23, 30, tzinfo=MINUS_FIVE), "2026-10"),
        # 00:30 on Dec 1 at UTC+2 is still November in UTC.
        (datetime(2026, 12, 1, 0, 30, tzinfo=PLUS_TWO), "2026-12"),
        (datetime(2027, 1, 1, 0, 0, tzinfo=UTC), "2027-01"),
        (datetime(2026, 2, 28, 23, 59, tzinfo=UTC), "2026-02"),
    ],
)
def test_an_entry_goes_to_the_month_file_of_its_own_time(
    home: Path, at: datetime, month: str
) -> None:
    store = open_store(home)
    store.entries.append(craving(1, at))

    assert sorted(files_under(home / "entries")) == [f"{month}.json"]
    assert store.entries.months() == [month]
    assert [e.at for e in store.entries.load_month(month)] == [at]


def test_moving_an_entry_to_another_month_moves_it_between_files(home: Path) -> None:
    store = open_store(home)
    old = craving(1, NOV)
    store.entries.append(old)

    store.entries.replace(old, replace(old, at=datetime(2026, 10, 2, 9, tzinfo=UTC)))

    assert store.entries.load_month("2026-11") == []
    assert [e.id for e in store.entries.load_month("2026-10")] == [old.id]


def test_append_many_adds_only_ids_not_already_present(home: Path) -> None:
    store = open_store(home)
    first = craving(1, NOV)
    store.entries.append(first)

    changed_copy = replace(first, note="this must not replace the stored one")
    fresh = [craving(2, NOV), craving(3, datetime(2026, 12, 2, tzinfo=UTC))]
    added = store.entries.append_many([changed_copy, *fresh])

    assert added == 2
    nov = store.entries.load_month("2026-11")
    assert [e.id for e in nov] == [first.id, fresh[0].id]
    assert nov[0].note == "craving number 1"
    assert [e.id for e in store.entries.load_month("2026-12")] == [fresh[1].id]
    assert store.entries.append_many([first, *fresh]) == 0


def test_appending_an_id_twice_is_refused(home: Path) -> None:
    store = open_store(home)
    store.entries.append(craving(1, NOV))
    with pytest.raises(InvalidInput):
        store.entries.append(craving(1, NOV))
    assert len(store.entries.load_month("2026-11")) == 1


def test_find_takes_a_unique_prefix_of_four_or_more_characters(home: Path) -> None:
    store = open_store(home)
    one = replace(craving(1, NOV), id="abcd1111" + "0" * 24)
    two = replace(craving(2, NOV), id="abcd2222" + "0" * 24)
    store.entries.append_many([one, two])

    assert store.entries.find("abcd1").id == one.id
    assert store.entries.find("ABCD2222").id == two.id
    with pytest.raises(InvalidInput) as ambiguous:
        store.entries.find("abcd")
    assert "abcd1111" in ambiguous.value.message and "abcd2222" in ambiguous.value.message
    with pytest.raises(InvalidInput):
        store.entries.find("abc")
    with pytest.raises(NotFound):
        store.entries.find("ffff")


HAND_WRITTEN = {
    "schema_version": 2,
    "month": "2026-11",
    "generator": "a newer recoverylog",
    "entries": [
        {
            "id": "c0ffee00" + "0" * 24,
            "type": "craving",
            "at": "2026-11-20T18:30:00+00:00",
            "clock": None,
            "note": "hand written",
            "tags": [],
            "intensity": 4,
            "weather": "rain",
            "location": {"lat": 51.5, "lon": -0.1},
        }
    ],
}


def test_keys_this_version_does_not_know_survive_rewrites(home: Path) -> None:
    path = home / "entries" / "2026-11.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(HAND_WRITTEN), encoding="utf-8")
    store = open_store(home)

    # A rewrite of the month for another entry keeps the unknown keys...
    store.entries.append(craving(1, NOV))
    # ...and so does rewriting the entry that carries them.
    original = store.entries.find("c0ffee00")
    assert original.extra == {"weather": "rain", "location": {"lat": 51.5, "lon": -0.1}}
    store.entries.replace(original, replace(original, note="edited"))

    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["generator"] == "a newer recoverylog"
    kept = next(e for e in doc["entries"] if e["id"].startswith("c0ffee00"))
    assert kept["note"] == "edited"
    assert kept["weather"] == "rain"
    assert kept["location"] == {"lat": 51.5, "lon": -0.1}
    assert len(doc["entries"]) == 2


def _doc_with(
    entry_changes: dict[str, object] | None = None, drop: str | None = None, **top: object
) -> bytes:
    """The hand-written month, with one entry's keys changed or dropped, or top keys set."""
    doc = json.loads(json.dumps(HAND_WRITTEN))
    doc["entries"][0].update(entry_changes or {})
    doc["entries"][0].pop(drop, None)
    doc.update(top)
    return json.dumps(doc).encode()


DAMAGED = {
    "not-json": b'{"schema_version": 2, "entries": [ {"id": "c0ffee',
    "not-an-object": b"[1, 2, 3]",
    "invalid-utf8": _doc_with().replace(b"hand written", b"hand \xff\xfe written"),
    "entries-not-a-list": _doc_with(entries={"id": "c0ffee00"}),
    "entry-not-an-object": _doc_with(entries=["c0ffee00"]),
    "entry-without-id": _doc_with(drop="id"),
    "at-not-a-time": _doc_with({"at": "last tuesday"}),
    "at-without-offset": _doc_with({"at": "2026-11-20T18:30:00"}),
    "at-a-number": _doc_with({"at": 1763663400}),
    "unknown-type": _doc_with({"type": "dream"}),
    "newer-schema-version": _doc_with(schema_version=3),
    "schema-version-missing": _doc_with().replace(b'"schema_version": 2, ', b""),
}
# Damage that stops the file being read as a month at all: a write into that month stops too.
STRUCTURAL = (
    "not-json",
    "not-an-object",
    "invalid-utf8",
    "entries-not-a-list",
    "entry-not-an-object",
    "entry-without-id",
    "newer-schema-version",
    "schema-version-missing",
)


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_month_is_a_data_error_naming_the_file(home: Path, damage: str) -> None:
    path = home / "entries" / "2026-11.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(DAMAGED[damage])
    before = files_under(home)
    store = open_store(home)

    for read in (
        lambda: store.entries.load_month("2026-11"),
        lambda: list(store.entries.iter_newest_first()),
        lambda: store.entries.find("c0ffee00"),
    ):
        with pytest.raises(DataError) as caught:
            read()
        assert str(path) in caught.value.message

    assert files_under(home) == before


@pytest.mark.parametrize("damage", STRUCTURAL)
def test_writing_into_a_damaged_month_stops_and_changes_nothing(home: Path, damage: str) -> None:
    path = home / "entries" / "2026-11.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(DAMAGED[damage])
    before = files_under(home)
    store = open_store(home)

    for write in (
        lambda: store.entries.append(craving(1, NOV)),
        lambda: store.entries.append_many([craving(2, NOV)]),
    ):
        with pytest.raises(DataError) as caught:
            write()
        assert str(path) in caught.value.message

    assert files_under(home) == before


def test_the_undamaged_control_month_loads(home: Path) -> None:
    path = home / "entries" / "2026-11.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(_doc_with())

    (entry,) = open_store(home).entries.load_month("2026-11")

    assert (entry.type, entry.get("intensity"), entry.note) == (
        EntryType.CRAVING,
        4,
        "hand written",
    )
