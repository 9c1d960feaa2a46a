"""Export everything as one versioned document, or every entry and lapse as CSV rows.

An export holds clocks with their whole history, the toolkit, people, goals, plan,
settings and every entry; ``recoverylog import`` reads it back (services/imports).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from recoverylog.domain.codec import entry_to_dict, journal_to_dict
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema

EXPORT_KIND = "recoverylog-export"
EXPORT_VERSION = 1
EXPORT_HEADER = (
    "# recoverylog export: your whole journal (clocks, toolkit, people, settings, entries).\n"
    "# It is private: keep it somewhere safe. Import with: recoverylog import FILE\n\n"
)


def export_document(ws: Workspace) -> dict[str, Any]:
    """Everything in the home as one document (dates as date objects; see ``as_json``)."""
    from recoverylog.config import load_raw

    journal = ws.journal()
    journal_part = journal_to_dict(journal, schema.CURRENT_VERSION[schema.JOURNAL])
    journal_part.pop("schema_version", None)
    config = dict(load_raw(ws.layout.config_file, ws.store.io))
    config.pop("schema_version", None)
    entries = sorted(ws.store.entries.iter_range(), key=lambda e: (e.at.astimezone(UTC), e.id))
    return {
        "kind": EXPORT_KIND,
        "export_version": EXPORT_VERSION,
        "schema_versions": dict(schema.CURRENT_VERSION),
        "config": config,
        "journal": journal_part,
        "entries": [entry_to_dict(e) for e in entries],
    }


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


def as_toml(doc: Mapping[str, Any]) -> str:
    from recoverylog.store.tomlfile import dump_toml

    return EXPORT_HEADER + dump_toml(dict(doc))


def export_text(ws: Workspace, fmt: str) -> str:
    doc = export_document(ws)
    return as_toml(doc) if fmt == "toml" else as_json(doc)


def export_records(ws: Workspace) -> list[dict[str, Any]]:
    """Every entry and lapse as 'list' shows them, oldest first (the same moment: by id,
    so the order never changes): the rows of a CSV export."""
    from recoverylog.services.lapses import LapseRecord, Record, record_as_dict

    records: list[Record] = list(ws.store.entries.iter_range())
    records += [LapseRecord(c, lapse) for c in ws.journal().clocks for lapse in c.lapses]
    records.sort(key=lambda r: (r.at.astimezone(UTC), r.id))
    return [record_as_dict(ws, r) for r in records]
