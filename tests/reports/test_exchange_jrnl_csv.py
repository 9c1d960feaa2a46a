"""Bringing entries in from jrnl and from CSV; and every CSV we write is spreadsheet-safe."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixture import build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain import csvguard
from recoverylog.domain.csvguard import FORMULA_STARTS, unguard_cell
from recoverylog.domain.model import EntryType
from recoverylog.render import output
from recoverylog.services.imports import csvfile

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

FORMULAS = [
    '=HYPERLINK("x")',
    "+1",
    "-2 degrees",
    "@SUM(A1)",
    "\tindented",
    "'=already",
    "plain",
    # A carriage return or line feed starts a new line in many spreadsheets and scripts:
    # the cell is quoted, and what follows the line break is guarded too.
    "fine\r=1+1",
    "\r=2",
    "two lines\r\n@SUM(B1)\nand '+3",
    "list\n- milk\n''-already",
]


def csv_out(run: Run) -> str:
    """The CSV exactly as written (the runner's .stdout turns CRLF into LF)."""
    return str(run("list", "--limit", "1000", "--format", "csv").stdout_bytes.decode("utf-8"))


@pytest.fixture
def formula_home(home: Path) -> Path:
    entries = fixture_entries()
    for n, text in enumerate(FORMULAS):
        entries.append(make_entry(60 + n, EntryType.NOTE, f"2026-11-{n + 1:02d}T12:00:00", text))
    entries.append(
        make_entry(90, EntryType.CRAVING, "2026-11-09T13:00:00", intensity=2, triggers=["=cmd|x"])
    )
    build_home(home, fixture_journal(), entries)
    return home


def test_csv_cells_never_start_a_formula(formula_home: Path, run: Run) -> None:
    text = csv_out(run)
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
    assert "fine\r'=1+1" in notes
    assert "'\r'=2" in notes
    assert "two lines\r\n'@SUM(B1)\nand '+3" in notes
    assert "list\n'- milk\n'''-already" in notes
    # Read as a naive program would, splitting at every CR or LF: no line starts a formula.
    for line in re.split(r"\r\n|\r|\n", text):
        assert not line.lstrip('"').startswith(("=", "+", "-", "@", "\t")), repr(line)
    triggers = {row["triggers"] for row in rows if row["type"] == "craving"}
    assert "'=cmd|x" in triggers
    assert "payday;after work" in triggers  # lists are joined with ';'


def test_list_csv_imports_back_exactly(
    formula_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = entries_json(run)
    exported = tmp_path / "entries.csv"
    exported.write_bytes(csv_out(run).encode("utf-8"))
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "fresh"))
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    result = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert result["problems"] == []
    # The listing holds the lapse too: it joins the clock of the same name.
    lapses = [e for e in original if e["type"] == "lapse"]
    assert len(lapses) == 1
    assert result["notices"] == []
    assert result["added"]["entries"] == len(original) - 1
    assert result["added"]["lapses"] == 1
    assert entries_json(run) == original
    again = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert again["added"] == {} and again["problems"] == []


def test_a_csv_lapse_for_a_clock_the_journal_lacks_is_named(
    formula_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "entries.csv"
    exported.write_bytes(csv_out(run).encode("utf-8"))
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "fresh"))
    run("clock", "add", "nicotine", "--since", "2026-10-01")
    result = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert any("a clock this journal does not have" in p for p in result["problems"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r\n'ax"), max_size=20) | st.text(max_size=20))
def test_the_formula_guard_reads_back_exactly(text: str) -> None:
    written = output.safe_cell(text)
    assert not written.startswith(FORMULA_STARTS)
    for line in re.split(r"\r\n|\r|\n", written):
        assert not line.startswith(FORMULA_STARTS), repr(written)
    assert unguard_cell(written) == text


def test_reader_and_writer_agree_on_formula_starts() -> None:
    """One guard for both: the writer's and the reader's are the same functions."""
    assert output.guard_cell is csvguard.guard_cell
    assert csvfile.unguard_cell is csvguard.unguard_cell


def test_a_note_with_a_carriage_return_is_safe_and_reads_back(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "note", "fine\r=1+1")
    text = csv_out(run)
    assert '"fine\r\'=1+1"' in text  # quoted, and the line after the CR is guarded
    exported = tmp_path / "notes.csv"
    exported.write_bytes(text.encode("utf-8"))
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "fresh"))
    result = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert result["problems"] == [] and result["added"] == {"entries": 1}
    assert [e["note"] for e in entries_json(run)] == ["fine\r=1+1"]


BROKEN_CSV = (
    "type,at,note\n"
    "note,2026-11-20 10:00,first\n"
    "note,2026-11-20 11:00,bare\r=cr\n"  # a CR outside quotes: this row cannot be read
    'note,2026-11-20 12:00,"a ""quoted"" word"\n'
    'note,2026-11-20 13:00,"two\nlines"\n'
    'note,2026-11-20 14:00,"shut" here\n'  # text after a closing quote
    'note,2026-11-20 15:00,"never closed\n'  # swallows the rows after it
    "note,2026-11-20 16:00,swallowed\n"
    "note,2026-11-20 17:00,swallowed too\n"
)


def test_csv_rows_that_are_not_valid_csv_are_reported(
    cli: Callable[..., Any], run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(BROKEN_CSV.encode("utf-8"))
    result = cli("import", "--from", "csv", str(source))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "added: 3 entries" in text
    assert "Could not read 3" in text
    assert "row 3: a line break (carriage return) inside a cell that is not in quotes" in text
    assert "row 7: a quoted cell has text after its closing quote" in text
    assert (
        "row at lines 8-10: a quote opens a cell and is never closed, so the rest of the file "
        "was not read"
    ) in text
    notes = sorted(e["note"] for e in entries_json(run))
    assert notes == ['a "quoted" word', "first", "two\nlines"]


def test_importing_your_own_csv_again_finds_no_differences(run: Run, tmp_path: Path) -> None:
    # Entries logged as usual keep empty lists (no HALT, no coping); the CSV leaves them out.
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    run("log", "craving", "5", "--trigger", "after work", "--at", "2026-11-22 18:00")
    run("log", "trigger", "payday", "--at", "2026-11-22 09:00")
    run("log", "craving", "3", "--at", "2026-11-23 08:00")
    exported = tmp_path / "mine.csv"
    exported.write_bytes(csv_out(run).encode("utf-8"))
    result = json.loads(run("import", "--from", "csv", str(exported), "-f", "json").stdout)
    assert result["conflicts"] == []
    assert result["unchanged"] == 3
    text = run("import", "--from", "csv", str(exported)).stdout
    assert "Different here" not in text
    assert "already here, unchanged: 3" in text


def test_a_dry_run_into_a_home_that_does_not_exist_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_home(tmp_path / "mine", fixture_journal(), fixture_entries())
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "mine"))
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported))
    entries = tmp_path / "entries.csv"
    entries.write_bytes(csv_out(run).encode("utf-8"))
    missing = tmp_path / "not-yet"
    monkeypatch.setenv("RECOVERYLOG_HOME", str(missing))
    text = run("import", str(exported), "--dry-run").stdout
    assert text.startswith("Dry run: nothing was written.")
    assert f"{len(fixture_entries())} entries (would be)" in text
    run("import", "--from", "csv", str(entries), "--dry-run")
    run("import", "--from", "jrnl", str(JRNL), "--dry-run")
    assert not missing.exists()
