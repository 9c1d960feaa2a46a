"""Clean time from a known moment: hours and minutes on day one, real hours across a
clock change, calendar days and months at the start's time of day."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain import moments
from recoverylog.domain.cleantime import Run, clean_time, compute_runs
from recoverylog.domain.codec import clock_from_dict, clock_to_dict, parse_date
from recoverylog.domain.milestones import (
    EXTENDED,
    NA,
    milestone_status,
    parse_step,
    progress_towards,
    schedule,
)
from recoverylog.domain.model import Clock, Lapse
from recoverylog.domain.timeparse import parse_start

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)  # Friday 4 Dec 2026, 22:00


def moment_clock(start: datetime = START, **kwargs: object) -> Clock:
    clock = Clock("alcohol", start.date(), **kwargs)  # type: ignore[arg-type]
    clock.set_start(start)
    return clock


# --- parsing a start -------------------------------------------------------------------

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("22:00", datetime(2026, 11, 22, 22, 0, tzinfo=UTC)),  # still ahead: last night
        ("19:30", datetime(2026, 11, 23, 19, 30, tzinfo=UTC)),
        ("yesterday 23:30", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)),
        ("2026-11-20 21:30", datetime(2026, 11, 20, 21, 30, tzinfo=UTC)),
        ("2h ago", datetime(2026, 11, 23, 18, 0, tzinfo=UTC)),
        ("90 minutes ago", datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ],
)
def test_a_time_of_day_starts_at_a_moment(text: str, expected: datetime) -> None:
    assert parse_start(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 22)),
        ("monday", date(2026, 11, 16)),
        ("2026-11-20", date(2026, 11, 20)),
        ("3 days ago", date(2026, 11, 20)),
        ("2026-12-01", date(2026, 12, 1)),  # a planned start
    ],
)
def test_a_day_alone_starts_on_that_day(text: str, expected: date) -> None:
    start = parse_start(text, NOW)
    assert not isinstance(start, datetime)
    assert start == expected


# --- day one in hours ----------------------------------------------------------------


def test_day_one_is_counted_in_minutes() -> None:
    ct = clean_time(moment_clock(), date(2026, 12, 5), UTC, now=START + timedelta(hours=14.5))
    assert (ct.headline_days, ct.headline_minutes, ct.in_day_one) == (0, 14 * 60 + 30, True)
    assert ct.headline_start_at == START
    assert ct.share_clean is None  # nothing whole to share yet


def test_one_day_arrives_after_24_hours_not_at_midnight() -> None:
    just_before = clean_time(
        moment_clock(), date(2026, 12, 5), UTC, now=START + timedelta(hours=23, minutes=59)
    )
    on_time = clean_time(moment_clock(), date(2026, 12, 5), UTC, now=START + timedelta(hours=24))
    assert (just_before.headline_days, just_before.in_day_one) == (0, True)
    assert (on_time.headline_days, on_time.in_day_one) == (1, False)
    assert on_time.total_clean_days == on_time.longest_run_days == 1


def test_without_now_a_past_day_counts_to_its_end() -> None:
    # A report that ends on Saturday 5 Dec: clean time as it stood that evening.
    ct = clean_time(moment_clock(), date(2026, 12, 5), UTC)
    assert ct.headline_days == 1


def test_days_turn_over_at_the_starts_time_of_day() -> None:
    clock = moment_clock()
    at_21 = clean_time(clock, date(2026, 12, 14), UTC, now=datetime(2026, 12, 14, 21, tzinfo=UTC))
    at_22 = clean_time(clock, date(2026, 12, 14), UTC, now=datetime(2026, 12, 14, 22, tzinfo=UTC))
    assert (at_21.headline_days, at_22.headline_days) == (9, 10)


def test_a_planned_moment_has_not_started() -> None:
    ct = clean_time(moment_clock(), date(2026, 12, 4), UTC, now=START - timedelta(hours=1))
    assert (ct.started, ct.headline_days, ct.headline_minutes) == (False, 0, 0)


def test_date_only_clocks_keep_the_calendar_rule() -> None:
    clock = Clock("alcohol", date(2026, 12, 4))
    ct = clean_time(clock, date(2026, 12, 5), UTC, now=datetime(2026, 12, 5, 0, 30, tzinfo=UTC))
    assert (ct.headline_days, ct.headline_minutes, ct.headline_start_at) == (1, None, None)


def test_a_lapse_ends_a_moment_run_and_a_restart_moment_begins_the_next() -> None:
    lapse = Lapse("l", datetime(2026, 12, 9, 21, 0, tzinfo=UTC), date(2026, 12, 10))
    lapse.set_restart(datetime(2026, 12, 9, 23, 30, tzinfo=UTC))
    clock = moment_clock(lapses=[lapse])
    now = datetime(2026, 12, 10, 9, 30, tzinfo=UTC)
    runs = compute_runs(clock, date(2026, 12, 10), UTC, now)
    assert runs == [
        Run(date(2026, 12, 4), date(2026, 12, 9), 4, START),
        Run(date(2026, 12, 9), None, 0, datetime(2026, 12, 9, 23, 30, tzinfo=UTC)),
    ]
    ct = clean_time(clock, date(2026, 12, 10), UTC, now)
    assert (ct.headline_minutes, ct.total_clean_days, ct.lapse_count) == (10 * 60, 4, 1)


# --- milestones at moments -----------------------------------------------------------


def test_24_hours_is_exactly_24_hours_after_the_start() -> None:
    status = milestone_status(
        START.date(),
        date(2026, 12, 5),
        EXTENDED,
        2,
        start_at=START,
        now=START + timedelta(hours=23),
    )
    assert [m.label for m in status.upcoming] == ["24 hours", "1 week"]
    assert status.upcoming[0].at == START + timedelta(hours=24)
    assert status.upcoming[1].at == datetime(2026, 12, 11, 22, 0, tzinfo=UTC)
    later = milestone_status(
        START.date(),
        date(2026, 12, 5),
        EXTENDED,
        1,
        start_at=START,
        now=START + timedelta(hours=24),
    )
    assert [m.label for m in later.achieved] == ["24 hours"]


def test_24_hours_across_the_spring_clock_change_is_24_real_hours() -> None:
    # London: clocks go forward at 01:00 on Sunday 29 Mar 2026.
    start = datetime(2026, 3, 28, 22, 0, tzinfo=LONDON)
    day_one, week = list(schedule(start.date(), EXTENDED, start))[:2]
    assert day_one.at == datetime(2026, 3, 29, 23, 0, tzinfo=LONDON)  # 23:00 BST
    assert moments.elapsed(start, day_one.at) == timedelta(hours=24)
    assert week.at == datetime(2026, 4, 4, 22, 0, tzinfo=LONDON)  # same time of day
    clock = moment_clock(start)
    evening = datetime(2026, 3, 29, 22, 30, tzinfo=LONDON)
    ct = clean_time(clock, evening.date(), LONDON, now=evening)
    assert (ct.headline_days, ct.headline_minutes) == (0, 23 * 60 + 30)


def test_24_hours_across_the_autumn_clock_change_is_24_real_hours() -> None:
    # New York: clocks go back at 02:00 on Sunday 1 Nov 2026.
    start = datetime(2026, 10, 31, 22, 0, tzinfo=NEW_YORK)
    day_one = next(iter(schedule(start.date(), EXTENDED, start)))
    assert day_one.at == datetime(2026, 11, 1, 21, 0, tzinfo=NEW_YORK)
    ct = clean_time(moment_clock(start), date(2026, 11, 1), NEW_YORK, now=day_one.at)
    assert ct.headline_days == 1


def test_months_fall_on_the_calendar_date_at_the_starts_time_clamped_to_the_month_end() -> None:
    start = datetime(2026, 8, 31, 21, 15, tzinfo=LONDON)
    by_label = {m.label: m for m in schedule(start.date(), EXTENDED, start)}
    assert by_label["6 months"].at == datetime(2027, 2, 28, 21, 15, tzinfo=LONDON)
    assert by_label["9 months"].at == datetime(2027, 5, 31, 21, 15, tzinfo=LONDON)
    assert by_label["1 year"].at == datetime(2027, 8, 31, 21, 15, tzinfo=LONDON)
    one_month = parse_step("1mo").moment_from(datetime(2027, 1, 31, 23, 0, tzinfo=LONDON))
    assert one_month == datetime(2027, 2, 28, 23, 0, tzinfo=LONDON)


def test_the_na_welcome_tag_is_the_moment_itself() -> None:
    status = milestone_status(START.date(), START.date(), NA, 1, start_at=START, now=START)
    assert [(m.label, m.at) for m in status.achieved] == [("Welcome", START)]


def test_progress_counts_real_time_on_day_one() -> None:
    share = progress_towards(
        START.date(), date(2026, 12, 5), EXTENDED, start_at=START, now=START + timedelta(hours=6)
    )
    assert share == pytest.approx(0.25)


# --- stored as a date and time with its offset ---------------------------------------------


def test_a_moment_is_stored_with_its_offset_and_read_back() -> None:
    start = datetime(2026, 3, 29, 23, 0, tzinfo=LONDON)
    clock = moment_clock(start)
    lapse = Lapse("l", datetime(2026, 4, 2, 21, 0, tzinfo=UTC), date(2026, 4, 3))
    lapse.set_restart(datetime(2026, 4, 2, 23, 0, tzinfo=LONDON))
    clock.lapses.append(lapse)
    text = tomli_w.dumps({"clock": clock_to_dict(clock)})
    assert "clean_since = 2026-03-29 23:00:00+01:00" in text
    assert "restart = 2026-04-02 23:00:00+01:00" in text
    back = clock_from_dict(tomllib.loads(text)["clock"], "test")
    assert (back.clean_since, back.clean_since_at) == (start.date(), start)
    assert back.lapses[0].restart_at == datetime(2026, 4, 2, 23, 0, tzinfo=LONDON)
    # An older version reads the same value as the day it falls on.
    assert parse_date(tomllib.loads(text)["clock"]["clean_since"], "old") == date(2026, 3, 29)


def test_a_date_only_clock_is_stored_as_before() -> None:
    text = tomli_w.dumps({"clock": clock_to_dict(Clock("alcohol", date(2026, 12, 4)))})
    assert "clean_since = 2026-12-04\n" in text
    assert clock_from_dict(tomllib.loads(text)["clock"], "test").clean_since_at is None


def test_a_moment_from_a_json_export_is_read_back() -> None:
    back = clock_from_dict({"name": "alcohol", "clean_since": "2026-12-04T22:00:00+00:00"}, "t")
    assert back.clean_since_at == START


# --- properties ------------------------------------------------------------------------

zones = st.sampled_from([UTC, LONDON, NEW_YORK, ZoneInfo("Australia/Sydney")])
starts = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=zones
)


@settings(max_examples=200, deadline=None)
@given(start=starts, hours=st.integers(0, 24 * 800), more=st.integers(0, 24 * 40))
def test_whole_days_never_go_down_as_time_passes(start: datetime, hours: int, more: int) -> None:
    start = start.replace(second=0, microsecond=0)
    first = start + timedelta(hours=hours)
    later = first + timedelta(hours=more)
    assert moments.whole_days(start, first) <= moments.whole_days(start, later)


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(2, 2000))
def test_the_nth_day_arrives_at_the_starts_time_of_day(start: datetime, days: int) -> None:
    start = moments.local_moment(start.replace(tzinfo=None, second=0, microsecond=0), start.tzinfo)
    assert moments.whole_days(start, moments.add_days(start, days)) == days


@settings(max_examples=100, deadline=None)
@given(start=starts)
def test_milestone_moments_only_move_forward(start: datetime) -> None:
    found = [m.at for m in schedule(start.date(), EXTENDED, start)][:20]
    assert all(a is not None and b is not None and a < b for a, b in pairwise(found))
    first = found[0]
    assert first is not None and moments.elapsed(start, first) == timedelta(hours=24)
