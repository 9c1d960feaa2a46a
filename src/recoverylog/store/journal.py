"""journal.toml: clocks with their full history, the coping toolkit, people and plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recoverylog.domain.codec import SchemaError, journal_from_dict, journal_to_dict
from recoverylog.domain.model import Journal
from recoverylog.errors import DataError
from recoverylog.messages import FIX_BY_HAND
from recoverylog.store import schema
from recoverylog.store.files import FileIO
from recoverylog.store.tomlfile import save_toml

HEADER = (
    "# recoverylog journal: clocks, coping toolkit, people and plan.\n"
    "# Safe to edit by hand while recoverylog is not running; keep schema_version.\n\n"
)


def journal_from_doc(doc: dict[str, Any] | None, path: Path) -> Journal:
    """The journal from a current-version document (an empty one if there is none)."""
    if doc is None:
        return Journal()
    schema.document_version(schema.JOURNAL, doc, path)
    try:
        return journal_from_dict(doc)
    except SchemaError as exc:
        raise DataError(f"{path}: {exc}", hint=FIX_BY_HAND) from exc


def save_journal(path: Path, journal: Journal, io: FileIO) -> None:
    doc = journal_to_dict(journal, schema.CURRENT_VERSION[schema.JOURNAL])
    save_toml(path, doc, io, HEADER)
