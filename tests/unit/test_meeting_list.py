"""The meeting list's pure rules: the cells a list gives, and when its meetings meet."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from recoverylog.domain.meeting_list import (
    ListedMeeting,
    around,
    read_csv_list,
    read_guide,
    upcoming,
)
from recoverylog.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")


def known(name: str) -> bool:
    return name in ("Europe/London", "America/New_York")


@pytest.mark.parametrize(
    ("given", "kept"),
    [("19:00", "19:00"), ("7:05:00", "07:05"), ("7pm", "19:00"), ("12:30 a.m.", "00:30")],
)
def test_times_of_day_as_lists_write_them(given: str, kept: str) -> None:
    read = read_guide([{"name": "M", "day": 1, "time": given}], None, known)
    assert read.meetings[0].time == kept


@pytest.mark.parametrize(("given", "days"), [(0, (0,)), ([6, "1", 1], (1, 6)), ("Sat", (6,))])
def test_days_count_from_sunday(given: object, days: tuple[int, ...]) -> None:
    read = read_guide([{"name": "M", "day": given, "time": "19:00"}], None, known)
    assert read.meetings[0].days == days


def test_a_bad_fellowship_skips_its_row_and_a_known_one_keeps_its_spelling() -> None:
    rows = [
        {"name": "A", "day": 1, "time": "19:00", "fellowship": "al anon"},
        {"name": "B", "day": 1, "time": "19:00", "fellowship": "nope"},
    ]
    read = read_guide(rows, "AA", known)
    assert [m.fellowship for m in read.meetings] == ["Al-Anon"]
    assert read.skipped[0].where == 'meeting 2 ("B")' and "not a fellowship" in read.skipped[0].why


def test_a_name_with_a_control_character_is_skipped() -> None:
    read = read_csv_list('name,day,time\n"bad\x1b[31m",1,19:00\n', None, known)
    assert read.meetings == [] and "control character" in read.skipped[0].why


def test_a_csv_without_its_columns_is_not_a_list() -> None:
    with pytest.raises(InvalidInput, match="no column named time"):
        read_csv_list("name,day\nA,1\n", None, known)


def test_a_meeting_keeps_its_own_wall_clock_across_a_clock_change() -> None:
    """London moves its clocks on 29 March 2026: 19:00 there stays 19:00."""
    sunday = ListedMeeting("Sunday", (0,), "19:00", timezone="Europe/London")
    now = datetime(2026, 3, 22, 20, 0, tzinfo=UTC)
    found = upcoming([sunday], now, 2, {"Europe/London": LONDON})
    assert [h.starts.isoformat() for h in found] == [
        "2026-03-29T18:00:00+00:00"  # 19:00 BST; within a week, so one only
    ]


def test_an_end_time_after_midnight_ends_the_next_day() -> None:
    late = ListedMeeting("Late", (1,), "23:30", end_time="00:30")
    now = datetime(2026, 11, 24, 0, 10, tzinfo=UTC)  # Tuesday, just after midnight
    found = upcoming([late], now, 1, {})
    assert found[0].starts.isoformat() == "2026-11-23T23:30:00+00:00"
    assert found[0].ends is not None and found[0].ends.isoformat() == "2026-11-24T00:30:00+00:00"


def test_around_offers_each_meeting_once_at_its_nearest_time() -> None:
    daily = ListedMeeting("Daily", tuple(range(7)), "07:00")
    evening = ListedMeeting("Evening", (1,), "19:00")
    now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    found = around([daily, evening], now, 9, {})
    assert [(h.meeting.name, h.starts.isoformat()) for h in found] == [
        ("Evening", "2026-11-23T19:00:00+00:00"),
        ("Daily", "2026-11-24T07:00:00+00:00"),
    ]


def test_a_meeting_in_its_own_zone_starts_and_ends_in_the_persons() -> None:
    brooklyn = ListedMeeting("Brooklyn", (1,), "19:00", "20:00", timezone="America/New_York")
    now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    found = upcoming([brooklyn], now, 1, {"America/New_York": ZoneInfo("America/New_York")})
    assert found[0].starts.isoformat() == "2026-11-24T00:00:00+00:00"
    assert found[0].ends is not None and found[0].ends.isoformat() == "2026-11-24T01:00:00+00:00"
