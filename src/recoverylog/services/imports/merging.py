"""Merging what was read into the home: the rules of domain/merge, under the writer
lock, with a backup first; a dry run writes nothing at all."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recoverylog.domain.codec import journal_to_dict
from recoverylog.domain.merge import merge_journal, merge_settings, named_techniques, plan_entries
from recoverylog.domain.model import Entry, Journal, Technique
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema


def merge(
    ws: Workspace,
    result: ImportResult,
    entries: Sequence[Entry],
    journal: Journal | None = None,
    config: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Merge by id under the writer lock; a backup first. A dry run writes nothing at
    all, not even the lock file (or the home's folder, when there is none yet): it only
    reads, and every file it reads is replaced whole when written, never in part."""
    from recoverylog.services.safety import take_backup

    version = schema.CURRENT_VERSION[schema.JOURNAL]
    with contextlib.nullcontext() if result.dry_run else ws.store.writing():
        current = copy.deepcopy(ws.reload_journal())
        before = journal_to_dict(current, version)
        merged = merge_journal(current, journal, result) if journal is not None else current
        add_missing_techniques(merged, named_techniques(entries), result)
        new_config = merge_config(ws, config or {}, result)
        existing = {e.id: e for e in ws.store.entries.iter_range()}
        fresh, newer = plan_entries(existing, entries, result)
        if result.dry_run or not result.changes:
            return result
        info = take_backup(ws, "import")
        result.backup = info.name if info else None
        if journal_to_dict(merged, version) != before:
            ws.save_journal(merged)
        if new_config is not None:
            save_config(ws, new_config)
        ws.store.entries.append_many(fresh)
        for old, new in newer:
            ws.store.entries.replace(old, new)
    return result


def add_missing_techniques(journal: Journal, used: Iterable[str], result: ImportResult) -> None:
    """A technique the entries use joins the toolkit, as 'log' would add it."""
    missing = [t for t in used if journal.find_technique(t) is None]
    if missing:
        journal.toolkit.extend(Technique(name) for name in missing)
        result.add("techniques", len(missing))


def merge_config(
    ws: Workspace, incoming: Mapping[str, Any], result: ImportResult
) -> dict[str, Any] | None:
    """The home's settings with those it does not have yet added (see
    ``merge_settings``), checked as 'config set' would check them; None if none is new."""
    from recoverylog.config import load_raw, settings_values

    incoming = {k: v for k, v in incoming.items() if k != "schema_version"}
    if not incoming:
        return None
    current = dict(load_raw(ws.layout.config_file, ws.store.io))
    merged, added = merge_settings(current, incoming, result)
    if not added:
        return None
    settings_values(merged, "the settings in the file")
    result.add("settings", added)
    merged["schema_version"] = schema.CURRENT_VERSION[schema.CONFIG]
    return merged


def save_config(ws: Workspace, settings: dict[str, Any]) -> None:
    from recoverylog.config import CONFIG_HEADER
    from recoverylog.store.tomlfile import save_toml

    save_toml(ws.layout.config_file, settings, ws.store.io, CONFIG_HEADER)


# --- an export read a piece at a time ----------------------------------------------------

# Reads the file's entries again, handing each to the function given, in the file's order.
ReadEntries = Callable[[Callable[[Entry], None]], None]


def merge_by_month(
    ws: Workspace,
    result: ImportResult,
    read: ReadExport,
    entries: ReadEntries,
) -> ImportResult:
    """``merge`` of an export whose entries are read a piece at a time (each id once):
    each entry is weighed against yours as it is read, in the file's order, and a month's
    new and newer entries are written once all of that month is read. The backup comes
    before the first write; the journal and settings are written last."""
    version = schema.CURRENT_VERSION[schema.JOURNAL]
    with contextlib.nullcontext() if result.dry_run else ws.store.writing():
        current = copy.deepcopy(ws.reload_journal())
        before = journal_to_dict(current, version)
        merged = merge_journal(current, read.journal, result)
        add_missing_techniques(merged, read.techniques, result)
        new_config = merge_config(ws, read.config, result)
        writer = _MonthWriter(ws, result, read.months)
        entries(writer.take)
        if result.dry_run or not result.changes:
            return result
        writer.back_up()
        if journal_to_dict(merged, version) != before:
            ws.save_journal(merged)
        if new_config is not None:
            save_config(ws, new_config)
    return result


@dataclass
class ReadExport:
    """What a first reading of an export found, for ``merge_by_month``."""

    journal: Journal
    config: dict[str, Any]
    techniques: list[str]  # the techniques its entries use
    months: dict[str, int]  # how many of its entries each month holds


class _MonthWriter:
    """Weighs each entry against your copy, and writes a month once all of it is read."""

    def __init__(self, ws: Workspace, result: ImportResult, months: Mapping[str, int]) -> None:
        self._ws = ws
        self._result = result
        self._left = dict(months)
        self._yours = _YourEntries(ws)  # every month read now: damage stops before writing
        self._fresh: dict[str, list[Entry]] = {}
        self._newer: dict[str, list[tuple[Entry, Entry]]] = {}
        self._backed_up = False

    def take(self, entry: Entry) -> None:
        yours = self._yours.copy_of(entry.id)
        existing = {entry.id: yours} if yours is not None else {}
        fresh, newer = plan_entries(existing, [entry], self._result)
        month = entry.month
        self._fresh.setdefault(month, []).extend(fresh)
        self._newer.setdefault(month, []).extend(newer)
        self._left[month] -= 1
        if not self._left[month]:
            self._write(month)

    def _write(self, month: str) -> None:
        fresh, newer = self._fresh.pop(month), self._newer.pop(month)
        if self._result.dry_run or not (fresh or newer):
            return
        self.back_up()
        self._ws.store.entries.append_many(fresh)
        for old, new in newer:
            self._ws.store.entries.replace(old, new)

    def back_up(self) -> None:
        """The backup, once, before anything is written."""
        from recoverylog.services.safety import take_backup

        if not self._backed_up:
            info = take_backup(self._ws, "import")
            self._result.backup = info.name if info else None
            self._backed_up = True


class _YourEntries:
    """Your copy of an entry by id: which month holds each id is read once, and a month's
    entries when one of them is asked for (the last two months asked for are kept)."""

    KEPT = 2

    def __init__(self, ws: Workspace) -> None:
        self._store = ws.store.entries
        # As in a whole reading, an id in two months is the copy in the later one.
        self._month_of = {
            entry.id: month
            for month in self._store.months()
            for entry in self._store.load_month(month)
        }
        self._loaded: dict[str, dict[str, Entry]] = {}

    def copy_of(self, entry_id: str) -> Entry | None:
        month = self._month_of.get(entry_id)
        if month is None:
            return None
        if month not in self._loaded:
            if len(self._loaded) >= self.KEPT:
                del self._loaded[next(iter(self._loaded))]
            self._loaded[month] = {e.id: e for e in self._store.load_month(month)}
        return self._loaded[month].get(entry_id)
