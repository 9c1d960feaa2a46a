"""Merging what was read into the home: the rules of domain/merge, under the writer
lock, with a backup first; a dry run writes nothing at all."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Mapping, Sequence
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
        _add_missing_techniques(merged, entries, result)
        new_config = _merge_config(ws, config or {}, result)
        existing = {e.id: e for e in ws.store.entries.iter_range()}
        fresh, newer = plan_entries(existing, entries, result)
        if result.dry_run or not result.changes:
            return result
        info = take_backup(ws, "import")
        result.backup = info.name if info else None
        if journal_to_dict(merged, version) != before:
            ws.save_journal(merged)
        if new_config is not None:
            _save_config(ws, new_config)
        ws.store.entries.append_many(fresh)
        for old, new in newer:
            ws.store.entries.replace(old, new)
    return result


def _add_missing_techniques(
    journal: Journal, entries: Sequence[Entry], result: ImportResult
) -> None:
    """A technique the entries use joins the toolkit, as 'log' would add it."""
    missing = [t for t in named_techniques(entries) if journal.find_technique(t) is None]
    if missing:
        journal.toolkit.extend(Technique(name) for name in missing)
        result.add("techniques", len(missing))


def _merge_config(
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


def _save_config(ws: Workspace, settings: dict[str, Any]) -> None:
    from recoverylog.config import CONFIG_HEADER
    from recoverylog.store.tomlfile import save_toml

    save_toml(ws.layout.config_file, settings, ws.store.io, CONFIG_HEADER)
