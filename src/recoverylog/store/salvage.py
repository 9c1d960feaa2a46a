"""What a damaged month file still holds, read one entry at a time.

Normal reads refuse a damaged file whole, naming it: a total must never quietly miss
an entry. Only doctor's repair reads this tolerantly, to keep every entry that still
reads once the original is safe in quarantine/. Each one kept is checked exactly as a
normal read checks it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoverylog.domain.codec import SchemaError, entry_from_dict
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.store import schema
from recoverylog.store.entries import RawDoc, encode_month
from recoverylog.store.files import FileIO


@dataclass(frozen=True)
class MonthSalvage:
    """The entries of a damaged month file that still read, as they were written."""

    path: Path
    month: str
    entries: list[RawDoc]
    total: int  # entries the file seems to hold, readable or not

    @property
    def lost(self) -> int:
        return self.total - len(self.entries)

    def save(self, io: FileIO) -> None:
        doc = {
            "schema_version": schema.CURRENT_VERSION[schema.ENTRIES],
            "month": self.month,
            "entries": self.entries,
        }
        io.write(self.path, encode_month(doc))


def salvage_month(path: Path, month: str, io: FileIO) -> MonthSalvage | None:
    """The entries of the month file at ``path`` that still read; None when none do,
    when it cannot be opened at all, or when it says a newer version wrote it (its
    entries may mean something this version does not know)."""
    try:
        data = io.read_plain(path)
    except DataError:
        return None
    if data is None:
        return None
    version, candidates = _whole_document(data) or _line_by_line(data)
    if isinstance(version, int) and version > schema.CURRENT_VERSION[schema.ENTRIES]:
        return None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        version = schema.CURRENT_VERSION[schema.ENTRIES]  # a damaged header: the usual
    readable = [raw for raw in candidates if raw is not None]
    try:
        doc = schema.migrate(schema.ENTRIES, {"schema_version": version, "entries": readable}, path)
    except DataError:
        return None
    kept = [raw for raw in doc["entries"] if _reads_as_entry(raw)]
    if not kept:
        return None
    return MonthSalvage(path, month, kept, len(candidates))


Candidates = tuple[object, list[Any]]  # the version it names, and one value per entry


def _whole_document(data: bytes) -> Candidates | None:
    """The file parses whole, and only some entry in it is of the wrong shape."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        return None
    return doc.get("schema_version"), doc["entries"]


_VERSION = re.compile(rb'"schema_version"\s*:\s*(\d{1,6})\b')
_ONLY_BRACKETS = re.compile(rb"[\s\[\]{},]*")


def _line_by_line(data: bytes) -> Candidates:
    """One entry a line, as the store writes it; the first line is the header. A line
    that does not parse stands for one entry that cannot be read (None)."""
    header, *lines = data.split(b"\n")
    found = _VERSION.search(header)
    version = int(found.group(1)) if found else None
    candidates = []
    for line in lines:
        text = line.strip().removesuffix(b",")
        if _ONLY_BRACKETS.fullmatch(text):
            continue  # a blank line, or the closing "]}"
        candidates.append(_parsed(text))
    return version, candidates


def _parsed(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _reads_as_entry(raw: Any) -> bool:
    """Read as a normal read reads it, and can be written back as it is."""
    try:
        entry_from_dict(raw)
        encode_month({"entries": [raw]})
    except (SchemaError, RecoveryLogError):
        return False
    return True
