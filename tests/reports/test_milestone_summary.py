"""Printable milestone summaries (md, txt, html) and calendar files (ics).

"Now" is 2026-11-23. A clock clean since 2026-08-25 has 90 days today.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

Run = Callable[..., Any]


@pytest.fixture
def clocks(run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-08-25")
    run("clock", "add", "<b>cannabis</b>", "--since", "2026-10-24", "--scheme", "na")


def test_plain_text_fits_80_columns_without_colour(clocks: None, run: Run) -> None:
    text = run("milestones", "alcohol", "--format", "txt").stdout
    assert "\x1b" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    lines = text.splitlines()
    assert lines[:3] == ["Milestones", "==========", "Mon 23 Nov 2026"]
    assert "90 days without alcohol" in lines
    assert "Clean since Tue 25 Aug 2026" in lines
    # extended scheme: 24 hours, 1 and 2 weeks, 30, 60, 90 days are behind; 100 days is next.
    reached = [line for line in lines if line.startswith("  [x] ")]
    assert [re.split(r" \.+ ", line[6:])[0] for line in reached] == [
        "24 hours",
        "1 week",
        "2 weeks",
        "30 days",
        "60 days",
        "90 days",
    ]
    assert reached[-1].endswith("Mon 23 Nov 2026")
    upcoming = [line for line in lines if line.startswith("  [ ] ")]
    assert upcoming[0].startswith("  [ ] 100 days ")
    assert upcoming[0].endswith("Thu 3 Dec 2026 (in 10 days)")
    assert len(upcoming) == 3


def test_na_keytag_colours(clocks: None, run: Run) -> None:
    text = run("milestones", "<b>cannabis</b>", "--format", "txt").stdout
    # clean since 24 Oct: welcome (white) on day 0, 30 days (orange) on 23 Nov.
    assert "Welcome (white keytag)" in text
    assert "30 days (orange keytag)" in text
    assert "60 days (green keytag)" in text  # next, on 23 Dec
    md = run("milestones", "<b>cannabis</b>", "--format", "md").stdout
    assert "| 30 days (orange keytag) | Mon 23 Nov 2026 |" in md
    assert r"## 30 days without \<b\>cannabis\</b\>" in md


def test_html_prints_on_one_page_and_escapes(clocks: None, run: Run) -> None:
    html = run("milestones", "--format", "html").stdout
    assert "<b>cannabis</b>" not in html
    assert "without &lt;b&gt;cannabis&lt;/b&gt;" in html
    assert "@page" in html and "@media print" in html
    assert not re.search(r"https?://", html)
    assert "90 days" in html and "orange keytag" in html
    assert 'style="background: #f39a2b"' in html  # the orange swatch


def test_ics_has_the_upcoming_milestones_as_all_day_events(
    clocks: None, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "next.ics"
    run("milestones", "alcohol", "--upcoming", "4", "--output", str(target))
    assert target.stat().st_mode & 0o777 == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(raw)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    got = [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events]
    expected_days = [date(2026, 12, 3), date(2027, 2, 25), date(2027, 5, 25), date(2027, 8, 25)]
    assert got == [
        ("100 days without alcohol", expected_days[0], expected_days[0] + timedelta(days=1)),
        ("6 months without alcohol", expected_days[1], expected_days[1] + timedelta(days=1)),
        ("9 months without alcohol", expected_days[2], expected_days[2] + timedelta(days=1)),
        ("1 year without alcohol", expected_days[3], expected_days[3] + timedelta(days=1)),
    ]
    assert all(type(e.decoded("DTSTART")) is date for e in events)  # all-day, not timed
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 4
    # The same milestones give the same UIDs, so a calendar updates rather than duplicates.
    again = icalendar.Calendar.from_ical(
        run("milestones", "alcohol", "-u", "4", "-f", "ics").stdout
    )
    assert [str(e["UID"]) for e in again.walk() if e.name == "VEVENT"] == uids


def test_the_usual_formats_still_work(clocks: None, run: Run, tmp_path: Path) -> None:
    data = json.loads(run("milestones", "alcohol", "--format", "json").stdout)
    assert data[0]["clock"] == "alcohol" and data[0]["days"] == 90
    plain = run("milestones", "alcohol", "--format", "plain").stdout
    assert "alcohol  90 days" in plain
    target = tmp_path / "m.txt"
    run("milestones", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("Milestones\n==========")


def test_no_clocks_yet(run: Run) -> None:
    assert "No clocks yet." in run("milestones", "--format", "txt").stdout
    calendar = run("milestones", "--format", "ics")
    assert calendar.stdout == "" and "nothing was written" in calendar.stderr


def test_after_a_lapse_the_summary_keeps_the_whole_history(fixture_home: Path, run: Run) -> None:
    # Clean from 1 Oct; a lapse on 19 Nov; the current run from 20 Nov is 3 days old.
    lines = run("milestones", "--format", "txt").stdout.splitlines()
    assert lines[4:7] == [
        "3 days without alcohol",
        "Current run: 3 days, from Fri 20 Nov 2026",
        "52 clean days in total since Thu 1 Oct 2026; longest run 49 days",
    ]
    heading = lines.index("Reached in earlier runs, and still yours")
    assert lines.index("Next") < heading
    assert lines[heading + 1] == "  Thu 1 Oct 2026 to Thu 19 Nov 2026: 49 clean days"
    earlier = [re.split(r" \.+ ", line[6:]) for line in lines[heading + 2 :]]
    assert earlier == [
        ["24 hours", "Fri 2 Oct 2026"],
        ["1 week", "Thu 8 Oct 2026"],
        ["2 weeks", "Thu 15 Oct 2026"],
        ["30 days", "Sat 31 Oct 2026"],
    ]
    assert all(len(line) <= 80 for line in lines)
    md = run("milestones", "--format", "md").stdout
    assert "### Reached in earlier runs, and still yours" in md
    assert "| 30 days | Sat 31 Oct 2026 |" in md
    html = run("milestones", "--format", "html").stdout
    assert "Reached in earlier runs, and still yours" in html
    assert "52 clean days in total since Thu 1 Oct 2026; longest run 49 days" in html


def test_on_the_day_of_a_lapse_the_summary_speaks_of_a_new_run(run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-08-25")
    run("log", "lapse", "alcohol")  # now: Mon 23 Nov 2026; the next run starts tomorrow
    lines = run("milestones", "--format", "txt").stdout.splitlines()
    assert lines[4:7] == [
        "A new run without alcohol starts Tue 24 Nov 2026",
        "90 clean days in total since Tue 25 Aug 2026, and they all still count; longest",
        "  run 90 days",
    ]
    assert not any(line.startswith("Starts") for line in lines)
    assert "  Tue 25 Aug 2026 to Mon 23 Nov 2026: 90 clean days" in lines
    assert any(line.startswith("  [x] 90 days ") for line in lines)


def test_a_planned_start_reads_as_a_sentence(run: Run) -> None:
    run("clock", "add", "nicotine", "--since", "2026-12-01")
    lines = run("milestones", "--format", "txt").stdout.splitlines()
    assert "Starting Tue 1 Dec 2026 without nicotine" in lines
    assert "Counting begins in 8 days." in lines
    for fmt in ("txt", "md", "html"):
        text = run("milestones", "--format", fmt).stdout
        assert "Clean since" not in text and "future" not in text, fmt  # nothing clean yet


def test_a_long_clock_name_is_printed_whole(run: Run) -> None:
    name = "the long habit " + "abcdefghij" * 9 + " gone"
    run("clock", "add", name, "--since", "2026-11-01")
    text = run("milestones", "--format", "txt").stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    # Wrapped over lines (a long word is broken, not cut): every letter is there.
    assert "".join(("without " + name).split()) in "".join(text.split())
    assert "…" not in text
    for fmt in ("md", "html"):
        assert name in run("milestones", "--format", fmt).stdout, fmt
