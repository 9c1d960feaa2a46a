"""Bringing entries in from jrnl and from CSV; and every CSV we write is spreadsheet-safe."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixture import build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain.model import EntryType
from recoverylog.render import output
from recoverylog.services import exchange

Run = Callable[..., Any]
JRNL = Path(__file__).parent.parent / "fixtures" / "jrnl_export.json"


def entries_json(run: Run) -> list[dict[str, Any]]:
    return json.loads(run("list", "--limit", "1000", "-f", "json").stdout)


# --- jrnl -------------------------------------------------------------------------------


def test_jrnl_export_becomes_journal_notes(run: Run) -> None:
    result = run("import", "--from", "jrnl", str(JRNL))
    assert "added: 3 entries" in result.stdout
    notes = sorted(entries_json(run), key=lambda e: e["at"])
    assert [n["type"] for n in notes] == ["note", "note", "note"]
    assert [n["at"] for n in notes] == [
        "2026-09-02T21:40:00+00:00",
        "2026-09-05T07:15:00+00:00",
        "2026-09-10T19:05:00+00:00",
    ]
    assert notes[0]["note"] == (
        "First week without a drink.\n"
        "Went to the meeting at the community centre. Tired, but glad I went. @meeting"
    )
    assert notes[1]["note"] == "Slept through the night for once."
    # jrnl's @ is dropped from tags; a starred entry carries the tag "starred".
    assert notes[0]["tags"] == ["meeting"]
    assert notes[1]["tags"] == ["sleep", "starred"]
    assert notes[2]["tags"] == ["family", "meeting", "starred"]
    assert notes[2]["note"].endswith("Another @meeting tonight, the Thursday one.")


def test_jrnl_times_are_local_times(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "Europe/London")
    run("import", "--from", "jrnl", str(JRNL))
    first = min(entries_json(run), key=lambda e: e["at"])
    assert first["at"] == "2026-09-02T21:40:00+01:00"  # British Summer Time


def test_jrnl_import_twice_changes_nothing(run: Run, home: Path) -> None:
    run("import", "--from", "jrnl", str(JRNL))
    before = sorted(p.read_bytes() for p in (home / "entries").iterdir())
    again = json.loads(run("import", "--from", "jrnl", str(JRNL), "-f", "json").stdout)
    assert again["added"] == {}
    assert again["unchanged"] == 3
    assert sorted(p.read_bytes() for p in (home / "entries").iterdir()) == before


def test_jrnl_entries_that_cannot_be_read_are_reported(run: Run, tmp_path: Path) -> None:
    doc = json.loads(JRNL.read_text(encoding="utf-8"))
    doc["entries"][1]["date"] = "2026-13-45"
    doc["entries"].append(
        {
            "title": "From the future.",
            "body": "",
            "date": "2027-01-01",
            "time": "09:00",
            "tags": [],
            "starred": False,
        }
    )
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc), encoding="utf-8")
    result = run("import", "--from", "jrnl", str(broken))
    assert "added: 2 entries" in result.stdout
    assert "jrnl entry 2: month must be in 1..12" in result.stdout
    assert "jrnl entry 4: 2027-01-01 09:00 is in the future" in result.stdout


def test_not_a_jrnl_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text('{"hello": []}', encoding="utf-8")
    result = cli("import", "--from", "jrnl", str(other))
    assert result.exit_code == 4
    assert "not a jrnl JSON export" in result.stderr


# --- CSV in --------------------------------------------------------------------------------

HAND_WRITTEN = "\n".join(
    [
        "type,at,clock,intensity,triggers,halt,coping,outcome,duration_min,note,tags,"
        "name,fellowship,online",
        "craving,2026-11-20 21:30,alcohol,7,after work;payday,tired;lonely,urge surfing,"
        "passed,20m,Long day,evening,,,",
        "craving,2026-11-21 08:00,,high,,,,,,,,,,",
        "meeting,2026-11-21T19:00:00+00:00,,,,,,,,,,Thursday group,AA,no",
        "craving,2026-12-25 10:00,,5,,,,,,,,,,",
        "coping,2026-11-21 09:00,,,,,,,,,,,,",
        "craving,2026-11-22,,4,,,,,,,,,,",
        "meeting,2026-11-22 12:00,gambling,,,,,,,,,,,",
    ]
)


def test_csv_rows_are_imported_and_bad_rows_reported(run: Run, tmp_path: Path) -> None:
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    source = tmp_path / "in.csv"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    text = run("import", "--from", "csv", str(source)).stdout
    assert "added: 2 techniques" not in text
    assert "3 entries" in text
    assert "Could not read 4" in text
    assert "row 3: intensity: 'high' is not a whole number" in text
    assert "row 5: 2026-12-25 10:00 is in the future" in text
    assert "row 6: say which coping technique you used" in text
    assert "row 8: no clock named 'gambling'" in text
    found = {(e["type"], e["at"]): e for e in entries_json(run)}
    craving = found[("craving", "2026-11-20T21:30:00+00:00")]
    assert craving["intensity"] == 7
    assert craving["triggers"] == ["after work", "payday"]
    assert craving["halt"] == ["lonely", "tired"]  # always in HALT order
    assert craving["coping"] == ["urge surfing"]
    assert craving["duration_min"] == 20
    assert craving["note"] == "Long day"
    assert craving["tags"] == ["evening"]
    assert craving["clock"] == "alcohol"
    meeting = found[("meeting", "2026-11-21T19:00:00+00:00")]
    assert (meeting["name"], meeting["fellowship"], meeting["online"]) == (
        "Thursday group",
        "AA",
        False,
    )
    assert ("craving", "2026-11-22T12:00:00+00:00") in found  # a date alone means noon
    # The technique joined the toolkit, as logging it would.
    assert "urge surfing" in run("coping", "list", "-f", "plain").stdout
    again = json.loads(run("import", "--from", "csv", str(source), "-f", "json").stdout)
    assert again["added"] == {} and again["unchanged"] == 3


def test_csv_needs_its_two_columns(cli: Callable[..., Any], tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("when,what\n2026-11-20,craving\n", encoding="utf-8")
    result = cli("import", "--from", "csv", str(source))
    assert result.exit_code == 4
    assert "'type' and 'at'" in result.stderr


# --- CSV out, and back in -----------------------------------------------------------------

FORMULAS = ['=HYPERLINK("x")', "+1", "-2 degrees", "@SUM(A1)", "\tindented", "'=already", "plain"]


@pytest.fixture
def formula_home(home: Path) -> Path:
    entries = fixture_entries()
    for n, text in enumerate(FORMULAS):
        entries.append(make_entry(60 + n, EntryType.NOTE, f"2026-11-0{n + 1}T12:00:00", text))
    entries.append(
        make_entry(70, EntryType.CRAVING, "2026-11-09T12:00:00", intensity=2, triggers=["=cmd|x"])
    )
    build_home(home, fixture_journal(), entries)
    return home


def test_csv_cells_never_start_a_formula(formula_home: Path, run: Run) -> None:
    text = run("list", "--limit", "1000", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and text.splitlines()[0].startswith("id,type,at")
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "-", "@", "\t", "\r")), value
    notes = {row["note"] for row in rows}
    assert '\'=HYPERLINK("x")' in notes
    assert "'+1" in notes and "'-2 degrees" in notes and "'@SUM(A1)" in notes
    assert "'\tindented" in notes
    assert "''=already" in notes  # an apostrophe before a formula gets one more
    assert "plain" in notes
    triggers = {row["triggers"] for row in rows if row["type"] == "craving"}
    assert "'=cmd|x" in triggers
    assert "payday;after work" in triggers  # lists are joined with ';'


def test_list_csv_imports_back_exactly(
    formula_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = entries_json(run)
    exported = tmp_path / "entries.csv"
    exported.write_text(run("list", "--limit", "1000", "--format", "csv").stdout, encoding="utf-8")
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "fresh"))
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    result = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert result["problems"] == []
    assert result["added"]["entries"] == len(original)
    assert entries_json(run) == original


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_the_formula_guard_reads_back_exactly(text: str) -> None:
    written = output.safe_cell(text)
    assert not written.startswith(output.FORMULA_STARTS)
    assert exchange.unneutralise(written) == text


def test_reader_and_writer_agree_on_formula_starts() -> None:
    assert exchange.FORMULA_STARTS == output.FORMULA_STARTS
