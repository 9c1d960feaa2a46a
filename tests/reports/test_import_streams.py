"""Import reads an export a piece at a time and writes it a month at a time, with the
promises of a whole reading: the same records named first, nothing written when one is
refused, and the same merge."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_journal
from test_exchange_roundtrip import files_of, switch_home

from recoverylog.domain.model import Entry, EntryType
from recoverylog.services.imports import streamed
from recoverylog.store.entries import EntryStore

Run = Callable[..., Any]
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


def _entries() -> list[Entry]:
    """Six months of entries, ten in each, some on the last evening of a month."""
    entries = []
    for month_index, month in enumerate(MONTHS):
        year, number = map(int, month.split("-"))
        for day in range(10):
            moment = datetime(year, number, 2 + 2 * day, 20, tzinfo=UTC)
            if day == 9:
                moment = datetime(year, number, 1, 23, 30, tzinfo=UTC) - timedelta(hours=1)
            entries.append(
                Entry(f"{month_index * 100 + day:032x}", EntryType.NOTE, moment, note="n")
            )
    return entries


@pytest.fixture
def exported(home: Path, run: Run, tmp_path: Path) -> Path:
    build_home(home, fixture_journal(), _entries())
    path = tmp_path / "all.json"
    run("export", "--output", str(path))
    return path


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def test_import_writes_a_month_once_and_holds_no_more_than_two(
    exported: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each month file is written once, with only that month's entries, and by the time
    it is written the second reading has gone no further than the month after it."""
    events: list[tuple[str, str]] = []
    read_entry = streamed.read_entry

    def reading(raw: Any, index: int, where: str) -> Entry:
        entry = read_entry(raw, index, where)
        events.append(("read", entry.month))
        return entry

    append_many = EntryStore.append_many

    def writing(self: EntryStore, entries: Any) -> int:
        batch = list(entries)
        events.append(("write", ",".join(sorted({e.month for e in batch}))))
        return append_many(self, batch)

    monkeypatch.setattr(streamed, "read_entry", reading)
    monkeypatch.setattr(EntryStore, "append_many", writing)
    fresh = switch_home(monkeypatch, tmp_path / "fresh")
    run("import", str(exported))

    writes = [month for kind, month in events if kind == "write"]
    assert writes == sorted(writes) and len(writes) == len(MONTHS)
    assert set(writes) == {path.stem for path in (fresh / "entries").iterdir()}
    second_reading = events[len(_entries()) :]
    for position, (kind, month) in enumerate(second_reading):
        if kind == "write":
            read_so_far = {m for k, m in second_reading[:position] if k == "read"}
            assert max(read_so_far) <= MONTHS[min(MONTHS.index(month) + 1, len(MONTHS) - 1)]


def test_a_refused_entry_in_the_last_month_writes_nothing(
    exported: Path, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["entries"][-1]["tags"] = ["a\x1bb"]
    bad = _write(tmp_path / "bad.json", doc)
    other = switch_home(monkeypatch, tmp_path / "other")
    result = cli("import", str(bad))
    assert result.exit_code == 4
    assert f"entries[{len(doc['entries']) - 1}]" in result.stderr
    assert "nothing was imported" in result.stderr
    assert not other.exists() or files_of(other) == {}


def test_problems_are_named_in_the_order_a_whole_reading_names_them(
    exported: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    doc = json.loads(exported.read_text(encoding="utf-8"))
    refused = dict(doc["entries"][1], at="2099-01-01T00:00:00+00:00")  # a time to come
    unreadable = dict(doc["entries"][5], type="no such type")

    # An entry that cannot be read is named before an entry that breaks a rule...
    entries = [doc["entries"][0], refused, *doc["entries"][2:5], unreadable]
    result = cli("import", str(_write(tmp_path / "a.json", {**doc, "entries": entries})))
    assert result.exit_code == 4 and "no such type" in result.stderr

    # ...a journal that cannot be read before both, wherever it is in the file...
    journal_last = {"entries": entries, **{k: v for k, v in doc.items() if k != "entries"}}
    journal_last["journal"] = {"clocks": "not a list"}
    result = cli("import", str(_write(tmp_path / "b.json", journal_last)))
    assert result.exit_code == 4 and "no such type" not in result.stderr
    assert "clocks" in result.stderr

    # ...and a file that is not JSON after them before everything.
    text = json.dumps({**doc, "entries": entries}, indent=2)
    broken = tmp_path / "c.json"
    broken.write_text(text[:-2] + ",}", encoding="utf-8")
    result = cli("import", str(broken))
    assert result.exit_code == 4
    assert "is not valid JSON (Expecting property name enclosed in double quotes" in (result.stderr)
    assert f"at line {text.count(chr(10))}" in result.stderr


def test_entries_before_the_journal_import_the_same(
    exported: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(exported.read_text(encoding="utf-8"))
    first = switch_home(monkeypatch, tmp_path / "first")
    said = run("import", str(exported), "-f", "json").stdout
    reordered = {"entries": doc["entries"], **{k: v for k, v in doc.items() if k != "entries"}}
    path = _write(tmp_path / "reordered.json", reordered)
    second = switch_home(monkeypatch, tmp_path / "second")
    assert run("import", str(path), "-f", "json").stdout == said
    assert files_of(second).keys() == files_of(first).keys()
    for name, data in files_of(first).items():
        if not name.startswith("backups"):
            assert files_of(second)[name] == data


def test_a_json_dry_run_writes_nothing(
    exported: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = switch_home(monkeypatch, tmp_path / "other")
    run("log", "craving", "3", "--at", "2026-11-23 08:00")
    before = files_of(other)
    said = json.loads(run("import", str(exported), "--dry-run", "-f", "json").stdout)
    assert said["added"]["entries"] == len(_entries())
    assert files_of(other) == before
    assert not (other / "backups").exists()
