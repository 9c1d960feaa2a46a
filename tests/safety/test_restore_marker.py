"""A lost or damaged encryption.toml: backup list and backup restore still work, and a
restore that holds a good copy puts it back, the passphrase checked against that copy
before anything is written. A damaged check token is damage (exit 4), not a wrong
passphrase."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from safety_helpers import SECRET, snapshot

MARKER, ENTRIES = "encryption.toml", "entries/2026-11.json"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


@pytest.fixture
def good_backup(cli, encrypted: Path) -> Path:
    created = cli("backup", "create")
    _ok(created)
    folder = Path(created.stdout.split()[-1])
    assert (folder / MARKER).is_file()
    return folder


def _cut_token(data: bytes) -> bytes:
    head, token = data.split(b'check = "', 1)
    return head + b'check = "' + token[:24] + b'"\n'


MARKER_DAMAGES = {
    "missing": None,
    "garbage": lambda data: b"\x00}{ not toml at all [[\n",
    "truncated": lambda data: data[: len(data) // 2],
    "check-token-cut": _cut_token,
}


def _damage_marker(home: Path, damage: str) -> None:
    marker = home / MARKER
    change = MARKER_DAMAGES[damage]
    if change is None:
        marker.unlink()
    else:
        marker.write_bytes(change(marker.read_bytes()))


@pytest.mark.parametrize("damage", sorted(MARKER_DAMAGES))
def test_restore_puts_back_a_lost_or_damaged_marker(
    cli, encrypted: Path, good_backup: Path, damage: str
) -> None:
    _damage_marker(encrypted, damage)
    assert cli("status").exit_code == 4

    listed = cli("backup", "list", "--format", "json")
    _ok(listed)
    assert good_backup.name in [b["name"] for b in json.loads(listed.stdout)]

    restored = cli("backup", "restore", good_backup.name, "--yes")
    _ok(restored)
    assert (encrypted / MARKER).read_bytes() == (good_backup / MARKER).read_bytes()
    assert (encrypted / MARKER).stat().st_mode & 0o777 == 0o600
    assert SECRET in cli("list", "--format", "json").stdout
    assert cli("doctor").exit_code == 0
    names = [b["name"] for b in json.loads(cli("backup", "list", "--format", "json").stdout)]
    assert any(name.endswith("before-restore") for name in names)


def test_restore_asks_before_it_puts_the_marker_back(
    cli, encrypted: Path, good_backup: Path
) -> None:
    _damage_marker(encrypted, "missing")
    before = snapshot(encrypted)
    result = cli("backup", "restore", good_backup.name, input="n\n")
    assert result.exit_code == 0 and "Restored" not in result.stdout
    assert snapshot(encrypted) == before


def test_a_wrong_passphrase_restores_nothing(
    cli, encrypted: Path, good_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage_marker(encrypted, "garbage")
    before = snapshot(encrypted)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase at all")
    result = cli("backup", "restore", good_backup.name, "--yes")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "wrong passphrase" in result.stderr and good_backup.name in result.stderr
    assert snapshot(encrypted) == before


def test_a_backup_without_a_good_copy_restores_nothing(
    cli, encrypted: Path, good_backup: Path
) -> None:
    [plain] = [
        b["name"]
        for b in json.loads(cli("backup", "list", "--format", "json").stdout)
        if b["reason"] == "before-encrypt"
    ]
    _damage_marker(encrypted, "missing")
    before = snapshot(encrypted)
    result = cli("backup", "restore", plain, "--yes")
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert str(encrypted / MARKER) in result.stderr
    assert good_backup.name in result.stderr  # the hint names a backup that would do
    assert snapshot(encrypted) == before


def test_a_backup_whose_copy_is_damaged_restores_nothing(
    cli, encrypted: Path, good_backup: Path
) -> None:
    (good_backup / MARKER).write_bytes(_cut_token((good_backup / MARKER).read_bytes()))
    _damage_marker(encrypted, "missing")
    before = snapshot(encrypted)
    result = cli("backup", "restore", good_backup.name, "--yes")
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert "damaged copy of encryption.toml" in result.stderr
    assert snapshot(encrypted) == before


def test_the_passphrase_is_checked_against_the_backups_own_marker(
    cli, encrypted: Path, good_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup made under another passphrase (the home was encrypted again since, and
    the backup kept aside) needs that passphrase: nothing is written with this one."""
    aside = tmp_path / "aside"
    shutil.copytree(good_backup, aside)
    _ok(cli("decrypt"))
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a second, newer passphrase")
    _ok(cli("encrypt"))
    shutil.rmtree(good_backup)
    shutil.copytree(aside, good_backup)
    before = snapshot(encrypted)
    wrong = cli("backup", "restore", good_backup.name, "--yes")
    assert wrong.exit_code == 2 and "wrong passphrase" in wrong.stderr
    assert snapshot(encrypted) == before


def test_a_restore_without_settings_prunes_no_backup(
    cli, encrypted: Path, good_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """backups.keep lives in the encrypted config.toml: with it unreadable, nothing goes."""
    _ok(cli("config", "set", "backups.keep", "30"))
    for _ in range(12):
        _ok(cli("backup", "create"))
    count = len(json.loads(cli("backup", "list", "--format", "json").stdout))
    assert count > 12
    _damage_marker(encrypted, "missing")
    _ok(cli("backup", "restore", good_backup.name, "--yes"))
    after = json.loads(cli("backup", "list", "--format", "json").stdout)
    assert len(after) == count + 1


def test_other_damage_still_stops_backup_list(cli, home: Path) -> None:
    _ok(cli("config", "set", "currency", "EUR"))
    (home / "config.toml").write_bytes(b"currency = [\n")
    result = cli("backup", "list")
    assert result.exit_code == 4 and str(home / "config.toml") in result.stderr


# --- a damaged check token or key settings are damage, not a wrong passphrase ------

TOKEN_DAMAGES = {
    "token-cut": _cut_token,
    "token-not-base64": lambda data: data.replace(b'check = "', b'check = "!!', 1),
    "token-not-text": lambda data: data.replace(b'check = "', b'check = 7\nwas = "', 1),
    "token-missing": lambda data: data.replace(b'check = "', b'was = "', 1),
    "n-not-a-power-of-two": lambda data: re.sub(rb"(?m)^n = \d+$", b"n = 3", data, count=1),
    "r-zero": lambda data: data.replace(b"r = 8", b"r = 0", 1),
    "n-huge": lambda data: re.sub(rb"(?m)^n = \d+$", b"n = 1099511627776", data, count=1),
    "salt-short": lambda data: data.replace(b'salt = "', b'salt = "00', 1)[:-1],
    "newer-version": lambda data: data.replace(b"schema_version = 1", b"schema_version = 9"),
}


@pytest.mark.parametrize("damage", sorted(TOKEN_DAMAGES))
def test_damaged_marker_contents_are_named_as_damage(cli, encrypted: Path, damage: str) -> None:
    marker = encrypted / MARKER
    original = marker.read_bytes()
    damaged = TOKEN_DAMAGES[damage](original)
    assert damaged != original
    marker.write_bytes(damaged)
    before = snapshot(encrypted)

    for command in (("status",), ("list",)):
        result = cli(*command)
        assert result.exit_code == 4, (damage, result.stdout, result.stderr)
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"Error: {marker}") and "passphrase" not in first.replace(
            "passphrase check", ""
        )
    report = json.loads(cli("doctor", "--format", "json").stdout)
    assert [(p["file"], p["kind"]) for p in report["problems"]] == [(MARKER, "encryption")]
    assert snapshot(encrypted) == before
