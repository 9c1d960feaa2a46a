"""The suite's ``cli`` fixture, with the Click command built once instead of per call.

Typer rebuilds the whole command tree on every invocation (tens of milliseconds); the
hostile-input and corruption tests run hundreds of commands, so they share one build.
Everything else (CliRunner, catch_exceptions=False, the temp home) is the suite's own.
"""

from __future__ import annotations

import pytest
import typer
import typer.testing

from recoverylog.cli.main import app

_COMMAND = typer.main.get_command(app)


@pytest.fixture
def cli(cli, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: _COMMAND)
    return cli
