"""Printed text (report and milestone summary) counts terminal columns, not characters.

Widths are measured with rich.cells.cell_len, as a terminal would show them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len

CJK = "今日は仕事の後でとても強い渇望があったけれど、友達に電話して散歩に出かけたら落ち着いた。" * 2
EMOJI = "good day 🙂 walked 🚶 by the river 🌊 felt 💪 " * 2 + "🎉" * 45  # 🎉s: 90 columns
TEXTS = pytest.mark.parametrize("words", [CJK, EMOJI], ids=["cjk", "emoji"])


def widest(rows: list[str]) -> int:
    return max(cell_len(row) for row in rows)


@TEXTS
def test_a_text_report_stays_inside_80_columns(
    words: str, run: Callable[..., Any], fixture_home: object
) -> None:
    run("log", "craving", "5", "--trigger", words, "--outcome", "passed", "--note", words)
    run("log", "note", words)
    report = run("report", "--format", "txt", "--include", "notes,journal").stdout
    assert "".join(words.split())[:12] in "".join(report.split())
    assert widest(report.splitlines()) <= 80


@TEXTS
def test_a_printed_milestone_summary_stays_inside_80_columns(
    words: str, run: Callable[..., Any]
) -> None:
    run("clock", "add", words, "--since", "2026-08-25")
    summary = run("milestones", "--format", "txt").stdout
    assert widest(summary.splitlines()) <= 80
