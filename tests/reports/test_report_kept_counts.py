"""A report keeps what it counted from each closed month (cache/report-YYYY-MM.jsonl) and
adds it back next time instead of reading that month's entries again. The kept counts
never change a report: after any change to a month, a setting or a lapse, the report is
byte for byte the one made with nothing kept."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from varied_home import build_varied_home

from recoverylog.paths import resolve_layout
from recoverylog.store.entries import EntryStore

Run = Callable[..., Any]
YEAR = ("--since", "2025-11-24", "--format", "json")  # ends today, 2026-11-23
# The months that straddle an edge of that report: the first day of the period
# (2025-11-24) and today. Every other month lies wholly on one side.
STRADDLING = {"2025-11", "2026-11"}
EVERY_MONTH = {f"2025-{m:02d}" for m in range(6, 13)} | {f"2026-{m:02d}" for m in range(1, 12)}


@pytest.fixture
def varied_home(home: Path) -> Path:
    build_varied_home(home)
    return home


@pytest.fixture
def months_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The months whose entries were decoded, in order."""
    read: list[str] = []
    original = EntryStore.load_month

    def watched(self: EntryStore, month: str, stored: bytes | None = None) -> Any:
        read.append(month)
        return original(self, month, stored)

    monkeypatch.setattr(EntryStore, "load_month", watched)
    yield read


def cache_folder(home: Path) -> Path:
    return resolve_layout(home).data_dir / "cache"


def report(run: Run, *options: str) -> bytes:
    return bytes(run("report", *options).stdout_bytes)


def with_nothing_kept(run: Run, home: Path, *options: str) -> bytes:
    """The report as counted from the entries alone (and nothing kept afterwards)."""
    shutil.rmtree(cache_folder(home), ignore_errors=True)
    made = report(run, *options)
    shutil.rmtree(cache_folder(home), ignore_errors=True)
    return made


def listed(run: Run, kind: str, month: str) -> list[dict[str, Any]]:
    """The entries of one kind in a month, as `list --format json` shows them."""
    found = run("list", "--type", kind, "--since", f"{month}-01", "--until", f"{month}-28",
                "--format", "json")  # fmt: skip
    return list(json.loads(found.stdout))


def test_a_second_report_reads_only_the_months_that_straddle_its_edges(
    varied_home: Path, run: Run, months_read: list[str]
) -> None:
    first = report(run, *YEAR)
    assert set(months_read) == EVERY_MONTH
    kept = sorted(p.name for p in cache_folder(varied_home).iterdir())
    assert kept == sorted(f"report-{m}.jsonl" for m in EVERY_MONTH - STRADDLING)
    months_read.clear()
    assert report(run, *YEAR) == first
    assert set(months_read) == STRADDLING


@pytest.mark.parametrize(
    "options",
    [
        ("--period", "month", "--audience", "clinician"),
        ("--since", "2026-01-01", "--until", "2026-06-30", "--audience", "self"),
        ("--since", "2025-12-01", "--clock", "NICOTINE", "--include", "notes,names"),
        ("--period", "all", "--audience", "self", "-i", "calendar"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_from_kept_counts_is_the_report_from_the_entries(
    varied_home: Path, run: Run, options: tuple[str, ...], fmt: str
) -> None:
    chosen = (*options, "--format", fmt)
    for other in (YEAR, ("--period", "all"), ("--since", "2026-02-01", "--audience", "self")):
        report(run, *other)  # counts kept under other periods and audiences
    from_kept = report(run, *chosen)
    assert from_kept == report(run, *chosen)
    assert from_kept == with_nothing_kept(run, varied_home, *chosen)


def test_kept_counts_follow_the_day_start(varied_home: Path, run: Run) -> None:
    before = report(run, *YEAR)
    run("config", "set", "day_starts_at", "04:00")
    after = report(run, *YEAR)
    assert after != before  # entries just after midnight moved to the day before
    assert after == with_nothing_kept(run, varied_home, *YEAR)


def test_a_new_lapse_is_counted_in_check_ins_of_kept_months(varied_home: Path, run: Run) -> None:
    before = report(run, *YEAR)
    # On a day with a check-in that said clean, in a month wholly inside the period.
    clean_day = next(
        c["at"][:10]
        for c in listed(run, "checkin", "2026-05")
        if c["clean"] and c["at"].startswith("2026-05")
    )
    run("log", "lapse", "alcohol", "--at", f"{clean_day} 23:30")
    after = report(run, *YEAR)
    assert after != before
    assert after == with_nothing_kept(run, varied_home, *YEAR)


def test_a_toolkit_spelling_change_is_not_hidden_by_kept_counts(
    varied_home: Path, run: Run
) -> None:
    report(run, *YEAR)
    journal = resolve_layout(varied_home).data_dir / "journal.toml"
    journal.write_text(journal.read_text().replace('"urge surfing"', '"Urge Surfing"'))
    after = report(run, *YEAR)
    assert b"Urge Surfing" in after
    assert after == with_nothing_kept(run, varied_home, *YEAR)


def test_an_edit_through_the_cli_is_counted(
    varied_home: Path, run: Run, months_read: list[str]
) -> None:
    before = report(run, *YEAR)
    craving = next(c for c in listed(run, "craving", "2026-03") if c["at"].startswith("2026-03"))
    run("edit", craving["id"], "--intensity", "0" if craving["intensity"] else "10")
    months_read.clear()
    after = report(run, *YEAR)
    assert set(months_read) == STRADDLING | {"2026-03"}
    assert after != before
    assert after == with_nothing_kept(run, varied_home, *YEAR)


def test_a_hand_edit_that_keeps_the_size_and_time_is_counted(varied_home: Path, run: Run) -> None:
    before = report(run, *YEAR)
    month_file = resolve_layout(varied_home).data_dir / "entries" / "2026-03.json"
    found = month_file.stat()
    text = month_file.read_bytes()
    edited = text.replace(b'"intensity": 1,', b'"intensity": 9,', 1)
    assert edited != text and len(edited) == len(text)
    month_file.write_bytes(edited)
    os.utime(month_file, ns=(found.st_atime_ns, found.st_mtime_ns))
    after = report(run, *YEAR)
    assert after != before
    assert after == with_nothing_kept(run, varied_home, *YEAR)


def test_a_damaged_kept_file_is_counted_again_and_replaced(varied_home: Path, run: Run) -> None:
    before = report(run, *YEAR)
    kept = cache_folder(varied_home) / "report-2026-03.jsonl"
    kept.write_text('{"source": {"version": [1]}, "counts": ', encoding="utf-8")
    assert report(run, *YEAR) == before
    head, counts = kept.read_text(encoding="utf-8").splitlines()
    assert json.loads(head)["counts_blake2b"] and json.loads(counts)["cravings"]


def test_an_encrypted_home_keeps_no_counts(
    varied_home: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = report(run, *YEAR)
    assert any(cache_folder(varied_home).iterdir())
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "kept counts are not kept")
    run("encrypt")
    assert not cache_folder(varied_home).exists()  # what the plain counts told is gone
    assert report(run, *YEAR) == plain
    assert report(run, *YEAR) == plain
    assert not cache_folder(varied_home).exists()


def test_a_deleted_note_leaves_no_copy_in_the_kept_counts(varied_home: Path, run: Run) -> None:
    self_report = ("--since", "2026-01-01", "--audience", "self", "--format", "json")
    report(run, *self_report)
    note = next(
        n
        for n in listed(run, "note", "2026-03")
        if n["at"].startswith("2026-03") and str(n["note"]).startswith("Note ")
    )  # "Note 123, tea helped.": its words are in no other entry
    words = note["note"].encode()
    kept = cache_folder(varied_home) / "report-2026-03.jsonl"
    assert words in kept.read_bytes()
    run("delete", note["id"], "--yes")
    assert not kept.exists()  # at once, not at the next report
    assert words not in b"".join(p.read_bytes() for p in cache_folder(varied_home).iterdir())


def test_a_restored_backup_leaves_no_counts_of_the_files_it_replaced(
    varied_home: Path, run: Run
) -> None:
    run("backup", "create")
    name = json.loads(run("backup", "list", "--format", "json").stdout)[0]["name"]
    report(run, *YEAR)
    assert cache_folder(varied_home).exists()
    run("backup", "restore", name, "--yes")
    assert not cache_folder(varied_home).exists()
