"""Entries and lapses as CSV rows: the columns, in order, and a list in one cell. Pure.

Every CSV of entries has the same header, whatever the rows hold, so a spreadsheet or a
script can rely on it (docs/data.md, "Import from CSV"). A list is written in one cell with
``;`` between its items; a ``;`` or ``\\`` inside an item is written ``\\;`` or ``\\\\``,
so any text comes back whole. Files written before that rule join with ``;`` and escape
nothing: they read the same, since a backslash before anything else stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from recoverylog.domain.model import TYPE_FIELDS

COMMON_COLUMNS = ("id", "type", "at", "clock", "note", "tags", "created", "updated")
FIELD_COLUMNS = tuple(dict.fromkeys(f for fs in TYPE_FIELDS.values() for f in fs))
# A lapse's own column ('list' shows lapses among the entries); its triggers share the
# entries' column.
LAPSE_COLUMNS = ("restart",)
# Fields added since the header was first documented come last, so a script that reads
# the columns by position keeps reading the same ones.
ADDED_COLUMNS = ("slept",)
CSV_COLUMNS = (
    COMMON_COLUMNS
    + tuple(c for c in FIELD_COLUMNS if c not in ADDED_COLUMNS)
    + LAPSE_COLUMNS
    + ADDED_COLUMNS
)

SEPARATOR = ";"
ESCAPE = "\\"


def join_list(items: Iterable[object]) -> str:
    """Items in one cell: ``;`` between them, ``;`` and ``\\`` inside them escaped."""
    return SEPARATOR.join(_escaped(str(item)) for item in items)


def _escaped(item: str) -> str:
    return item.replace(ESCAPE, ESCAPE * 2).replace(SEPARATOR, ESCAPE + SEPARATOR)


def split_list(cell: str) -> list[str]:
    """The items of a cell written by ``join_list`` (or by hand): each one trimmed, empty
    ones left out."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == SEPARATOR:
            items.append("".join(current))
            current = []
        elif ch == ESCAPE:
            following = next(chars, "")
            if following not in (SEPARATOR, ESCAPE):
                current.append(ch)  # a lone backslash is text, as in older files
            current.append(following)
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]
