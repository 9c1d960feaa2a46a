"""Export is written a month at a time, and its text is the same as the whole document.

The whole document (every entry read, sorted, then written at once) is built here from
the same pieces the export used to use, and compared byte for byte with what the export
writes, on a home whose entries cross the turn of months at different UTC offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_journal

from recoverylog.domain.codec import entry_to_dict
from recoverylog.domain.csvcells import CSV_COLUMNS
from recoverylog.domain.model import Entry, EntryType
from recoverylog.environment import read_environment
from recoverylog.render.output import to_csv
from recoverylog.services.export import as_json, as_toml, export_chunks, export_head
from recoverylog.services.lapses import LapseRecord, Record, record_as_dict
from recoverylog.services.workspace import Workspace, open_workspace
from recoverylog.store.entries import EntryStore

Run = Callable[..., Any]
NEW_YORK = timezone(timedelta(hours=-5))
TOKYO = timezone(timedelta(hours=9))


def _entry(number: int, at: datetime, note: str | None = None, **data: Any) -> Entry:
    return Entry(f"{number:032x}", EntryType.NOTE, at, None, note, ["t"], data or {"mood": 3})


def _entries() -> list[Entry]:
    """Four months; around each turn of a month, entries whose file and UTC order differ."""
    entries = []
    for number in range(40):
        moment = datetime(2026, 7, 3, 9, tzinfo=UTC) + timedelta(days=3 * number, hours=number)
        entries.append(_entry(100 + number, moment, note=f"day {number} ✓"))
    entries += [
        # In July's file, but after the first of August's in UTC.
        _entry(1, datetime(2026, 7, 31, 23, 30, tzinfo=NEW_YORK)),
        _entry(2, datetime(2026, 8, 1, 1, 0, tzinfo=UTC)),
        # In September's file, but before the last of August's in UTC.
        _entry(3, datetime(2026, 9, 1, 6, 0, tzinfo=TOKYO)),
        _entry(4, datetime(2026, 8, 31, 22, 0, tzinfo=UTC)),
        # The same moment twice: by id.
        _entry(6, datetime(2026, 10, 1, 4, 0, tzinfo=TOKYO)),
        _entry(5, datetime(2026, 9, 30, 19, 0, tzinfo=UTC)),
    ]
    return entries


@pytest.fixture
def months_home(home: Path, run: Run) -> Path:
    build_home(home, fixture_journal(), _entries())
    run("status")  # milestones reached so far are recorded now, not during the tests
    return home


def _workspace(home: Path) -> Workspace:
    return open_workspace(read_environment().with_home(str(home)))


def _sorted_entries(ws: Workspace) -> list[Entry]:
    return sorted(ws.store.entries.iter_range(), key=lambda e: (e.at.astimezone(UTC), e.id))


def _whole_document(ws: Workspace) -> dict[str, Any]:
    return {**export_head(ws), "entries": [entry_to_dict(e) for e in _sorted_entries(ws)]}


def test_json_export_is_the_whole_document(months_home: Path, run: Run) -> None:
    ws = _workspace(months_home)
    assert run("export").stdout == as_json(_whole_document(ws))
    ids = [e.id[-2:] for e in _sorted_entries(ws)]
    assert ids.index("02") < ids.index("01") and ids.index("03") < ids.index("04")


def test_toml_export_is_the_whole_document(months_home: Path, run: Run) -> None:
    assert run("export", "--format", "toml").stdout == as_toml(
        _whole_document(_workspace(months_home))
    )


def test_short_entries_are_written_as_toml_writes_them(home: Path, run: Run) -> None:
    """TOML writes a list inline only when every table in it is short; short entries
    before a long one are tables too."""
    short = [Entry(f"a{n}", EntryType.NOTE, datetime(2026, 9 + n, 2, tzinfo=UTC)) for n in range(3)]
    build_home(home, fixture_journal(), short)
    run("status")
    ws = _workspace(home)
    inline = run("export", "--format", "toml").stdout
    assert inline == as_toml(_whole_document(ws))
    assert "\nentries = [\n" in inline
    with ws.store.writing():
        ws.store.entries.append(_entry(7, datetime(2026, 11, 20, tzinfo=UTC), "long"))
    tables = run("export", "--format", "toml").stdout
    assert tables == as_toml(_whole_document(ws))
    assert tables.count("[[entries]]") == 4


def test_an_empty_journal_exports_as_before(home: Path, run: Run) -> None:
    build_home(home, fixture_journal(), [])
    run("status")
    ws = _workspace(home)
    assert run("export").stdout == as_json(_whole_document(ws))
    assert run("export", "--format", "toml").stdout == as_toml(_whole_document(ws))


@pytest.mark.parametrize("bom", [False, True])
def test_csv_export_is_every_row_at_once(months_home: Path, run: Run, bom: bool) -> None:
    ws = _workspace(months_home)
    records: list[Record] = list(ws.store.entries.iter_range())
    records += [LapseRecord(c, lapse) for c in ws.journal().clocks for lapse in c.lapses]
    records.sort(key=lambda r: (r.at.astimezone(UTC), r.id))
    rows = [record_as_dict(ws, r) for r in records]
    args = ("--bom",) if bom else ()
    expected = to_csv(rows, CSV_COLUMNS, bom=bom).encode("utf-8")
    assert run("export", "--format", "csv", *args).stdout_bytes == expected


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_export_writes_each_month_before_reading_the_one_after_next(
    months_home: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Never the whole journal in memory: by the time a month's file is read, the
    entries of the month two before it are already written out."""
    written: list[str] = []
    seen_when_read: dict[str, str] = {}
    original = EntryStore.load_month

    def load_month(self: EntryStore, month: str) -> list[Entry]:
        seen_when_read[month] = "".join(written)
        return original(self, month)

    monkeypatch.setattr(EntryStore, "load_month", load_month)
    ws = _workspace(months_home)
    months = ws.store.entries.months()
    for chunk in export_chunks(ws, fmt):
        written.append(chunk)
    assert len(months) == 4
    for earlier, month in zip(months, months[2:], strict=False):
        for entry in original(ws.store.entries, earlier):
            assert entry.id in seen_when_read[month]
