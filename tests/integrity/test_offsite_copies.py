"""Copies that leave the computer: `backup create --to`, `backup verify`, `backup
restore --from`, and doctor's word when none has left for a while."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from recoverylog.errors import ExitCode

STAMP = "20261123-200000"  # the tests' fixed now
NOTE = "a note that must come back"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def _journal(cli) -> None:
    _ok(cli("clock", "add", "alcohol", "--since", "2026-10-01"))
    for at in ("2026-10-05 10:00", "2026-11-02 10:00", "2026-11-20 10:00"):
        _ok(cli("log", "craving", "5", "--at", at, "--note", NOTE))


def _listed(cli) -> list[dict]:
    result = cli("list", "--all", "--format", "json")
    _ok(result)
    return sorted(json.loads(result.stdout), key=lambda entry: entry["id"])


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _copy(cli, usb: Path) -> dict:
    result = cli("backup", "create", "--to", str(usb), "--format", "json")
    _ok(result)
    return json.loads(result.stdout)


def test_a_copy_is_verified_and_restored_into_a_fresh_home(
    cli, home: Path, usb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal(cli)
    before = _listed(cli)
    made = _copy(cli, usb)
    folder = usb / f"recoverylog-{STAMP}"
    assert made == {
        "path": str(folder),
        "created": "2026-11-23T20:00:00+00:00",
        "files": 3,
        "entries": 3,
        "encrypted": False,
    }
    checked = cli("backup", "verify", str(usb), "--format", "json")
    _ok(checked)
    assert json.loads(checked.stdout) == made

    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "new-computer"))
    _ok(cli("backup", "restore", "--from", str(folder), "--yes"))
    assert _listed(cli) == before
    _ok(cli("doctor"))


def test_the_copy_is_private_and_ends_with_its_manifest(cli, usb: Path) -> None:
    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    folder = usb / f"recoverylog-{STAMP}"
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert sorted(p.relative_to(folder).as_posix() for p in files) == [
        "backup.json",
        "entries/2026-10.json",
        "entries/2026-11.json",
        "journal.toml",
    ]
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    assert {stat.S_IMODE(p.stat().st_mode) for p in (folder, folder / "entries")} == {0o700}
    manifest = json.loads((folder / "backup.json").read_text())
    written = {"journal.toml", "entries/2026-10.json", "entries/2026-11.json"}
    assert set(manifest["sha256"]) == set(manifest["files"]) == written


def test_a_later_copy_never_writes_over_an_earlier_one(cli, usb: Path) -> None:
    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    first = usb / f"recoverylog-{STAMP}"
    kept = {p: p.read_bytes() for p in first.rglob("*") if p.is_file()}
    _ok(cli("log", "craving", "2"))
    second = _copy(cli, usb)
    assert second["path"] == str(usb / f"recoverylog-{STAMP}-2")
    assert second["entries"] == 4
    assert {p: p.read_bytes() for p in first.rglob("*") if p.is_file()} == kept
    checked = cli("backup", "verify", str(usb), "--format", "json")
    assert json.loads(checked.stdout)["path"] == second["path"]  # the newest one
    checked = cli("backup", "verify", str(first), "--format", "json")
    assert json.loads(checked.stdout)["entries"] == 3


def test_the_words_say_what_was_done(cli, usb: Path) -> None:
    _journal(cli)
    made = cli("backup", "create", "--to", str(usb))
    _ok(made)
    folder = usb / f"recoverylog-{STAMP}"
    said = " ".join(made.stdout.split())  # wrapped at the screen's width
    assert f"Copied 3 files (3 entries) to {folder}; every file was read back" in said
    assert max(map(len, made.stdout.splitlines())) <= max(100, len(str(folder)))
    checked = cli("backup", "verify", str(folder))
    _ok(checked)
    assert " ".join(checked.stdout.split()) == (
        f"The copy in {folder} opens: 3 files (3 entries), made 2026-11-23 20:00."
    )


def test_nothing_to_copy_in_a_new_home(cli, usb: Path) -> None:
    result = cli("backup", "create", "--to", str(usb))
    _ok(result)
    assert result.stdout.strip() == "Nothing to back up yet."
    assert list(usb.iterdir()) == []


def test_a_failed_read_back_leaves_no_copy(
    cli, home: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk gives back other bytes than were written (a failing stick)."""
    from recoverylog.store import offsite

    _journal(cli)
    real = offsite.read_bytes

    def failing_stick(path: Path | str, limit: int | None = None) -> bytes | None:
        data = real(path, limit)
        if Path(path).is_relative_to(usb) and Path(path).name == "2026-11.json" and data:
            return data[:-1] + b"?"
        return data

    monkeypatch.setattr(offsite, "read_bytes", failing_stick)
    result = cli("backup", "create", "--to", str(usb))
    assert result.exit_code == ExitCode.DATA_PROBLEM
    assert "is not what was written" in result.stderr
    assert list(usb.iterdir()) == []
    assert not (home / "backups" / offsite.LAST_COPY_FILE).exists()


def test_a_disk_that_keeps_no_modes_is_no_failure(
    cli, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT stick refuses chmod; the copy is made all the same, and nothing is said."""
    _journal(cli)
    real_chmod, real_fchmod = os.chmod, os.fchmod

    def refused(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    def chmod(path: object, mode: int, **kwargs: object) -> None:
        if str(path).startswith(str(usb)):
            refused()
        real_chmod(path, mode, **kwargs)  # type: ignore[arg-type]

    def fchmod(fd: int, mode: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(usb)):
            refused()
        real_fchmod(fd, mode)

    monkeypatch.setattr(os, "chmod", chmod)
    monkeypatch.setattr(os, "fchmod", fchmod)
    result = cli("backup", "create", "--to", str(usb))
    _ok(result)
    assert result.stderr == ""
    monkeypatch.undo()
    _ok(cli("backup", "verify", str(usb)))


def test_a_damaged_copy_is_said_and_never_restored(cli, home: Path, usb: Path) -> None:
    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    month = usb / f"recoverylog-{STAMP}" / "entries" / "2026-10.json"
    month.write_text(month.read_text().replace(NOTE, NOTE.upper()))
    checked = cli("backup", "verify", str(usb))
    assert checked.exit_code == ExitCode.DATA_PROBLEM
    assert "2026-10.json" in checked.stderr and "damaged" in checked.stderr
    restored = cli("backup", "restore", "--from", str(usb), "--yes")
    assert restored.exit_code == ExitCode.DATA_PROBLEM
    assert not list((home / "backups").glob("*from-a-copy"))
    assert all(entry["note"] == NOTE for entry in _listed(cli) if entry["type"] == "craving")


def test_a_copy_cut_off_is_never_trusted(cli, usb: Path) -> None:
    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    folder = usb / f"recoverylog-{STAMP}"
    (folder / "backup.json").unlink()
    result = cli("backup", "verify", str(folder))
    assert result.exit_code == ExitCode.DATA_PROBLEM
    assert "cut off before it was finished" in result.stderr
    assert cli("backup", "restore", "--from", str(usb), "--yes").exit_code != 0


def test_a_manifest_naming_a_file_outside_the_copy_is_refused(cli, usb: Path) -> None:
    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    manifest = usb / f"recoverylog-{STAMP}" / "backup.json"
    doc = json.loads(manifest.read_text())
    doc["sha256"]["../../elsewhere.toml"] = "0" * 64
    manifest.write_text(json.dumps(doc))
    result = cli("backup", "restore", "--from", str(usb), "--yes")
    assert result.exit_code == ExitCode.DATA_PROBLEM
    assert "does not list the copy's files" in result.stderr


@pytest.mark.parametrize("where", ["missing", "inside the journal"])
def test_a_folder_that_cannot_hold_a_copy_is_refused(
    cli, home: Path, usb: Path, where: str
) -> None:
    _journal(cli)
    target = usb / "not-plugged-in" if where == "missing" else home / "entries"
    result = cli("backup", "create", "--to", str(target))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.startswith("Error: ")
    assert not list(usb.iterdir())


def test_restore_needs_a_name_or_a_folder(cli, usb: Path) -> None:
    for args in ((), ("20261123-200000-manual", "--from", str(usb))):
        result = cli("backup", "restore", *args, "--yes")
        assert result.exit_code == ExitCode.INVALID_INPUT
        assert "give a backup's name, or a copy's folder with --from" in result.stderr


def test_json_goes_with_to(cli) -> None:
    result = cli("backup", "create", "--format", "json")
    assert result.exit_code == ExitCode.INVALID_INPUT


# --- doctor ------------------------------------------------------------------------

NOW = 1795464000  # 2026-11-23 20:00 UTC, the tests' now, in seconds
DAY = 86400


def _age_months(home: Path, days: int) -> None:
    """The month files as last written ``days`` ago."""
    for path in (home / "entries").glob("*.json"):
        os.utime(path, (NOW - days * DAY, NOW - days * DAY))


def _offsite_notes(cli) -> list[dict]:
    result = cli("doctor", "--format", "json")
    _ok(result)  # a word, never a problem
    return [p for p in json.loads(result.stdout)["problems"] if p["kind"] == "offsite"]


def test_doctor_says_when_no_copy_has_left(cli, home: Path) -> None:
    _journal(cli)
    _age_months(home, 31)
    [note] = _offsite_notes(cli)
    assert note["problem"] == "no copy has left this computer yet"
    assert note["file"] == "backups" and note["repair"] is None
    table = cli("doctor")
    _ok(table)
    assert "when you can: recoverylog backup create --to FOLDER" in table.stdout


def test_doctor_is_quiet_for_a_young_journal_and_an_empty_one(cli, home: Path) -> None:
    assert _offsite_notes(cli) == []
    _journal(cli)
    _age_months(home, 30)
    assert _offsite_notes(cli) == []


def test_a_copy_quiets_doctor_until_it_is_old(
    cli, home: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal(cli)
    _age_months(home, 90)
    _ok(cli("backup", "create", "--to", str(usb)))
    assert _offsite_notes(cli) == []
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-25T20:00:00+00:00")
    [note] = _offsite_notes(cli)
    assert note["problem"] == "the last copy left this computer 32 days ago"
    _ok(cli("config", "set", "backups.offsite_days", "45"))
    assert _offsite_notes(cli) == []


def test_the_record_stays_on_this_computer(cli, home: Path, usb: Path) -> None:
    """It lives in backups/, which each computer keeps to itself (and out of git)."""
    from recoverylog.domain.git_sync import OWN_FILES

    _journal(cli)
    _ok(cli("backup", "create", "--to", str(usb)))
    assert (home / "backups" / "offsite.json").is_file()
    assert "/backups/" in OWN_FILES
