"""recoverylog unlock / lock: an encrypted journal's key kept for a while, where only
this user can read it and a restart clears it; used without a passphrase and without
deriving the key; forgotten when its time is up, when it no longer opens the journal,
when the home moved, and at `lock`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, SECRET, child_env, mode_of, walk_all

from recoverylog.paths import resolve_layout
from recoverylog.store import crypto, keycache
from recoverylog.store.files import read_marker
from recoverylog.store.keycache import HomeIdentity, KeptKey, KeyCache

NEW = "a brand new passphrase for the unlock tests"
NO_TERMINAL = "no terminal to ask for the passphrase"


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private runtime folder of the test's own, as $XDG_RUNTIME_DIR."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture(params=["file", "kernel"])
def shelf(request: pytest.FixtureRequest, runtime: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with the key kept in a file, and in the kernel keyring where this
    system allows it."""
    if request.param == "file":
        monkeypatch.setattr(keycache, "kernel_keyring", lambda: None)
    elif keycache.kernel_keyring() is None:
        pytest.skip("the kernel keyring cannot be used here")
    return str(request.param)


def _identity(home: Path) -> HomeIdentity:
    params, _ = read_marker(home / "encryption.toml")
    return HomeIdentity(str(resolve_layout(str(home)).data_dir.resolve()), params.salt)


def _kept(home: Path, runtime: Path) -> bytes | None:
    """What is kept for the home, on whichever shelf, without judging it."""
    name = _identity(home).name
    found = [shelf.get(name) for shelf in KeyCache(runtime, lambda: 0.0).shelves()]
    return next((raw for raw in found if raw is not None), None)


@pytest.fixture
def unlocked(
    cli, encrypted: Path, shelf: str, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The encrypted home, unlocked with $RECOVERYLOG_PASSPHRASE, which is then unset."""
    _ok(cli("unlock"))
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    name = _identity(encrypted).name
    yield encrypted
    for shelf_in_use in KeyCache(runtime, lambda: 0.0).shelves():  # leave nothing behind
        shelf_in_use.drop(name)


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every key made from a passphrase (scrypt) from now on."""
    made: list[int] = []
    original = crypto.Vault.__init__

    def counting(self: crypto.Vault, passphrase: str, params: crypto.KdfParams) -> None:
        made.append(1)
        original(self, passphrase, params)

    monkeypatch.setattr(crypto.Vault, "__init__", counting)
    return made


def test_unlocked_commands_need_no_passphrase_and_make_no_key(
    cli_without_terminal, unlocked: Path, derivations: list[int]
) -> None:
    listed = cli_without_terminal("list", "--format", "json")
    _ok(listed)
    assert SECRET in listed.stdout
    _ok(cli_without_terminal("log", "craving", "3"))
    _ok(cli_without_terminal("status"))
    assert derivations == []


def test_unlock_says_until_when_and_where(cli, encrypted: Path, shelf: str) -> None:
    unlocked = cli("unlock", "--for", "1h30m")
    _ok(unlocked)
    assert "Unlocked for 1 hour 30 minutes, until 21:30" in unlocked.stdout
    where = "the kernel keyring" if shelf == "kernel" else "a private file in"
    assert where in unlocked.stdout
    _ok(cli("lock"))


def test_the_setting_gives_the_default_length(
    cli, encrypted: Path, shelf: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(cli("config", "set", "unlock.for", "2h"))
    unlocked = cli("unlock")
    _ok(unlocked)
    assert "Unlocked for 2 hours, until 22:00" in unlocked.stdout
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T21:59:00+00:00")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    _ok(cli("status"))
    _ok(cli("lock"))


@pytest.mark.parametrize("length", ["30s", "25h", "soon", "0"])
def test_a_length_out_of_bounds_is_refused(
    cli, encrypted: Path, runtime: Path, length: str
) -> None:
    refused = cli("unlock", "--for", length)
    assert refused.exit_code == 2, refused.stdout
    assert _kept(encrypted, runtime) is None


def test_the_setting_is_checked_when_set(cli, home: Path) -> None:
    refused = cli("config", "set", "unlock.for", "2d")
    assert refused.exit_code == 2
    assert "between 1 minute and 24 hours" in refused.stderr


def test_the_key_expires(
    cli, unlocked: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T20:14:59+00:00")
    _ok(cli("status"))
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T20:15:00+00:00")
    expired = cli("status")
    assert expired.exit_code == 2 and NO_TERMINAL in expired.stderr
    assert _kept(unlocked, runtime) is None  # removed, not just passed over


def test_lock_forgets_the_key_without_a_passphrase(cli, unlocked: Path, runtime: Path) -> None:
    assert _kept(unlocked, runtime) is not None
    locked = cli("lock")
    _ok(locked)
    assert "Locked" in locked.stdout
    assert _kept(unlocked, runtime) is None
    asked = cli("status")
    assert asked.exit_code == 2 and NO_TERMINAL in asked.stderr
    again = cli("lock")
    _ok(again)
    assert "was not unlocked" in again.stdout


def test_a_passphrase_change_ends_it(
    cli, unlocked: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _identity(unlocked)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("RECOVERYLOG_NEW_PASSPHRASE", NEW)
    _ok(cli("passphrase", "change"))
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    shelves = KeyCache(runtime, lambda: 0.0).shelves()
    assert all(shelf.get(old.name) is None for shelf in shelves)
    asked = cli("status")
    assert asked.exit_code == 2 and NO_TERMINAL in asked.stderr


def test_a_key_that_no_longer_opens_the_journal_is_removed(
    cli, unlocked: Path, runtime: Path
) -> None:
    """As if the passphrase had changed behind its back: same salt, another key."""
    identity = _identity(unlocked)
    stale = KeptKey(identity.folder, 2e9, os.urandom(32))
    KeyCache(runtime, lambda: 0.0).shelves()[0].put(identity.name, stale.encode(), 600)
    asked = cli("status")
    assert asked.exit_code == 2 and NO_TERMINAL in asked.stderr
    assert _kept(unlocked, runtime) is None


def test_a_moved_home_is_not_unlocked(
    cli, unlocked: Path, runtime: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = tmp_path / "moved"
    shutil.move(unlocked, moved)
    monkeypatch.setenv("RECOVERYLOG_HOME", str(moved))
    asked = cli("status")
    assert asked.exit_code == 2 and NO_TERMINAL in asked.stderr
    assert _kept(moved, runtime) is None


def test_unlock_asks_for_the_passphrase_even_when_unlocked(cli, unlocked: Path) -> None:
    """Only the passphrase extends the time: a kept key never renews itself."""
    again = cli("unlock")
    assert again.exit_code == 2 and NO_TERMINAL in again.stderr


def test_a_wrong_passphrase_keeps_nothing(
    cli, encrypted: Path, shelf: str, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase at all")
    refused = cli("unlock")
    assert refused.exit_code == 2 and "wrong passphrase" in refused.stderr
    assert _kept(encrypted, runtime) is None


def test_the_file_is_private_in_memory_and_holds_no_passphrase(
    cli, encrypted: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keycache, "kernel_keyring", lambda: None)
    _ok(cli("unlock"))
    folder = runtime / "recoverylog"
    files = list(folder.glob("*.key"))
    assert len(files) == 1
    assert mode_of(folder) == 0o700 and mode_of(files[0]) == 0o600
    kept = files[0].read_bytes()
    assert PASSPHRASE.encode() not in kept
    assert not any(path.suffix == ".key" for path in walk_all(encrypted))  # never in the home
    _ok(cli("lock"))
    assert not files[0].exists()


def test_the_kernel_key_is_this_users_alone(cli, encrypted: Path, runtime: Path) -> None:
    if keycache.kernel_keyring() is None:
        pytest.skip("the kernel keyring cannot be used here")
    _ok(cli("unlock"))
    name = _identity(encrypted).name
    line = next(line for line in Path("/proc/keys").read_text().splitlines() if name in line)
    permissions = int(line.split()[4], 16)
    assert permissions & 0x0000FFFF == 0  # nothing for the group or anyone else
    assert not list(runtime.glob("recoverylog/*.key"))  # the keyring, not a file
    _ok(cli("lock"))


def test_without_a_runtime_folder_it_uses_memory_or_refuses(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(keycache, "kernel_keyring", lambda: None)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(keycache, "SHARED_RAM", tmp_path / "not-a-tmpfs")
    (tmp_path / "not-a-tmpfs").mkdir()
    refused = cli("unlock")
    assert refused.exit_code == 2
    assert "a restart clears" in refused.stderr and "XDG_RUNTIME_DIR" in refused.stderr
    assert not list((tmp_path / "not-a-tmpfs").iterdir())


def test_a_runtime_folder_others_can_write_is_not_used(
    cli, encrypted: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(keycache, "kernel_keyring", lambda: None)
    monkeypatch.setattr(keycache, "SHARED_RAM", tmp_path / "not-a-tmpfs")
    runtime.chmod(0o777)
    refused = cli("unlock")
    assert refused.exit_code == 2
    assert not (runtime / "recoverylog").exists()


def test_a_plain_journal_has_nothing_to_unlock(cli, home: Path, runtime: Path) -> None:
    _ok(cli("clock", "add", "alcohol", "--since", "2026-10-01"))
    refused = cli("unlock")
    assert refused.exit_code == 2 and "not encrypted" in refused.stderr


def test_the_passphrase_in_the_environment_works_as_before(
    cli_without_terminal, encrypted: Path, runtime: Path, derivations: list[int]
) -> None:
    """Not unlocked: every command makes the key from $RECOVERYLOG_PASSPHRASE, keeps
    nothing, and a wrong one is refused."""
    _ok(cli_without_terminal("status"))
    assert derivations == [1]
    assert _kept(encrypted, runtime) is None


def test_a_kept_entry_for_another_folder_is_ignored(tmp_path: Path, runtime: Path) -> None:
    cache = KeyCache(runtime, lambda: 100.0)
    here = HomeIdentity(str(tmp_path / "here"), b"s" * 16)
    cache.keep(here, b"k" * 32, 60)
    assert cache.find(here) == b"k" * 32
    elsewhere = HomeIdentity(str(tmp_path / "elsewhere"), b"s" * 16)
    assert cache.find(elsewhere) is None
    assert cache.find(here) is None  # the entry went with it
    cache.forget(here)


def test_a_backup_restored_ends_it(cli, unlocked: Path, runtime: Path, monkeypatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _ok(cli("backup", "create"))
    listed = cli("backup", "list", "--format", "json")
    _ok(listed)
    _ok(cli("backup", "restore", json.loads(listed.stdout)[0]["name"], "--yes"))
    assert _kept(unlocked, runtime) is None


def test_decrypt_ends_it(cli, unlocked: Path, runtime: Path, monkeypatch) -> None:
    identity = _identity(unlocked)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    _ok(cli("decrypt"))
    shelves = KeyCache(runtime, lambda: 0.0).shelves()
    assert all(shelf.get(identity.name) is None for shelf in shelves)


@pytest.mark.slow
def test_unlocked_in_one_process_open_in_the_next(encrypted: Path, runtime: Path) -> None:
    """The real processes: `unlock` with the passphrase, then `status` without one."""
    command = [sys.executable, "-m", "recoverylog"]
    env = child_env(encrypted, XDG_RUNTIME_DIR=str(runtime))
    unlock = subprocess.run([*command, "unlock"], env=env, capture_output=True, text=True)
    assert unlock.returncode == 0, unlock.stderr
    del env["RECOVERYLOG_PASSPHRASE"]
    status = subprocess.run(
        [*command, "status"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert status.returncode == 0, status.stderr
    assert "alcohol" in status.stdout
    locked = subprocess.run([*command, "lock"], env=env, capture_output=True, text=True)
    assert locked.returncode == 0, locked.stderr
    status = subprocess.run(
        [*command, "status"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert status.returncode == 2 and NO_TERMINAL in status.stderr
