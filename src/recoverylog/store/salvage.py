"""What a damaged file still holds, read one entry or record at a time.

Normal reads refuse a damaged file whole, naming it: a total must never quietly miss
an entry. Only doctor's repair reads this tolerantly, to keep every entry (or journal
record) that still reads once the original is safe in quarantine/. Each one kept is
checked exactly as a normal read checks it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoverylog.domain.codec import (
    SchemaError,
    clock_from_dict,
    entry_from_dict,
    journal_from_dict,
    technique_from_dict,
)
from recoverylog.domain.model import Journal
from recoverylog.domain.sync_merge import Version
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.store import schema
from recoverylog.store.entries import RawDoc, encode_month
from recoverylog.store.files import FileIO
from recoverylog.store.journal import save_journal
from recoverylog.store.tomlfile import parse_toml

# --- month files -------------------------------------------------------------------


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


# --- journal.toml ------------------------------------------------------------------


@dataclass(frozen=True)
class JournalSalvage:
    """journal.toml without the records that do not read, and what those were."""

    path: Path
    journal: Journal
    dropped: list[str]  # e.g. "1 of 2 clocks", "the plan"

    def save(self, io: FileIO) -> None:
        # What is saved from a damaged file starts a new record of changes.
        save_journal(self.path, self.journal, io, Version({}))


Reader = Callable[[Any, str], object]


def _person(raw: Any, where: str) -> object:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected a table")
    return raw


# Lists of records: the key, what one and many are called, and how a normal read reads one.
_RECORDS: tuple[tuple[str, str, str, Reader], ...] = (
    ("clocks", "clock", "clocks", clock_from_dict),
    ("toolkit", "coping technique", "coping techniques", technique_from_dict),
    ("people", "person", "people", _person),
)
_TABLES = (("plan", "the plan"), ("goals", "the goals"))


def salvage_journal(path: Path, io: FileIO) -> JournalSalvage | None:
    """journal.toml keeping every record that reads; None when it is not TOML, cannot
    be opened or updated, says a newer version wrote it, or nothing in it reads."""
    try:
        doc = parse_toml(io.read_text(path) or "", path)
        doc = schema.migrate(schema.JOURNAL, _with_a_version(doc), path)
    except DataError:
        return None
    kept = dict(doc)
    dropped: list[str] = []
    for key, one, many, read in _RECORDS:
        value = doc.get(key, [])
        if not isinstance(value, list):
            del kept[key]
            dropped.append(f"the {many}")
            continue
        kept[key] = _records_that_read(value, key, read)
        if lost := len(value) - len(kept[key]):
            dropped.append(f"{lost} of {len(value)} {one if len(value) == 1 else many}")
    for key, name in _TABLES:
        if key in doc and not isinstance(doc[key], dict):
            del kept[key]
            dropped.append(name)
    try:
        journal = journal_from_dict(kept)
    except SchemaError:
        return None
    return None if journal == Journal() else JournalSalvage(path, journal, dropped)


def _with_a_version(doc: dict[str, Any]) -> dict[str, Any]:
    """A damaged or missing schema_version is taken as the current one."""
    version = doc.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
        return doc
    return {**doc, "schema_version": schema.CURRENT_VERSION[schema.JOURNAL]}


def _records_that_read(records: list[Any], key: str, read: Reader) -> list[Any]:
    """The records a normal read accepts; of clocks that share a name, the first."""
    kept, names = [], set()
    for index, raw in enumerate(records):
        try:
            read(raw, f"{key}[{index}]")
        except SchemaError:
            continue
        name = str(raw.get("name", "")).casefold()
        if key == "clocks" and name in names:
            continue
        names.add(name)
        kept.append(raw)
    return kept
