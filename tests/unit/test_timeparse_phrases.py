"""The phrases people type for a time: 9pm, noon, last night, last friday, 20 Nov, an hour
ago... with a fixed "now" in zones that change their clocks."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from recoverylog.domain.timeparse import (
    TimeParseError,
    parse_bound,
    parse_day,
    parse_past,
    parse_start,
    parse_when,
)

ZONES = [ZoneInfo("America/New_York"), ZoneInfo("Europe/London")]
# Monday 23 Nov 2026, 15:00 on the wall clock of each zone.
WALL_NOW = datetime(2026, 11, 23, 15, 0)


def wall(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


PHRASES = [
    ("9pm", wall(11, 23, 21)),
    ("9 pm", wall(11, 23, 21)),
    ("9PM", wall(11, 23, 21)),
    ("9 p.m.", wall(11, 23, 21)),
    ("9:30pm", wall(11, 23, 21, 30)),
    ("9.30pm", wall(11, 23, 21, 30)),
    ("7am", wall(11, 23, 7)),
    ("12am", wall(11, 23, 0)),
    ("12:15am", wall(11, 23, 0, 15)),
    ("12pm", wall(11, 23, 12)),
    ("21:30", wall(11, 23, 21, 30)),
    ("noon", wall(11, 23, 12)),
    ("Midnight", wall(11, 23, 0)),
    ("at 9pm", wall(11, 23, 21)),
    ("last night", wall(11, 22, 21)),
    ("Last Night", wall(11, 22, 21)),
    ("last friday", wall(11, 20, 12)),
    ("last fri", wall(11, 20, 12)),
    ("last monday", wall(11, 16, 12)),  # today is a Monday: never today
    ("friday 9pm", wall(11, 20, 21)),
    ("last friday at 9:30pm", wall(11, 20, 21, 30)),
    ("yesterday at 21:30", wall(11, 22, 21, 30)),
    ("yesterday 9pm", wall(11, 22, 21)),
    ("Yesterday at 9 PM", wall(11, 22, 21)),
    ("today 8am", wall(11, 23, 8)),
    ("today at noon", wall(11, 23, 12)),
    ("an hour ago", wall(11, 23, 14)),
    ("a minute ago", wall(11, 23, 14, 59)),
    ("2 hours ago", wall(11, 23, 13)),
    ("a day ago", wall(11, 22, 15)),
    ("A week ago", wall(11, 16, 15)),
    ("20 Nov", wall(11, 20, 12)),
    ("Nov 20", wall(11, 20, 12)),
    ("20 November", wall(11, 20, 12)),
    ("November 20", wall(11, 20, 12)),
    ("20th Nov", wall(11, 20, 12)),
    ("3 sept", wall(9, 3, 12)),
    ("20 Nov 2025", wall(11, 20, 12, year=2025)),
    ("Nov 20, 2025", wall(11, 20, 12, year=2025)),
    ("20 nov 2025 9pm", wall(11, 20, 21, year=2025)),
    ("nov 20 at 21:30", wall(11, 20, 21, 30)),
    ("20 Dec", wall(12, 20, 12)),  # ahead this year: fine where the future is allowed
    ("2026-11-20 9pm", wall(11, 20, 21)),
    ("2026-11-20 at 21:30", wall(11, 20, 21, 30)),
]


@pytest.mark.parametrize("zone", ZONES, ids=str)
@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_phrases_people_type(zone: ZoneInfo, text: str, expected: datetime) -> None:
    got = parse_when(text, WALL_NOW.replace(tzinfo=zone))
    assert got.tzinfo is zone
    assert got.replace(tzinfo=None) == expected


PAST = [
    ("20 Dec", wall(12, 20, 12, year=2025)),  # still ahead this year: last year's
    ("24 Nov", wall(11, 24, 12, year=2025)),
    ("23 Nov", wall(11, 23, 12)),  # today stays today
    ("20 Nov", wall(11, 20, 12)),
    ("20 Dec 2026 9pm", wall(12, 20, 21)),  # a year given is the year meant
    ("9pm", wall(11, 22, 21)),  # still ahead today: last night's
    ("9:30 pm", wall(11, 22, 21, 30)),
    ("2pm", wall(11, 23, 14)),
    ("noon", wall(11, 23, 12)),
    ("midnight", wall(11, 23, 0)),
    ("last night", wall(11, 22, 21)),
]


@pytest.mark.parametrize("zone", ZONES, ids=str)
@pytest.mark.parametrize(("text", "expected"), PAST)
def test_something_that_happened_is_in_the_past(
    zone: ZoneInfo, text: str, expected: datetime
) -> None:
    got = parse_past(text, WALL_NOW.replace(tzinfo=zone))
    assert got.replace(tzinfo=None) == expected


def test_offsets_follow_summer_time() -> None:
    london = ZoneInfo("Europe/London")
    july = datetime(2026, 7, 15, 15, 0, tzinfo=london)
    assert parse_when("last night", july).utcoffset() == timedelta(hours=1)
    assert parse_when("20 Nov 9pm", july).utcoffset() == timedelta(0)
    assert parse_when("20 Nov 9pm", july).replace(tzinfo=None) == wall(11, 20, 21)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_last_weekday_is_the_most_recent_one_strictly_before_today(zone: ZoneInfo) -> None:
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for back in range(7):
        now = (WALL_NOW - timedelta(days=back)).replace(tzinfo=zone)
        for name in names:
            got = parse_when(f"last {name}", now).date()
            assert now.date() - timedelta(days=7) <= got < now.date()
            assert got.weekday() == names.index(name)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_a_day_on_its_own_is_a_day_for_day_options(zone: ZoneInfo) -> None:
    now = WALL_NOW.replace(tzinfo=zone)
    assert parse_start("20 Nov", now) == date(2026, 11, 20)
    assert parse_start("last friday", now) == date(2026, 11, 20)
    assert parse_start("24 Nov", now) == date(2026, 11, 24)  # a run may start tomorrow
    assert parse_start("9pm", now) == datetime(2026, 11, 22, 21, 0, tzinfo=zone)
    assert parse_start("last night", now) == datetime(2026, 11, 22, 21, 0, tzinfo=zone)
    assert parse_day("Nov 20", now) == date(2026, 11, 20)
    assert parse_bound("20 Nov", now) == datetime(2026, 11, 20, tzinfo=zone)
    end = parse_bound("last friday", now, end=True)
    assert end == datetime.combine(date(2026, 11, 20), time.max, tzinfo=zone)


@pytest.mark.parametrize(
    "text",
    [
        "9:60pm",
        "13pm",
        "0am",
        "9 pm pm",
        "pm",
        "32 Nov",
        "31 Nov",
        "29 Feb 2026",
        "Nov 20 20255",
        "Nov 20 1899",
        "20 Nov Dec",
        "last",
        "last blursday",
        "last yesterday",
        "last night 9pm",
        "tomorow",
        "yesterday evening",
        "at",
        "9",
        "an parsec ago",
        "a 2 hours ago",
    ],
)
def test_phrases_that_are_not_times_are_refused(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(text, WALL_NOW.replace(tzinfo=ZONES[0]))


def test_a_time_that_cannot_be_read_lists_the_forms_to_try() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_when("  tomorow ", WALL_NOW.replace(tzinfo=ZONES[0]))
    assert str(caught.value) == (
        "could not read 'tomorow' as a time; try: now, 21:30, 9pm, yesterday 21:30, "
        "last friday, 2h ago, 20 Nov, 2026-11-20 21:30"
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("13pm", "'13pm' is not a time of day (try 9pm or 9:30pm)"),
        ("31 Nov", "'31 Nov' is not a real date"),
        ("Nov 20 1899", "the earliest date is 1900-01-01"),
        ("an parsec ago", "unknown unit 'parsec'"),
    ],
)
def test_a_near_miss_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(TimeParseError, match=re.escape(says)):
        parse_when(text, WALL_NOW.replace(tzinfo=ZONES[0]))
