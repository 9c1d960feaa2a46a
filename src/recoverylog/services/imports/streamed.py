"""Importing a recoverylog export a piece at a time, so that an export of any size is
never held whole: a first reading checks every record, as a whole reading does, and a
second one merges the entries, a month at a time (services/imports/merging.py).

The first reading refuses what a whole reading refuses, with the same words and the
same record named first, and nothing is written until it has ended. A file laid out
otherwise than an export (TOML, not an object, a key or an entry id given twice) is
read whole, as before.
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from recoverylog.domain.merge import named_techniques
from recoverylog.domain.model import Entry
from recoverylog.errors import DataError, NotFound
from recoverylog.services.imports.document import (
    check_entry,
    check_journal,
    check_versions,
    export_or_refuse,
    read_config,
    read_entry,
    read_journal,
    revive_dates,
    with_usable_id,
)
from recoverylog.services.imports.jsonstream import JsonObjectReader, ReadWhole
from recoverylog.services.imports.merging import ReadExport, merge_by_month
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace

WHAT = "file to import"


def import_export(
    ws: Workspace, path: Path, dry_run: bool, whole: Callable[[str], ImportResult]
) -> ImportResult:
    """Import the export at ``path``; a file that cannot be read a piece at a time is
    read whole and handed to ``whole``."""
    from recoverylog.services.reports import read_user_file

    where = str(path)
    result = ImportResult("recoverylog", dry_run)
    with _opened(path) as data:
        try:
            with _text(data) as text:
                read = _check(ws, text, where, result)
        except ReadWhole:
            return whole(read_user_file(path, WHAT))
        except UnicodeDecodeError:
            read_user_file(path, WHAT)  # says which byte
            raise
        return merge_by_month(ws, result, read, lambda take: _entries(data, where, take))


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    from recoverylog.paths import user_path
    from recoverylog.store.atomic import open_bytes

    target = user_path(path)
    data = open_bytes(target)
    if data is None:
        raise NotFound(f"no {WHAT} at {target}")
    with data:
        yield data


@contextlib.contextmanager
def _text(data: IO[bytes]) -> Iterator[TextIO]:
    """The file's text from its start; the file stays open for the next reading."""
    data.seek(0)
    # No newline translation: a line break inside a value is kept, as a whole reading
    # keeps it (and counted the same in the line an error names).
    text = io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    try:
        yield text
    finally:
        text.detach()


@dataclass
class _EntryChecks:
    """Each entry of the first reading, checked as it is read. The first problem is kept
    and told once the whole file is read, after the problems a whole reading finds
    first (a file that is not JSON, the journal)."""

    ws: Workspace
    where: str
    count: int = 0
    unreadable: DataError | None = None
    refused: DataError | None = None
    notices: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    repeated: bool = False
    months: Counter[str] = field(default_factory=Counter)
    techniques: dict[str, str] = field(default_factory=dict)

    def take(self, index: int, raw: Any) -> None:
        self.count += 1
        if self.unreadable is not None:
            return
        try:
            entry = read_entry(raw, index, self.where)
        except DataError as exc:
            self.unreadable = exc
            return
        if self.refused is None:
            try:
                entry = check_entry(self.ws, entry, index, self.where, self.notices)
            except DataError as exc:
                self.refused = exc
        self.repeated = self.repeated or entry.id in self.ids
        self.ids.add(entry.id)
        self.months[entry.month] += 1
        for name in named_techniques([entry]):
            self.techniques.setdefault(name.casefold(), name)


def _check(ws: Workspace, text: TextIO, where: str, result: ImportResult) -> ReadExport:
    """The first reading: every record checked, in the order a whole reading checks them."""
    entries = _EntryChecks(ws, where)
    doc = JsonObjectReader(text, where, "entries").read(entries.take)
    doc = export_or_refuse(doc, where)
    check_versions(doc, where)
    revive_dates(doc)
    journal = read_journal(doc, where)
    if doc.get("entries") and not isinstance(doc["entries"], list):
        raise DataError(f"{where}: 'entries' must be a list")
    if entries.unreadable is not None:
        raise entries.unreadable
    config = read_config(doc, where)
    check_journal(ws, journal, where, result)
    if entries.refused is not None:
        raise entries.refused
    if entries.repeated:
        raise ReadWhole  # the same id twice: a whole reading weighs the copies
    result.notices.extend(entries.notices)
    return ReadExport(journal, config, list(entries.techniques.values()), dict(entries.months))


def _entries(data: IO[bytes], where: str, take: Callable[[Entry], None]) -> None:
    """The second reading: each entry, as checked in the first, to ``take``."""

    def each(index: int, raw: Any) -> None:
        take(with_usable_id(read_entry(raw, index, where)))

    with _text(data) as text:
        JsonObjectReader(text, where, "entries").read(each)
