"""The passphrase's key costs scrypt n=2**17, r=8, p=1 for a new home; a home sealed at
the earlier cost (n=2**15) keeps opening with the settings stored in encryption.toml."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, SECRET, V1_OCTOBER_NOTE, child_env, copy_v1_home

from recoverylog.store import crypto

OLD_N = 2**15


def _settings(home: Path) -> dict[str, object]:
    return tomllib.loads((home / "encryption.toml").read_text(encoding="utf-8"))


def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def _run(home: Path, *args: str, **env: str) -> None:
    """A real process, so the real cost is paid (tests lower it in-process only)."""
    done = subprocess.run(
        [sys.executable, "-m", "recoverylog", *args],
        env=child_env(home, **env),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr


def test_a_new_home_pays_the_full_cost(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _run(home, "clock", "add", "alcohol", "--since", "2026-10-01")
    _run(home, "encrypt", RECOVERYLOG_PASSPHRASE=PASSPHRASE)
    settings = _settings(home)
    assert (settings["n"], settings["r"], settings["p"]) == (2**17, 8, 1)


def test_a_passphrase_change_brings_an_old_home_to_the_full_cost(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_v1_home(home)  # encrypted by an earlier version, at n=2**15
    assert _settings(home)["n"] == OLD_N
    new = "the new passphrase, at the new cost"
    _run(
        home,
        "passphrase",
        "change",
        RECOVERYLOG_PASSPHRASE=PASSPHRASE,
        RECOVERYLOG_NEW_PASSPHRASE=new,
    )
    settings = _settings(home)
    assert (settings["n"], settings["r"], settings["p"]) == (2**17, 8, 1)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    refused = cli("status")
    assert refused.exit_code == 2 and "wrong passphrase" in refused.stderr
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", new)
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert V1_OCTOBER_NOTE in listed.stdout


def old_cost_home(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home encrypted the way earlier versions did it: n=2**15."""
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    cheap = crypto.SCRYPT_N
    monkeypatch.setattr(crypto, "SCRYPT_N", OLD_N)
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("log", "craving", "5", "--note", SECRET),
        ("encrypt",),
    ):
        _ok(cli(*args))
    monkeypatch.setattr(crypto, "SCRYPT_N", cheap)
    assert _settings(home)["n"] == OLD_N
    return home


def test_a_home_sealed_at_the_old_cost_still_opens(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_cost_home(cli, home, monkeypatch)
    listed = cli("list", "--format", "json")
    _ok(listed)
    assert SECRET in listed.stdout
    _ok(cli("log", "craving", "3"))
    assert _settings(home)["n"] == OLD_N  # a write never changes the key
