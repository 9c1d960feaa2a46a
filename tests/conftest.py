"""Every test runs against a fresh home in a temp folder, with a fixed clock.

Nothing here touches the real user's data: RECOVERYLOG_HOME points into tmp_path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recoverylog.cli.main import app
from recoverylog.environment import ScriptedInput

FIXED_NOW = "2026-11-23T20:00:00+00:00"  # a Monday evening
# New keys in in-process tests: the real cost (2**17, ~0.35 s and 128 MiB each) would
# make the suite minutes slower. Processes started by tests pay the real cost.
CHEAP_SCRYPT_N = 2**10


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RECOVERYLOG_HOME", str(home))
    monkeypatch.setenv("RECOVERYLOG_NOW", FIXED_NOW)
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("RECOVERYLOG_DEBUG", raising=False)
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE", raising=False)
    monkeypatch.delenv("RECOVERYLOG_NEW_PASSPHRASE", raising=False)
    monkeypatch.setenv("EDITOR", "false")  # a test that opens an editor must set its own
    monkeypatch.setattr("recoverylog.store.crypto.SCRYPT_N", CHEAP_SCRYPT_N)
    return home


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


def _invoker(given: ScriptedInput | None) -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False, obj=given)

    return invoke


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run the CLI in-process: cli("log", "craving", "5") -> click Result. Standard input
    stands for a person at a terminal (ScriptedInput): questions are asked, and answered
    from ``input``; a passphrase is never asked for."""
    return _invoker(ScriptedInput())


@pytest.fixture
def cli_without_terminal() -> Callable[..., object]:
    """The same, with no one at a terminal: standard input is piped (``input``, or
    nothing), as in a script."""
    return _invoker(None)
