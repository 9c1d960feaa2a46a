"""Only regular files are read: a FIFO where a data or settings file should be is
refused at once (exit 4), and crisis help still shows the lines. Each command runs as a
real process with a time-out, so a hang fails the test instead of the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECOVERYLOG_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "recoverylog", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert run(home, "clock", "add", "alcohol", "--since", "2026-10-01").returncode == 0
    assert run(home, "log", "note", "hi", "--at", "2026-11-05 10:00").returncode == 0
    return home


def test_a_fifo_as_config_does_not_hang_crisis_help(home: Path) -> None:
    os.mkfifo(home / "config.toml")
    for command in (["help-now"], ["sos", "--no-timer"], ["crisis"]):
        result = run(home, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert "988 Suicide & Crisis Lifeline" in result.stdout
    status = run(home, "status")
    assert status.returncode == 4
    assert "not a regular file (it is a FIFO)" in status.stderr


@pytest.mark.parametrize("command", [["list"], ["export"], ["doctor"]])
def test_a_fifo_as_a_month_file_is_refused_not_waited_on(home: Path, command: list[str]) -> None:
    month = home / "entries" / "2026-11.json"
    month.unlink()
    os.mkfifo(month)
    result = run(home, *command)
    assert "FIFO" in result.stdout + result.stderr, result


def test_doctor_fix_moves_a_fifo_aside(home: Path) -> None:
    month = home / "entries" / "2026-11.json"
    month.unlink()
    os.mkfifo(month)
    run(home, "doctor", "--fix")
    assert not month.exists()
    assert run(home, "status").returncode == 0
