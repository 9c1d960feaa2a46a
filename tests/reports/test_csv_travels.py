"""CSV that travels: lists that keep any text, exact round trips, one stable header, and a
BOM on request."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_fixture import at, build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain.csvcells import CSV_COLUMNS
from recoverylog.domain.csvguard import unguard_cell
from recoverylog.domain.model import Clock, EntryType, Journal, Lapse

Run = Callable[..., Any]
Cli = Callable[..., Any]

# The documented header (docs/data.md, "Import from CSV"), whatever entries a journal holds.
HEADER = (
    "id,type,at,clock,note,tags,created,updated,"
    "intensity,duration_min,triggers,halt,coping,outcome,text,kind,technique,helped,"
    "craving_id,name,fellowship,online,mood,person,via,clean,difficulty,lapsed,gratitude,"
    "resentful,dishonest,afraid,tomorrow,intention,answers,total,restart,slept"
)

# Text that a naive CSV list would cut, quote badly or run as a formula.
TRICKY = [
    "=cmd|' /C calc'!A0",
    "stress; work",
    "after work, again",
    'she said "later"',
    "café ☕ 日本",
    "back\\slash",
    "ends in a backslash\\",
    "\\;both",
    "semi;colon;",
]
TRICKY_TAGS = ["=x", "a;b", 'q"t', "ünï", "back\\", ";"]
TRICKY_NOTE = '=SUM(A1)\nline two; with, commas "and quotes"\n- a dash ☕\r\n@end'


def tricky_entries() -> list[Any]:
    craving, checkin = EntryType.CRAVING, EntryType.CHECKIN
    entries = [
        make_entry(
            101,
            craving,
            "2026-11-10T21:30:00",
            TRICKY_NOTE,
            intensity=7,
            duration_min=20,
            triggers=TRICKY,
            halt=["hungry", "angry", "lonely", "tired"],
            coping=list(reversed(TRICKY)),
            outcome="passed",
        ),
        make_entry(
            102, EntryType.TRIGGER, "2026-11-11T09:00:00", text="rent; bills", kind="thought"
        ),
        make_entry(
            103,
            EntryType.COPING,
            "2026-11-11T09:10:00",
            technique="walk; talk",
            helped=4,
            craving_id=f"{101:032x}",
        ),
        make_entry(
            104,
            EntryType.MEETING,
            "2026-11-12T19:00:00",
            name='Big "book", study; AA',
            fellowship="AA",
            online=True,
        ),
        make_entry(105, EntryType.NOTE, "2026-11-13T22:00:00", "-plain ☕", mood=3),
        make_entry(
            106, EntryType.CONTACT, "2026-11-14T18:00:00", person="Dana; sponsor", via="phone"
        ),
        make_entry(
            107,
            checkin,
            "2026-11-15T21:00:00",
            clean=False,
            difficulty="hard",
            mood=2,
            halt=["tired"],
            lapsed=["alcohol"],
            gratitude=["called mum; she laughed", "=1+1", "rain, finally"],
            resentful=True,
            dishonest=False,
            afraid=True,
            tomorrow="call; early",
            intention="one day, at a time",
        ),
        make_entry(
            108, EntryType.SELFCHECK, "2026-11-16T10:00:00", answers=[1, 2, 3, 4, 5], total=15
        ),
    ]
    entries[0] = replace(entries[0], tags=TRICKY_TAGS)
    entries[4] = replace(entries[4], updated=at("2026-11-14T08:00:00"))
    return entries


def no_lapses_journal() -> Journal:
    journal = fixture_journal()
    journal.clocks = [Clock("alcohol", date(2026, 10, 1), created=at("2026-10-01T09:00:00"))]
    return journal


def join_list(items: list[str]) -> str:
    from recoverylog.domain.csvcells import join_list

    return join_list(items)


def split_list(cell: str) -> list[str]:
    from recoverylog.domain.csvcells import split_list

    return split_list(cell)


def entries_json(run: Run) -> list[dict[str, Any]]:
    return json.loads(run("list", "--all", "-f", "json").stdout)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def fresh_home(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / name))
    run("clock", "add", "alcohol", "--since", "2026-10-01")


# --- lists in one cell ------------------------------------------------------------------


def test_a_list_cell_keeps_every_item_exactly() -> None:
    assert join_list(["stress; work", "payday"]) == "stress\\; work;payday"
    assert join_list(["back\\slash"]) == "back\\\\slash"
    assert split_list("stress\\; work;payday") == ["stress; work", "payday"]
    assert split_list(join_list(TRICKY)) == TRICKY


def test_a_list_cell_from_an_earlier_version_reads_as_before() -> None:
    # Earlier versions joined with ';' and escaped nothing; a lone backslash stays.
    assert split_list("after work;payday") == ["after work", "payday"]
    assert split_list(" a ; ;b ") == ["a", "b"]
    assert split_list("C:\\temp;x") == ["C:\\temp", "x"]
    assert split_list("") == []


names = st.text(min_size=1, max_size=12).map(str.strip).filter(bool)


@given(st.lists(names, max_size=6))
def test_any_list_of_names_survives_a_cell(items: list[str]) -> None:
    assert split_list(join_list(items)) == items


# --- the round trip ------------------------------------------------------------------------


def test_csv_export_imports_into_a_fresh_home_byte_for_byte(
    home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_home(home, no_lapses_journal(), tricky_entries())
    original = entries_json(run)
    first = tmp_path / "first.csv"
    run("export", "--format", "csv", "--output", str(first))
    fresh_home(run, tmp_path, monkeypatch, "fresh")
    result = json.loads(run("import", str(first), "-f", "json").stdout)
    assert result["source"] == "csv"
    assert result["problems"] == [] and result["notices"] == []
    assert result["added"]["entries"] == len(original)
    assert entries_json(run) == original
    second = tmp_path / "second.csv"
    run("export", "--format", "csv", "--output", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_every_list_field_comes_back_whole(home: Path, run: Run, tmp_path: Path) -> None:
    build_home(home, no_lapses_journal(), tricky_entries())
    exported = tmp_path / "all.csv"
    run("export", "--output", str(exported))
    rows = {row["type"]: row for row in csv_rows(exported.read_bytes())}
    craving = rows["craving"]
    assert split_list(unguard_cell(craving["triggers"])) == TRICKY
    assert split_list(unguard_cell(craving["coping"])) == list(reversed(TRICKY))
    assert split_list(unguard_cell(craving["tags"])) == TRICKY_TAGS
    assert craving["tags"].startswith("'=x;")  # the formula guard still stands
    assert craving["note"].startswith("'=SUM(A1)\n")
    assert split_list(rows["checkin"]["gratitude"]) == [
        "called mum; she laughed",
        "=1+1",
        "rain, finally",
    ]


def test_a_lapse_row_keeps_its_triggers_whole(home: Path, run: Run) -> None:
    journal = fixture_journal()
    journal.clocks[0].lapses = [
        Lapse("1a5e0001", at("2026-11-19T21:00:00"), date(2026, 11, 20), triggers=TRICKY)
    ]
    build_home(home, journal, [])
    data = run("list", "--format", "csv").stdout_bytes
    (lapse,) = csv_rows(data)
    assert lapse["type"] == "lapse" and lapse["restart"] == "2026-11-20"
    assert split_list(unguard_cell(lapse["triggers"])) == TRICKY


def test_a_csv_from_an_earlier_version_still_imports(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As 'list --format csv' wrote it before: columns in the order the rows brought them.
    old = (
        "id,type,at,clock,note,tags,clean,difficulty,mood,halt,lapsed,gratitude,resentful,"
        "dishonest,afraid,tomorrow,intention,created,intensity,duration_min,triggers,coping,"
        "outcome\r\n"
        "376eea7d5a64502242212fba928b88ab,checkin,2026-11-22T21:00:00+00:00,alcohol,,,true,ok,"
        "4,,,my sister called;sleep,false,,,,,2026-11-23T20:00:00+00:00,,,,,\r\n"
        "788a3293cfcc2d1d5a486a4a899b7ccf,note,2026-11-21T10:00:00+00:00,alcohol,Quiet day,,,,"
        "4,,,,,,,,,2026-11-23T20:00:00+00:00,,,,,\r\n"
        "658da63852d00dee630e390c8b4d1128,craving,2026-11-20T21:30:00+00:00,alcohol,,"
        "evening;work,,,,lonely;tired,,,,,,,,2026-11-23T20:00:00+00:00,6,,after work;payday,"
        "call sponsor,passed\r\n"
    )
    source = tmp_path / "old.csv"
    source.write_bytes(old.encode("utf-8"))
    fresh_home(run, tmp_path, monkeypatch, "fresh")
    result = json.loads(run("import", str(source), "-f", "json").stdout)
    assert result["problems"] == [] and result["added"]["entries"] == 3
    found = {e["type"]: e for e in entries_json(run)}
    assert found["craving"]["triggers"] == ["after work", "payday"]
    assert found["craving"]["tags"] == ["evening", "work"]
    assert found["craving"]["halt"] == ["lonely", "tired"]
    assert found["checkin"]["gratitude"] == ["my sister called", "sleep"]
    assert found["note"]["note"] == "Quiet day"


# --- one header -------------------------------------------------------------------------


def header_of(data: bytes) -> str:
    return data.decode("utf-8").split("\r\n", 1)[0]


def test_the_header_is_the_same_whatever_the_journal_holds(
    home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_home(home, fixture_journal(), tricky_entries() + fixture_entries())
    every_type = run("list", "--all", "--format", "csv").stdout_bytes
    assert {row["type"] for row in csv_rows(every_type)} == {
        *(t.value for t in EntryType),
        "lapse",
    }
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "notes"))
    run("log", "note", "just a note")
    notes_only = run("list", "--format", "csv").stdout_bytes
    exported = tmp_path / "notes.csv"
    run("export", "--output", str(exported))
    assert header_of(every_type) == header_of(notes_only) == HEADER
    assert header_of(exported.read_bytes()) == HEADER
    assert ",".join(CSV_COLUMNS) == HEADER


def test_an_empty_listing_is_still_the_header(run: Run) -> None:
    assert run("list", "--format", "csv").stdout_bytes == (HEADER + "\r\n").encode()


# --- a byte order mark for spreadsheets -----------------------------------------------------

BOM = b"\xef\xbb\xbf"


def test_bom_begins_the_csv_only_when_asked(home: Path, run: Run, tmp_path: Path) -> None:
    build_home(home, no_lapses_journal(), tricky_entries())
    plain = run("list", "--format", "csv").stdout_bytes
    marked = run("list", "--format", "csv", "--bom").stdout_bytes
    assert not plain.startswith(BOM)
    assert marked == BOM + plain
    exported = tmp_path / "marked.csv"
    run("export", "--format", "csv", "--bom", "--output", str(exported))
    assert exported.read_bytes().startswith(BOM + HEADER.encode())


def test_a_csv_with_a_bom_imports(
    home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_home(home, no_lapses_journal(), tricky_entries())
    original = entries_json(run)
    exported = tmp_path / "marked.csv"
    run("export", "--bom", "--output", str(exported))
    fresh_home(run, tmp_path, monkeypatch, "fresh")
    result = json.loads(run("import", str(exported), "-f", "json").stdout)
    assert result["problems"] == [] and result["notices"] == []
    assert entries_json(run) == original


def test_bom_is_only_for_csv(cli: Cli) -> None:
    for args in (["list", "--bom", "-f", "json"], ["export", "--bom"]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "--bom" in result.stderr and "csv" in result.stderr
        assert result.stdout == ""


def test_pandas_reads_the_documented_columns(home: Path, run: Run, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    build_home(home, no_lapses_journal(), tricky_entries())
    for name, extra in (("plain.csv", []), ("marked.csv", ["--bom"])):
        exported = tmp_path / name
        run("export", *extra, "--output", str(exported))
        frame = pandas.read_csv(exported, dtype=str, keep_default_na=False)
        assert list(frame.columns) == HEADER.split(",")
        assert len(frame) == len(tricky_entries())
        craving = frame[frame["type"] == "craving"].iloc[0]
        assert craving["note"] == "'" + TRICKY_NOTE.replace("\n-", "\n'-").replace("\n@", "\n'@")
        assert split_list(unguard_cell(craving["triggers"])) == TRICKY
