"""Parsing what people type for a time or a duration, with a fixed "now"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from recoverylog.domain.timeparse import (
    TimeParseError,
    parse_duration,
    parse_when,
)

LONDON = ZoneInfo("Europe/London")
# Monday 23 Nov 2026, 20:00 UTC (as the test suite's fixed clock).
NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
# Sunday 29 Mar 2026: London moved from GMT to BST at 01:00 this morning.
DST_NOW = datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("NOW", NOW),
        ("2026-11-20", at(2026, 11, 20, 12)),  # a day on its own means noon
        ("2026-11-20 21:30", at(2026, 11, 20, 21, 30)),
        ("2026-11-20T21:30", at(2026, 11, 20, 21, 30)),
        ("2026-11-20t21:30", at(2026, 11, 20, 21, 30)),
        ("2026-11-20 21:30:00", at(2026, 11, 20, 21, 30)),
        ("21:30", at(2026, 11, 23, 21, 30)),
        ("7:05", at(2026, 11, 23, 7, 5)),
        ("yesterday", at(2026, 11, 22, 12)),
        ("yesterday 21:30", at(2026, 11, 22, 21, 30)),
        ("  Yesterday    21:30 ", at(2026, 11, 22, 21, 30)),
        ("30m ago", at(2026, 11, 23, 19, 30)),
        ("2h ago", at(2026, 11, 23, 18, 0)),
        ("3d ago", at(2026, 11, 20, 20, 0)),
        ("3 days ago", at(2026, 11, 20, 20, 0)),
        ("1 day ago", at(2026, 11, 22, 20, 0)),
        ("90 minutes ago", at(2026, 11, 23, 18, 30)),
        ("1 week ago", at(2026, 11, 16, 20, 0)),
        ("0m ago", NOW),
        ("1900-01-01", at(1900, 1, 1, 12)),
    ],
)
def test_accepted_forms_in_utc(text: str, expected: datetime) -> None:
    got = parse_when(text, NOW)
    assert got == expected
    assert got.utcoffset() == timedelta(0)


def test_today_is_today_and_not_later_than_now() -> None:
    got = parse_when("today", NOW)
    assert got.date() == NOW.date() and got <= NOW
    morning = at(2026, 11, 23, 9, 15)
    assert parse_when("today", morning) == morning


def test_a_day_on_its_own_is_noon_or_now_if_noon_has_not_come() -> None:
    assert parse_when("2026-11-23", NOW) == at(2026, 11, 23, 12)
    morning = at(2026, 11, 23, 9, 15)
    assert parse_when("2026-11-23", morning) == morning


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("sunday", 22),
        ("sun", 22),
        ("saturday", 21),
        ("tuesday", 17),
        ("tue", 17),
        ("monday", 16),  # today is a Monday: the most recent one before today
        ("mon", 16),
        ("Wednesday", 18),
    ],
)
def test_weekday_names_are_the_most_recent_one_before_today(text: str, day: int) -> None:
    assert parse_when(text, NOW) == at(2026, 11, day, 12)


def test_weekday_with_a_time_of_day() -> None:
    assert parse_when("monday 21:30", NOW) == at(2026, 11, 16, 21, 30)
    assert parse_when("fri 07:00", NOW) == at(2026, 11, 20, 7, 0)


def test_weekday_is_never_today_whatever_day_it_is() -> None:
    for back in range(7):
        now = NOW - timedelta(days=back)
        for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            got = parse_when(name, now).date()
            assert now.date() - timedelta(days=7) <= got < now.date()
            assert got.strftime("%A").lower() == name


# --- time zones and the change to summer time -----------------------------------------


def test_forms_on_the_day_london_changes_to_summer_time() -> None:
    hour = timedelta(hours=1)
    cases = {
        "now": (datetime(2026, 3, 29, 12, 0), hour),
        "21:30": (datetime(2026, 3, 29, 21, 30), hour),
        "00:30": (datetime(2026, 3, 29, 0, 30), timedelta(0)),  # still GMT then
        "yesterday": (datetime(2026, 3, 28, 12, 0), timedelta(0)),
        "yesterday 21:30": (datetime(2026, 3, 28, 21, 30), timedelta(0)),
        "2026-03-30 08:00": (datetime(2026, 3, 30, 8, 0), hour),
        "sat": (datetime(2026, 3, 28, 12, 0), timedelta(0)),
        "2h ago": (datetime(2026, 3, 29, 10, 0), hour),
        "3 days ago": (datetime(2026, 3, 26, 12, 0), timedelta(0)),
    }
    for text, (wall, offset) in cases.items():
        got = parse_when(text, DST_NOW)
        assert got.tzinfo is LONDON, text
        assert (got.replace(tzinfo=None), got.utcoffset()) == (wall, offset), text


def test_forms_when_london_returns_to_winter_time() -> None:
    now = datetime(2026, 10, 25, 12, 0, tzinfo=LONDON)  # GMT since 02:00 BST this morning
    assert parse_when("yesterday 21:30", now).utcoffset() == timedelta(hours=1)
    assert parse_when("21:30", now).utcoffset() == timedelta(0)
    assert parse_when("2026-10-24 21:30", now).astimezone(UTC) == at(2026, 10, 24, 20, 30)


def test_hours_ago_are_real_hours_across_a_clock_change() -> None:
    got = parse_when("12h ago", DST_NOW)  # 12:00 BST = 11:00 UTC
    assert got.astimezone(UTC) == at(2026, 3, 28, 23, 0)


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "blursday",
        "25:00",
        "12:60",
        "1230",
        "yesterday 25:00",
        "yesterday evening",
        "2026-11-20 21:30 extra",
        "2026-02-30",
        "2026-13-01",
        "2026-11-20 24:00",
        "3 parsecs ago",
        "ago",
        "-2h ago",
        "1899-12-31",
        "1899-12-31 23:59",
        "50000d ago",
        "999999999999999 weeks ago",
    ],
)
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(text, NOW)


def test_error_messages_say_what_went_wrong() -> None:
    with pytest.raises(TimeParseError, match="empty"):
        parse_when(" ", NOW)
    with pytest.raises(TimeParseError, match="not a real date"):
        parse_when("2026-02-29", NOW)
    with pytest.raises(TimeParseError, match="earliest date is 1900-01-01"):
        parse_when("1899-12-31", NOW)
    with pytest.raises(TimeParseError, match="unknown unit 'parsecs'"):
        parse_when("3 parsecs ago", NOW)
    with pytest.raises(TimeParseError, match="not a time of day"):
        parse_when("25:00", NOW)


# --- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("20m", 20),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("90", 90),
        ("0", 0),
        ("1.5h", 90),
        ("45 minutes", 45),
        ("2h", 120),
        ("1H", 60),
        ("1d", 1440),
        ("90s", 1.5),
        ("2.5", 2.5),
    ],
)
def test_durations(text: str, minutes: float) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "abc",
        "h",
        "20x",
        "20m garbage",
        "m20",
        "-5",
        "1:30",
        "1h-30m",
        "1e400",
        "9" * 30 + "h",
    ],
)
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0m"), (5, "5m"), (60, "1h"), (90, "1h30m"), (600, "10h")]
)
def test_hours_and_minutes_written_together(minutes: int, text: str) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


# --- properties -----------------------------------------------------------------------

ZONES = [UTC, LONDON, ZoneInfo("America/New_York"), timezone(timedelta(hours=5, minutes=30))]
zones = st.sampled_from(ZONES)
wall_times = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31, 23, 59))
nows = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 12, 31))


def unambiguous(naive: datetime, tz: timezone | ZoneInfo) -> bool:
    """The wall time exists exactly once in the zone (not in a gap or a repeated hour)."""
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        return False
    return first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


@settings(max_examples=200, deadline=None)
@given(wall=wall_times, now_wall=nows, tz=zones, sep=st.sampled_from([" ", "T"]))
def test_any_full_date_and_time_round_trips(
    wall: datetime, now_wall: datetime, tz: timezone | ZoneInfo, sep: str
) -> None:
    wall = wall.replace(second=0, microsecond=0)
    assume(unambiguous(wall, tz))
    d = wall.replace(tzinfo=tz)
    now = now_wall.replace(tzinfo=tz)
    got = parse_when(d.strftime(f"%Y-%m-%d{sep}%H:%M"), now)
    assert got.astimezone(UTC) == d.astimezone(UTC)
    assert got.replace(tzinfo=None) == wall


@settings(max_examples=200, deadline=None)
@given(
    now_wall=nows,
    tz=st.sampled_from([UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=9))]),
    minutes=st.integers(min_value=0, max_value=10**6),
    unit=st.sampled_from(["m", "min", "minutes", " minutes", " m"]),
)
def test_minutes_ago_is_now_minus_that_many_minutes(
    now_wall: datetime, tz: timezone, minutes: int, unit: str
) -> None:
    now = now_wall.replace(tzinfo=tz)
    assert parse_when(f"{minutes}{unit} ago", now) == now - timedelta(minutes=minutes)


@settings(max_examples=200, deadline=None)
@given(minutes=st.integers(min_value=0, max_value=10**6))
def test_any_whole_minutes_written_as_hours_and_minutes_read_back(minutes: int) -> None:
    hours, rest = divmod(minutes, 60)
    text = (f"{hours}h" if hours else "") + (f"{rest}m" if rest or not hours else "")
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_a_bare_time_still_ahead_is_last_night_for_something_that_happened() -> None:
    from recoverylog.domain.timeparse import parse_past

    half_past_midnight = datetime(2026, 12, 6, 0, 30, tzinfo=UTC)
    assert parse_past("23:30", half_past_midnight) == datetime(2026, 12, 5, 23, 30, tzinfo=UTC)
    assert parse_past("00:10", half_past_midnight) == datetime(2026, 12, 6, 0, 10, tzinfo=UTC)
    assert parse_past("yesterday 21:00", half_past_midnight).day == 5
