"""The greeting's quick reading of a month file (store/raw_months.py): a file this
version wrote is read a line at a time, and only the lines of the days asked for are
decoded. It may keep an entry of another day (the greeting judges each entry's day
again), never leave out one of the days asked for, and it refuses what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.errors import DataError
from recoverylog.store import schema
from recoverylog.store.entries import encode_month
from recoverylog.store.raw_months import raw_month

DAYS = [f"2026-11-{day:02d}" for day in range(1, 31)]
# Texts that look like the key the quick look searches for, or like the file's ends.
TRICKY = ['"at": "2026-11-03', '\\"at\\": \\"', '", "at": "', "]}", "\n]}\n", ",", "{", "é"]
TEXT = st.lists(st.sampled_from(TRICKY) | st.text(max_size=3), max_size=4).map("".join)


@st.composite
def raw_entries(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.sampled_from(DAYS))
    raw: dict[str, Any] = {
        "id": draw(st.text("0123456789abcdef", min_size=8, max_size=8)),
        "type": "note",
        "at": f"{day}T{draw(st.integers(0, 23)):02d}:00:00+00:00",
        "note": draw(st.none() | TEXT),
        "tags": draw(st.lists(TEXT, max_size=2)),
    }
    if draw(st.booleans()):  # a key this version does not know, kept as it was
        raw = {"extra": {"at": draw(st.sampled_from(DAYS))}, **raw}
    return raw


def write_month(folder: Path, raws: list[dict[str, Any]]) -> None:
    doc = {"schema_version": schema.CURRENT_VERSION[schema.ENTRIES], "month": "2026-11"}
    doc["entries"] = raws
    folder.mkdir(exist_ok=True)
    (folder / "2026-11.json").write_bytes(encode_month(doc))


@settings(max_examples=150, deadline=None)
@given(st.lists(raw_entries(), max_size=6), st.sampled_from(DAYS), st.sampled_from(DAYS))
def test_every_entry_of_the_days_asked_for_is_read(
    tmp_path_factory: pytest.TempPathFactory, raws: list[dict[str, Any]], first: str, last: str
) -> None:
    folder = tmp_path_factory.mktemp("entries")
    write_month(folder, raws)
    read = raw_month(folder, "2026-11", first, last)
    wanted = [raw for raw in raws if first <= raw["at"][:10] <= last]
    assert [r for r in read if first <= r["at"][:10] <= last] == wanted
    assert all(r in raws for r in read)
    assert raw_month(folder, "2026-11") == raws  # no days given: every one


def test_a_month_without_a_file_holds_nothing(tmp_path: Path) -> None:
    assert raw_month(tmp_path, "2026-11") == []


def test_a_file_written_otherwise_is_decoded_whole(tmp_path: Path) -> None:
    raw = {"id": "a1b2c3d4", "type": "note", "at": "2026-11-02T10:00:00+00:00"}
    doc = {"schema_version": schema.CURRENT_VERSION[schema.ENTRIES], "entries": [raw]}
    (tmp_path / "2026-11.json").write_text(json.dumps(doc, indent=2))
    assert raw_month(tmp_path, "2026-11", "2026-11-20", "2026-11-21") == [raw]


@pytest.mark.parametrize(
    "text",
    [
        "{damaged",
        '{"schema_version": 1, "entries": []}',
        '{"schema_version": 2, "month": "2026-11", "entries": [\n{"at": "2026-11-02"}, {}\n]}\n',
        '{"schema_version": 2, "month": "2026-11", "entries": [\n[1]\n]}\n',
        '{"schema_version": 2, "entries": [1]}',
    ],
    ids=["not-json", "older", "two-a-line", "not-an-object", "whole-not-an-object"],
)
def test_what_cannot_be_read_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "2026-11.json").write_text(text)
    with pytest.raises(DataError):
        raw_month(tmp_path, "2026-11", "2026-11-01", "2026-11-30")
