"""Wrapping counts terminal columns, not characters: CJK and most emoji take two.

Widths are measured with rich.cells.cell_len, as a terminal would show them.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from recoverylog.render.lines import fit, paragraph

CJK = "今日は仕事の後でとても強い渇望があったけれど、友達に電話して散歩に出かけたら落ち着いた。" * 2
EMOJI = "good day 🙂 walked 🚶 by the river 🌊 felt 💪 " * 2 + "🎉" * 45  # 🎉s: 90 columns
TEXTS = pytest.mark.parametrize("words", [CJK, EMOJI], ids=["cjk", "emoji"])


def widest(rows: list[str]) -> int:
    return max(cell_len(row) for row in rows)


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
