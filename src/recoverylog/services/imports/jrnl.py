"""Reading a jrnl JSON export: each of its entries becomes a journal note, with an id
derived from what it holds, so importing the same file twice changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain.model import Entry, EntryType
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.services.imports.checks import (
    default_clock,
    derived_id,
    load_json,
    past_moment,
    reason,
)
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace


def read_jrnl(ws: Workspace, text: str, where: str, result: ImportResult) -> list[Entry]:
    """Journal notes from ``jrnl --format json``: top-level "tags" and "entries", each
    entry with date, time, title, body, tags (with their @) and starred."""
    doc = load_json(text, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise DataError(
            f"{where} is not a jrnl JSON export (no 'entries' list)",
            hint="make one with: jrnl --format json > journal.json",
        )
    clock = default_clock(ws)
    out: list[Entry] = []
    for number, raw in enumerate(doc["entries"], start=1):
        try:
            out.append(_jrnl_entry(ws, raw, clock))
        except (RecoveryLogError, ValueError, TypeError, KeyError) as exc:
            result.problems.append(f"jrnl entry {number}: {reason(exc)}")
    return out


def _jrnl_entry(ws: Workspace, raw: Any, clock: str | None) -> Entry:
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    day = date.fromisoformat(str(raw["date"]))
    clock_time = time.fromisoformat(str(raw.get("time") or "09:00"))
    at = datetime.combine(day, clock_time, tzinfo=ws.tz)
    past_moment(ws, at, "the entry")
    at = ws.local(at)
    title = str(raw.get("title") or "").strip()
    body = str(raw.get("body") or "").strip()
    text = "\n".join(part for part in (title, body) if part)
    tags = fields.tags([str(t) for t in raw.get("tags") or []])
    if raw.get("starred") is True and "starred" not in tags:
        tags.append("starred")
    basis = raw.get("uuid") or f"{day.isoformat()}|{clock_time.isoformat()}|{title}|{body}"
    return Entry(
        id=derived_id("jrnl", str(basis)),
        type=EntryType.NOTE,
        at=at,
        clock=clock,
        note=fields.note(text),
        tags=tags,
        data={},
        created=at,
        extra={"source": "jrnl"},
    )
