"""Reading a recoverylog export (JSON or TOML), checked as the command line checks what
is typed: a record that breaks a rule is named, and nothing is imported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain.codec import SchemaError, entry_from_dict, entry_to_dict, journal_from_dict
from recoverylog.domain.model import Clock, Entry, Journal, Technique
from recoverylog.errors import DataError, InvalidInput
from recoverylog.services.export import EXPORT_KIND, EXPORT_VERSION
from recoverylog.services.imports.checks import (
    HEX_ID,
    ISO_DATE,
    check_lapse,
    derived_id,
    inside_calendar,
    load_json,
    new_id_notice,
    past_moment,
    reason,
)
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema

_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"
)
_TEXT_KEYS = frozenset({"name", "note", "description", "text", "role", "phone", "email", "hide"})
UPDATE_FIRST = "update recoverylog, then import it"
NOTHING_IMPORTED = "nothing was imported"


def parse_export(text: str, where: str) -> dict[str, Any]:
    """An export document from JSON or TOML text (told apart by the first character)."""
    from_json = text.lstrip().startswith(("{", "["))
    doc = export_or_refuse(load_json(text, where) if from_json else _toml(text, where), where)
    check_versions(doc, where)
    if from_json:
        revive_dates(doc)
    return doc


def _toml(text: str, where: str) -> Any:
    from recoverylog.store.tomlfile import parse_toml

    return parse_toml(text, Path(where))


def export_or_refuse(doc: Any, where: str) -> dict[str, Any]:
    if isinstance(doc, dict) and doc.get("kind") == EXPORT_KIND:
        return doc
    hint = None
    if isinstance(doc, dict) and "entries" in doc and "tags" in doc:
        hint = "this looks like a jrnl export: use --from jrnl"
    raise DataError(f"{where} is not a recoverylog export", hint=hint)


def check_versions(doc: Mapping[str, Any], where: str) -> None:
    """An export, or data in it, newer than this recoverylog reads is refused whole."""
    version = doc.get("export_version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise DataError(
            f"{where} is export version {version}, newer than this recoverylog reads "
            f"({EXPORT_VERSION})",
            hint=UPDATE_FIRST,
        )
    versions = doc.get("schema_versions") or {}
    for kind in (schema.JOURNAL, schema.ENTRIES):
        found = versions.get(kind) if isinstance(versions, dict) else None
        if isinstance(found, int) and found > schema.CURRENT_VERSION[kind]:
            raise DataError(
                f"{where} holds {kind} data of schema version {found}, newer than this "
                f"recoverylog knows ({schema.CURRENT_VERSION[kind]})",
                hint=UPDATE_FIRST,
            )


def revive_dates(doc: dict[str, Any]) -> None:
    """The dates of a JSON export's free-form tables, as a TOML export has them. Clocks
    and the toolkit are read field by field, so they need none."""
    journal = doc.get("journal") or {}
    if isinstance(journal, dict):
        for key in list(journal):
            if key not in ("clocks", "toolkit"):
                journal[key] = _revive(journal[key], None if key != "people" else key)
    if isinstance(doc.get("config"), dict):
        doc["config"] = _revive(doc["config"])


def _revive(value: Any, key: str | None = None) -> Any:
    """JSON has no dates: turn ISO date strings in free-form tables back into dates, so a
    JSON round trip gives the same journal.toml as a TOML one. Text keys are left alone."""
    if isinstance(value, Mapping):
        return {k: _revive(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v, key) for v in value]
    if isinstance(value, str) and key not in _TEXT_KEYS:
        return _revive_text(value)
    return value


def _revive_text(value: str) -> Any:
    """A date or a moment, if the text is one; else the text."""
    try:
        if ISO_DATE.match(value):
            return date.fromisoformat(value)
        if _ISO_DATETIME.match(value):
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    return value


def read_export(doc: Mapping[str, Any], where: str) -> tuple[Journal, list[Entry], dict[str, Any]]:
    """The journal, entries and settings of an export document."""
    journal = read_journal(doc, where)
    raw_entries = doc.get("entries") or []
    if not isinstance(raw_entries, list):
        raise DataError(f"{where}: 'entries' must be a list")
    entries = [read_entry(raw, i, where) for i, raw in enumerate(raw_entries)]
    return journal, entries, read_config(doc, where)


def read_journal(doc: Mapping[str, Any], where: str) -> Journal:
    journal_raw = doc.get("journal") or {}
    if not isinstance(journal_raw, dict):
        raise DataError(f"{where}: 'journal' must be a table")
    try:
        return journal_from_dict(journal_raw)
    except SchemaError as exc:
        raise DataError(f"{where}: {exc}") from exc


def read_entry(raw: Any, index: int, where: str) -> Entry:
    try:
        return entry_from_dict(raw, f"entries[{index}]")
    except SchemaError as exc:
        raise DataError(f"{where}: {exc}", hint=NOTHING_IMPORTED) from exc


def read_config(doc: Mapping[str, Any], where: str) -> dict[str, Any]:
    config = doc.get("config") or {}
    if not isinstance(config, dict):
        raise DataError(f"{where}: 'config' must be a table")
    return config


# --- checking an export as the command line checks what is typed -----------------------


def check_export(
    ws: Workspace, journal: Journal, entries: list[Entry], where: str, result: ImportResult
) -> None:
    """Every record of an export checked with the rules of typed input: a record that
    breaks one is named, and nothing is imported (as for a malformed record). An id that
    'show' could not find is replaced by one derived from the record, and said."""
    check_journal(ws, journal, where, result)
    for i, entry in enumerate(entries):
        entries[i] = check_entry(ws, entry, i, where, result.notices)


def _checked(where: str, record: str, rule: Callable[[], None]) -> None:
    try:
        rule()
    except (InvalidInput, ValueError) as exc:
        raise DataError(f"{where}: {record}: {reason(exc)}", hint=NOTHING_IMPORTED) from exc


def check_journal(ws: Workspace, journal: Journal, where: str, result: ImportResult) -> None:
    """The clocks, toolkit and people of an export, as ``check_export`` checks them."""
    for i, clock in enumerate(journal.clocks):
        _checked(where, f"clocks[{i}]", partial(_check_clock, ws, clock, result))
    for i, technique in enumerate(journal.toolkit):
        _checked(where, f"toolkit[{i}]", partial(_check_technique, technique))
    for i, person in enumerate(journal.people):
        _checked(where, f"people[{i}]", partial(_check_person, person))


def _check_clock(ws: Workspace, clock: Clock, result: ImportResult) -> None:
    clock.name = fields.name(clock.name, "clock name")
    if clock.clean_since_at is not None:
        inside_calendar(ws, clock.clean_since_at, "the clean-since time")
    for lapse in clock.lapses:
        check_lapse(ws, clock.name, lapse, result)


def _check_technique(technique: Technique) -> None:
    technique.name = fields.name(technique.name, "technique")
    fields.note(technique.description)


def _check_person(person: dict[str, Any]) -> None:
    person["name"] = fields.name(str(person.get("name") or ""), "name")
    if isinstance(person.get("note"), str):
        fields.note(person["note"])


def check_entry(ws: Workspace, entry: Entry, index: int, where: str, notices: list[str]) -> Entry:
    """The entry as 'log' would take it; only its id may change (see ``check_export``)."""
    _checked(where, f"entries[{index}]", partial(_check_entry, ws, entry))
    usable = with_usable_id(entry)
    if usable.id != entry.id:
        notices.append(new_id_notice(f"entries[{index}]", entry.id, usable.id))
    return usable


def _check_entry(ws: Workspace, entry: Entry) -> None:
    from recoverylog.services.entries import validate_data

    past_moment(ws, entry.at, "the entry")
    for moment in (entry.created, entry.updated):
        if moment is not None:
            inside_calendar(ws, moment, "the time it was written")
    fields.note(entry.note)
    fields.tags(entry.tags)
    if entry.clock is not None:
        fields.name(entry.clock, "clock name")
    validate_data(entry.type, entry.data)


def with_usable_id(entry: Entry) -> Entry:
    """The entry, with an id derived from it if 'show' could not find its own."""
    if HEX_ID.match(entry.id):
        return entry
    basis = json.dumps([entry.id, entry_to_dict(entry)], sort_keys=True, default=str)
    return replace(entry, id=derived_id("recoverylog", basis))
