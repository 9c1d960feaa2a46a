"""Terminal views at narrow widths: an indented line that wraps stays indented."""

from __future__ import annotations

import io

from recoverylog.render.lines import Look, paragraph, print_lines, text
from recoverylog.render.output import Screen


def test_a_wrapped_indented_line_keeps_its_indent() -> None:
    words = "notice the urge rise, peak and fall; you do not have to act on it"
    forty_columns = Screen(io.StringIO(), io.StringIO(), width=40)
    print_lines(
        [[text(f"  1. {words}")], [text("no indent here")]],
        look=Look.TERMINAL,
        screen=forty_columns,
    )
    rows = forty_columns.stdout.getvalue().splitlines()  # type: ignore[attr-defined]
    assert len(rows) == 3
    assert all(row.startswith("  ") for row in rows[:-1]), rows
    assert all(len(row) <= 40 for row in rows)
    assert all(row == row.rstrip() for row in rows)  # no padding to the full width
    assert rows[-1] == "no indent here"


def test_a_paragraph_fits_80_columns_in_a_pipe_too() -> None:
    rows = paragraph("word " * 60, indent=2)
    assert len(rows) > 1
    assert all(len(seg) <= 78 and seg.startswith("  ") for row in rows for seg, _ in row)


def test_a_list_item_wraps_under_its_text_past_the_marker() -> None:
    words = "notice the urge rise, peak and fall; you do not have to act on it"
    forty_columns = Screen(io.StringIO(), io.StringIO(), width=40)
    print_lines(
        [[text(f"  1. {words}")], [text(f"  - {words}")]], look=Look.TERMINAL, screen=forty_columns
    )
    rows = forty_columns.stdout.getvalue().splitlines()  # type: ignore[attr-defined]
    dash = next(i for i, row in enumerate(rows) if row.startswith("  - "))
    assert rows[0].startswith("  1. notice") and dash > 1
    assert all(row.startswith(" " * 5) and row[5] != " " for row in rows[1:dash])
    assert len(rows) > dash + 1
    assert all(row.startswith(" " * 4) and row[4] != " " for row in rows[dash + 1 :])
    assert all(len(row) <= 40 for row in rows)
