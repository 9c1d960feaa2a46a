"""Drafts: the words an editor left when it did not end well, kept to be logged later.

They live in the home's private tmp/drafts/ (0700), one 0600 file each, written through
FileIO: in an encrypted home a draft is sealed like every data file, so none of its
plain text stays on disk.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from recoverylog.errors import NotFound
from recoverylog.paths import Layout
from recoverylog.store.atomic import ensure_private_dir, remove_file
from recoverylog.store.files import FileIO
from recoverylog.store.tomlfile import encode_text

DRAFT_FILE = re.compile(r"note-\d{8}-\d{6}(-\d+)?\.txt")


def keep_draft(io: FileIO, text: str, at: datetime) -> Path:
    """Write ``text`` as a new draft named for the moment ``at``; returns its path."""
    folder = ensure_private_dir(io.layout.drafts_dir)
    stem = f"note-{at:%Y%m%d-%H%M%S}"
    path, count = folder / f"{stem}.txt", 1
    while os.path.lexists(path):  # two drafts in one second: never write over one
        count += 1
        path = folder / f"{stem}-{count}.txt"
    io.write(path, encode_text(text))
    return path


def draft_files(layout: Layout) -> list[Path]:
    """Every draft, oldest first."""
    folder = layout.drafts_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if DRAFT_FILE.fullmatch(p.name) and p.is_file())


def find_draft(layout: Layout, name: str) -> Path:
    """The draft called ``name``: its file name, with or without .txt, or its path."""
    file = Path(name).name
    file = file if file.endswith(".txt") else f"{file}.txt"
    path = layout.drafts_dir / file
    if not DRAFT_FILE.fullmatch(file) or path not in draft_files(layout):
        raise NotFound(f"no draft named '{name}'", hint="see them with: recoverylog draft list")
    return path


def read_draft(io: FileIO, path: Path) -> str:
    return io.read_text(path) or ""


def remove_draft(path: Path) -> None:
    remove_file(path)
