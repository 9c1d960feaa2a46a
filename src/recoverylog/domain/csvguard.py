"""The spreadsheet-formula guard of a CSV cell, both ways. Pure.

A cell, or any line inside it, that starts with = + - @ tab or carriage return could be
run as a formula by a spreadsheet (or by a program that splits rows at a line break), so
the writer puts an apostrophe before it. An apostrophe already there before such a
start gets one more, so ``unguard_cell`` gives back exactly the text that was guarded.

Its own module, apart from ``csvcells``: every CSV the command line writes goes through
the guard, and this one loads nothing else.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_BREAKS = re.compile(r"(\r\n|\r|\n)")
GUARD = "'"


def _starts_a_formula(text: str) -> bool:
    return text.lstrip(GUARD).startswith(FORMULA_STARTS)


def _guard(text: str) -> str:
    return GUARD + text if _starts_a_formula(text) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith(GUARD) and _starts_a_formula(text) else text


def guard_cell(text: str) -> str:
    """Text that no spreadsheet runs as a formula: neither the cell nor any line inside
    it starts with one."""
    pieces = LINE_BREAKS.split(text)
    for i in range(2, len(pieces), 2):  # the text after each line break
        pieces[i] = _guard(pieces[i])
    return _guard("".join(pieces))


def unguard_cell(cell: str) -> str:
    """The text ``guard_cell`` was given: its apostrophes taken off again."""
    pieces = LINE_BREAKS.split(_unguard(cell))
    for i in range(2, len(pieces), 2):
        pieces[i] = _unguard(pieces[i])
    return "".join(pieces)
