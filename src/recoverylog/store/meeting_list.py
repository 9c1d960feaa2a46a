"""meetings.json: the meeting list last imported, kept whole and replaced whole by the
next import. Sealed like every data file in an encrypted home, and in every backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from recoverylog.domain.meeting_list import ListedMeeting, meeting_from_dict, meeting_to_dict
from recoverylog.errors import DataError, InvalidInput, not_json
from recoverylog.store.files import FileIO

VERSION = 1


class KeptList(NamedTuple):
    meetings: list[ListedMeeting]
    source: str  # the name of the file it was imported from
    imported: str  # when, ISO 8601


def load_meeting_list(io: FileIO) -> KeptList | None:
    """The list kept in the home; None when none was imported."""
    path = io.layout.meetings_file
    text = io.read_text(path)
    return None if text is None else check_meeting_list(text, path)


def check_meeting_list(text: str, path: Path) -> KeptList:
    """meetings.json's text (in the home, or in a copy of it) read and checked; a damaged
    one is a DataError."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(not_json(path, exc), hint=_AGAIN) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("meetings"), list):
        raise DataError(f"{path} does not hold a meeting list", hint=_AGAIN)
    if doc.get("schema_version") != VERSION:
        raise DataError(f"{path} was written by a newer recoverylog", hint=_AGAIN)
    return KeptList(_meetings(doc["meetings"], path), str(doc.get("source", "")), _imported(doc))


def _meetings(items: list[Any], path: object) -> list[ListedMeeting]:
    try:
        return [meeting_from_dict(item) for item in items if isinstance(item, dict)]
    except InvalidInput as exc:
        raise DataError(f"{path}: {exc.message}", hint=_AGAIN) from exc


def _imported(doc: dict[str, Any]) -> str:
    return str(doc.get("imported", ""))


def save_meeting_list(io: FileIO, kept: KeptList) -> None:
    doc = {
        "schema_version": VERSION,
        "source": kept.source,
        "imported": kept.imported,
        "meetings": [meeting_to_dict(m) for m in kept.meetings],
    }
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    io.write(io.layout.meetings_file, data + b"\n")


_AGAIN = "import your meeting list again: recoverylog meetings import FILE"
