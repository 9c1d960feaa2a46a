"""cache/report-YYYY-MM.jsonl: what a report counted from one month file, kept so that
the next report need not read and count that month's entries again.

Never the source of truth: a kept count is used only while the month file has the
same size, time and content (a BLAKE2b digest of its bytes: reading bytes is cheap,
decoding entries is not) and the caller's key, everything else the counts depend on,
is the same; anything else, a damaged file included, is counted again and replaced.
A digest of the counts themselves keeps a damaged copy from being added. Plain JSON
values only, so reading a cache file never runs anything. An encrypted home
keeps no counts: they would tell what its month files hold.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from recoverylog import __version__
from recoverylog.domain.model import Entry
from recoverylog.errors import RecoveryLogError
from recoverylog.store.atomic import atomic_write, ensure_private_dir, read_bytes
from recoverylog.store.entries import EntryStore
from recoverylog.store.files import FileIO

CACHE_VERSION = 4  # raised whenever what is counted, or how it is kept, changes


class TallyCache:
    """The kept counts of a home's month files, one file per month."""

    def __init__(self, io: FileIO) -> None:
        self.folder = io.layout.cache_dir
        self.io = io

    def get(self, month_file: Path, data: bytes, key: str) -> Any | None:
        """The counts kept for ``month_file`` (whose bytes are ``data``) under ``key``,
        or None when there are none that can be trusted."""
        if self.io.encrypted():
            return None
        try:
            head, _, rest = (read_bytes(self._path_for(month_file)) or b"").partition(b"\n")
            body = rest.removesuffix(b"\n")
            source = json.loads(head)
            if source != _source(month_file, data, key, body):
                return None
            return json.loads(body)
        except (ValueError, OSError, RecoveryLogError):
            return None  # counted again, and the file replaced

    def put(self, month_file: Path, data: bytes, key: str, counts: Any) -> None:
        """Keep ``counts`` for ``month_file`` as read (``data``) under ``key``: a line
        saying what they are valid for, then the counts."""
        if self.io.encrypted():
            return
        body = json.dumps(counts, ensure_ascii=False).encode()
        head = json.dumps(_source(month_file, data, key, body)).encode()
        try:
            ensure_private_dir(self.folder)
            atomic_write(self._path_for(month_file), head + b"\n" + body + b"\n")
        except (OSError, RecoveryLogError):
            pass  # a home that cannot be written (a read-only copy) counts again next time

    def clear(self) -> None:
        """Remove every kept count (before a home is encrypted, say)."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def _path_for(self, month_file: Path) -> Path:
        return self.io.layout.kept_counts_file(month_file.stem)


def _source(month_file: Path, data: bytes, key: str, counts: bytes) -> dict[str, Any]:
    """What kept counts are valid for: the version, the key and the month file; and a
    digest of the counts themselves, so that a damaged copy is never added."""
    try:
        found = month_file.stat()
    except OSError:
        size, mtime = -1, -1
    else:
        size, mtime = found.st_size, found.st_mtime_ns
    return {
        "version": [CACHE_VERSION, __version__],
        "key": key,
        "size": size,
        "mtime_ns": mtime,
        "blake2b": _digest(data),
        "counts_blake2b": _digest(counts),
    }


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class CountedMonth:
    """One month file as a report reads it (``reports.by_month.MonthFile``): its bytes
    read once, for the kept counts and, when there are none, for its entries."""

    def __init__(self, entries: EntryStore, cache: TallyCache, month: str) -> None:
        self.month = month
        self._entries, self._cache = entries, cache
        self._path = entries.path_for(month)
        self._stored: bytes | None = None

    def kept(self, key: str) -> Any | None:
        if self._cache.io.encrypted():
            return None
        self._stored = read_bytes(self._path)
        return None if self._stored is None else self._cache.get(self._path, self._stored, key)

    def entries(self) -> list[Entry]:
        return self._entries.load_month(self.month, self._stored)

    def keep(self, key: str, counts: Any) -> None:
        if self._stored is not None:
            self._cache.put(self._path, self._stored, key, counts)
