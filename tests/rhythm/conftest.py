"""Reminders without touching the real account: $HOME, $XDG_CONFIG_HOME and
$XDG_RUNTIME_DIR in the test's folder, and on $PATH fake crontab, systemctl, launchctl
and notify-send scripts that record their arguments (the fake crontab keeps what it is given)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import FakeSystem, ok

RECORDER = """#!/bin/sh
# A stand-in for {name}: records its arguments, one line a run.
PATH=/usr/bin:/bin
printf '%s\\n' "$*" >> '{calls}/{name}.args'
{body}
"""
CRONTAB = """case "$1" in
  -l) if [ -f '{state}' ]; then cat '{state}'; else echo "no crontab for tester" >&2; exit 1; fi ;;
  -) cat > '{state}' ;;
esac
"""


@pytest.fixture
def fake_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSystem:
    account = tmp_path / "account"
    bin_dir, calls, runtime = tmp_path / "bin", tmp_path / "calls", tmp_path / "runtime"
    for folder in (account, bin_dir, calls, runtime):
        folder.mkdir()
    crontab_state = tmp_path / "crontab.txt"
    bodies = {
        "crontab": CRONTAB.format(state=crontab_state),
        "systemctl": "",
        "launchctl": "",
        "notify-send": "exit 0",
    }
    for name, body in bodies.items():
        script = bin_dir / name
        script.write_text(RECORDER.format(name=name, calls=calls, body=body), encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("HOME", str(account))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(account / ".config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("PATH", str(bin_dir))  # the fakes only: never the real programs
    return FakeSystem(account, bin_dir, calls, crontab_state, runtime)


@pytest.fixture
def alcohol(cli: Any) -> None:
    """A clock that began on 22 September 2026: day 62 on the tests' fixed day."""
    ok(cli, "clock", "add", "alcohol", "--since", "2026-09-22")
