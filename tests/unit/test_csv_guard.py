"""The spreadsheet-formula guard: what it writes never starts a formula, on any line of
the cell, and taking it off gives back the very text that was guarded."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.csvguard import FORMULA_STARTS, guard_cell, unguard_cell

TRICKY = [
    "",
    "'",
    "''",
    "=1+1",
    "'=x",
    "''=x",
    "+",
    "-",
    "@",
    "-3 days",
    "@home",
    "\t",
    "\tindented",
    "\r",
    "\r=1",
    "'\r=1",
    "\n",
    "'\n=1",
    "plain words",
    "it's fine",
    "fine\r=1+1",
    "line one\n=SUM(A1:A9)\n+1\n-2\n@x",
    "first\r\n'=quoted\r\n''@twice",
    "=top\nmiddle\n\tlast",
    "\n\n=after two breaks",
    "a\r\rb\n\n+c",
    "'''",
    "'x'",
]


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _no_line_starts_a_formula(cell: str) -> bool:
    return not any(line.startswith(FORMULA_STARTS) for line in _lines(cell))


@pytest.mark.parametrize("text", TRICKY)
def test_a_tricky_cell_is_guarded_and_reads_back(text: str) -> None:
    guarded = guard_cell(text)
    assert _no_line_starts_a_formula(guarded), repr(guarded)
    assert unguard_cell(guarded) == text


def test_text_that_starts_no_formula_is_written_as_it_is() -> None:
    for text in ("plain words", "it's fine", "'x'", "a\nb", ""):
        assert guard_cell(text) == text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r\n' ax"), max_size=24) | st.text(max_size=24))
def test_guard_then_unguard_gives_back_the_original(text: str) -> None:
    guarded = guard_cell(text)
    assert _no_line_starts_a_formula(guarded), repr(guarded)
    assert unguard_cell(guarded) == text
