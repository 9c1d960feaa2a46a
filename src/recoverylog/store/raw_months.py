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
from recoverylog.store.schema import CURRENT_VERSION, ENTRIES, MONTH_HEAD

# A month file as entries.encode_month writes it (schema.MONTH_HEAD) is read a line at a
# time, and only the lines of the days asked for are decoded; any other file is decoded
# whole.
_HEAD_END = '"entries": ['
_END = ["]}", ""]
_AT = '"at": "'  # a quote inside a text is always escaped, so this is only ever a key


def raw_month(
    entries_dir: Path, month: str, first_day: str = "", last_day: str = "9999"
) -> list[dict[str, Any]]:
    """The month's stored records (none when it has no file). In a file this version
    wrote, only those whose "at" begins with a day from ``first_day`` to ``last_day``
    (YYYY-MM-DD) are read; elsewhere, all of them."""
    data = read_bytes(entries_dir / f"{month}.json")
    if data is None:
        return []
    try:
        text = data.decode("utf-8")
        lines = text.split("\n")
        if lines[0].startswith(MONTH_HEAD) and lines[0].endswith(_HEAD_END) and lines[-2:] == _END:
            return _lines_of_days(lines[1:-2], first_day, last_day)
        return _whole(json.loads(text), month)
    except (ValueError, RecursionError, AttributeError) as exc:
        raise DataError(f"{month}: not a month file of this version") from exc


def _lines_of_days(lines: list[str], first_day: str, last_day: str) -> list[dict[str, Any]]:
    chosen = [
        line.removesuffix(",") for line in lines if _may_be_of_days(line, first_day, last_day)
    ]
    records = json.loads(f"[{','.join(chosen)}]")  # one decoding: quicker than one a line
    if len(records) != len(chosen) or not all(isinstance(r, dict) for r in records):
        raise ValueError("an entry a line, each an object, was expected")
    return list(records)


def _may_be_of_days(line: str, first_day: str, last_day: str) -> bool:
    """False only when the line's one "at" begins with a day outside the range."""
    start = line.find(_AT) + len(_AT)
    if start < len(_AT) or line.find(_AT, start) >= 0:
        return True  # none, or more than one: decode the line to know
    return first_day <= line[start : start + 10] <= last_day


def _whole(doc: Any, month: str) -> list[dict[str, Any]]:
    if not isinstance(doc, dict) or doc.get("schema_version") != CURRENT_VERSION[ENTRIES]:
        raise ValueError("not a month file of this version")
    records = doc.get("entries")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError("no list of entries")
    return records
