"""Windows gets one plain sentence, not a traceback about a missing fcntl."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recoverylog.cli import main


def test_windows_is_told_to_use_wsl_and_nothing_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "argv", ["recoverylog", "clock", "add", "alcohol"])
    # Were the command to run, its end would stop the test process, not fail the test.
    monkeypatch.setattr(main, "_exit_now", lambda code: pytest.fail(f"it ran (exit {code})"))
    with pytest.raises(SystemExit) as stopped:
        main.run()
    assert stopped.value.code == 1
    said = capsys.readouterr()
    assert said.err == (
        "recoverylog runs on Linux and macOS (it needs POSIX file locks); on Windows, use WSL.\n"
    )
    assert said.out == ""
    assert not home.exists()  # the command never started
