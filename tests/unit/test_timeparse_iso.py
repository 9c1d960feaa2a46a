"""The program's own ISO 8601 output is read back as the same instant, in the person's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
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
# Monday 23 Nov 2026, 15:00 in New York (20:00 UTC).
NY_NOW = datetime(2026, 11, 23, 15, 0, tzinfo=NEW_YORK)


def ny(month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T21:05:00+00:00", ny(11, 20, 16, 5)),
        ("2026-11-20T21:05:00Z", ny(11, 20, 16, 5)),
        ("2026-11-20t21:05:00z", ny(11, 20, 16, 5)),
        ("2026-11-20 21:05:00+00:00", ny(11, 20, 16, 5)),
        ("2026-11-20T21:05+00:00", ny(11, 20, 16, 5)),
        ("2026-11-20T21:05:00+05:30", ny(11, 20, 10, 35)),
        ("2026-11-20T21:05:00-0500", ny(11, 20, 21, 5)),
        ("2026-11-20T21:05:00-05", ny(11, 20, 21, 5)),
        ("2026-11-21T03:00:00+00:00", ny(11, 20, 22, 0)),  # the day is the person's day
        ("2026-07-04T12:00:00+00:00", ny(7, 4, 8, 0)),  # summer time in New York
        ("2026-11-20T21:05:30", ny(11, 20, 21, 5, 30)),  # no offset: the person's zone
        ("2026-11-20 21:05:30", ny(11, 20, 21, 5, 30)),
        ("2026-11-20", ny(11, 20, 12, 0)),
    ],
)
def test_iso_8601_in_every_shape_the_program_writes(text: str, expected: datetime) -> None:
    got = parse_when(text, NY_NOW)
    assert got == expected
    assert got.tzinfo is NEW_YORK
    assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)


def test_fractions_of_a_second_are_kept() -> None:
    got = parse_when("2026-11-20T21:05:00.250000+00:00", NY_NOW)
    assert got == datetime(2026, 11, 20, 21, 5, 0, 250_000, tzinfo=UTC)


@pytest.mark.parametrize(
    "parse",
    [
        lambda t: parse_when(t, NY_NOW),
        lambda t: parse_past(t, NY_NOW),
        lambda t: parse_start(t, NY_NOW),
        lambda t: parse_bound(t, NY_NOW),
        lambda t: parse_bound(t, NY_NOW, end=True),
    ],
)
def test_every_time_option_reads_the_program_output(parse: object) -> None:
    got = parse("2026-11-20T21:05:00+00:00")  # type: ignore[operator]
    assert got == datetime(2026, 11, 20, 21, 5, tzinfo=UTC)
    assert got.tzinfo is NEW_YORK


def test_a_day_option_takes_the_day_in_the_persons_zone() -> None:
    assert parse_day("2026-11-21T03:00:00+00:00", NY_NOW).isoformat() == "2026-11-20"


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20T21:05:00+24:00",
        "2026-11-20T21:05:00+05:60",
        "2026-11-20T21:05:00+05:3",
        "2026-11-20T21:05:60",
        "2026-11-20T25:00Z",
        "2026-11-20T21:05:00+00:00 extra",
        "2026-11-20T21:05:00.1234567",
        "2026-11-20Z",
        "1900-01-01T00:30:00+01:00",  # 1899 in New York
        "9999-12-31T23:59:00-12:00",
    ],
)
def test_broken_iso_times_are_refused(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(text, NY_NOW)


ZONES = [
    UTC,
    LONDON,
    NEW_YORK,
    ZoneInfo("Australia/Lord_Howe"),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
]


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)
    ),
    written_in=st.sampled_from(ZONES),
    read_in=st.sampled_from(ZONES),
    sep=st.sampled_from(["T", " "]),
)
def test_any_written_moment_reads_back_as_the_same_instant(
    moment: datetime, written_in: timezone | ZoneInfo, read_in: timezone | ZoneInfo, sep: str
) -> None:
    written = moment.astimezone(written_in).isoformat(sep=sep)
    now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC).astimezone(read_in)
    got = parse_when(written, now)
    assert got.astimezone(UTC) == moment  # in UTC: a time in a repeated hour equals no other
    assert got.tzinfo is read_in
