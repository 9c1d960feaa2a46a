"""Helpers for the CLI tests: run a command expecting success or a given exit code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")


def no_traceback(result: Any) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream


def ok(cli: Cli, *args: str, input: str | None = None) -> Any:
    result = cli(*args, input=input)
    assert result.exit_code == 0, (args, result.exit_code, result.stdout, result.stderr)
    no_traceback(result)
    return result


def fails(cli: Cli, code: int, *args: str, input: str | None = None) -> Any:
    """Run a command that must fail with ``code``: an 'Error: ...' line, no traceback."""
    result = cli(*args, input=input)
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    assert "Error" in result.stderr, result.stderr
    no_traceback(result)
    return result


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def logged_id(result: Any) -> str:
    """The short id a log command prints first on its confirmation line."""
    short = result.stdout.split()[0]
    assert re.fullmatch(r"[0-9a-f]{8}", short), result.stdout
    return str(short)


def is_iso_with_offset(text: str) -> bool:
    return bool(ISO_WITH_OFFSET.match(text)) and datetime.fromisoformat(text).tzinfo is not None


def files_under(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` with its bytes (the empty lock file aside)."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def entry_files(home: Path) -> dict[str, bytes]:
    return files_under(home / "entries")


def run_without_terminal(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real program in a child process whose standard input is not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "recoverylog", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )


def install_editor(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Set $EDITOR to a script that records the file it is given (its path, its mode and
    the text it held), then appends a line to it. Returns the record file."""
    record = folder / "editor-record.txt"
    script = folder / "fake-editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$1" > "{record}"\n'
        f'stat -c %a "$1" >> "{record}"\n'
        f'cat "$1" >> "{record}"\n'
        'printf "\\nwritten in the editor\\n" >> "$1"\n',
        encoding="utf-8",
    )
    script.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return record
