"""A shell's start-up file (outside the home): one line added or taken away, the rest
of the file kept as it was, rewritten atomically with its own mode."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from recoverylog.errors import DataError
from recoverylog.store.atomic import atomic_write, read_bytes, write_target

NEW_FILE_MODE = 0o644  # what a shell would make it


def read_startup_file(path: Path) -> str:
    """The file's text ('' when there is none yet)."""
    data = read_bytes(path)
    if data is None:
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text; it was left as it was") from None


def has_line(text: str, line: str) -> bool:
    return line in text.splitlines()


def with_line(text: str, line: str) -> str:
    """``text`` with ``line`` at its end (once)."""
    if has_line(text, line):
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}{line}\n"


def without_line(text: str, line: str) -> str:
    """``text`` without any line that is exactly ``line``."""
    kept = [each for each in text.splitlines(keepends=True) if each.rstrip("\r\n") != line]
    return "".join(kept)


def save_startup_file(path: Path, text: str) -> None:
    """Replace the file at once (readers see old or new), keeping its mode."""
    target = write_target(path)
    mode = NEW_FILE_MODE
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(os.stat(target).st_mode)
    atomic_write(target, text.encode("utf-8"))
    os.chmod(target, mode)
