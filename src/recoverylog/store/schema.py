"""Schema versions of each file kind, and the ordered migrations between them.

A migration is a small function from the raw document of version N to version N+1.
A document newer than this program knows is refused, never rewritten.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from recoverylog.errors import DataError
from recoverylog.messages import CHECK_FILES, FIX_BY_HAND_HINT, UPGRADE

Document = dict[str, Any]
Migration = Callable[[Document], Document]

JOURNAL = "journal"
ENTRIES = "entries"
CONFIG = "config"
CRISIS = "crisis"

CURRENT_VERSION: dict[str, int] = {JOURNAL: 2, ENTRIES: 2, CONFIG: 1, CRISIS: 1}

# How a month file this version writes (entries.encode_month) begins and ends: its head
# on the first line, one entry a line, then the end. Readers that look into the text
# before decoding it (a search, the greeting's counts) rely on this layout, and decode
# anything else in full.
MONTH_HEAD = f'{{"schema_version": {CURRENT_VERSION[ENTRIES]}, "month": '
MONTH_TAIL = "]}\n"


class MigrationError(ValueError):
    """An older document is too damaged to update; nothing is written."""


def _journal_1_to_2(doc: Document) -> Document:
    """Version 1 (the preview format) kept the toolkit as plain names and lapses as dates."""
    toolkit = doc.get("toolkit", [])
    if not isinstance(toolkit, list):
        raise MigrationError(f"'toolkit' must be a list of names, found {toolkit!r:.40}")
    doc["toolkit"] = [{"name": t} if isinstance(t, str) else t for t in toolkit]
    clocks = doc.get("clocks", [])
    for clock in clocks if isinstance(clocks, list) else []:
        lapses = clock.get("lapses", []) if isinstance(clock, dict) else []
        for lapse in lapses if isinstance(lapses, list) else []:
            if isinstance(lapse, dict) and "at" not in lapse and "date" in lapse:
                day = _as_date(lapse.pop("date"))
                # Noon UTC falls on the same calendar day in nearly every time zone.
                lapse["at"] = datetime.combine(day, time(12), tzinfo=UTC)
    return doc


def _entries_1_to_2(doc: Document) -> Document:
    """Version 1 stored tags and HALT states as comma-separated text."""
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise MigrationError("'entries' must be a list of entries")
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        for key in ("tags", "halt", "triggers", "coping"):
            if isinstance(entry.get(key), str):
                entry[key] = [p.strip() for p in entry[key].split(",") if p.strip()]
    return doc


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise MigrationError(f"lapse date {value!r:.40} is not a date (YYYY-MM-DD)") from None


# MIGRATIONS[kind][n] turns version n into version n + 1.
MIGRATIONS: dict[str, dict[int, Migration]] = {
    JOURNAL: {1: _journal_1_to_2},
    ENTRIES: {1: _entries_1_to_2},
    CONFIG: {},
    CRISIS: {},
}


def document_version(kind: str, doc: Document, path: Path) -> int:
    version = doc.get("schema_version")
    if version is None:
        raise DataError(f"{path}: missing 'schema_version'", hint=CHECK_FILES)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataError(f"{path}: 'schema_version' must be a whole number, found {version!r}")
    current = CURRENT_VERSION[kind]
    if version > current:
        raise DataError(
            f"{path} was written by a newer recoverylog (schema_version {version}; "
            f"this version reads up to {current})",
            hint=f"{UPGRADE} (pip install -U recoverylog); nothing was changed",
        )
    return version


def needs_migration(kind: str, doc: Document, path: Path) -> bool:
    return document_version(kind, doc, path) < CURRENT_VERSION[kind]


def migrate(kind: str, doc: Document, path: Path) -> Document:
    """Run every migration from the document's version up to the current one.

    Works on a copy: the document given is left as it was. A document too damaged to
    update is a DataError naming the file (the caller writes nothing)."""
    version = document_version(kind, doc, path)
    if version == CURRENT_VERSION[kind]:
        return doc
    doc = copy.deepcopy(doc)
    while version < CURRENT_VERSION[kind]:
        step = MIGRATIONS[kind].get(version)
        if step is None:
            raise DataError(f"{path}: no migration from schema_version {version}")
        try:
            doc = step(doc)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise DataError(
                f"{path} could not be updated from schema_version {version}: {exc}",
                hint=FIX_BY_HAND_HINT,
            ) from exc
        version += 1
        doc["schema_version"] = version
    return doc
