"""journal.toml: clocks with their full history, the coping toolkit, people and plan.

It also keeps, in two tables of its own, when each thing in it was last changed and
what was deleted when: what a merge of two computers' copies needs (domain/sync_merge).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recoverylog.domain.codec import SchemaError, journal_from_dict, journal_to_dict
from recoverylog.domain.model import CHANGED_KEY, DELETED_KEY, Journal
from recoverylog.errors import DataError
from recoverylog.messages import FIX_BY_HAND
from recoverylog.store import schema
from recoverylog.store.files import FileIO
from recoverylog.store.tomlfile import dump_toml, encode_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from recoverylog.domain.sync_merge import Items, Version

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
        own = {k: v for k, v in doc.items() if k not in (CHANGED_KEY, DELETED_KEY)}
        return journal_from_dict(own)
    except SchemaError as exc:
        raise DataError(f"{path}: {exc}", hint=FIX_BY_HAND) from exc


def journal_with_history(doc: dict[str, Any] | None, path: Path) -> tuple[Journal, Version]:
    """The journal, and its record of changes with its items as they are now."""
    from recoverylog.domain.sync_merge import history_of

    journal = journal_from_doc(doc, path)
    history = history_of(doc or {})
    history.items = items_of(journal)
    return journal, history


def items_of(journal: Journal) -> Items:
    from recoverylog.domain.sync_merge import journal_items

    return journal_items(journal_to_dict(journal, schema.CURRENT_VERSION[schema.JOURNAL]))


def journal_bytes(journal: Journal, history: Version) -> bytes:
    """journal.toml as written, with ``history``'s changes and deletions."""
    from recoverylog.domain.sync_merge import with_history

    doc = journal_to_dict(journal, schema.CURRENT_VERSION[schema.JOURNAL])
    return encode_text(HEADER + dump_toml(with_history(doc, history)))


def save_journal(path: Path, journal: Journal, io: FileIO, history: Version) -> None:
    io.write(path, journal_bytes(journal, history))
