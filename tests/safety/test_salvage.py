"""Nothing lost when a file is damaged: doctor --fix keeps every entry that still reads.

A month file with one damaged entry is copied into quarantine/ byte for byte, and the
entries that still read are written back as a good month. journal.toml that parses
but holds one malformed record keeps its other records. A file with nothing to keep
is moved aside whole, as before.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers import (
    PASSPHRASE,
    SECRET,
    data_text,
    restore_snapshot,
    snapshot,
    stop_before_write,
    walk_all,
)

from recoverylog.paths import resolve_layout
from recoverylog.store import atomic, backup, files, quarantine
from recoverylog.store.crypto import MAGIC
from recoverylog.store.files import FileIO

NOVEMBER = "entries/2026-11.json"
QUARANTINED = "quarantine/20261123-200000/"  # doctor's folder at the tests' fixed now


def _ok(result) -> str:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _log_notes(cli, count: int) -> list[str]:
    """``count`` notes in November, one a line in its month file; returns their texts."""
    notes = [f"note number {i}" for i in range(count)]
    for i, note in enumerate(notes):
        _ok(cli("log", "note", note, "--at", f"2026-11-{1 + i % 20:02d} {8 + i // 20}:{i:02d}"))
    return notes


def _listed_notes(cli) -> list[str]:
    return sorted(e["note"] for e in json.loads(_ok(cli("list", "--all", "--format", "json"))))


def _cut_in_the_last_entry(data: bytes) -> bytes:
    """The file cut off half way through its last entry, as a full disk leaves it."""
    last = data.rindex(b"\n", 0, len(data) - len(b"\n]}\n"))
    return data[: last + 40]


def _in_one_line(data: bytes, old: bytes, new: bytes) -> bytes:
    """``old`` made ``new`` in the second entry's line only."""
    lines = data.split(b"\n")
    assert lines[0].startswith(b'{"schema_version": 2') and lines[-2] == b"]}"
    assert old in lines[2]
    lines[2] = lines[2].replace(old, new, 1)
    return b"\n".join(lines)


def _bad_json_in_one_line(data: bytes) -> bytes:
    return _in_one_line(data, b'"type": "note"', b'"type": note')


def _wrong_shape_in_one_line(data: bytes) -> bytes:
    return _in_one_line(data, b'"at": "2026-', b'"at": "yesterday-ish 2026-')


ONE_BAD_ENTRY: dict[str, Callable[[bytes], bytes]] = {
    "truncated": _cut_in_the_last_entry,
    "invalid-json": _bad_json_in_one_line,
    "wrong-shape": _wrong_shape_in_one_line,
}


@pytest.mark.parametrize("how", sorted(ONE_BAD_ENTRY))
def test_one_damaged_entry_of_37_loses_only_that_one(cli, home: Path, how: str) -> None:
    notes = _log_notes(cli, 37)
    month = home / NOVEMBER
    damaged = ONE_BAD_ENTRY[how](month.read_bytes())
    month.write_bytes(damaged)
    assert cli("list").exit_code == 0 and _listed_notes(cli) == []  # left out until fixed

    check = json.loads(cli("doctor", "--format", "json").stdout)
    [finding] = check["problems"]
    assert (finding["file"], finding["kind"]) == (NOVEMBER, "damaged")
    assert "36 of 37 entries" in finding["repair"]
    assert month.read_bytes() == damaged  # a plain check changes nothing

    fixed = cli("doctor", "--fix", "--format", "json")
    report = json.loads(_ok(fixed))
    assert report["backup"] and [p["fixed"] for p in report["problems"]] == [True]
    assert report["problems"][0]["repair"] == (
        f"36 of 37 entries kept; 1 could not be read (kept in {QUARANTINED}{NOVEMBER})"
    )
    assert (home / QUARANTINED / NOVEMBER).read_bytes() == damaged
    kept = _listed_notes(cli)
    assert len(kept) == 36 and set(kept) < set(notes)
    _ok(cli("doctor"))


def test_the_table_says_how_many_were_kept(cli, home: Path) -> None:
    _log_notes(cli, 3)
    month = home / NOVEMBER
    month.write_bytes(_cut_in_the_last_entry(month.read_bytes()))
    assert "keep the 2 of 3 entries that still read" in cli("doctor").stdout
    table = _ok(cli("doctor", "--fix"))
    assert "2 of 3 entries kept" in table and "A backup was taken first" in table


def test_a_damaged_header_keeps_every_entry(cli, home: Path) -> None:
    notes = _log_notes(cli, 5)
    month = home / NOVEMBER
    lines = month.read_bytes().split(b"\n")
    lines[0] = b'{"schema_vers\x00on": 2, "mon'  # cut, with a stray byte
    month.write_bytes(b"\n".join(lines))

    report = json.loads(_ok(cli("doctor", "--fix", "--format", "json")))
    assert report["problems"][0]["repair"].startswith("all 5 entries kept")
    assert _listed_notes(cli) == sorted(notes)
    doc = json.loads(month.read_text())
    assert (doc["schema_version"], doc["month"]) == (2, "2026-11")
    _ok(cli("doctor"))


def test_a_month_with_nothing_to_keep_is_moved_aside_whole_as_before(cli, home: Path) -> None:
    _log_notes(cli, 3)
    month = home / NOVEMBER
    damaged = month.read_bytes()[:30]  # cut inside the header: no entry left
    month.write_bytes(damaged)

    check = json.loads(cli("doctor", "--format", "json").stdout)
    assert check["problems"][0]["repair"].startswith("move it into quarantine/")
    report = json.loads(_ok(cli("doctor", "--fix", "--format", "json")))
    assert report["problems"][0]["repair"].startswith("move it into quarantine/")
    assert not month.exists()
    assert (home / QUARANTINED / NOVEMBER).read_bytes() == damaged
    assert _listed_notes(cli) == []


def test_a_damaged_month_of_a_newer_version_is_moved_aside_whole(cli, home: Path) -> None:
    """Its entries may mean something this version does not know: none is rewritten."""
    _log_notes(cli, 3)
    month = home / NOVEMBER
    newer = _cut_in_the_last_entry(month.read_bytes()).replace(
        b'"schema_version": 2', b'"schema_version": 9', 1
    )
    month.write_bytes(newer)
    _ok(cli("doctor", "--fix"))
    assert not month.exists()
    assert (home / QUARANTINED / NOVEMBER).read_bytes() == newer


def test_a_linked_month_is_moved_aside_and_the_file_it_points_to_is_left_alone(
    cli, home: Path, tmp_path: Path
) -> None:
    """Writing the kept entries back would write through the link, onto a file outside
    the home: a linked month is moved aside whole, as before."""
    _log_notes(cli, 3)
    outside = tmp_path / "synced" / "2026-11.json"
    outside.parent.mkdir(mode=0o700)
    month = home / NOVEMBER
    damaged = _cut_in_the_last_entry(month.read_bytes())
    outside.write_bytes(damaged)
    outside.chmod(0o600)
    month.unlink()
    month.symlink_to(outside)

    _ok(cli("doctor", "--fix"))
    assert outside.read_bytes() == damaged
    assert not os.path.lexists(month)
    kept = [p.read_bytes() for p in walk_all(home / "quarantine") if p.is_file()]
    assert kept == [damaged]


# --- an encrypted home ----------------------------------------------------------


def _sealed_io(home: Path) -> FileIO:
    return FileIO(resolve_layout(home), lambda _prompt: PASSPHRASE)


def test_an_encrypted_month_keeps_what_reads_and_stays_sealed(cli, encrypted: Path) -> None:
    _log_notes(cli, 3)
    month = encrypted / NOVEMBER
    io = _sealed_io(encrypted)
    plain = (io.read_text(month) or "").encode()
    io.write(month, _bad_json_in_one_line(plain))  # sealed, in its place
    damaged = month.read_bytes()

    report = json.loads(_ok(cli("doctor", "--fix", "--format", "json")))
    assert report["problems"][0]["repair"].startswith("3 of 4 entries kept; 1 could not be read")
    assert (encrypted / QUARANTINED / NOVEMBER).read_bytes() == damaged
    assert month.read_bytes().startswith(MAGIC)
    assert len(json.loads(data_text(month))["entries"]) == 3  # opens in its own place
    everything = b"".join(p.read_bytes() for p in walk_all(encrypted) if p.is_file())
    assert SECRET.encode() not in everything
    assert len(_listed_notes(cli)) == 3
    _ok(cli("doctor"))


# --- journal.toml ---------------------------------------------------------------


def _journal_with_two_clocks(cli, home: Path) -> Path:
    _ok(cli("clock", "add", "alcohol", "--since", "2026-10-01"))
    _ok(cli("clock", "add", "nicotine", "--since", "2026-11-01"))
    _ok(cli("people", "add", "Sam", "--role", "sponsor"))
    _ok(cli("log", "coping", "call sponsor"))
    return home / "journal.toml"


def test_a_journal_with_one_bad_clock_keeps_the_other_and_everything_else(cli, home: Path) -> None:
    journal = _journal_with_two_clocks(cli, home)
    damaged = journal.read_bytes().replace(
        b"clean_since = 2026-11-01", b'clean_since = "the first of the month"'
    )
    journal.write_bytes(damaged)
    refused = cli("clock", "list")
    assert refused.exit_code == 4 and "journal.toml" in refused.stderr  # reads stay strict

    check = json.loads(cli("doctor", "--format", "json").stdout)
    [finding] = check["problems"]
    assert "1 of 2 clocks" in finding["repair"]
    fixed = json.loads(_ok(cli("doctor", "--fix", "--format", "json")))
    assert fixed["problems"][0]["repair"] == (
        "1 of 2 clocks could not be read; everything else kept "
        f"(the original is in {QUARANTINED}journal.toml)"
    )
    assert (home / QUARANTINED / "journal.toml").read_bytes() == damaged
    doc = tomllib.loads(journal.read_text())
    assert [c["name"] for c in doc["clocks"]] == ["alcohol"]
    assert [p["name"] for p in doc["people"]] == ["Sam"]
    assert [t["name"] for t in doc["toolkit"]] == ["call sponsor"]
    _ok(cli("doctor"))


def test_a_journal_drops_each_bad_record_and_names_them(cli, home: Path) -> None:
    journal = _journal_with_two_clocks(cli, home)
    text = journal.read_text()
    text = text.replace('{ name = "Sam", role = "sponsor" },', '{ name = "Sam" }, 42,')
    text = text.replace('{ name = "call sponsor" },', '{ name = "call sponsor" }, { when = 1 },')
    text = text.replace('name = "nicotine"', 'name = "Alcohol"')  # a second clock of one name
    journal.write_text(text)

    fixed = json.loads(_ok(cli("doctor", "--fix", "--format", "json")))
    assert fixed["problems"][0]["repair"].startswith(
        "1 of 2 clocks, 1 of 2 coping techniques and 1 of 2 people could not be read;"
    )
    doc = tomllib.loads(journal.read_text())
    assert [c["name"] for c in doc["clocks"]] == ["alcohol"]
    assert [p["name"] for p in doc["people"]] == ["Sam"]


def test_an_encrypted_journal_with_one_bad_clock_stays_sealed(cli, encrypted: Path) -> None:
    _ok(cli("clock", "add", "nicotine", "--since", "2026-11-01"))
    journal = encrypted / "journal.toml"
    io = _sealed_io(encrypted)
    text = io.read_text(journal) or ""
    io.write(journal, text.replace("clean_since = 2026-11-01", "clean_since = 7").encode())
    damaged = journal.read_bytes()

    _ok(cli("doctor", "--fix"))
    assert (encrypted / QUARANTINED / "journal.toml").read_bytes() == damaged
    assert journal.read_bytes().startswith(MAGIC)
    assert [c["name"] for c in tomllib.loads(data_text(journal))["clocks"]] == ["alcohol"]
    _ok(cli("doctor"))


def test_a_journal_that_is_not_toml_is_moved_aside_whole_as_before(cli, home: Path) -> None:
    journal = _journal_with_two_clocks(cli, home)
    damaged = journal.read_bytes()[:-20]
    journal.write_bytes(damaged + b"[[clocks")
    check = json.loads(cli("doctor", "--format", "json").stdout)
    assert check["problems"][0]["repair"].startswith("move it into quarantine/")
    _ok(cli("doctor", "--fix"))
    assert not journal.exists()
    assert (home / QUARANTINED / "journal.toml").read_bytes() == damaged + b"[[clocks"


# --- stopped at any write ---------------------------------------------------------


WRITERS = (atomic, backup, files, quarantine)  # the modules whose writes are stopped


def _stop_before_write(monkeypatch: pytest.MonkeyPatch, number: int) -> list[int]:
    return stop_before_write(monkeypatch, number, WRITERS)


def test_a_fix_stopped_at_any_write_never_leaves_fewer_entries(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wherever doctor --fix stops, the month holds the damaged original or the kept
    entries, never fewer; running it again finishes the repair."""
    notes = _log_notes(cli, 5)
    month = home / NOVEMBER
    damaged = _cut_in_the_last_entry(month.read_bytes())
    month.write_bytes(damaged)
    saved = snapshot(home)
    with monkeypatch.context() as patch:
        attempted = _stop_before_write(patch, 10**6)
        _ok(cli("doctor", "--fix"))
    total = attempted[0]
    assert total >= 3  # the backup, the copy in quarantine, the kept month
    for number in range(total):
        restore_snapshot(home, saved)
        with monkeypatch.context() as patch:
            _stop_before_write(patch, number)
            stopped = cli("doctor", "--fix")
        assert stopped.exit_code == 130, (number, stopped.stdout, stopped.stderr)
        now = month.read_bytes()
        assert now == damaged or len(json.loads(now)["entries"]) == 4, number
        _ok(cli("doctor", "--fix"))
        assert _listed_notes(cli) == sorted(notes[:4]), number
        originals = [p.read_bytes() for p in walk_all(home / "quarantine") if p.is_file()]
        assert damaged in originals, number
