"""Damage in an encrypted home: a damaged file is named as damaged (never blamed on the
passphrase), a damaged or missing encryption.toml is reported as the culprit and the
files that depend on it are left alone, and nothing is ever left in plain text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, SECRET, snapshot, walk_all

from recoverylog.paths import resolve_layout
from recoverylog.store.crypto import MAGIC, KdfParams, Vault
from recoverylog.store.files import FileIO, write_marker

JOURNAL, ENTRIES, CONFIG = "journal.toml", "entries/2026-11.json", "config.toml"
MARKER = "encryption.toml"


def _live(home: Path) -> dict[str, object]:
    """The home's files, backups and the lock aside (doctor --fix adds a backup)."""
    return {
        name: data
        for name, data in snapshot(home).items()
        if not name.startswith("backups") and name != ".lock"
    }


# --- a damaged encrypted file ----------------------------------------------------

ENCRYPTED_DAMAGES = {
    "cut-in-half": lambda data: data[: len(data) // 2],
    "one-byte-flipped": lambda data: data[:-5] + bytes([data[-5] ^ 0x01]) + data[-4:],
    "header-only": lambda data: data[:40],
    "magic-lost": lambda data: b"X" + data[1:],
}
READERS = {
    JOURNAL: [("status",), ("clock", "list"), ("log", "craving", "4")],
    ENTRIES: [("status",), ("insights",), ("log", "craving", "4")],
    CONFIG: [("status",), ("list",), ("log", "craving", "4")],
}


@pytest.mark.parametrize("damage", sorted(ENCRYPTED_DAMAGES))
@pytest.mark.parametrize(
    ("kind", "command"), [(kind, command) for kind in READERS for command in READERS[kind]]
)
def test_a_damaged_encrypted_file_is_named_and_left_as_it_is(
    cli, encrypted: Path, kind: str, damage: str, command: tuple[str, ...]
) -> None:
    path = encrypted / kind
    path.write_bytes(ENCRYPTED_DAMAGES[damage](path.read_bytes()))
    before = snapshot(encrypted)

    result = cli(*command)

    assert result.exit_code == 4, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and str(path) in result.stderr
    assert "passphrase" not in result.stderr.splitlines()[0].replace("your passphrase", "")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(encrypted) == before


@pytest.mark.parametrize("damage", sorted(ENCRYPTED_DAMAGES))
def test_a_listing_leaves_out_a_damaged_encrypted_month(cli, encrypted: Path, damage: str) -> None:
    path = encrypted / ENTRIES
    path.write_bytes(ENCRYPTED_DAMAGES[damage](path.read_bytes()))
    before = snapshot(encrypted)
    result = cli("list")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert SECRET not in result.stdout
    [warning] = [line for line in result.stderr.splitlines() if str(path) in line]
    assert warning.startswith("Warning: ")
    assert "passphrase" not in warning.replace("your passphrase", "")
    assert snapshot(encrypted) == before


def test_a_wrong_passphrase_is_still_called_a_wrong_passphrase(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = encrypted / ENTRIES
    path.write_bytes(path.read_bytes()[:-9])
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase at all")
    result = cli("list")
    assert result.exit_code == 2
    assert "wrong passphrase" in result.stderr


def test_doctor_quarantines_a_damaged_encrypted_file_and_nothing_else(cli, encrypted: Path) -> None:
    path = encrypted / ENTRIES
    damaged = path.read_bytes()[:-9]
    path.write_bytes(damaged)
    report = json.loads(cli("doctor", "--format", "json").stdout)
    assert [(p["file"], p["kind"]) for p in report["problems"]] == [(ENTRIES, "damaged")]
    assert cli("doctor", "--fix").exit_code == 0
    kept = [p.read_bytes() for p in walk_all(encrypted / "quarantine") if p.is_file()]
    assert kept == [damaged]
    assert (encrypted / JOURNAL).exists() and (encrypted / CONFIG).exists()
    assert cli("clock", "list").exit_code == 0


# --- a damaged or missing encryption.toml ------------------------------------------

MARKER_DAMAGES = {
    "missing": None,
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"\x00}{ not toml at all [[\n",
    "salt-not-hex": lambda data: data.replace(b'salt = "', b'salt = "zz', 1),
}


@pytest.mark.parametrize("damage", sorted(MARKER_DAMAGES))
def test_doctor_blames_a_damaged_marker_and_quarantines_nothing(
    cli, encrypted: Path, damage: str
) -> None:
    marker = encrypted / MARKER
    change = MARKER_DAMAGES[damage]
    if change is None:
        marker.unlink()
    else:
        marker.write_bytes(change(marker.read_bytes()))
    before = _live(encrypted)

    check = cli("doctor", "--format", "json")
    assert check.exit_code == 4
    problems = json.loads(check.stdout)["problems"]
    assert [(p["file"], p["kind"]) for p in problems] == [(MARKER, "encryption")]
    assert problems[0]["repair"] is None
    assert snapshot(encrypted).keys() >= before.keys()

    fixed = cli("doctor", "--fix", "--format", "json")
    assert fixed.exit_code == 4
    assert [p["file"] for p in json.loads(fixed.stdout)["problems"]] == [MARKER]
    assert _live(encrypted) == before  # journal, months and config all still in place
    assert not (encrypted / "quarantine").exists()


def test_backups_hold_the_marker_and_putting_it_back_heals_the_home(cli, encrypted: Path) -> None:
    created = cli("backup", "create")
    assert created.exit_code == 0
    folder = Path(created.stdout.split()[-1])
    assert (folder / MARKER).read_bytes() == (encrypted / MARKER).read_bytes()
    (encrypted / MARKER).unlink()
    assert cli("status").exit_code == 4

    report = cli("doctor")
    assert report.exit_code == 4 and folder.name in report.stdout  # says where a copy is
    (encrypted / MARKER).write_bytes((folder / MARKER).read_bytes())
    (encrypted / MARKER).chmod(0o600)
    assert SECRET in cli("list", "--format", "json").stdout
    assert cli("doctor").exit_code == 0


def test_decrypt_takes_the_marker_out_of_backups(cli, encrypted: Path) -> None:
    created = cli("backup", "create")
    folder = Path(created.stdout.split()[-1])
    assert cli("decrypt").exit_code == 0
    assert not (folder / MARKER).exists()
    assert MARKER not in json.loads((folder / "backup.json").read_text())["files"]
    assert cli("backup", "restore", folder.name, "--yes").exit_code == 0
    assert not (encrypted / MARKER).exists()
    assert SECRET in (encrypted / ENTRIES).read_text()


# --- nothing left in plain text --------------------------------------------------


def test_doctor_encrypts_plain_leftovers_it_moves_aside(cli, encrypted: Path) -> None:
    scratch = encrypted / "tmp" / f"note-{os.getpid()}.txt"  # an editor's file, still open
    scratch.parent.mkdir(mode=0o700, exist_ok=True)
    scratch.write_text(SECRET)
    scratch.chmod(0o600)
    leftover = encrypted / "entries" / ".2026-11.json.77.0a0b0c0d.tmp"
    leftover.write_text('{"note": "' + SECRET + '"')
    leftover.chmod(0o600)

    assert cli("doctor", "--fix").exit_code == 0
    assert not scratch.exists() and not leftover.exists()
    moved = [p for p in walk_all(encrypted / "quarantine") if p.is_file()]
    assert sorted(p.name for p in moved) == sorted([scratch.name, leftover.name])
    assert all(p.read_bytes().startswith(MAGIC) for p in moved)
    everything = b"".join(p.read_bytes() for p in walk_all(encrypted) if p.is_file())
    assert SECRET.encode() not in everything


def test_doctor_flags_and_encrypts_plain_files_in_an_encrypted_home(cli, encrypted: Path) -> None:
    october = encrypted / "entries" / "2026-10.json"
    october.write_text(
        '{"schema_version": 2, "month": "2026-10", "entries": [\n'
        '{"id": "0123456789abcdef0123456789abcdef", "type": "note", '
        '"at": "2026-10-05T10:00:00+00:00", "note": "' + SECRET + '"}\n]}\n'
    )
    october.chmod(0o600)
    check = json.loads(cli("doctor", "--format", "json").stdout)
    assert [(p["file"], p["kind"]) for p in check["problems"]] == [
        ("entries/2026-10.json", "unencrypted")
    ]
    assert cli("doctor", "--fix").exit_code == 0
    assert october.read_bytes().startswith(MAGIC)
    everything = b"".join(p.read_bytes() for p in walk_all(encrypted) if p.is_file())
    assert SECRET.encode() not in everything  # the backup doctor took is encrypted too
    assert cli("doctor").exit_code == 0
    assert len(json.loads(cli("list", "--format", "json").stdout)) == 2


def _stopped_after_the_marker(home: Path) -> None:
    """What an encrypt stopped right after writing encryption.toml leaves."""
    vault = Vault(PASSPHRASE, KdfParams.new())
    write_marker(resolve_layout(home).data_dir / MARKER, vault)


def test_an_interrupted_encrypt_is_finished_by_running_it_again(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    assert cli("log", "craving", "5", "--note", SECRET).exit_code == 0
    _stopped_after_the_marker(home)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    check = json.loads(cli("doctor", "--format", "json").stdout)
    assert {p["file"] for p in check["problems"] if p["kind"] == "unencrypted"} == {
        JOURNAL,
        ENTRIES,
    }

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a different passphrase")
    before = snapshot(home)
    wrong = cli("encrypt")
    assert wrong.exit_code == 2 and "wrong passphrase" in wrong.stderr
    assert snapshot(home) == before

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    result = cli("encrypt")
    assert result.exit_code == 0, result.stderr
    assert (home / JOURNAL).read_bytes().startswith(MAGIC)
    assert (home / ENTRIES).read_bytes().startswith(MAGIC)
    assert SECRET in cli("list", "--format", "json").stdout
    again = cli("encrypt")
    assert again.exit_code == 2 and "already encrypted" in again.stderr
    assert cli("doctor").exit_code == 0


def test_doctor_never_points_to_a_backup_of_the_damage(cli, encrypted: Path) -> None:
    good = Path(cli("backup", "create").stdout.split()[-1])
    (encrypted / MARKER).write_bytes(b"not toml [[\n")
    assert cli("doctor", "--fix").exit_code == 4  # its own backup copies the damaged file
    report = json.loads(cli("doctor", "--format", "json").stdout)
    [problem] = report["problems"]
    assert f"backups/{good.name}/" in problem["problem"]


def test_doctor_fix_never_prunes_the_last_good_copy_of_the_marker(cli, encrypted: Path) -> None:
    good = Path(cli("backup", "create").stdout.split()[-1])
    (encrypted / MARKER).write_bytes(b"garbage\n")
    for _ in range(12):  # more runs than backups.keep (10) would allow
        assert cli("doctor", "--fix").exit_code == 4
    from recoverylog.store.backup import has_readable_marker

    assert has_readable_marker(good)
    report = json.loads(cli("doctor", "--format", "json").stdout)
    assert f"backups/{good.name}/" in report["problems"][0]["problem"]


def test_pruning_keeps_the_newest_backup_with_a_readable_marker(cli, encrypted: Path) -> None:
    from recoverylog.store import backup

    layout = resolve_layout(encrypted)
    good = Path(cli("backup", "create").stdout.split()[-1])
    (encrypted / MARKER).write_bytes(b"garbage\n")
    for _ in range(3):
        backup.create_backup(FileIO(layout), "manual", _later(layout), keep=2)
    names = [info.name for info in backup.list_backups(layout)]
    assert good.name in names and len(names) == 3
    assert backup.has_readable_marker(good)


def _later(layout) -> object:
    from datetime import UTC, datetime, timedelta

    from recoverylog.store import backup

    newest = backup.list_backups(layout)[-1].created
    return datetime.fromisoformat(newest).astimezone(UTC) + timedelta(seconds=1)


def test_a_stray_marker_in_a_plain_home_is_the_one_problem(cli, home: Path) -> None:
    assert cli("log", "craving", "5", "--note", SECRET).exit_code == 0
    (home / MARKER).write_bytes(b"garbage\n")
    (home / MARKER).chmod(0o600)

    report = json.loads(cli("doctor", "--format", "json").stdout)
    assert [(p["file"], p["kind"]) for p in report["problems"]] == [(MARKER, "stray")]
    assert "no file here is encrypted" in report["problems"][0]["problem"]

    fixed = cli("doctor", "--fix", "--format", "json")
    assert fixed.exit_code == 0, fixed.stdout
    assert not (home / MARKER).exists()
    [moved] = (home / "quarantine").rglob(MARKER)
    assert moved.read_bytes() == b"garbage\n"
    assert SECRET in cli("list", "--format", "json").stdout
    assert cli("doctor").exit_code == 0


@pytest.mark.parametrize("where", ["journal", "backup"])
def test_doctor_flags_plain_journal_text_anywhere_in_an_encrypted_home(
    cli, encrypted: Path, where: str
) -> None:
    if where == "journal":
        path = encrypted / JOURNAL
        path.write_text(f"schema_version = 2\n# {SECRET}\n")
    else:
        folder = Path(cli("backup", "create").stdout.split()[-1])
        path = folder / ENTRIES
        path.write_text('{"schema_version": 2, "month": "2026-11", "entries": []}\n')
    path.chmod(0o600)
    check = cli("doctor", "--format", "json")
    assert check.exit_code == 4
    problems = json.loads(check.stdout)["problems"]
    assert [(p["file"], p["kind"]) for p in problems] == [
        (str(path.relative_to(encrypted)), "unencrypted")
    ]
    assert cli("doctor", "--fix").exit_code == 0
    assert path.read_bytes().startswith(MAGIC)
