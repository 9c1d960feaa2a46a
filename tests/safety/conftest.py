"""The suite's ``cli`` fixture, with the Click command built once instead of per call.

Typer rebuilds the whole command tree on every invocation (tens of milliseconds); the
hostile-input and corruption tests run hundreds of commands, so they share one build.
Everything else (CliRunner, catch_exceptions=False, the temp home) is the suite's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import typer.testing
from safety_helpers import PASSPHRASE, SECRET

from recoverylog.cli.main import app
from recoverylog.store.crypto import MAGIC

_COMMAND = typer.main.get_command(app)


@pytest.fixture
def cli(cli, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: _COMMAND)
    return cli


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
