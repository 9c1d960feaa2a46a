"""A time of day on a day the clocks change: one that does not exist is refused with the
time to try; one that comes twice is the first of the two, and a note says so."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.timeparse import (
    TimeParseError,
    parse_bound,
    parse_day,
    parse_past,
    parse_start,
    parse_when,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
# Tuesday 10 Mar 2026: New York moved to summer time on Sunday 8 Mar at 02:00.
AFTER_SPRING = datetime(2026, 3, 10, 12, 0, tzinfo=NEW_YORK)
# Monday 2 Nov 2026: New York went back to winter time on Sunday 1 Nov at 02:00.
AFTER_AUTUMN = datetime(2026, 11, 2, 12, 0, tzinfo=NEW_YORK)

SKIPPED_IN_NEW_YORK = (
    "02:30 does not exist on Sun 8 Mar 2026 in America/New_York: the clocks went forward; try 03:30"
)
TWICE_IN_NEW_YORK = (
    "01:30 comes twice on Sun 1 Nov 2026 in America/New_York (the clocks went back): "
    "using the first, 2026-11-01T01:30-04:00; for the second, give 2026-11-01T01:30-05:00"
)


@pytest.mark.parametrize(
    "text", ["2026-03-08 02:30", "2026-03-08T02:30:00", "sunday 2:30am", "Mar 8 at 02:30"]
)
def test_a_time_the_clocks_skip_is_refused_with_the_time_to_try(text: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_when(text, AFTER_SPRING)
    assert str(caught.value) == SKIPPED_IN_NEW_YORK


def test_a_skipped_time_is_refused_in_london_too() -> None:
    now = datetime(2026, 3, 30, 12, 0, tzinfo=LONDON)
    with pytest.raises(TimeParseError, match=re.escape("01:30 does not exist on Sun 29 Mar")):
        parse_when("yesterday 1:30am", now)
    with pytest.raises(TimeParseError, match=re.escape("Europe/London: the clocks went forward")):
        parse_past("2026-03-29 01:59:30", now)


def test_a_bare_time_skipped_this_morning_is_refused() -> None:
    sunday_noon = datetime(2026, 3, 8, 12, 0, tzinfo=NEW_YORK)
    with pytest.raises(TimeParseError, match="try 03:30"):
        parse_past("2:30am", sunday_noon)
    with pytest.raises(TimeParseError, match="try 03:30"):
        parse_start("02:30", sunday_noon)


def test_the_exact_instant_of_a_skipped_time_given_with_its_offset_is_fine() -> None:
    got = parse_when("2026-03-08T02:30:00-05:00", AFTER_SPRING)
    assert got == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert got.replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


@pytest.mark.parametrize(
    "parse",
    [
        lambda t, notes: parse_when(t, AFTER_AUTUMN, notes=notes),
        lambda t, notes: parse_past(t, AFTER_AUTUMN, notes=notes),
        lambda t, notes: parse_start(t, AFTER_AUTUMN, notes=notes),
        lambda t, notes: parse_bound(t, AFTER_AUTUMN, notes=notes),
    ],
)
def test_a_time_that_comes_twice_is_the_first_and_a_note_says_so(parse: object) -> None:
    notes: list[str] = []
    got = parse("2026-11-01 01:30", notes)  # type: ignore[operator]
    # In the repeated hour, compare in UTC: Python never finds such a time equal to one
    # in another zone.
    assert got.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    assert got.utcoffset() == timedelta(hours=-4)
    assert notes == [TWICE_IN_NEW_YORK]


def test_the_note_reaches_a_day_option_too() -> None:
    notes: list[str] = []
    assert parse_day("yesterday 1:30am", datetime(2026, 11, 2, 9, tzinfo=NEW_YORK), notes=notes)
    assert len(notes) == 1 and "comes twice on Sun 1 Nov 2026" in notes[0]


def test_the_second_of_the_two_is_reached_with_its_offset_and_no_note() -> None:
    notes: list[str] = []
    got = parse_when("2026-11-01T01:30-05:00", AFTER_AUTUMN, notes=notes)
    assert got.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert got.replace(tzinfo=None) == datetime(2026, 11, 1, 1, 30)
    assert notes == []


@pytest.mark.parametrize("text", ["2026-11-01 00:59", "2026-11-01 02:00", "2026-11-01", "2h ago"])
def test_times_that_exist_once_bring_no_note(text: str) -> None:
    notes: list[str] = []
    parse_when(text, AFTER_AUTUMN, notes=notes)
    assert notes == []


def test_real_hours_ago_in_the_repeated_hour_bring_no_note() -> None:
    now = datetime(2026, 11, 1, 6, 45, tzinfo=UTC).astimezone(NEW_YORK)  # 01:45 EST
    notes: list[str] = []
    got = parse_when("30m ago", now, notes=notes)
    assert got.astimezone(UTC) == datetime(2026, 11, 1, 6, 15, tzinfo=UTC)
    assert notes == []


def test_without_a_list_for_notes_the_first_is_still_taken() -> None:
    assert parse_when("2026-11-01 01:30", AFTER_AUTUMN).utcoffset() == timedelta(hours=-4)


def test_a_day_that_starts_at_one_in_the_morning_starts_then() -> None:
    santiago = ZoneInfo("America/Santiago")  # 00:00 does not exist on 6 Sep 2026
    now = datetime(2026, 9, 10, 12, 0, tzinfo=santiago)
    start = parse_bound("2026-09-06", now)
    assert start == datetime(2026, 9, 6, 4, 0, tzinfo=UTC)
    assert start.replace(tzinfo=None) == datetime(2026, 9, 6, 1, 0)
    assert parse_start("2026-09-06", now) == date(2026, 9, 6)


CHANGE_DAYS = [date(2026, 3, 8), date(2026, 11, 1)]


@settings(max_examples=300, deadline=None)
@given(
    day=st.sampled_from(CHANGE_DAYS),
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
)
def test_a_wall_time_is_read_as_typed_or_refused(day: date, minutes: int) -> None:
    hour, minute = divmod(minutes, 60)
    text = f"{day} {hour:02d}:{minute:02d}"
    notes: list[str] = []
    try:
        got = parse_when(text, AFTER_AUTUMN, notes=notes)
    except TimeParseError as refused:
        assert "does not exist" in str(refused)
        assert day == CHANGE_DAYS[0] and hour == 2
        return
    typed = datetime(day.year, day.month, day.day, hour, minute)
    assert got.replace(tzinfo=None) == typed
    assert got.astimezone(UTC).astimezone(NEW_YORK).replace(tzinfo=None) == typed  # it exists
    assert bool(notes) == (day == CHANGE_DAYS[1] and hour == 1)
