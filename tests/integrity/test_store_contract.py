"""The store's contract, run against a plain home and an encrypted one.

Every command must behave the same either way; in an encrypted home no file may
hold the journal's text in the clear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SECRET = "marker-7f3a the note nobody else should read"
PASSPHRASE = "a long test passphrase"


@pytest.fixture(params=["plain", "encrypted"])
def mode(request: pytest.FixtureRequest, cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "encrypted":
        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
        result = cli("encrypt")
        assert result.exit_code == 0, result.stderr
        assert (home / "encryption.toml").exists()
    return str(request.param)


def _all_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def _log_secret_craving(cli) -> str:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    result = cli("log", "craving", "6", "--trigger", "payday", "--note", SECRET, "--tag", "work")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()[0]


def test_round_trip_edit_and_delete(cli, mode: str, home: Path) -> None:
    short = _log_secret_craving(cli)
    shown = json.loads(cli("show", short, "--format", "json").stdout)
    assert shown["note"] == SECRET and shown["triggers"] == ["payday"] and shown["tags"] == ["work"]

    assert cli("edit", short, "--intensity", "3", "--outcome", "passed").exit_code == 0
    edited = json.loads(cli("show", short, "--format", "json").stdout)
    assert (edited["intensity"], edited["outcome"], edited["note"]) == (3, "passed", SECRET)

    assert cli("delete", short, "--yes").exit_code == 0
    assert cli("show", short).exit_code == 3


def test_lapse_and_totals(cli, mode: str) -> None:
    _log_secret_craving(cli)
    assert cli("log", "lapse", "alcohol", "--at", "2026-11-01 21:00").exit_code == 0
    status = json.loads(cli("status", "--format", "json").stdout)
    clock = status["clocks"][0]
    # Oct 1 -> Nov 1 is 31 clean days; the new run starts Nov 2, 21 days before Nov 23.
    assert (clock["total_clean_days"], clock["days"], clock["lapses"]) == (52, 21, 1)


def test_backup_restore(cli, mode: str, home: Path) -> None:
    short = _log_secret_craving(cli)
    created = cli("backup", "create")
    assert created.exit_code == 0, created.stderr
    name = json.loads(cli("backup", "list", "--format", "json").stdout)[0]["name"]
    assert cli("delete", short, "--yes").exit_code == 0
    assert cli("backup", "restore", name, "--yes").exit_code == 0
    assert json.loads(cli("show", short, "--format", "json").stdout)["note"] == SECRET


def test_doctor_is_happy(cli, mode: str) -> None:
    _log_secret_craving(cli)
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "look fine" in result.stdout


def test_encrypted_home_holds_no_plain_text(cli, mode: str, home: Path) -> None:
    _log_secret_craving(cli)
    cli("backup", "create")
    raw = _all_bytes(home)
    if mode == "encrypted":
        assert SECRET.encode() not in raw
        assert b"alcohol" not in raw  # even the clock's name is private
    else:
        assert SECRET.encode() in raw


def test_wrong_passphrase_is_a_clear_error(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _log_secret_craving(cli)
    assert cli("encrypt").exit_code == 0
    before = _all_bytes(home)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase")
    result = cli("list")
    assert result.exit_code == 2
    assert "wrong passphrase" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert SECRET not in result.stdout
    assert _all_bytes(home) == before


def test_no_passphrase_without_terminal(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _log_secret_craving(cli)
    assert cli("encrypt").exit_code == 0
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    result = cli("status")
    assert result.exit_code == 2
    assert "RECOVERYLOG_PASSPHRASE" in result.stderr


def test_decrypt_restores_plain_files(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    short = _log_secret_craving(cli)
    assert cli("encrypt").exit_code == 0
    assert cli("decrypt").exit_code == 0
    assert not (home / "encryption.toml").exists()
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert SECRET.encode() in (home / "entries" / "2026-11.json").read_bytes()
    assert json.loads(cli("show", short, "--format", "json").stdout)["note"] == SECRET


def test_one_helper_tells_an_encrypted_file_from_a_plain_or_missing_one(tmp_path: Path) -> None:
    from recoverylog.store.crypto import KdfParams, Place, Vault
    from recoverylog.store.files import is_sealed_file

    vault = Vault("a passphrase for the contract test", KdfParams.new())
    (tmp_path / "sealed").write_bytes(vault.seal(b"words", Place("home", "journal.toml")))
    (tmp_path / "plain").write_bytes(b"words")
    assert is_sealed_file(tmp_path / "sealed")
    assert not is_sealed_file(tmp_path / "plain")
    assert not is_sealed_file(tmp_path / "missing")
