"""Notices kept for the greeting line: what a reminder had to say when no desktop
notification could show it. One 0600 file in the data folder, one notice a line, the
last few only; taking them removes the file.

Notices are fixed words ("Time for your meeting"), never journal text, so the file is
plain in an encrypted home too: the greeting reads it without a passphrase.
"""

from __future__ import annotations

import os
from pathlib import Path

from recoverylog.paths import Layout
from recoverylog.store.atomic import atomic_write, read_bytes, remove_file, temp_name

NOTICES_FILE = "notices.txt"
KEPT = 5  # the last few: a week away from the terminal is not a list of chores
LONGEST = 200  # characters of one notice; the rest of a longer line is damage


def add_notice(layout: Layout, text: str) -> None:
    """Keep ``text`` (on one line) after the notices already kept, the last KEPT only."""
    line = " ".join(text.split())[:LONGEST]
    if not line:
        return
    kept = [*_read(layout), line][-KEPT:]
    atomic_write(_path(layout), ("\n".join(kept) + "\n").encode("utf-8"))


def take_notices(layout: Layout) -> list[str]:
    """The notices kept, oldest first, and the file removed; [] when there are none.
    The file is first renamed, so a notice is taken once even by two greetings."""
    path = _path(layout)
    taken = temp_name(path)
    try:
        os.rename(path, taken)
    except FileNotFoundError:
        return []
    try:
        return _lines(read_bytes(taken) or b"")
    finally:
        remove_file(taken)


def _read(layout: Layout) -> list[str]:
    return _lines(read_bytes(_path(layout)) or b"")


def _lines(data: bytes) -> list[str]:
    lines = (" ".join(raw.split()) for raw in data.decode("utf-8", "replace").splitlines())
    return [line[:LONGEST] for line in lines if line][-KEPT:]


def _path(layout: Layout) -> Path:
    return layout.data_dir / NOTICES_FILE
