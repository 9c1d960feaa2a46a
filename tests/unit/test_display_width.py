"""Wrapping counts terminal columns, not characters: CJK and most emoji take two."""

from __future__ import annotations

from recoverylog.render.lines import fit, paragraph
from wide_text import TEXTS, widest


@TEXTS
def test_a_paragraph_stays_inside_80_columns(words: str) -> None:
    rows = [seg for row in paragraph(words, indent=2) for seg, _ in row]
    assert len(rows) > 1
    assert widest(rows) <= 80
    assert all(row.startswith("  ") for row in rows)
    assert "".join(words.split()) == "".join("".join(rows).split())  # nothing lost


@TEXTS
def test_an_indented_message_line_wraps_under_its_indent(words: str) -> None:
    rows = fit(f"First line\n    {words}").split("\n")
    assert rows[0] == "First line"
    assert len(rows) > 2
    assert widest(rows) <= 80
    assert all(row.startswith("    ") and not row.startswith("     ") for row in rows[1:])


def test_ascii_wraps_as_before() -> None:
    rows = fit("  " + "word " * 31).split("\n")
    assert [len(row) for row in rows] == [76, 76, 6]
    assert all(row.startswith("  word") for row in rows)
