"""The editor's scratch file holds a private note: it is removed when the terminal is
closed (SIGHUP) or the process is killed (SIGTERM) while the editor is open, and a
leftover from a process that no longer exists is removed at the next edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def start_edit(home: Path, editor: str) -> subprocess.Popen[str]:
    env = {**os.environ, "RECOVERYLOG_HOME": str(home), "EDITOR": editor, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "recoverylog", "log", "note", "--edit"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def scratch_files(home: Path) -> list[Path]:
    folder = home / "tmp"
    return sorted(folder.glob("note-*.txt")) if folder.exists() else []


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_while_editing_removes_the_scratch_file(tmp_path: Path, sig: int) -> None:
    home = tmp_path / "home"
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "a private note" > "$1"\nsleep 3\n')
    editor.chmod(0o700)
    child = start_edit(home, str(editor))
    deadline = time.monotonic() + 20
    while not scratch_files(home) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert scratch_files(home), "the editor never started"
    time.sleep(0.3)  # the note is written
    child.send_signal(sig)
    child.wait(timeout=30)
    assert child.returncode == -sig
    assert scratch_files(home) == []


def test_a_leftover_from_a_dead_process_is_removed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = home / "tmp"
    folder.mkdir(parents=True)
    stale = folder / "note-999999999.txt"
    stale.write_text("left by a killed editor session")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "today" > "$1"\n')
    editor.chmod(0o700)
    child = start_edit(home, str(editor))
    child.communicate(timeout=60)
    assert child.returncode == 0
    assert not stale.exists()
