"""Import: a recoverylog export, a jrnl JSON export or a CSV file, merged by id, safely.

Importing merges by id: what is new is added, what is the same is left alone, and when
the two copies of the same thing differ, the rules of domain/merge decide which is kept;
every such difference is reported with the copy kept and why. Imports from jrnl (its
JSON export) and from CSV become entries with ids derived from their content, so
importing the same file twice changes nothing. A backup is taken before anything is
written; ``dry_run`` writes nothing at all.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from recoverylog.errors import InvalidInput
from recoverylog.services.imports.csvfile import read_csv
from recoverylog.services.imports.document import check_export, parse_export, read_export
from recoverylog.services.imports.jrnl import read_jrnl
from recoverylog.services.imports.merging import merge
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.imports.streamed import import_export
from recoverylog.services.workspace import Workspace

# What a file's extension says it holds, when --from does not say. A jrnl export is JSON
# too, so it always needs --from jrnl (importing it as an export says so).
SOURCE_BY_EXTENSION = {".json": "recoverylog", ".toml": "recoverylog", ".csv": "csv"}


def source_for(path: Path) -> str:
    """The kind of file ``path`` names: from its extension; none at all is an export."""
    suffix = path.suffix.lower()
    if not suffix:
        return "recoverylog"
    if suffix not in SOURCE_BY_EXTENSION:
        raise InvalidInput(
            f"cannot tell from its name what {path.name} holds",
            hint="a recoverylog export ends in .json or .toml, a CSV in .csv; or say which "
            "with --from recoverylog, --from jrnl or --from csv",
        )
    return SOURCE_BY_EXTENSION[suffix]


def import_file(
    ws: Workspace, path: Path, source: str | None = None, dry_run: bool = False
) -> ImportResult:
    """Import an export, a jrnl JSON export or a CSV file into the home; without a
    ``source``, the file's extension says which."""
    from recoverylog.services.reports import read_user_file

    source = source or source_for(path)
    where = str(path)
    if source == "recoverylog":
        return import_export(ws, path, dry_run, partial(_whole_export, ws, where, dry_run))
    text = read_user_file(path, "file to import")
    if source == "jrnl":
        result = ImportResult("jrnl", dry_run)
        return merge(ws, result, read_jrnl(ws, text, where, result))
    if source == "csv":
        result = ImportResult("csv", dry_run)
        entries, lapses = read_csv(ws, text, result)
        return merge(ws, result, entries, lapses)
    raise InvalidInput(f"unknown source '{source}' (use recoverylog, jrnl or csv)")


def _whole_export(ws: Workspace, where: str, dry_run: bool, text: str) -> ImportResult:
    """An export read whole: TOML, or JSON laid out otherwise than an export."""
    journal, entries, config = read_export(parse_export(text, where), where)
    result = ImportResult("recoverylog", dry_run)
    check_export(ws, journal, entries, where, result)
    return merge(ws, result, entries, journal, config)


__all__ = ["ImportResult", "import_file", "source_for"]
