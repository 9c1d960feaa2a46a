"""Each encrypted file names its place: a month copied over another, or a backup's copy
put into the home by hand, is refused (exit 4) instead of read as the wrong file. Files
sealed the old way (naming no place) still open, and doctor --fix seals them again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from safety_helpers import (
    PASSPHRASE,
    SECRET,
    V1_OCTOBER_NOTE,
    copy_v1_home,
    snapshot,
    walk_all,
)

from recoverylog.store.crypto import MAGIC, UNBOUND_VERSION, VERSION

NOVEMBER, OCTOBER = "entries/2026-11.json", "entries/2026-10.json"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def _version(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(MAGIC), path
    return data[len(MAGIC)]


def _sealed_files(home: Path) -> list[Path]:
    return [p for p in walk_all(home) if p.is_file() and p.read_bytes().startswith(MAGIC)]


@pytest.fixture
def two_months(cli, encrypted: Path) -> Path:
    _ok(cli("log", "note", "an october note", "--at", "2026-10-05 10:00"))
    return encrypted


def _refused_as_misplaced(cli, home: Path, what: str) -> None:
    """Totals stop at the file; a listing warns, naming it, and goes on without it."""
    before = snapshot(home)
    result = cli("status")
    assert result.exit_code == 4, (result.stdout, result.stderr)
    error, hint = result.stderr.splitlines()[:2]
    assert error.startswith(f"Error: {home / NOVEMBER} holds {what}")
    assert "belongs elsewhere" in error
    assert "recoverylog doctor" in hint
    listed = cli("list", "--format", "json")
    assert f"{home / NOVEMBER} holds {what}" in listed.stderr
    assert [e["at"][:7] for e in json.loads(listed.stdout)] == ["2026-10"]
    assert snapshot(home) == before


def test_a_month_copied_over_another_is_refused(cli, two_months: Path) -> None:
    shutil.copyfile(two_months / OCTOBER, two_months / NOVEMBER)
    _refused_as_misplaced(cli, two_months, f"the journal's {OCTOBER}")
    report = json.loads(cli("doctor", "--format", "json").stdout)
    [problem] = [p for p in report["problems"] if p["file"] == NOVEMBER]
    assert "belongs elsewhere" in problem["problem"]


@pytest.mark.parametrize("copied", [NOVEMBER, OCTOBER])
def test_a_backup_copy_put_into_the_home_by_hand_is_refused(
    cli, two_months: Path, copied: str
) -> None:
    folder = Path(cli("backup", "create").stdout.split()[-1])
    shutil.copyfile(folder / copied, two_months / NOVEMBER)
    _refused_as_misplaced(cli, two_months, f"a backup's copy of {copied}")


def test_restore_seals_a_backup_for_its_place_in_the_home(cli, two_months: Path) -> None:
    folder = Path(cli("backup", "create").stdout.split()[-1])
    assert b"backup:" + NOVEMBER.encode() in (folder / NOVEMBER).read_bytes()
    _ok(cli("log", "note", "written after the backup"))
    _ok(cli("backup", "restore", folder.name, "--yes"))
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert SECRET in listed.stdout and "an october note" in listed.stdout
    assert "written after the backup" not in listed.stdout
    assert b"home:" + NOVEMBER.encode() in (two_months / NOVEMBER).read_bytes()
    _ok(cli("doctor"))


# --- files sealed the old way ----------------------------------------------------


@pytest.fixture
def v1_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    copy_v1_home(home)
    assert {_version(p) for p in _sealed_files(home)} == {UNBOUND_VERSION}
    return home


def test_a_home_sealed_the_old_way_still_opens(cli, v1_home: Path) -> None:
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert V1_OCTOBER_NOTE in listed.stdout
    _ok(cli("log", "craving", "2"))
    assert _version(v1_home / NOVEMBER) == VERSION  # sealed again when written
    assert _version(v1_home / OCTOBER) == UNBOUND_VERSION
    assert V1_OCTOBER_NOTE in cli("list", "--format", "json").stdout


def test_doctor_notes_old_seals_and_fix_seals_them_again(cli, v1_home: Path) -> None:
    check = cli("doctor", "--format", "json")
    assert check.exit_code == 0, check.stdout  # a note, not a problem
    notes = json.loads(check.stdout)["problems"]
    assert {p["kind"] for p in notes} == {"old-seal"}
    assert {p["file"] for p in notes} == {
        "config.toml",
        "journal.toml",
        OCTOBER,
        NOVEMBER,
        "backups/20261121-100000-before-encrypt",
        "backups/20261122-100000-manual",
    }
    table = cli("doctor")
    assert "sealed the old way" in table.stdout and "doctor --fix" in table.stdout

    _ok(cli("doctor", "--fix"))
    assert {_version(p) for p in _sealed_files(v1_home)} == {VERSION}
    assert json.loads(cli("doctor", "--format", "json").stdout)["problems"] == []
    assert V1_OCTOBER_NOTE in cli("list", "--format", "json").stdout


def test_a_backup_sealed_the_old_way_is_restored(cli, v1_home: Path) -> None:
    _ok(cli("log", "note", "written after the backup"))
    _ok(cli("backup", "restore", "20261122-100000-manual", "--yes"))
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert V1_OCTOBER_NOTE in listed.stdout
    assert "written after the backup" not in listed.stdout


def test_restore_asks_for_the_passphrase_once(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoverylog.cli import state

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _ok(cli("log", "note", SECRET))  # no config.toml: nothing is read before the restore
    _ok(cli("encrypt"))
    folder = Path(cli("backup", "create").stdout.split()[-1])
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    asked: list[str] = []
    monkeypatch.setattr(state, "ask_passphrase", lambda prompt: asked.append(prompt) or PASSPHRASE)
    _ok(cli("backup", "restore", folder.name, "--yes"))
    assert len(asked) == 1
