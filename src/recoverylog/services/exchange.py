"""Export everything as one versioned document, and import: merge by id, safely.

An export holds clocks with their whole history, the toolkit, people, goals, plan,
settings and every entry. Importing merges by id: what is new is added, what is the
same is left alone, and when the two copies of the same thing differ, one rule decides:
the newer wins where the records say when they were changed (an entry's ``updated``,
else ``created``, else its time; any other record's ``updated``), and otherwise the
copy already in the home stays. Every such difference is reported with the copy kept
and why. Imports from jrnl
(its JSON export) and from CSV become entries with ids derived from their content, so
importing the same file twice changes nothing. A backup is taken before anything is
written; ``dry_run`` writes nothing at all.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain.codec import (
    SchemaError,
    entry_from_dict,
    entry_to_dict,
    journal_from_dict,
    journal_to_dict,
    lapse_from_dict,
)
from recoverylog.domain.csvcells import CSV_COLUMNS, FIELD_COLUMNS, split_list
from recoverylog.domain.csvguard import unguard_cell
from recoverylog.domain.merge import (
    MergeTally,
    instant,
    merge_journal,
    merge_settings,
    named_techniques,
    plan_entries,
)
from recoverylog.domain.model import (
    TYPE_FIELDS,
    Clock,
    Entry,
    EntryType,
    Journal,
    Lapse,
    Technique,
    short_id,
)
from recoverylog.errors import DataError, InvalidInput, RecoveryLogError, not_json
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema

EXPORT_KIND = "recoverylog-export"
EXPORT_VERSION = 1
CONFIG_HEADER = "# recoverylog settings (see 'recoverylog config show')\n"
EXPORT_HEADER = (
    "# recoverylog export: your whole journal (clocks, toolkit, people, settings, entries).\n"
    "# It is private: keep it somewhere safe. Import with: recoverylog import FILE\n\n"
)


# --- export --------------------------------------------------------------------------


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


# --- results ------------------------------------------------------------------------


@dataclass
class ImportResult(MergeTally):
    """What an import did (or, in a dry run, would do), and what it could not read."""

    source: str  # recoverylog, jrnl, csv
    dry_run: bool
    problems: list[str] = field(default_factory=list)  # rows or records not imported
    backup: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "added": dict(self.added),
            "updated": self.updated,
            "replaced": dict(self.replaced),
            "unchanged": self.unchanged,
            "conflicts": [c.__dict__ for c in self.conflicts],
            "problems": list(self.problems),
            "notices": list(self.notices),
            "backup": self.backup,
        }


# --- reading documents -----------------------------------------------------------------


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"
)
_TEXT_KEYS = frozenset({"name", "note", "description", "text", "role", "phone", "email", "hide"})


def _revive(value: Any, key: str | None = None) -> Any:
    """JSON has no dates: turn ISO date strings in free-form tables back into dates, so a
    JSON round trip gives the same journal.toml as a TOML one. Text keys are left alone."""
    if isinstance(value, Mapping):
        return {k: _revive(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v, key) for v in value]
    if isinstance(value, str) and key not in _TEXT_KEYS:
        if _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        if _ISO_DATETIME.match(value):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
    return value


def _load_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(not_json(where, exc)) from exc
    except RecursionError as exc:
        raise DataError(f"{where} is nested too deeply to be an export") from exc


def parse_export(text: str, where: str) -> dict[str, Any]:
    """An export document from JSON or TOML text (told apart by the first character)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        doc = _load_json(text, where)
        from_json = True
    else:
        from recoverylog.store.tomlfile import parse_toml

        doc = parse_toml(text, Path(where))
        from_json = False
    if not isinstance(doc, dict) or doc.get("kind") != EXPORT_KIND:
        hint = None
        if isinstance(doc, dict) and "entries" in doc and "tags" in doc:
            hint = "this looks like a jrnl export: use --from jrnl"
        raise DataError(f"{where} is not a recoverylog export", hint=hint)
    version = doc.get("export_version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise DataError(
            f"{where} is export version {version}, newer than this recoverylog reads "
            f"({EXPORT_VERSION})",
            hint="update recoverylog, then import it",
        )
    versions = doc.get("schema_versions") or {}
    for kind in (schema.JOURNAL, schema.ENTRIES):
        found = versions.get(kind) if isinstance(versions, dict) else None
        if isinstance(found, int) and found > schema.CURRENT_VERSION[kind]:
            raise DataError(
                f"{where} holds {kind} data of schema version {found}, newer than this "
                f"recoverylog knows ({schema.CURRENT_VERSION[kind]})",
                hint="update recoverylog, then import it",
            )
    if from_json:
        journal = doc.get("journal") or {}
        if isinstance(journal, dict):
            for key in list(journal):
                if key not in ("clocks", "toolkit"):
                    journal[key] = _revive(journal[key], None if key != "people" else key)
        if isinstance(doc.get("config"), dict):
            doc["config"] = _revive(doc["config"])
    return doc


def _read_export(doc: Mapping[str, Any], where: str) -> tuple[Journal, list[Entry], dict[str, Any]]:
    journal_raw = doc.get("journal") or {}
    if not isinstance(journal_raw, dict):
        raise DataError(f"{where}: 'journal' must be a table")
    try:
        journal = journal_from_dict(journal_raw)
    except SchemaError as exc:
        raise DataError(f"{where}: {exc}") from exc
    raw_entries = doc.get("entries") or []
    if not isinstance(raw_entries, list):
        raise DataError(f"{where}: 'entries' must be a list")
    entries = []
    for i, raw in enumerate(raw_entries):
        try:
            entries.append(entry_from_dict(raw, f"entries[{i}]"))
        except SchemaError as exc:
            raise DataError(f"{where}: {exc}", hint="nothing was imported") from exc
    config = doc.get("config") or {}
    if not isinstance(config, dict):
        raise DataError(f"{where}: 'config' must be a table")
    return journal, entries, config


# --- checking an export as the command line checks what is typed -----------------------

# The ids recoverylog makes (an entry's 32 hex digits; a lapse's 8, or 14 digits in older
# homes): 'show', 'edit' and 'delete' find a record by the start of such an id.
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")
_LAPSE_ID = re.compile(r"^[0-9a-f]{8,32}$")


def _check_export(
    ws: Workspace, journal: Journal, entries: list[Entry], where: str, result: ImportResult
) -> None:
    """Every record of an export checked with the rules of typed input: a record that
    breaks one is named, and nothing is imported (as for a malformed record). An id that
    'show' could not find is replaced by one derived from the record, and said."""

    def check(record: str, rule: Callable[[], None]) -> None:
        try:
            rule()
        except (InvalidInput, ValueError) as exc:
            raise DataError(
                f"{where}: {record}: {_reason(exc)}", hint="nothing was imported"
            ) from exc

    for i, clock in enumerate(journal.clocks):
        check(f"clocks[{i}]", partial(_check_clock, ws, clock, result))
    for i, technique in enumerate(journal.toolkit):
        check(f"toolkit[{i}]", partial(_check_technique, technique))
    for i, person in enumerate(journal.people):
        check(f"people[{i}]", partial(_check_person, person))
    for i in range(len(entries)):
        check(f"entries[{i}]", partial(_check_entry, ws, entries, i, result))


def _check_clock(ws: Workspace, clock: Clock, result: ImportResult) -> None:
    clock.name = fields.name(clock.name, "clock name")
    if clock.clean_since_at is not None:
        _inside_calendar(ws, clock.clean_since_at, "the clean-since time")
    for lapse in clock.lapses:
        _check_lapse(ws, clock.name, lapse, result)


def _check_lapse(ws: Workspace, clock: str, lapse: Lapse, result: ImportResult) -> None:
    """A lapse as typed input is checked; an id recoverylog cannot reach gets a new one."""
    _past_moment(ws, lapse.at, "the lapse")
    fields.note(lapse.note)
    lapse.triggers = fields.text_list(lapse.triggers, "trigger")
    if not _LAPSE_ID.match(lapse.id):
        old = lapse.id
        lapse.id = _derived_id("lapse", f"{clock}|{lapse.at.isoformat()}|{old}")[:8]
        result.notices.append(_new_id_notice(f"a lapse of '{clock}'", old, lapse.id))


def _check_technique(technique: Technique) -> None:
    technique.name = fields.name(technique.name, "technique")
    fields.note(technique.description)


def _check_person(person: dict[str, Any]) -> None:
    person["name"] = fields.name(str(person.get("name") or ""), "name")
    if isinstance(person.get("note"), str):
        fields.note(person["note"])


def _check_entry(ws: Workspace, entries: list[Entry], index: int, result: ImportResult) -> None:
    """The entry as 'log' would take it; only its id may change (see ``_check_export``)."""
    from recoverylog.services.entries import validate_data

    entry = entries[index]
    _past_moment(ws, entry.at, "the entry")
    for moment in (entry.created, entry.updated):
        if moment is not None:
            _inside_calendar(ws, moment, "the time it was written")
    fields.note(entry.note)
    fields.tags(entry.tags)
    if entry.clock is not None:
        fields.name(entry.clock, "clock name")
    validate_data(entry.type, entry.data)
    if not _HEX_ID.match(entry.id):
        basis = json.dumps([entry.id, entry_to_dict(entry)], sort_keys=True, default=str)
        new_id = _derived_id("recoverylog", basis)
        result.notices.append(_new_id_notice(f"entries[{index}]", entry.id, new_id))
        entries[index] = replace(entry, id=new_id)


def _new_id_notice(what: str, old: str, new: str) -> str:
    return f"{what}: its id '{old}' cannot be used, so it has a new id: {short_id(new)}"


def _past_moment(ws: Workspace, at: datetime, what: str) -> None:
    """A moment the command line could have logged: from 1900 on, and not to come."""
    from recoverylog.domain.timeparse import EARLIEST_DAY
    from recoverylog.services.entries import check_not_future

    if _inside_calendar(ws, at, f"the time of {what}").date() < EARLIEST_DAY:
        raise ValueError(f"the time of {what} is before {EARLIEST_DAY:%Y-%m-%d}")
    check_not_future(ws, at)


def _inside_calendar(ws: Workspace, at: datetime, what: str) -> datetime:
    """``at`` in your time zone, if it has a place in the calendar there and in UTC."""
    try:
        at.astimezone(UTC)
        return ws.local(at)
    except OverflowError:
        raise ValueError(f"{what} falls outside the dates recoverylog can count") from None


# --- importing -----------------------------------------------------------------------


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
    text = read_user_file(path, "file to import")
    where = str(path)
    if source == "recoverylog":
        journal, entries, config = _read_export(parse_export(text, where), where)
        result = ImportResult("recoverylog", dry_run)
        _check_export(ws, journal, entries, where, result)
        return merge(ws, result, entries, journal, config)
    if source == "jrnl":
        result = ImportResult("jrnl", dry_run)
        return merge(ws, result, read_jrnl(ws, text, where, result))
    if source == "csv":
        result = ImportResult("csv", dry_run)
        entries, lapses = read_csv(ws, text, result)
        return merge(ws, result, entries, lapses)
    raise InvalidInput(f"unknown source '{source}' (use recoverylog, jrnl or csv)")


def merge(
    ws: Workspace,
    result: ImportResult,
    entries: Sequence[Entry],
    journal: Journal | None = None,
    config: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Merge by id under the writer lock; a backup first. A dry run writes nothing at
    all, not even the lock file (or the home's folder, when there is none yet): it only
    reads, and every file it reads is replaced whole when written, never in part."""
    import contextlib

    from recoverylog.services.safety import take_backup

    version = schema.CURRENT_VERSION[schema.JOURNAL]
    with contextlib.nullcontext() if result.dry_run else ws.store.writing():
        current = copy.deepcopy(ws.reload_journal())
        before = journal_to_dict(current, version)
        merged = merge_journal(current, journal, result) if journal is not None else current
        missing = [t for t in named_techniques(entries) if merged.find_technique(t) is None]
        if missing:
            merged.toolkit.extend(Technique(name) for name in missing)
            result.add("techniques", len(missing))
        new_config = _merge_config(ws, config or {}, result)
        existing = {e.id: e for e in ws.store.entries.iter_range()}
        fresh, newer = plan_entries(existing, entries, result)
        if result.dry_run or not result.changes:
            return result
        info = take_backup(ws, "import")
        result.backup = info.name if info else None
        if journal_to_dict(merged, version) != before:
            ws.save_journal(merged)
        if new_config is not None:
            from recoverylog.store.tomlfile import save_toml

            save_toml(ws.layout.config_file, new_config, ws.store.io, CONFIG_HEADER)
        ws.store.entries.append_many(fresh)
        for old, new in newer:
            ws.store.entries.replace(old, new)
    return result


def _merge_config(
    ws: Workspace, incoming: Mapping[str, Any], result: ImportResult
) -> dict[str, Any] | None:
    """The home's settings with those it does not have yet added (see
    ``merge_settings``), checked as 'config set' would check them; None if none is new."""
    from recoverylog.config import load_raw

    incoming = {k: v for k, v in incoming.items() if k != "schema_version"}
    if not incoming:
        return None
    current = dict(load_raw(ws.layout.config_file, ws.store.io))
    merged, added = merge_settings(current, incoming, result)
    if not added:
        return None
    from recoverylog.config import settings_values

    settings_values(merged, "the settings in the file")
    result.add("settings", added)
    merged["schema_version"] = schema.CURRENT_VERSION[schema.CONFIG]
    return merged


# --- jrnl ---------------------------------------------------------------------------------


def read_jrnl(ws: Workspace, text: str, where: str, result: ImportResult) -> list[Entry]:
    """Journal notes from ``jrnl --format json``: top-level "tags" and "entries", each
    entry with date, time, title, body, tags (with their @) and starred."""
    doc = _load_json(text, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise DataError(
            f"{where} is not a jrnl JSON export (no 'entries' list)",
            hint="make one with: jrnl --format json > journal.json",
        )
    clock = _default_clock(ws)
    out: list[Entry] = []
    for number, raw in enumerate(doc["entries"], start=1):
        try:
            out.append(_jrnl_entry(ws, raw, clock))
        except (RecoveryLogError, ValueError, TypeError, KeyError) as exc:
            result.problems.append(f"jrnl entry {number}: {_reason(exc)}")
    return out


def _jrnl_entry(ws: Workspace, raw: Any, clock: str | None) -> Entry:
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    day = date.fromisoformat(str(raw["date"]))
    clock_time = time.fromisoformat(str(raw.get("time") or "09:00"))
    at = datetime.combine(day, clock_time, tzinfo=ws.tz)
    _past_moment(ws, at, "the entry")
    at = ws.local(at)
    title = str(raw.get("title") or "").strip()
    body = str(raw.get("body") or "").strip()
    text = "\n".join(part for part in (title, body) if part)
    tags = fields.tags([str(t) for t in raw.get("tags") or []])
    if raw.get("starred") is True and "starred" not in tags:
        tags.append("starred")
    basis = raw.get("uuid") or f"{day.isoformat()}|{clock_time.isoformat()}|{title}|{body}"
    return Entry(
        id=_derived_id("jrnl", str(basis)),
        type=EntryType.NOTE,
        at=at,
        clock=clock,
        note=fields.note(text),
        tags=tags,
        data={},
        created=at,
        extra={"source": "jrnl"},
    )


def _derived_id(source: str, basis: str) -> str:
    return hashlib.sha256(f"{source}|{basis}".encode()).hexdigest()[:32]


def _default_clock(ws: Workspace) -> str | None:
    from recoverylog.services.workspace import optional_clock

    return optional_clock(ws, None)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecoveryLogError):
        return exc.message
    if isinstance(exc, KeyError):
        return f"missing '{exc.args[0]}'"
    return str(exc) or type(exc).__name__


# --- CSV ----------------------------------------------------------------------------------

# The documented columns (README, "Import from CSV") are csvcells.CSV_COLUMNS; type and
# at are required.
LIST_COLUMNS = frozenset({"tags", "triggers", "halt", "coping", "lapsed", "gratitude", "answers"})
INT_COLUMNS = frozenset({"intensity", "helped", "mood", "total"})
BOOL_COLUMNS = frozenset({"online", "clean"})
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def read_csv(ws: Workspace, text: str, result: ImportResult) -> tuple[list[Entry], Journal | None]:
    """Entries from a CSV with a header row, and its lapse rows as the clocks they
    belong to (to merge by id, as an export's are); rows that cannot be read are
    reported and skipped, never the whole file."""
    import csv
    import io

    # Lines end only at a line feed, so a bare carriage return in a cell that is not in
    # quotes is found and reported instead of silently cutting the row in two. Strict:
    # a quote that is never closed is reported, not read on to the end of the file.
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DataError(
            f"the CSV's header row cannot be read ({_csv_trouble(exc)})",
            hint="see README, 'Import from CSV', for the columns",
        ) from exc
    headers = [h.strip().lower() for h in header]
    if "type" not in headers or "at" not in headers:
        raise DataError(
            "the CSV needs a header row with at least the columns 'type' and 'at'",
            hint="see README, 'Import from CSV', for the columns",
        )
    unknown = [h for h in headers if h and h not in CSV_COLUMNS]
    if unknown:
        result.notices.append(
            "these columns are not recoverylog's and were left out: " + ", ".join(unknown)
        )
    journal = ws.journal()
    default_clock = _default_clock(ws)
    out: list[Entry] = []
    lapses: dict[str, list[Lapse]] = {}  # clock name -> lapses from the file
    while True:
        first = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(f"{_rows(first, reader.line_num)}: {_csv_trouble(exc)}")
            continue
        where = _rows(first, reader.line_num)
        if len(values) > len(headers) and any(v.strip() for v in values[len(headers) :]):
            result.problems.append(
                f"{where}: it has {len(values)} cells but the header row has {len(headers)}"
                " (a quote that is not closed, or a comma in a cell that is not in quotes?)"
            )
            continue
        cells = {
            k: unguard_cell(v if k == "note" else v.strip())
            for k, v in zip(headers, values, strict=False)
            if k in CSV_COLUMNS and v.strip()
        }
        if not cells:
            continue
        try:
            if cells.get("type", "").lower() == "lapse":
                clock, lapse = _csv_lapse(ws, journal, cells, default_clock, result)
                lapses.setdefault(clock, []).append(lapse)
            else:
                out.append(_csv_entry(ws, journal, cells, default_clock))
        except (RecoveryLogError, ValueError, TypeError, KeyError) as exc:
            result.problems.append(f"{where}: {_reason(exc)}")
    return out, _clocks_with(journal, lapses)


def _csv_lapse(
    ws: Workspace,
    journal: Journal,
    cells: dict[str, str],
    default_clock: str | None,
    result: ImportResult,
) -> tuple[str, Lapse]:
    """A lapse row (from 'list' or 'export'), for a clock this journal has: a lapse
    lives with its clock, and a CSV does not carry the clock itself."""
    name = cells.get("clock") or default_clock
    clock = journal.find_clock(name) if name else None
    if clock is None:
        raise ValueError(
            f"a lapse of '{name or '?'}', a clock this journal does not have "
            "(add it first: recoverylog clock add NAME --since DATE)"
        )
    raw: dict[str, Any] = {"at": cells.get("at", ""), "id": cells.get("id")}
    if cells.get("restart"):
        raw["restart"] = cells["restart"]
    if cells.get("note"):
        raw["note"] = cells["note"]
    if cells.get("triggers"):
        raw["triggers"] = split_list(cells["triggers"])
    lapse = lapse_from_dict({k: v for k, v in raw.items() if v is not None}, "the lapse")
    lapse.at = _csv_time(ws, cells["at"], "at")
    _check_lapse(ws, clock.name, lapse, result)
    return clock.name, lapse


def _clocks_with(journal: Journal, lapses: dict[str, list[Lapse]]) -> Journal | None:
    """The journal's own clocks, each holding only the lapses read from the file, to
    merge as an export's clocks are (new ids added, known ones compared)."""
    if not lapses:
        return None
    clocks = []
    for name, found in lapses.items():
        clock = copy.deepcopy(journal.find_clock(name))
        assert clock is not None
        clock.lapses = found
        clocks.append(clock)
    return Journal(clocks=clocks)


def _rows(first: int, last: int) -> str:
    """Where a row is in the file: its line, or its lines when a cell spans several."""
    return f"row {first}" if last <= first else f"row at lines {first}-{last}"


def _csv_trouble(exc: Exception) -> str:
    """What the csv module's complaint means, in plain words."""
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quote opens a cell and is never closed, so the rest of the file was not read"
    if "new-line character" in text:
        return "a line break (carriage return) inside a cell that is not in quotes"
    if "expected after" in text:
        return (
            "a quoted cell has text after its closing quote "
            '(a quote inside quotes is written twice: "say ""hi""")'
        )
    return f"this is not valid CSV ({text})"


def _csv_entry(
    ws: Workspace, journal: Journal, cells: dict[str, str], default_clock: str | None
) -> Entry:
    from recoverylog.services.entries import validate_data

    type_text = cells.get("type", "").lower()
    try:
        entry_type = EntryType(type_text)
    except ValueError:
        names = ", ".join(t.value for t in EntryType)
        raise ValueError(f"type '{type_text}' is not one of {names}") from None
    if "at" not in cells:
        raise ValueError("the 'at' column is empty")
    at = _csv_time(ws, cells["at"], "at")
    _past_moment(ws, at, "the entry")
    clock = default_clock
    if cells.get("clock"):
        found = journal.find_clock(cells["clock"])
        if found is None:
            raise ValueError(
                f"no clock named '{cells['clock']}' (add it first: recoverylog clock add NAME)"
            )
        clock = found.name
    raw_data: dict[str, Any] = {}
    for column in TYPE_FIELDS[entry_type]:
        if column in cells:
            raw_data[column] = _csv_value(column, cells[column])
    for column in FIELD_COLUMNS:
        if column in cells and column not in TYPE_FIELDS[entry_type]:
            raise ValueError(f"a {entry_type} has no '{column}'")
    if entry_type is EntryType.SELFCHECK:
        data = _selfcheck(raw_data)
    else:
        data = validate_data(entry_type, raw_data)
    note = fields.note(cells.get("note"))
    tags = fields.tags(split_list(cells["tags"])) if cells.get("tags") else []
    created = _csv_time(ws, cells["created"], "created") if cells.get("created") else at
    updated = _csv_time(ws, cells["updated"], "updated") if cells.get("updated") else None
    entry_id = cells.get("id", "").lower()
    if not _HEX_ID.match(entry_id):  # no id (as most CSV files), or one 'show' cannot find
        basis = json.dumps(
            [str(entry_type), instant(at), clock, note, tags, data], sort_keys=True, default=str
        )
        entry_id = _derived_id("csv", basis)
    return Entry(entry_id, entry_type, at, clock, note, tags, data, created, updated)


def _selfcheck(raw: dict[str, Any]) -> dict[str, Any]:
    from recoverylog.domain import selfcheck

    answers = selfcheck.validate_answers(list(raw.get("answers") or []))
    return {"answers": answers, "total": selfcheck.total(answers)}


def _csv_value(column: str, cell: str) -> Any:
    if column == "answers":
        return [_int(part, column) for part in split_list(cell)]
    if column in LIST_COLUMNS:
        return split_list(cell)
    if column in INT_COLUMNS:
        return _int(cell, column)
    if column in BOOL_COLUMNS:
        word = cell.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueError(f"{column}: '{cell}' is not true or false")
    if column == "duration_min":
        if cell.isdigit():
            return int(cell)
        from recoverylog.domain.timeparse import TimeParseError, parse_duration

        try:
            return parse_duration(cell)
        except TimeParseError as exc:
            raise ValueError(f"duration_min: {exc}") from exc
    return cell


def _int(cell: str, column: str) -> int:
    try:
        return int(cell)
    except ValueError:
        raise ValueError(f"{column}: '{cell}' is not a whole number") from None


def _csv_time(ws: Workspace, cell: str, column: str) -> datetime:
    """ISO 8601 with or without an offset (without one: your time zone); a date alone is noon."""
    text = cell.strip().replace("Z", "+00:00")
    try:
        if _ISO_DATE.match(text):
            moment = datetime.combine(date.fromisoformat(text), time(12))
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{column}: '{cell}' is not a date and time like 2026-11-20 21:30"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ws.tz)
    return _inside_calendar(ws, moment, column)
