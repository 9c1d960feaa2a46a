"""A copy of an encrypted journal made with `backup create --to` stays encrypted: sealed
files and encryption.toml, never plain text; it opens with the passphrase (given, or a
key kept by `unlock`), and restores into a fresh home."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, SECRET

from recoverylog.errors import ExitCode
from recoverylog.store import keycache
from recoverylog.store.crypto import MAGIC

STAMP = "20261123-200000"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


@pytest.fixture
def copied(cli, encrypted: Path, tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = cli("backup", "create", "--to", str(usb), "--format", "json")
    _ok(made)
    assert json.loads(made.stdout)["encrypted"] is True
    return usb / f"recoverylog-{STAMP}"


def test_the_copy_holds_no_plain_text(copied: Path) -> None:
    files = {p.relative_to(copied).as_posix(): p.read_bytes() for p in copied.rglob("*.*")}
    assert set(files) == {
        "backup.json",
        "encryption.toml",
        "config.toml",
        "journal.toml",
        "entries/2026-11.json",
    }
    for name, data in files.items():
        assert SECRET.encode() not in data
        if name not in ("backup.json", "encryption.toml"):
            assert data.startswith(MAGIC), name


def test_it_opens_with_the_passphrase_and_not_without(
    cli_without_terminal, copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = cli_without_terminal("backup", "verify", str(copied), "--format", "json")
    _ok(checked)
    assert json.loads(checked.stdout)["entries"] == 1
    monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / "another-computer"))
    _ok(cli_without_terminal("backup", "verify", str(copied)))
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase at all")
    wrong = cli_without_terminal("backup", "verify", str(copied))
    assert wrong.exit_code != 0
    assert "wrong passphrase for the copy" in wrong.stderr
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    none = cli_without_terminal("backup", "verify", str(copied))
    assert none.exit_code == ExitCode.INVALID_INPUT
    assert "no terminal to ask for the passphrase" in none.stderr


def test_a_key_kept_by_unlock_opens_it(
    cli_without_terminal, copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(keycache, "kernel_keyring", lambda: None)  # kept in a file
    _ok(cli_without_terminal("unlock"))
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    _ok(cli_without_terminal("backup", "verify", str(copied)))
    _ok(cli_without_terminal("lock"))


def test_it_restores_into_a_fresh_home(
    cli, copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "new-computer"
    monkeypatch.setenv("RECOVERYLOG_HOME", str(fresh))
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase at all")
    refused = cli("backup", "restore", "--from", str(copied), "--yes")
    assert refused.exit_code != 0
    assert not (fresh / "journal.toml").exists()  # nothing restored
    assert not list((fresh / "backups").glob("*/backup.json"))  # and nothing brought in
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _ok(cli("backup", "restore", "--from", str(copied), "--yes"))
    assert (fresh / "journal.toml").read_bytes().startswith(MAGIC)
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert SECRET in listed.stdout
    _ok(cli("doctor"))
    shown = cli("config", "show", "--format", "json")
    assert json.loads(shown.stdout)["currency"] == "EUR"
