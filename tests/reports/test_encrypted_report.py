"""A report encrypted for the sponsor's key (age or GPG), and opened on their side with
`report view`: only the reader's key opens it, and nothing of it is readable before."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TRIGGER = "argument with my brother"  # a sponsor report shares triggers as written


def ok(cli: Any, *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


@pytest.fixture
def journal(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "craving", "6", "--trigger", TRIGGER)


def test_an_age_report_opens_only_with_the_readers_key(
    cli: Any, journal: None, tmp_path: Path
) -> None:
    pyrage = pytest.importorskip("pyrage")
    reader = pyrage.x25519.Identity.generate()
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# the sponsor's key\n{reader}\n")
    sealed = tmp_path / "week.json.age"
    said = ok(cli, "report", "--output", str(sealed), "--encrypt-to", str(reader.to_public()))
    assert "encrypted for age1" in said.stderr
    data = sealed.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n") and TRIGGER.encode() not in data
    assert sealed.stat().st_mode & 0o777 == 0o600
    shown = ok(cli, "report", "view", str(sealed), "--identity", str(keys)).stdout
    assert "Recovery report" in shown and TRIGGER in shown
    asked = cli("report", "view", str(sealed))
    assert asked.exit_code != 0 and "--identity" in asked.stderr
    other = tmp_path / "other.txt"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    wrong = cli("report", "view", str(sealed), "--identity", str(other))
    assert wrong.exit_code != 0 and "does not open" in wrong.stderr


@pytest.fixture
def keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A GPG keyring of its own, with one key that can encrypt, and no passphrase."""
    if shutil.which("gpg") is None:
        pytest.skip("GnuPG is not installed")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    subprocess.run(
        ["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key"]
        + ["Sam Sponsor <sam@example.org>", "default", "default", "never"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield "sam@example.org"
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=dict(os.environ), check=False)


def test_a_gpg_report_opens_with_the_readers_keyring(
    cli: Any, journal: None, tmp_path: Path, keyring: str
) -> None:
    sealed = tmp_path / "week.json.gpg"
    ok(cli, "report", "--output", str(sealed), "--encrypt-to", keyring)
    assert TRIGGER.encode() not in sealed.read_bytes()
    shown = ok(cli, "report", "view", str(sealed)).stdout
    assert TRIGGER in shown


def test_a_recipient_gpg_does_not_know_writes_nothing(
    cli: Any, journal: None, tmp_path: Path, keyring: str
) -> None:
    sealed = tmp_path / "week.json.gpg"
    result = cli("report", "--output", str(sealed), "--encrypt-to", "nobody@example.org")
    assert result.exit_code != 0 and "No public key" in result.stderr
    assert not sealed.exists()


def test_encrypting_needs_a_file_to_write(cli: Any, journal: None) -> None:
    result = cli("report", "--encrypt-to", "age1qqqq")
    assert result.exit_code != 0 and "--output" in result.stderr
