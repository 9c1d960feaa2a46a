"""glance.json: the little the prompt segment and the greeting line need, so that they
can answer without reading the journal, and greeted: when the greeting was last shown.

Both are private (0600) and never the source of truth: a missing, older or damaged
glance file reads as none, and the next command that writes makes it again. This
module loads only the standard library and the atomic writes, so that `prompt` starts
as fast as Python does."""

from __future__ import annotations

import json
import os

from recoverylog.store.atomic import atomic_write, read_bytes, remove_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

GLANCE_VERSION = 2  # 2: the prompt segment's changes (see domain/glance.py)
MAX_GLANCE_BYTES = 64 * 1024  # a few clocks' dates: anything larger is not ours


def read_glance(path: Path | str) -> dict[str, Any] | None:
    """The glance document, or None when it is missing, damaged or of another version."""
    try:
        data = read_bytes(path, MAX_GLANCE_BYTES + 1)
        if data is None or len(data) > MAX_GLANCE_BYTES:
            return None
        doc = json.loads(data)
    except Exception:  # damaged or unreadable: never the source of truth, so none
        return None
    if not isinstance(doc, dict) or doc.get("version") != GLANCE_VERSION:
        return None
    return doc


def write_glance(path: Path, doc: dict[str, Any]) -> None:
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n").encode())


def remove_glance(path: Path) -> None:
    if os.path.lexists(path):
        remove_file(path)


def file_stamp(path: Path | str) -> list[int] | None:
    """What tells a changed file from the one the glance was made from: its size and
    CRC-32 (None when there is none). From the bytes, not the file's times, so that the
    same journal makes the same glance in any home."""
    import zlib

    try:
        data = read_bytes(path)
    except Exception:  # unreadable: the full path will say why
        return [-1, 0]
    return None if data is None else [len(data), zlib.crc32(data)]


def source_stamps(journal_file: Path | str, config_file: Path | str) -> dict[str, list[int] | None]:
    """The files a glance is made from, as they are now: when one changes outside a
    write of recoverylog's (a backup restored, an edit by hand), the glance is old."""
    return {"journal": file_stamp(journal_file), "config": file_stamp(config_file)}


def read_greeted(path: Path | str) -> float | None:
    """The POSIX time the greeting was last shown, or None."""
    try:
        data = read_bytes(path, 64)
        return None if data is None else float(data.decode("ascii").strip())
    except (OSError, ValueError):
        return None


def mark_greeted(path: Path, when: float) -> None:
    atomic_write(path, f"{when:.0f}\n".encode("ascii"))
