"""journal.toml through the Store: round trips, keys kept, and damage refused untouched."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from store_helpers import files_under, open_store, sample_journal

from recoverylog.domain.model import Clock, Journal
from recoverylog.errors import DataError


def test_a_journal_survives_a_save_and_a_load_unchanged(home: Path) -> None:
    journal = sample_journal()
    open_store(home).save_journal(journal)

    loaded = open_store(home).load_journal()

    assert loaded == journal
    lapse = loaded.clocks[0].lapses[0]
    assert lapse.at.utcoffset() == journal.clocks[0].lapses[0].at.utcoffset()


def test_the_file_is_readable_toml_with_real_dates(home: Path) -> None:
    open_store(home).save_journal(sample_journal())

    text = (home / "journal.toml").read_text(encoding="utf-8")
    doc = tomllib.loads(text)

    assert doc["schema_version"] == 2
    alcohol = doc["clocks"][0]
    # Dates are TOML dates and times, not strings, so the file reads well by hand.
    assert alcohol["clean_since"] == date(2026, 8, 31)
    assert isinstance(alcohol["lapses"][0]["at"], datetime)
    assert alcohol["lapses"][0]["at"].utcoffset().total_seconds() == 7200
    assert 'name = "alcohol"' in text
    assert [t["name"] for t in doc["toolkit"]] == ["urge surfing", "call sponsor"]


def test_a_missing_journal_reads_as_an_empty_one_and_writes_nothing(home: Path) -> None:
    assert open_store(home).load_journal() == Journal()
    assert not (home / "journal.toml").exists()


HAND_WRITTEN = """\
# written by a newer version, and edited by hand
schema_version = 2
favourite_colour = "blue"
toolkit = [{ name = "breathing", seconds = 60 }]
people = []

[future_table]
answer = 42
nested = { deep = [1, 2, 3] }

[[clocks]]
name = "alcohol"
clean_since = 2026-10-01
colour = "green"
reminders = ["09:00", "21:00"]

[[clocks.lapses]]
id = "0badc0de"
at = 2026-10-20T21:00:00+01:00
restart = 2026-10-21
mood_after = 2
"""


def test_keys_this_version_does_not_know_survive_a_rewrite(home: Path) -> None:
    path = home / "journal.toml"
    home.mkdir()
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    store = open_store(home)

    with store.writing():
        journal = store.load_journal()
        journal.clocks.append(Clock(name="nicotine", clean_since=date(2026, 11, 1)))
        journal.clocks[0].cost_per_day = 9.0
        store.save_journal(journal)

    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["favourite_colour"] == "blue"
    assert doc["future_table"] == {"answer": 42, "nested": {"deep": [1, 2, 3]}}
    assert doc["toolkit"] == [{"name": "breathing", "seconds": 60}]
    alcohol, nicotine = doc["clocks"]
    assert alcohol["colour"] == "green"
    assert alcohol["reminders"] == ["09:00", "21:00"]
    assert alcohol["cost_per_day"] == 9.0
    assert alcohol["lapses"][0]["mood_after"] == 2
    assert alcohol["lapses"][0]["id"] == "0badc0de"
    assert nicotine["name"] == "nicotine"
    assert "colour" not in nicotine


VALID = """\
schema_version = 2
toolkit = []
people = []

[[clocks]]
name = "alcohol"
clean_since = 2026-10-01
lapses = []
"""

DAMAGED = {
    "garbage": b"\x00\x01\x02 }}}{{{ this is not toml at all [[[",
    "truncated": VALID.encode()[: VALID.index('"alco') + 4],
    "invalid-utf8": VALID.encode().replace(b'"alcohol"', b'"alc\xff\xfehol"'),
    "clean-since-a-number": VALID.encode().replace(b"2026-10-01", b"5"),
    "clean-since-text": VALID.encode().replace(b"2026-10-01", b'"last autumn"'),
    "name-missing": VALID.encode().replace(b'name = "alcohol"\n', b""),
    "name-a-number": VALID.encode().replace(b'"alcohol"', b"7"),
    "clocks-not-a-list": b'schema_version = 2\nclocks = "alcohol"\n',
    "lapses-not-a-list": VALID.encode().replace(b"lapses = []", b'lapses = "none"'),
    "schema-version-missing": VALID.encode().replace(b"schema_version = 2\n", b""),
    "schema-version-text": VALID.encode().replace(b"schema_version = 2", b'schema_version = "2"'),
    "newer-schema-version": VALID.encode().replace(b"schema_version = 2", b"schema_version = 3"),
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_journal_is_a_data_error_naming_the_file(home: Path, damage: str) -> None:
    path = home / "journal.toml"
    home.mkdir()
    path.write_bytes(DAMAGED[damage])
    before = files_under(home)
    store = open_store(home)

    with pytest.raises(DataError) as caught:
        store.load_journal()
    assert str(path) in caught.value.message

    # A read-modify-write stops at the read: nothing is written over the damage.
    with pytest.raises(DataError), store.writing():
        journal = store.load_journal()
        store.save_journal(journal)
    after = files_under(home)
    after.pop(".lock", None)
    assert after == before


def test_a_newer_journal_says_to_upgrade(home: Path) -> None:
    home.mkdir()
    (home / "journal.toml").write_bytes(DAMAGED["newer-schema-version"])

    with pytest.raises(DataError) as caught:
        open_store(home).load_journal()

    assert "newer" in caught.value.message
    assert caught.value.hint is not None and "upgrade" in caught.value.hint


def test_the_undamaged_control_file_loads(home: Path) -> None:
    """The damaged cases above differ from this file only by their damage."""
    home.mkdir()
    (home / "journal.toml").write_text(VALID, encoding="utf-8")

    journal = open_store(home).load_journal()

    assert [(c.name, c.clean_since) for c in journal.clocks] == [("alcohol", date(2026, 10, 1))]
