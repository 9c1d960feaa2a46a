"""Clean time: lapses end runs, totals and the longest run keep the whole history."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.cleantime import Run, clean_time, compute_runs
from recoverylog.domain.insights.clean_days import clean_calendar
from recoverylog.domain.model import Clock, Lapse

START = date(2026, 10, 1)


def lapse(day: date, restart: date | None = None, hour: int = 21, name: str = "l") -> Lapse:
    at = datetime.combine(day, time(hour), tzinfo=UTC)
    return Lapse(name, at, restart or day + timedelta(days=1))


def make(*lapses: Lapse, since: date = START, reset: bool = True) -> Clock:
    return Clock("alcohol", since, reset_on_lapse=reset, lapses=list(lapses))


def test_on_the_clean_since_date_the_count_is_zero_and_the_next_day_one() -> None:
    assert clean_time(make(), START, UTC).current_days == 0
    assert clean_time(make(), START, UTC).headline_days == 0
    assert clean_time(make(), START + timedelta(days=1), UTC).current_days == 1


def test_a_lapse_ends_the_run_and_the_next_starts_the_following_day() -> None:
    ct = clean_time(make(lapse(date(2026, 10, 11))), date(2026, 10, 20), UTC)
    assert ct.runs == [
        Run(START, date(2026, 10, 11), 10),
        Run(date(2026, 10, 12), None, 8),
    ]
    assert ct.current_days == 8
    assert ct.total_clean_days == 18
    assert ct.longest_run_days == 10
    assert ct.elapsed_days == 19
    assert ct.lapse_count == 1
    assert ct.share_clean == pytest.approx(18 / 19)
    assert (ct.headline_start, ct.headline_days) == (date(2026, 10, 12), 8)


def test_a_restart_the_user_gives_starts_the_next_run() -> None:
    clock = make(lapse(date(2026, 10, 11), restart=date(2026, 10, 15)))
    ct = clean_time(clock, date(2026, 10, 20), UTC)
    assert ct.runs == [Run(START, date(2026, 10, 11), 10), Run(date(2026, 10, 15), None, 5)]
    assert ct.total_clean_days == 15
    calendar = clean_calendar(clock, date(2026, 10, 13), date(2026, 10, 15), UTC)
    assert calendar.status_on(date(2026, 10, 13)) == "gap"
    assert calendar.status_on(date(2026, 10, 15)) == "clean"


def test_the_headline_keeps_the_original_date_when_the_user_chose_so() -> None:
    ct = clean_time(make(lapse(date(2026, 10, 11)), reset=False), date(2026, 10, 20), UTC)
    assert (ct.headline_start, ct.headline_days) == (START, 19)
    assert ct.current_days == 8  # the run itself still restarted


def test_totals_are_the_sum_of_the_runs_and_the_longest_run_is_kept() -> None:
    clock = make(
        lapse(date(2026, 10, 31), name="a"),  # run 1: 30 days
        lapse(date(2026, 11, 5), name="b"),  # run 2: Nov 1 to Nov 5 = 4 days
        lapse(date(2026, 11, 20), name="c"),  # run 3: Nov 6 to Nov 20 = 14 days
    )
    ct = clean_time(clock, date(2026, 11, 23), UTC)  # run 4: Nov 21 to Nov 23 = 2 days
    assert [r.days for r in ct.runs] == [30, 4, 14, 2]
    assert ct.total_clean_days == 50
    assert ct.longest_run_days == 30
    assert ct.lapse_count == 3
    assert ct.elapsed_days == 53


def test_the_longest_run_can_be_the_current_one() -> None:
    ct = clean_time(make(lapse(date(2026, 10, 3))), date(2026, 12, 1), UTC)
    assert ct.longest_run_days == ct.current_days == (date(2026, 12, 1) - date(2026, 10, 4)).days


def test_a_lapse_on_the_clean_since_date_leaves_a_zero_day_run() -> None:
    ct = clean_time(make(lapse(START)), date(2026, 10, 5), UTC)
    assert ct.runs == [Run(START, START, 0), Run(date(2026, 10, 2), None, 3)]


def test_lapses_before_the_start_change_nothing() -> None:
    today = date(2026, 11, 23)
    plain = clean_time(make(), today, UTC)
    with_old = clean_time(
        make(lapse(date(2026, 9, 1), name="a"), lapse(date(2026, 9, 30), name="b")), today, UTC
    )
    assert with_old == plain


def test_lapses_after_today_are_not_yet_history() -> None:
    today = date(2026, 10, 20)
    assert clean_time(make(lapse(date(2026, 10, 25))), today, UTC) == clean_time(make(), today, UTC)


def test_the_lapse_day_is_the_day_where_it_happened_in_any_zone() -> None:
    # 00:30 on 12 Oct in London (summer time) is 23:30 UTC on 11 Oct: the lapse keeps
    # its own day, 12 Oct, whichever zone the journal is read in.
    late = Lapse(
        "l", datetime(2026, 10, 12, 0, 30, tzinfo=ZoneInfo("Europe/London")), date(2026, 10, 13)
    )
    for viewer in (ZoneInfo("Europe/London"), UTC, ZoneInfo("America/Los_Angeles")):
        runs = compute_runs(make(late), date(2026, 10, 20), viewer)
        assert runs[0] == Run(START, date(2026, 10, 12), 11)


def test_two_lapses_on_one_day_end_one_run() -> None:
    day = date(2026, 10, 11)
    clock = make(lapse(day, hour=10, name="a"), lapse(day, hour=22, name="b"))
    assert compute_runs(clock, date(2026, 10, 20), UTC) == [
        Run(START, day, 10),
        Run(date(2026, 10, 12), None, 8),
    ]


def test_a_planned_start_has_not_begun() -> None:
    ct = clean_time(make(since=date(2026, 12, 1)), date(2026, 11, 23), UTC)
    assert ct.started is False
    assert (ct.current_days, ct.headline_days, ct.total_clean_days, ct.elapsed_days) == (
        0,
        0,
        0,
        0,
    )
    assert ct.share_clean is None


def test_recording_an_earlier_lapse_never_adds_clean_days() -> None:
    # Lapse on day 10, back on day 50; later the user records a lapse on day 5 too,
    # saying the new run began on day 11. Days 11 to 49 were still not clean.
    later = lapse(START + timedelta(days=10), restart=START + timedelta(days=50), name="b")
    earlier = lapse(START + timedelta(days=5), restart=START + timedelta(days=11), name="a")
    today = START + timedelta(days=60)
    before = clean_time(make(later), today, UTC)
    after = clean_time(make(later, earlier), today, UTC)
    assert before.total_clean_days == 20
    assert after.total_clean_days <= before.total_clean_days


# --- properties -----------------------------------------------------------------------

since_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
offsets = st.lists(st.integers(min_value=-20, max_value=400), max_size=8)


def clock_from(since: date, lapse_offsets: list[int]) -> Clock:
    """A clock with a lapse at noon on each offset day, each back the following day."""
    lapses = [
        lapse(since + timedelta(days=o), hour=12, name=str(i)) for i, o in enumerate(lapse_offsets)
    ]
    return make(*lapses, since=since)


@settings(max_examples=200, deadline=None)
@given(since=since_dates, lapse_offsets=offsets, today_offset=st.integers(0, 500))
def test_totals_stay_within_the_elapsed_days(
    since: date, lapse_offsets: list[int], today_offset: int
) -> None:
    today = since + timedelta(days=today_offset)
    ct = clean_time(clock_from(since, lapse_offsets), today, UTC)
    no_lapses = clean_time(make(since=since), today, UTC)
    assert no_lapses.total_clean_days == no_lapses.elapsed_days == today_offset
    assert ct.total_clean_days == sum(r.days for r in ct.runs)
    assert ct.longest_run_days == max(r.days for r in ct.runs)
    assert 0 <= ct.total_clean_days <= ct.elapsed_days == today_offset
    assert ct.longest_run_days <= no_lapses.longest_run_days
    # runs are in order and never overlap
    for earlier, later in pairwise(ct.runs):
        assert earlier.end is not None and earlier.end < later.start


@settings(max_examples=200, deadline=None)
@given(
    since=since_dates,
    lapse_offsets=offsets,
    extra=st.integers(min_value=-20, max_value=400),
    today_offset=st.integers(0, 500),
)
def test_adding_a_lapse_never_adds_clean_time(
    since: date, lapse_offsets: list[int], extra: int, today_offset: int
) -> None:
    today = since + timedelta(days=today_offset)
    before = clean_time(clock_from(since, lapse_offsets), today, UTC)
    after = clean_time(clock_from(since, [*lapse_offsets, extra]), today, UTC)
    assert after.total_clean_days <= before.total_clean_days
    assert after.longest_run_days <= before.longest_run_days
    assert after.elapsed_days == before.elapsed_days


@settings(max_examples=200, deadline=None)
@given(since=since_dates, lapse_offsets=offsets)
def test_on_the_clean_since_date_everything_is_zero(since: date, lapse_offsets: list[int]) -> None:
    ct = clean_time(clock_from(since, lapse_offsets), since, UTC)
    assert (ct.current_days, ct.headline_days, ct.total_clean_days, ct.elapsed_days) == (
        0,
        0,
        0,
        0,
    )


def test_a_run_never_starts_before_the_day_after_its_lapse() -> None:
    """A restart day on (or before) the lapse day would count the lapse day as clean."""
    day = date(2026, 10, 10)
    for restart in (day, day - timedelta(days=1)):
        ct = clean_time(make(lapse(day, restart=restart)), date(2026, 10, 20), UTC)
        assert ct.runs[-1].start == day + timedelta(days=1)
        assert ct.total_clean_days == 9 + 9  # 1-9 Oct, then 11-19 Oct
