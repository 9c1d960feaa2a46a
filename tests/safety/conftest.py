"""Fixtures for the safety tests: an encrypted home, and the suite's own ``cli``
(commands load on first use, so building the command tree per call costs under a
millisecond even for the hundreds of commands the hostile-input tests run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, SECRET

from recoverylog.store.crypto import MAGIC


@pytest.fixture
def encrypted(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with a clock, a setting and a secret note, then encrypted."""
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("config", "set", "currency", "EUR"),
        ("log", "craving", "5", "--note", SECRET),
        ("encrypt",),
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    for name in ("journal.toml", "entries/2026-11.json", "config.toml"):
        assert (home / name).read_bytes().startswith(MAGIC)
    return home
