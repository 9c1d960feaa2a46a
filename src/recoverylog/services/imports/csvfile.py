"""Reading a CSV file with a header row: entries, and lapses for the clocks they belong
to. A row that cannot be read is reported and skipped, never the whole file.

The documented columns (docs/data.md, "Import from CSV") are csvcells.CSV_COLUMNS; type and
at are required. Cells are read back through the formula guard the CSV writer adds.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from recoverylog.domain import fields
from recoverylog.domain.codec import lapse_from_dict
from recoverylog.domain.csvcells import CSV_COLUMNS, FIELD_COLUMNS, split_list
from recoverylog.domain.csvguard import unguard_cell
from recoverylog.domain.merge import instant
from recoverylog.domain.model import TYPE_FIELDS, Entry, EntryType, Journal, Lapse
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.messages import no_clock_named, not_a_whole_number
from recoverylog.services.imports.checks import (
    HEX_ID,
    ISO_DATE,
    check_lapse,
    default_clock,
    derived_id,
    inside_calendar,
    past_moment,
    reason,
)
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace

if TYPE_CHECKING:
    from _csv import Reader

LIST_COLUMNS = frozenset({"tags", "triggers", "halt", "coping", "lapsed", "gratitude", "answers"})
INT_COLUMNS = frozenset({"intensity", "helped", "mood", "total"})
BOOL_COLUMNS = frozenset({"online", "clean"})
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
SEE_COLUMNS = "the columns are those 'recoverylog list --all --format csv' writes"


def read_csv(ws: Workspace, text: str, result: ImportResult) -> tuple[list[Entry], Journal | None]:
    """Entries from a CSV with a header row, and its lapse rows as the clocks they
    belong to (to merge by id, as an export's are); rows that cannot be read are
    reported and skipped, never the whole file."""
    # Lines end only at a line feed, so a bare carriage return in a cell that is not in
    # quotes is found and reported instead of silently cutting the row in two. Strict:
    # a quote that is never closed is reported, not read on to the end of the file.
    reader = csv.reader(io.StringIO(text), strict=True)
    headers = _headers(reader, result)
    journal = ws.journal()
    clock = default_clock(ws)
    entries: list[Entry] = []
    lapses: dict[str, list[Lapse]] = {}  # clock name -> lapses from the file
    for where, cells in _rows(reader, headers, result):
        try:
            if cells.get("type", "").lower() == "lapse":
                name, lapse = _csv_lapse(ws, journal, cells, clock, result)
                lapses.setdefault(name, []).append(lapse)
            else:
                entries.append(_csv_entry(ws, journal, cells, clock))
        except (RecoveryLogError, ValueError, TypeError, KeyError) as exc:
            result.problems.append(f"{where}: {reason(exc)}")
    return entries, _clocks_with(journal, lapses)


def _headers(reader: Reader, result: ImportResult) -> list[str]:
    """The header row's column names; one that is not recoverylog's is left out, and said."""
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DataError(
            f"the CSV's header row cannot be read ({_csv_trouble(exc)})", hint=SEE_COLUMNS
        ) from exc
    headers = [h.strip().lower() for h in header]
    if "type" not in headers or "at" not in headers:
        raise DataError(
            "the CSV needs a header row with at least the columns 'type' and 'at'",
            hint=SEE_COLUMNS,
        )
    unknown = [h for h in headers if h and h not in CSV_COLUMNS]
    if unknown:
        result.notices.append(
            "these columns are not recoverylog's and were left out: " + ", ".join(unknown)
        )
    return headers


def _rows(
    reader: Reader, headers: list[str], result: ImportResult
) -> Iterator[tuple[str, dict[str, str]]]:
    """Each row with something in it: where it is in the file, and its cells by column.
    A row that is not valid CSV, or has more cells than the header, is reported."""
    while True:
        first = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.problems.append(f"{_place(first, reader.line_num)}: {_csv_trouble(exc)}")
            continue
        where = _place(first, reader.line_num)
        if len(values) > len(headers) and any(v.strip() for v in values[len(headers) :]):
            result.problems.append(
                f"{where}: it has {len(values)} cells but the header row has {len(headers)}"
                " (a quote that is not closed, or a comma in a cell that is not in quotes?)"
            )
            continue
        cells = _cells(headers, values)
        if cells:
            yield where, cells


def _cells(headers: list[str], values: list[str]) -> dict[str, str]:
    """The row's non-empty cells of known columns, trimmed (a note keeps its spaces)."""
    return {
        k: unguard_cell(v if k == "note" else v.strip())
        for k, v in zip(headers, values, strict=False)
        if k in CSV_COLUMNS and v.strip()
    }


def _place(first: int, last: int) -> str:
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


# --- lapses ---------------------------------------------------------------------------


def _csv_lapse(
    ws: Workspace,
    journal: Journal,
    cells: dict[str, str],
    clock_name: str | None,
    result: ImportResult,
) -> tuple[str, Lapse]:
    """A lapse row (from 'list' or 'export'), for a clock this journal has: a lapse
    lives with its clock, and a CSV does not carry the clock itself."""
    name = cells.get("clock") or clock_name
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
    check_lapse(ws, clock.name, lapse, result)
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


# --- entries --------------------------------------------------------------------------


def _csv_entry(
    ws: Workspace, journal: Journal, cells: dict[str, str], clock_name: str | None
) -> Entry:
    """An entry row, checked as 'log' would check it."""
    entry_type = _entry_type(cells)
    if "at" not in cells:
        raise ValueError("the 'at' column is empty")
    at = _csv_time(ws, cells["at"], "at")
    past_moment(ws, at, "the entry")
    clock = _entry_clock(journal, cells, clock_name)
    data = _entry_data(entry_type, cells)
    note = fields.note(cells.get("note"))
    tags = fields.tags(split_list(cells["tags"])) if cells.get("tags") else []
    created = _csv_time(ws, cells["created"], "created") if cells.get("created") else at
    updated = _csv_time(ws, cells["updated"], "updated") if cells.get("updated") else None
    entry_id = cells.get("id", "").lower()
    if not HEX_ID.match(entry_id):  # no id (as most CSV files), or one 'show' cannot find
        basis = json.dumps(
            [str(entry_type), instant(at), clock, note, tags, data], sort_keys=True, default=str
        )
        entry_id = derived_id("csv", basis)
    return Entry(entry_id, entry_type, at, clock, note, tags, data, created, updated)


def _entry_type(cells: dict[str, str]) -> EntryType:
    type_text = cells.get("type", "").lower()
    try:
        return EntryType(type_text)
    except ValueError:
        names = ", ".join(t.value for t in EntryType)
        raise ValueError(f"type '{type_text}' is not one of {names}") from None


def _entry_clock(journal: Journal, cells: dict[str, str], clock_name: str | None) -> str | None:
    """The row's clock, by the name the journal gives it; without one, the default."""
    if not cells.get("clock"):
        return clock_name
    found = journal.find_clock(cells["clock"])
    if found is None:
        raise ValueError(
            f"{no_clock_named(cells['clock'])} (add it first: recoverylog clock add NAME)"
        )
    return found.name


def _entry_data(entry_type: EntryType, cells: dict[str, str]) -> dict[str, Any]:
    """The fields of this type of entry; a field of another type is refused."""
    from recoverylog.services.entries import validate_data

    own = TYPE_FIELDS[entry_type]
    raw_data = {column: _csv_value(column, cells[column]) for column in own if column in cells}
    for column in FIELD_COLUMNS:
        if column in cells and column not in own:
            raise ValueError(f"a {entry_type} has no '{column}'")
    if entry_type is EntryType.SELFCHECK:
        return _selfcheck(raw_data)
    return validate_data(entry_type, raw_data)


def _selfcheck(raw: dict[str, Any]) -> dict[str, Any]:
    from recoverylog.domain import selfcheck

    answers = selfcheck.validate_answers(list(raw.get("answers") or []))
    return {"answers": answers, "total": selfcheck.total(answers)}


# --- cells ------------------------------------------------------------------------------


def _csv_value(column: str, cell: str) -> Any:
    if column == "answers":
        return [_int(part, column) for part in split_list(cell)]
    if column in LIST_COLUMNS:
        return split_list(cell)
    if column in INT_COLUMNS:
        return _int(cell, column)
    if column in BOOL_COLUMNS:
        return _bool(cell, column)
    if column == "duration_min":
        return _minutes(cell)
    return cell


def _int(cell: str, column: str) -> int:
    try:
        return int(cell)
    except ValueError:
        raise ValueError(f"{column}: {not_a_whole_number(cell)}") from None


def _bool(cell: str, column: str) -> bool:
    word = cell.lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{column}: '{cell}' is not true or false")


def _minutes(cell: str) -> int | timedelta:
    """Whole minutes, or a duration as 'log' takes one (20m, 1h30m)."""
    if cell.isdigit():
        return int(cell)
    from recoverylog.domain.timeparse import TimeParseError, parse_duration

    try:
        return parse_duration(cell)
    except TimeParseError as exc:
        raise ValueError(f"duration_min: {exc}") from exc


def _csv_time(ws: Workspace, cell: str, column: str) -> datetime:
    """ISO 8601 with or without an offset (without one: your time zone); a date alone is noon."""
    text = cell.strip().replace("Z", "+00:00")
    try:
        if ISO_DATE.match(text):
            moment = datetime.combine(date.fromisoformat(text), time(12))
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{column}: '{cell}' is not a date and time like 2026-11-20 21:30"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ws.tz)
    return inside_calendar(ws, moment, column)
