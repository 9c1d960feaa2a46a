"""The copies a sync tool left beside the home's files, and the two versions of a file
read as documents for a merge (services/sync.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from recoverylog.domain.sync_conflicts import CRISIS, JOURNAL, MONTH, SETTINGS, conflict_copy
from recoverylog.errors import DataError, not_json
from recoverylog.messages import CHECK_FILES_HINT
from recoverylog.paths import Layout
from recoverylog.store import schema
from recoverylog.store.entries import MONTH_FILE, check_month
from recoverylog.store.files import FileIO
from recoverylog.store.tomlfile import parse_toml


class FoundCopy(NamedTuple):
    path: Path  # the copy
    original: Path  # the home's file it is a copy of
    tool: str  # "Syncthing", "Dropbox", ...


def find_copies(layout: Layout) -> list[FoundCopy]:
    """Every copy a sync tool kept of the home's files, in a fixed order."""
    own = {layout.journal_file.name, layout.config_file.name, layout.crisis_file.name}
    folders: dict[Path, Callable[[str], bool]] = {
        layout.config_dir: own.__contains__,
        layout.data_dir: own.__contains__,
        layout.entries_dir: lambda name: MONTH_FILE.match(name) is not None,
    }
    found: dict[Path, FoundCopy] = {}  # one folder for both: each copy once
    for folder, ours in folders.items():
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        # Every tool's copy has a space or the word "conflict" in its name; the home's
        # own files never do, so most commands look no further.
        for name in (n for n in names if " " in n or "conflict" in n):
            copy = conflict_copy(name, ours)
            if copy is not None and (folder / name).is_file():
                found[folder / name] = FoundCopy(folder / name, folder / copy.original, copy.tool)
    return list(found.values())


def kind_of(layout: Layout, path: Path) -> str | None:
    """Which kind of the home's files ``path`` is, if it is one a merge knows."""
    if path == layout.journal_file:
        return JOURNAL
    if path == layout.config_file:
        return SETTINGS
    if path == layout.crisis_file:
        return CRISIS
    if path.parent == layout.entries_dir and MONTH_FILE.match(path.name):
        return MONTH
    return None


def read_version(
    io: FileIO, kind: str, path: Path, stored: bytes, found_at: Path | None = None
) -> dict[str, Any]:
    """One version of the home's file at ``path`` (``stored``: its bytes, sealed or
    not, ``found_at`` where they were found when not there), as a checked document of
    this version; damage is a DataError naming where it was found."""
    where = found_at or path
    text = _text(io, kind, path, stored, where)
    if kind == MONTH:
        return _month(text, where)
    doc = parse_toml(text, where)
    if kind == CRISIS:
        doc.setdefault("schema_version", 1)
    doc_kind = {JOURNAL: schema.JOURNAL, SETTINGS: schema.CONFIG, CRISIS: schema.CRISIS}[kind]
    return schema.migrate(doc_kind, doc, where) if "schema_version" in doc else doc


def _text(io: FileIO, kind: str, path: Path, stored: bytes, where: Path) -> str:
    data = stored if kind == CRISIS else io.opened(path, stored)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text", hint=CHECK_FILES_HINT) from exc


def _month(text: str, path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(not_json(path, exc), hint=CHECK_FILES_HINT) from exc
    except RecursionError as exc:
        raise DataError(f"{path} is nested too deeply to read") from exc
    if not isinstance(doc, dict):
        raise DataError(f"{path}: expected a JSON object at the top")
    doc = schema.migrate(schema.ENTRIES, doc, path)
    check_month(doc, path)
    return doc
