"""recoverylog passphrase change: every encrypted file, backups included, is sealed again
with a key from the new passphrase; the old one stops working. Stopped at any write,
the journal opens with the old or the new passphrase, and running it again finishes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from safety_helpers import (
    PASSPHRASE,
    SECRET,
    restore_snapshot,
    snapshot,
    stop_before_write,
    walk_all,
)

from recoverylog.store import atomic, files

NEW = "a brand new passphrase for the change tests"
ENTRIES = "entries/2026-11.json"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def _settings(home: Path) -> dict[str, object]:
    return tomllib.loads((home / "encryption.toml").read_text(encoding="utf-8"))


def _opens_with(cli, monkeypatch: pytest.MonkeyPatch, passphrase: str) -> bool:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", passphrase)
    listed = cli("list", "--format", "json")
    if listed.exit_code != 0:
        assert listed.exit_code == 2 and "wrong passphrase" in listed.stderr, listed.stderr
        return False
    return SECRET in listed.stdout


@pytest.fixture
def with_backup(cli, encrypted: Path) -> Path:
    """The encrypted home, with a backup made after encrypting."""
    _ok(cli("backup", "create"))
    return encrypted


def test_change_seals_everything_with_the_new_passphrase(
    cli, with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _settings(with_backup)
    monkeypatch.setenv("RECOVERYLOG_NEW_PASSPHRASE", NEW)
    changed = cli("passphrase", "change")
    _ok(changed)
    assert "new passphrase" in changed.stdout
    after = _settings(with_backup)
    assert after["salt"] != before["salt"] and "passphrase_change" not in after

    assert not _opens_with(cli, monkeypatch, PASSPHRASE)
    assert _opens_with(cli, monkeypatch, NEW)
    _ok(cli("doctor"))  # every file, backups included, opens with the new key
    backups = [p for p in walk_all(with_backup / "backups") if p.name == "encryption.toml"]
    assert backups and all(_settings(p.parent)["salt"] == after["salt"] for p in backups)
    oldest = json.loads(cli("backup", "list", "--format", "json").stdout)[-1]["name"]
    _ok(cli("backup", "restore", oldest, "--yes"))
    assert _opens_with(cli, monkeypatch, NEW)


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("the wrong passphrase entirely", NEW, "wrong passphrase"),
        (PASSPHRASE, "short", "at least 8 characters"),
    ],
)
def test_a_wrong_current_or_weak_new_passphrase_changes_nothing(
    cli, with_backup: Path, monkeypatch: pytest.MonkeyPatch, current: str, new: str, message: str
) -> None:
    before = snapshot(with_backup)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", current)
    monkeypatch.setenv("RECOVERYLOG_NEW_PASSPHRASE", new)
    refused = cli("passphrase", "change")
    assert refused.exit_code == 2 and message in refused.stderr
    assert snapshot(with_backup) == before


def test_a_plain_journal_has_no_passphrase_to_change(cli, home: Path) -> None:
    _ok(cli("clock", "add", "alcohol", "--since", "2026-10-01"))
    refused = cli("passphrase", "change")
    assert refused.exit_code == 2 and "not encrypted" in refused.stderr


def test_without_a_terminal_the_new_passphrase_comes_from_the_environment(
    cli, with_backup: Path
) -> None:
    refused = cli("passphrase", "change")
    assert refused.exit_code == 2 and "RECOVERYLOG_NEW_PASSPHRASE" in refused.stderr


# --- stopped half way ------------------------------------------------------------


WRITERS = (atomic, files)  # the modules whose writes are stopped


def _stop_before_write(monkeypatch: pytest.MonkeyPatch, number: int) -> list[int]:
    return stop_before_write(monkeypatch, number, WRITERS)


def _writes_of_a_whole_change(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    before = snapshot(home)
    with monkeypatch.context() as patch:
        attempted = _stop_before_write(patch, 10**6)
        patch.setenv("RECOVERYLOG_NEW_PASSPHRASE", NEW)
        _ok(cli("passphrase", "change"))
    restore_snapshot(home, before)
    return attempted[0]


def test_a_change_stopped_at_any_write_opens_and_is_finished_by_running_it_again(
    cli, with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = with_backup
    saved = snapshot(home)
    total = _writes_of_a_whole_change(cli, home, monkeypatch)
    assert total > 5
    for number in range(total):
        restore_snapshot(home, saved)
        with monkeypatch.context() as patch:
            _stop_before_write(patch, number)
            patch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
            patch.setenv("RECOVERYLOG_NEW_PASSPHRASE", NEW)
            stopped = cli("passphrase", "change")
        assert stopped.exit_code == 130, (number, stopped.stderr)
        pending = "passphrase_change" in _settings(home)
        assert pending == (number > 0), number  # the change is recorded first
        old_opens = _opens_with(cli, monkeypatch, PASSPHRASE)
        new_opens = _opens_with(cli, monkeypatch, NEW)
        assert old_opens and new_opens == pending, number
        if not pending:
            continue
        doctor = json.loads(cli("doctor", "--format", "json").stdout)
        assert "unfinished-change" in {p["kind"] for p in doctor["problems"]}
        newest = json.loads(cli("backup", "list", "--format", "json").stdout)[0]["name"]
        refused = cli("backup", "restore", newest, "--yes")
        assert refused.exit_code == 2 and "stopped half way" in refused.stderr

        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", NEW if number % 2 else PASSPHRASE)
        finished = cli("passphrase", "change")  # either passphrase finishes it
        _ok(finished)
        assert "stopped half way" in finished.stdout
        assert not _opens_with(cli, monkeypatch, PASSPHRASE)
        assert _opens_with(cli, monkeypatch, NEW)
        _ok(cli("doctor"))


def test_a_damaged_record_of_a_change_is_named_by_doctor(
    cli, with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = with_backup / "encryption.toml"
    with monkeypatch.context() as patch:
        _stop_before_write(patch, 1)  # only the record of the change lands
        patch.setenv("RECOVERYLOG_NEW_PASSPHRASE", NEW)
        assert cli("passphrase", "change").exit_code == 130
    text = marker.read_text(encoding="utf-8")
    marker.write_text(text.replace("new_key = ", "lost_key = "), encoding="utf-8")
    report = cli("doctor", "--format", "json")
    assert report.exit_code == 4
    [problem] = json.loads(report.stdout)["problems"]
    assert problem["file"] == "encryption.toml" and "'new_key' is missing" in problem["problem"]
