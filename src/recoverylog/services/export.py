"""Export everything as one versioned document, or every entry and lapse as CSV rows.

An export holds clocks with their whole history, the toolkit, people, goals, plan,
settings and every entry; ``recoverylog import`` reads it back (services/imports).
It is made piece by piece, one month of entries at a time, so that a journal of any
size is never held whole; the text is the same as one whole document written at once.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from heapq import merge
from typing import TYPE_CHECKING, Any, cast

from recoverylog.domain.codec import entry_to_dict, journal_to_dict
from recoverylog.domain.model import Entry
from recoverylog.services.shapes import ExportJournalJson, ExportJson
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema

if TYPE_CHECKING:
    from recoverylog.services.lapses import Record

EXPORT_KIND = "recoverylog-export"
EXPORT_VERSION = 1
EXPORT_HEADER = (
    "# recoverylog export: your whole journal (clocks, toolkit, people, settings, entries).\n"
    "# It is private: keep it somewhere safe. Import with: recoverylog import FILE\n\n"
)


def export_head(ws: Workspace) -> ExportJson:
    """Everything in the home but the entries (dates as date objects; see ``as_json``)."""
    from recoverylog.config import load_raw

    stored = journal_to_dict(ws.journal(), schema.CURRENT_VERSION[schema.JOURNAL])
    stored.pop("schema_version", None)
    # The journal's own table, unknown keys and all, so an import gets back what was kept.
    journal_part = cast(ExportJournalJson, stored)
    config = dict(load_raw(ws.layout.config_file, ws.store.io))
    config.pop("schema_version", None)
    return {
        "kind": EXPORT_KIND,
        "export_version": EXPORT_VERSION,
        "schema_versions": dict(schema.CURRENT_VERSION),
        "config": config,
        "journal": journal_part,
        "entries": [],
    }


# --- every entry, oldest first, a month at a time ----------------------------------------


def _order(record: Entry | Record) -> tuple[datetime, str]:
    """Oldest first; the same moment: by id, so the order never changes."""
    return record.at.astimezone(UTC), record.id


def _earliest_in(month: str) -> datetime:
    """No entry of this month's file, or of any later one, is earlier than this: an entry
    lives in the month of its own local time, and a UTC offset is less than a day."""
    year, number = map(int, month.split("-"))
    return datetime(year, number, 1, tzinfo=UTC) - timedelta(days=1)


def entries_oldest_first(ws: Workspace) -> Iterator[list[Entry]]:
    """Every entry in export order, in batches of about a month: before a month's file is
    read, every entry that must come before any of its own is given. (An entry moved by
    hand into the file of another month is given where it is found: never left out.)"""
    store = ws.store.entries
    pending: list[Entry] = []
    for month in store.months():
        ready = bisect_left(pending, _earliest_in(month), key=lambda e: e.at.astimezone(UTC))
        if ready:
            yield pending[:ready]
        pending = sorted(pending[ready:] + store.load_month(month), key=_order)
    if pending:
        yield pending


# --- JSON ------------------------------------------------------------------------------

# One encoder for every entry: json.dumps with options builds a new one on each call.
_ENTRY_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)
_NO_ENTRIES = "[]\n}\n"  # how the whole document ends before its entries are added
_ENTRY_INDENT = "\n    "  # an entry's lines inside the document's "entries" list


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def as_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(_jsonable(doc), ensure_ascii=False, indent=2) + "\n"


def _json_entry(entry: Entry) -> str:
    # An entry holds only what its month file's JSON held: nothing needs ``_jsonable``.
    return _ENTRY_INDENT + _ENTRY_ENCODER.encode(entry_to_dict(entry)).replace("\n", _ENTRY_INDENT)


def _json_chunks(head: str, batches: Iterable[list[Entry]]) -> Iterator[str]:
    """The document, its entries written into the head's empty list a batch at a time."""
    opened = False
    for batch in batches:
        text = ",".join(map(_json_entry, batch))
        yield f"{head.removesuffix(_NO_ENTRIES)}[{text}" if not opened else f",{text}"
        opened = True
    yield "\n  ]\n}\n" if opened else head


# --- TOML ------------------------------------------------------------------------------


def as_toml(doc: Mapping[str, Any]) -> str:
    from recoverylog.store.tomlfile import dump_toml

    return EXPORT_HEADER + dump_toml(dict(doc))


def _toml_table(entry: Mapping[str, Any]) -> str:
    """The entry as one ``[[entries]]`` table of the list, as the whole document has it."""
    from recoverylog.store.tomlfile import dump_toml

    return "\n[" + dump_toml({"entries": entry}).replace("]\n", "]]\n", 1)


def _fits_inline(entry: Mapping[str, Any]) -> bool:
    """TOML writes a list of tables inline only when every one of them is this short."""
    from recoverylog.store.tomlfile import dump_toml

    return dump_toml({"entries": [entry]}).startswith("entries = ")


def _toml_chunks(head: ExportJson, batches: Iterable[list[Entry]]) -> Iterator[str]:
    """The document, then its entries as tables a batch at a time. Entries short enough
    to be written inline wait until one is not; if none is, the list is written inline,
    before the tables, as in the whole document."""
    short: list[dict[str, Any]] | None = []
    for batch in batches:
        raws = [entry_to_dict(e) for e in batch]
        if short is not None and all(map(_fits_inline, raws)):
            short += raws
            continue
        if short is not None:
            yield as_toml({k: v for k, v in head.items() if k != "entries"})
            raws, short = short + raws, None
        yield "".join(map(_toml_table, raws))
    if short is not None:
        yield as_toml({**head, "entries": short})


def export_chunks(ws: Workspace, fmt: str) -> Iterator[str]:
    """The export as JSON or TOML text, piece by piece. The journal and settings are read
    now, so that a damaged one stops the command before anything is written."""
    head = export_head(ws)
    batches = entries_oldest_first(ws)
    if fmt == "toml":
        return _toml_chunks(head, batches)
    return _json_chunks(as_json(head), batches)


# --- CSV -------------------------------------------------------------------------------


def export_records(ws: Workspace) -> Iterator[list[dict[str, Any]]]:
    """Every entry and lapse as 'list' shows them, oldest first (the same moment: by id,
    so the order never changes): the rows of a CSV export, a thousand at a time. The
    journal is read now, so that a damaged one stops the command before anything is
    written."""
    from recoverylog.services.lapses import LapseRecord

    lapses = [LapseRecord(c, lapse) for c in ws.journal().clocks for lapse in c.lapses]
    entries = (entry for batch in entries_oldest_first(ws) for entry in batch)
    return _rows(ws, merge(entries, sorted(lapses, key=_order), key=_order))


CSV_BATCH = 1000  # rows written at a time


def _rows(ws: Workspace, records: Iterable[Record]) -> Iterator[list[dict[str, Any]]]:
    from recoverylog.services.lapses import record_as_dict

    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record_as_dict(ws, record))
        if len(batch) == CSV_BATCH:
            yield batch
            batch = []
    yield batch
