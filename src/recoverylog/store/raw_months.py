"""Month files read as they are stored, for the greeting's counts (services/weekly.py):
no migration, no decryption and nothing written, so that `greet` stays quick. Anything
that is not a plain month file of this version is a DataError, and the greeting leaves
its counts out; the commands that read the journal properly say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from recoverylog.errors import DataError
from recoverylog.store.atomic import read_bytes
from recoverylog.store.schema import CURRENT_VERSION, ENTRIES


def raw_month(entries_dir: Path, month: str) -> list[dict[str, Any]]:
    """The month's stored records (none when it has no file)."""
    data = read_bytes(entries_dir / f"{month}.json")
    if data is None:
        return []
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise DataError(f"{month}: not a month file") from exc
    if not isinstance(doc, dict) or doc.get("schema_version") != CURRENT_VERSION[ENTRIES]:
        raise DataError(f"{month}: not a month file of this version")
    records = doc.get("entries")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DataError(f"{month}: no list of entries")
    return records
