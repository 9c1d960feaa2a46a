"""The editor's scratch file holds a private note: it is removed when the terminal is
closed (SIGHUP) or the process is killed (SIGTERM) while the editor is open, and a
leftover from a process that no longer exists is removed at the next edit. In an
encrypted journal it lives in a private folder in RAM ($XDG_RUNTIME_DIR), not in the
home."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def start_edit(home: Path, editor: str, **extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "RECOVERYLOG_HOME": str(home), "EDITOR": editor, "NO_COLOR": "1"}
    env.update(extra)
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


def slow_editor(tmp_path: Path) -> Path:
    """An editor that writes a note, then says so (``written`` beside it), then stays
    open for a while, as a person still typing would."""
    editor = tmp_path / "editor.sh"
    written = tmp_path / "written"
    editor.write_text(f'#!/bin/sh\necho "a private note" > "$1"\n: > "{written}"\nsleep 3\n')
    editor.chmod(0o700)
    return editor


def note_written(tmp_path: Path) -> bool:
    return (tmp_path / "written").exists()


def wait_for(found: Callable[[], T], seconds: float = 20) -> T:
    """Until ``found`` holds (a state the child reached), or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while not found() and time.monotonic() < deadline:
        time.sleep(0.05)
    return found()


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_while_editing_removes_the_scratch_file(tmp_path: Path, sig: int) -> None:
    home = tmp_path / "home"
    child = start_edit(home, str(slow_editor(tmp_path)))
    assert wait_for(lambda: scratch_files(home)), "the editor never started"
    assert wait_for(lambda: note_written(tmp_path)), "the editor never wrote the note"
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


@pytest.fixture
def runtime_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "runtime"
    folder.mkdir(mode=0o700)
    return folder


def ram_scratch(runtime: Path) -> list[Path]:
    return sorted((runtime / "recoverylog").glob("note-*.txt"))


@pytest.mark.parametrize(
    ("sig", "status"),
    [(signal.SIGHUP, -signal.SIGHUP), (signal.SIGTERM, -signal.SIGTERM), (signal.SIGINT, 130)],
    ids=["SIGHUP", "SIGTERM", "SIGINT"],
)
def test_in_an_encrypted_home_the_scratch_file_lives_in_ram_and_goes_on_a_signal(
    encrypted: Path, tmp_path: Path, runtime_dir: Path, sig: int, status: int
) -> None:
    editor = str(slow_editor(tmp_path))
    child = start_edit(encrypted, "false", VISUAL=editor, XDG_RUNTIME_DIR=str(runtime_dir))
    assert wait_for(lambda: ram_scratch(runtime_dir)) == [
        runtime_dir / "recoverylog" / f"note-{child.pid}.txt"
    ], "the editor never started"
    assert scratch_files(encrypted) == []  # never under the home
    assert (runtime_dir / "recoverylog").stat().st_mode & 0o777 == 0o700
    assert wait_for(lambda: note_written(tmp_path)), "the editor never wrote the note"
    child.send_signal(sig)
    child.wait(timeout=30)
    assert child.returncode == status, child.stderr.read() if child.stderr else ""
    assert ram_scratch(runtime_dir) == [] and scratch_files(encrypted) == []


def test_a_leftover_in_ram_from_a_dead_process_is_removed(
    encrypted: Path, tmp_path: Path, runtime_dir: Path
) -> None:
    (runtime_dir / "recoverylog").mkdir(mode=0o700)
    stale = runtime_dir / "recoverylog" / "note-999999999.txt"
    stale.write_text("left by a killed editor session")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "today" > "$1"\n')
    editor.chmod(0o700)
    child = start_edit(encrypted, str(editor), XDG_RUNTIME_DIR=str(runtime_dir))
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert not stale.exists()


def test_a_runtime_dir_others_can_write_to_is_not_used(
    encrypted: Path, tmp_path: Path, runtime_dir: Path
) -> None:
    runtime_dir.chmod(0o777)
    shared = _shared_folder()
    existed = shared.exists()
    child = start_edit(encrypted, str(slow_editor(tmp_path)), XDG_RUNTIME_DIR=str(runtime_dir))
    try:
        found = wait_for(lambda: scratch_files(encrypted) + _shared_scratch(child.pid))
        assert found and not (runtime_dir / "recoverylog").exists()
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        if not existed and shared.is_dir() and not any(shared.iterdir()):
            shared.rmdir()  # leave the machine's shared memory as it was


def _shared_folder() -> Path:
    return Path("/dev/shm") / f"recoverylog-{os.getuid()}"


def _shared_scratch(pid: int) -> list[Path]:
    path = _shared_folder() / f"note-{pid}.txt"
    return [path] if path.exists() else []


def test_any_command_removes_a_leftover_scratch_file_first(cli, home: Path) -> None:
    assert cli("log", "note", "hi").exit_code == 0
    folder = home / "tmp"
    folder.mkdir(mode=0o700)
    stale = folder / "note-999999999.txt"
    stale.write_text("left by a killed editor session")
    mine = folder / f"note-{os.getpid()}.txt"  # a live process's: never touched
    mine.write_text("still being written")
    assert cli("list").exit_code == 0
    assert not stale.exists()
    assert mine.exists()
