"""Shared tools for the safety tests: file snapshots, parse checks and child processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("safety_child.py")
MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.json$")
TEMP_FILE = re.compile(r"^\..+\.tmp$")
FIXED_NOW = "2026-11-23T20:00:00+00:00"

Snapshot = dict[str, object]


def snapshot(root: Path) -> Snapshot:
    """Every path under ``root``: file bytes, link targets, and folders, by relative path."""
    found: Snapshot = {}
    if not root.exists():
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in dirs + files:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel + "/"] = "folder"
            else:
                found[rel] = path.read_bytes()
    return found


def restore_snapshot(root: Path, saved: Snapshot) -> None:
    """Put ``root`` back as ``snapshot`` saw it (files and folders): a test that stops a
    command at one write starts the next attempt from the same state."""
    for path in sorted(walk_all(root), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    for name in sorted(saved):
        target = root / name
        if saved[name] == "folder":
            target.mkdir(mode=0o700, exist_ok=True)
        else:
            target.write_bytes(saved[name])  # type: ignore[arg-type]
            target.chmod(0o600)


class Stop(KeyboardInterrupt):
    """Ctrl-C, as if pressed right before one write."""


def stop_before_write(monkeypatch: Any, number: int, modules: Iterable[Any]) -> list[int]:
    """Let ``number`` writes land (through each module's atomic_write), then stop;
    returns the count of writes attempted, in a one-item list that keeps counting."""
    from recoverylog.store import atomic

    real = atomic.atomic_write
    attempted = [0]

    def write(path: Path, data: bytes) -> None:
        attempted[0] += 1
        if attempted[0] > number:
            raise Stop
        real(path, data)

    for module in modules:
        monkeypatch.setattr(module, "atomic_write", write)
    return attempted


def walk_all(root: Path) -> list[Path]:
    """Every path under ``root`` (not following links), ``root`` excluded."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        out.extend(Path(folder) / name for name in dirs + files)
    return out


def check_data_files(folder: Path) -> dict[str, dict]:
    """Parse every journal, config and month file under ``folder`` the way a reader would.

    Returns the parsed entry documents by path; raises if anything fails to parse.
    Orphan temp files (".name.PID.hex.tmp") from an interrupted write are skipped:
    they are never read.
    """
    months: dict[str, dict] = {}
    for path in walk_all(folder):
        if path.is_symlink() or not path.is_file() or TEMP_FILE.match(path.name):
            continue
        if path.name in ("journal.toml", "config.toml"):
            tomllib.loads(data_text(path))
        elif MONTH_FILE.match(path.name) or path.name == "backup.json":
            doc = json.loads(data_text(path))
            if MONTH_FILE.match(path.name):
                assert isinstance(doc["entries"], list), path
                months[str(path)] = doc
    return months


def entries_on_disk(home: Path) -> list[dict]:
    """The raw entries of every month file in the home's entries folder."""
    folder = home / "entries"
    if not folder.exists():
        return []
    found: list[dict] = []
    for path in sorted(folder.iterdir()):
        if MONTH_FILE.match(path.name):
            found.extend(json.loads(data_text(path))["entries"])
    return found


def data_text(path: Path) -> str:
    """A data file's text; a sealed one is opened by the program's own reader, with
    the passphrase of the encrypted-home tests, refused if it is not in its place."""
    data = path.read_bytes()
    if not data.startswith(b"RLENC"):
        return data.decode("utf-8")
    from recoverylog.paths import resolve_layout
    from recoverylog.store.files import FileIO

    home = Path(os.environ["RECOVERYLOG_HOME"])
    text = FileIO(resolve_layout(home), lambda _prompt: PASSPHRASE).read_text(path)
    assert text is not None
    return text


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RECOVERYLOG_HOME=str(home),
        RECOVERYLOG_NOW=FIXED_NOW,
        RECOVERYLOG_TIMEZONE="UTC",
        NO_COLOR="1",
        COLUMNS="100",
        PYTHONUNBUFFERED="1",
    )
    env.pop("RECOVERYLOG_DEBUG", None)
    env.pop("RECOVERYLOG_PASSPHRASE", None)
    env.pop("RECOVERYLOG_NEW_PASSPHRASE", None)
    if (home / "encryption.toml").exists():
        env["RECOVERYLOG_PASSPHRASE"] = PASSPHRASE  # the encrypted-home tests' own
    env.update(extra)
    return env


def spawn_child(home: Path, *args: str, stderr: object = subprocess.PIPE) -> subprocess.Popen:
    """Start ``safety_child.py`` with the given mode and arguments."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,  # type: ignore[arg-type]
        env=child_env(home),
        text=True,
    )


def run_cli_process(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command line in its own process: python -m recoverylog ARGS."""
    return subprocess.run(
        [sys.executable, "-m", "recoverylog", *args],
        capture_output=True,
        text=True,
        env=child_env(home),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def mode_of(path: Path) -> int:
    return path.lstat().st_mode & 0o777


# The encrypted home of the ``encrypted`` fixture (conftest.py).
PASSPHRASE = "a long passphrase for the encrypted-home tests"
SECRET = "the words nobody else may read 5e1f"


# A home encrypted by an earlier version (files sealed without their place, scrypt
# n=2**15), with a backup made after encrypting: its passphrase is PASSPHRASE.
V1_HOME = Path(__file__).parent.parent / "fixtures" / "encrypted_v1"
V1_OCTOBER_NOTE = "october: the words nobody else may read 5e1f"


def copy_v1_home(home: Path) -> Path:
    """The earlier version's encrypted home at ``home``, with private permissions."""
    import shutil

    shutil.copytree(V1_HOME, home)
    for path in [home, *home.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return home
