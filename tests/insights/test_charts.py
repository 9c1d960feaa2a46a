"""Charts rendered at a fixed width, on a colourless Rich console and as plain text."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from rich.console import Console

from recoverylog.render import charts
from recoverylog.render.lines import Look, as_plain


def render(lines: list) -> str:
    console = Console(file=StringIO(), width=80, color_system=None)
    console.print(charts.Chart(lines))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in out.splitlines())


def test_sparkline_levels() -> None:
    seg, _ = charts.sparkline([0, 5, 10, None], lo=0, hi=10)
    assert seg == "▁▅█ "  # 5 of 10 -> level round(3.5) = 4 of 0..7
    plain, _ = charts.sparkline([0, 5, 10, None], lo=0, hi=10, look=Look.PLAIN)
    assert plain == "_=# "
    flat, _ = charts.sparkline([3, 3])
    assert flat == "▁▁"
    assert charts.sparkline([None, None])[0] == "  "


def test_bars_scale_to_the_largest_in_eighths() -> None:
    assert charts.bar(3, 6, 10) == "█████     "
    assert charts.bar(3, 6, 10, look=Look.PLAIN) == "#####     "
    # 1 of 3 in 10 cells = 3.33 cells = 27 eighths: 3 full cells and 3 eighths.
    assert charts.bar(1, 3, 10) == "███▍      "
    assert charts.bar(0, 3, 10) == " " * 10
    assert charts.bar(0.01, 100, 10, look=Look.PLAIN) == "#         "  # never invisible


def test_bar_rows_align_labels_and_notes() -> None:
    lines = charts.bar_rows(
        [charts.BarRow("payday", 4, "4"), charts.BarRow("after work", 2, "2")],
        width=8,
        look=Look.PLAIN,
    )
    assert as_plain(lines).splitlines() == [
        "  payday      ########  4",
        "  after work  ####      2",
    ]


def test_heatmap_cells_totals_and_zero_dots() -> None:
    grid = [[0, 1, 0], [3, 0, 12]]
    lines = charts.heatmap(["Mon", "Tue"], ["a", "b", "c"], grid, look=Look.PLAIN, cell_width=4)
    assert as_plain(lines).splitlines() == [
        "        a   b   c total",
        "  Mon   .   1   .     1",
        "  Tue   3   .  12    15",
    ]
    shown = render(charts.heatmap(["Mon", "Tue"], ["a", "b", "c"], grid, cell_width=4))
    assert shown.splitlines()[1] == "  Mon   ·   1   ·     1"


def test_heat_levels() -> None:
    assert [charts.heat_level(v, 12) for v in (0, 1, 3, 4, 6, 7, 12)] == [0, 1, 1, 2, 2, 3, 4]
    assert charts.heat_level(5, 0) == 0


def test_calendar_puts_mondays_on_top_and_weeks_in_columns() -> None:
    # From Mon 26 Oct 2026: 2 days before the clock, clean, a lapse on Wed 4 Nov, a gap
    # on Thu 5 Nov, clean again up to Mon 9 Nov.
    statuses = ["before"] * 2 + ["clean"] * 7 + ["lapse", "gap"] + ["clean"] * 4
    rows = as_plain(charts.calendar(date(2026, 10, 26), statuses, look=Look.PLAIN)).splitlines()
    assert rows == [
        "       Nov",  # Mon 2 Nov starts the second column
        "  Mon .##",
        "      .#",
        "  Wed #x",
        "      #o",
        "  Fri ##",
        "      ##",
        "  Sun ##",
        "      # clean   x lapse   o not counted   . before the clock",
    ]


def test_calendar_glyphs_on_a_terminal_and_the_legend() -> None:
    statuses = ["clean"] * 6 + ["lapse"]
    shown = render(charts.calendar(date(2026, 11, 16), statuses))
    rows = shown.splitlines()
    assert rows[1] == "  Mon ■"
    assert rows[7] == "  Sun ×"
    assert rows[8].strip() == "■ clean   × lapse"  # only what is on the calendar
    with pytest.raises(ValueError):
        charts.calendar(date(2026, 11, 17), statuses)


def test_trend_line_plots_each_point_at_its_height() -> None:
    points = [("2 Nov", 0.0), ("9 Nov", 15.0), ("16 Nov", 30.0)]
    rows = as_plain(charts.trend_line(points, lo=0, hi=30, height=3, look=Look.PLAIN)).splitlines()
    assert rows == [
        "  30 |        *",
        "  15 |    *",
        "   0 |*",
        "     +------------",
        "      2 Nov 16 Nov",
    ]
    shown = render(charts.trend_line(points, lo=0, hi=30, height=3)).splitlines()
    assert shown[0] == "  30 ┤        ●"
    assert charts.trend_line([], lo=0, hi=30) == []


def test_rich_rendering_has_no_escape_codes_and_fits_80_columns() -> None:
    lines = charts.heatmap(["Mon"], ["00-04"] * 6, [[1, 2, 3, 4, 5, 6]])
    out = render(lines)
    assert "\x1b[" not in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.splitlines()[1].split() == ["Mon", "1", "2", "3", "4", "5", "6", "21"]


# --- the spoken look: every chart in words, with the same numbers ----------------------


def test_spoken_sparkline_and_bars_say_their_values() -> None:
    said, _ = charts.sparkline([4.25, None, 6], lo=0, hi=10, look=Look.SPOKEN)
    assert said == "4.2, none, 6"  # rounded to one place, as the rows show them
    assert charts.bar(3, 6, 10, look=Look.SPOKEN) == ""  # the row says its number
    rows = [charts.BarRow("payday", 4, "  4   avg 5.5"), charts.BarRow("tired", 2, "2", "tired: 2")]
    assert as_plain(charts.bar_rows(rows, look=Look.SPOKEN)).splitlines() == [
        "  payday: 4 avg 5.5",  # no words of its own: the label and the note
        "  tired: 2",
    ]


def test_spoken_heatmap_is_a_line_a_row_with_its_counts() -> None:
    grid = [[0, 1, 0], [3, 0, 12], [0, 0, 0]]
    lines = charts.heatmap(["Mon", "Tue", "Wed"], ["a", "b", "c"], grid, look=Look.SPOKEN)
    assert as_plain(lines).splitlines() == [
        "  Mon: 1 in all; b: 1",
        "  Tue: 15 in all; a: 3, c: 12",
        "  Wed: 0 in all",
    ]


def test_spoken_calendar_is_stretches_of_days_and_today_apart() -> None:
    statuses = ["before"] * 2 + ["clean"] * 7 + ["lapse", "gap"] + ["clean"] * 4
    start = date(2026, 10, 26)
    said = as_plain(charts.calendar(start, statuses, look=Look.SPOKEN)).splitlines()
    assert said == [
        "  28 Oct to 3 Nov: clean, 7 days",
        "  4 Nov: lapse, 1 day",
        "  5 Nov: not counted, 1 day",
        "  6 Nov to 9 Nov: clean, 4 days",
    ]
    today = date(2026, 11, 9)
    with_today = charts.calendar(start, statuses, look=Look.SPOKEN, today=today)
    assert as_plain(with_today).splitlines()[-2:] == [
        "  6 Nov to 8 Nov: clean, 3 days",
        "  today, 9 Nov: clean so far",
    ]


def test_spoken_trend_line_names_each_point() -> None:
    points = [("2 Nov", 0.0), ("9 Nov", 15.0), ("16 Nov", 30.0)]
    lines = charts.trend_line(points, lo=0, hi=30, look=Look.SPOKEN)
    assert as_plain(lines) == "  2 Nov: 0, 9 Nov: 15, 16 Nov: 30\n"


def test_spoken_cravings_go_month_by_month_over_a_long_period() -> None:
    weeks = [
        {"start": f"2026-{1 + n // 4:02d}-0{1 + n % 4}", "count": 1, "average_intensity": 5,
         "days": 7}
        for n in range(30)
    ]  # fmt: skip
    months = [
        {"start": "2026-01-01", "end": "2026-01-31", "count": 9, "average_intensity": 4.5,
         "days": 31},
        {"start": "2026-02-01", "end": "2026-02-10", "count": 2, "average_intensity": None,
         "days": 10},
    ]  # fmt: skip
    data = {"cravings": {"count": 11, "weeks": weeks, "months": months}, "observations": []}
    said = as_plain(charts.cravings_section(data, look=Look.SPOKEN)).splitlines()
    assert said[1:] == [
        "  Jan 2026: 9 cravings, average intensity 4.5",
        "  Feb 2026: 2 cravings (10 days counted)",
    ]
