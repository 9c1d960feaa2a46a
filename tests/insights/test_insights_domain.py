"""The pure insight functions, against small fixtures whose numbers were worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from insights_helpers import (
    at,
    clock,
    coping_fixture,
    craving,
    entry,
    mixed_fixture,
    selfcheck,
    trigger,
)

from recoverylog.domain.cleantime import compute_runs
from recoverylog.domain.insights.build import build_insights
from recoverylog.domain.insights.clean_days import clean_calendar, clean_days, score_series
from recoverylog.domain.insights.coping import coping_effectiveness
from recoverylog.domain.insights.craving_times import HourIntensity, intensity_by_hour
from recoverylog.domain.insights.cravings import CravingStats, cravings_by_day
from recoverylog.domain.insights.outcomes import lapses_in
from recoverylog.domain.insights.period import Period, only_clock
from recoverylog.domain.insights.triggers import KindStat, TriggerStat
from recoverylog.domain.model import Clock, EntryType
from recoverylog.errors import InvalidInput
from recoverylog.render.observations import observations

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
WEEK = Period(date(2026, 11, 2), date(2026, 11, 8))  # Monday to Sunday


# --- periods --------------------------------------------------------------------


def test_last_90_days_and_the_period_before() -> None:
    period = Period.last_days(90, date(2026, 11, 23))
    assert period.since == date(2026, 8, 26)
    assert period.days == 90
    before = period.previous()
    assert (before.since, before.until) == (date(2026, 5, 28), date(2026, 8, 25))
    assert before.days == 90


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match="starts"):
        Period(date(2026, 11, 9), date(2026, 11, 8))
    with pytest.raises(InvalidInput):
        Period.last_days(0, date(2026, 11, 8))


def test_bounds_cover_the_period_generously() -> None:
    start, end = WEEK.bounds(NEW_YORK)
    assert start <= at("2026-11-02T00:00:00-05:00")
    assert end > at("2026-11-08T23:59:59-05:00")


# --- empty and single entry -----------------------------------------------------


def test_an_empty_period_gives_zeros_and_nones() -> None:
    built = build_insights([], WEEK, UTC)
    assert built.trend.current == CravingStats(0, None, None)
    trend = built.trend
    assert (trend.change, trend.change_share, trend.direction) == (0, None, "same")
    weeks = built.weeks
    assert [(w.start, w.end, w.count) for w in weeks] == [(WEEK.since, WEEK.until, 0)]
    times = built.times
    assert times.total == 0
    assert times.busiest_cell() is None
    assert times.busiest_weekday() is None
    assert built.triggers.triggers == ()
    halt = built.halt
    assert (halt.cravings, halt.with_any, halt.most_common(), halt.share("tired")) == (
        0,
        0,
        None,
        None,
    )
    assert coping_effectiveness([], WEEK, UTC) == []
    outcome = built.outcomes
    assert (outcome.cravings, outcome.pass_rate, outcome.average_duration_min) == (0, None, None)
    assert built.selfchecks == ()
    texts = [o.text for o in observations(built)]
    assert texts == ["No cravings logged in these 7 days."]


def test_one_craving() -> None:
    one = [craving("2026-11-06T21:15", 7, triggers=["payday"], halt=["tired"], outcome="passed")]
    built = build_insights(one, WEEK, UTC)
    assert built.trend.current == CravingStats(1, 7.0, 7)
    times = built.times
    assert times.by_weekday == (0, 0, 0, 0, 1, 0, 0)  # a Friday
    assert times.by_hour[21] == 1
    assert times.blocks()[4] == (0, 0, 0, 0, 0, 1)  # Friday, 20:00-24:00
    assert times.busiest_cell() == (4, 5, 1)
    stats = built.triggers.triggers
    assert stats == (TriggerStat("payday", 1, 1, 7.0, None),)
    trend = built.trend
    assert (trend.change, trend.change_share, trend.direction) == (1, None, "more")


# --- period boundaries, time zones, DST ---------------------------------------------


def test_entries_exactly_on_the_boundaries() -> None:
    entries = [
        craving("2026-11-01T23:59:59", 1),  # the day before: previous period
        craving("2026-11-02T00:00:00", 2),  # first instant: in
        craving("2026-11-08T23:59:59", 3),  # last instant: in
        craving("2026-11-09T00:00:00", 4),  # the day after: out
    ]
    trend = build_insights(entries, WEEK, UTC).trend
    assert trend.current == CravingStats(2, 2.5, 3)
    assert trend.previous == CravingStats(1, 1.0, 1)
    days = cravings_by_day(entries, WEEK, UTC)
    assert [d.count for d in days] == [1, 0, 0, 0, 0, 0, 1]


def test_a_record_keeps_the_day_and_hour_where_it_happened() -> None:
    # 22:00 on Sunday 8 Nov in New York (03:00 UTC on Monday): Sunday at 22:00, in
    # whichever zone the journal is read.
    late = [craving("2026-11-08T22:00-05:00", 5)]
    for viewer in (UTC, NEW_YORK, LONDON):
        built = build_insights(late, WEEK, viewer)
        assert built.trend.current.count == 1
        times = built.times
        assert times.by_weekday[6] == 1
        assert times.by_hour[22] == 1


def test_the_night_the_clocks_go_back_in_london() -> None:
    # Sunday 25 Oct 2026: 02:00 BST becomes 01:00 GMT, so the day has 25 hours. Each
    # craving is stored with the offset it was logged with.
    sunday = Period(date(2026, 10, 25), date(2026, 10, 25))
    entries = [
        craving("2026-10-25T00:30+01:00", 4),  # 00:30 BST on the 25th (the 24th in UTC)
        craving("2026-10-25T01:30+01:00", 5),  # 01:30 BST
        craving("2026-10-25T01:30+00:00", 6),  # 01:30 GMT: the same local hour again
        craving("2026-10-25T23:30+00:00", 7),  # 23:30 GMT, still the 25th
        craving("2026-10-26T00:00+00:00", 8),  # midnight: Monday
    ]
    for viewer in (LONDON, UTC):
        built = build_insights(entries, sunday, viewer)
        assert built.trend.current == CravingStats(4, 5.5, 7)
    times = build_insights(entries, sunday, LONDON).times
    assert (times.by_hour[0], times.by_hour[1], times.by_hour[23]) == (1, 2, 1)
    assert times.by_weekday == (0, 0, 0, 0, 0, 0, 4)
    # Weeks across the change: Mon 19 Oct - Sun 25 Oct, then Mon 26 Oct - Sun 1 Nov.
    fortnight = Period(date(2026, 10, 19), date(2026, 11, 1))
    weeks = build_insights(entries, fortnight, LONDON).weeks
    assert [(w.start, w.count) for w in weeks] == [(date(2026, 10, 19), 4), (date(2026, 10, 26), 1)]


def test_intensity_by_hour_across_the_clock_change() -> None:
    sunday = Period(date(2026, 10, 25), date(2026, 10, 25))
    entries = [
        craving("2026-10-25T01:30+01:00", 5),  # 01:30 BST
        craving("2026-10-25T01:30+00:00", 8),  # 01:30 GMT
        craving("2026-10-25T20:10+00:00", 2),  # 20:10 GMT
        trigger("2026-10-25T01:40+00:00", "payday"),  # not a craving
    ]
    hours = intensity_by_hour(entries, sunday, LONDON)
    assert len(hours) == 24 and [h.hour for h in hours] == list(range(24))
    assert hours[1] == HourIntensity(1, 2, 6.5, 8)
    assert hours[20] == HourIntensity(20, 1, 2.0, 2)
    assert hours[0] == HourIntensity(0, 0, None, None)
    assert sum(h.count for h in hours) == 3


def test_trend_against_the_previous_week() -> None:
    entries = [
        *(craving(f"2026-10-{d}T12:00", 6) for d in (27, 28, 29, 31)),  # 4 the week before
        *(craving(f"2026-11-0{d}T12:00", 3) for d in (2, 4, 8)),  # 3 this week
    ]
    trend = build_insights(entries, WEEK, UTC).trend
    assert trend.previous_period == Period(date(2026, 10, 26), date(2026, 11, 1))
    assert (trend.previous.count, trend.current.count) == (4, 3)
    assert (trend.change, trend.change_share, trend.direction) == (-1, -0.25, "fewer")


def test_weeks_are_calendar_weeks_clipped_to_the_period() -> None:
    period = Period(date(2026, 11, 4), date(2026, 11, 17))  # Wednesday to Tuesday
    entries = [
        craving("2026-11-04T08:00", 2),
        craving("2026-11-08T08:00", 4),
        craving("2026-11-09T08:00", 9),
        craving("2026-11-17T08:00", 1),
    ]
    weeks = build_insights(entries, period, UTC).weeks
    assert [(w.start, w.end, w.days) for w in weeks] == [
        (date(2026, 11, 4), date(2026, 11, 8), 5),
        (date(2026, 11, 9), date(2026, 11, 15), 7),
        (date(2026, 11, 16), date(2026, 11, 17), 2),
    ]
    assert [(w.count, w.average_intensity, w.peak_intensity) for w in weeks] == [
        (2, 3.0, 4),
        (1, 9.0, 9),
        (1, 1.0, 1),
    ]


def test_time_blocks_and_the_busiest_cell() -> None:
    entries = [
        craving("2026-11-06T20:10", 5),  # Friday 20-24
        craving("2026-11-06T23:50", 5),  # Friday 20-24
        craving("2026-11-02T20:30", 5),  # Monday 20-24
        craving("2026-11-02T03:59", 5),  # Monday 00-04
    ]
    times = build_insights(entries, WEEK, UTC).times
    assert times.by_block() == (1, 0, 0, 0, 0, 3)
    assert times.busiest_cell() == (4, 5, 2)
    assert times.busiest_weekday() == 0  # Monday and Friday tie: the earlier day
    with pytest.raises(ValueError):
        times.blocks(5)


# --- triggers and HALT --------------------------------------------------------------


def test_triggers_counts_kinds_and_intensity() -> None:
    entries = [
        craving("2026-11-02T18:00", 6, triggers=["after work"]),
        craving("2026-11-03T18:00", 8, triggers=["After  Work", "payday", "PAYDAY"]),
        trigger("2026-11-04T18:00", "after work", "time"),
        trigger("2026-11-05T18:00", "payday", "thing"),
        trigger("2026-11-06T18:00", "Payday", "emotion"),
    ]
    summary = build_insights(entries, WEEK, UTC, trigger_limit=None).triggers
    # after work: 2 cravings + 1 entry, intensity (6 + 8) / 2; payday: 1 craving + 2 entries.
    # Equal counts: the stronger average comes first.
    assert summary.triggers == (
        TriggerStat("payday", 3, 1, 8.0, "emotion"),
        TriggerStat("after work", 3, 2, 7.0, "time"),
    )
    # time: 1 entry + 2 craving mentions; emotion: 1 entry + 1 mention; thing: 1 entry.
    # Average intensity of the craving mentions: time (6 + 8) / 2; emotion 8; thing none.
    assert summary.kinds == (
        KindStat("time", 3, 7.0),
        KindStat("emotion", 2, 8.0),
        KindStat("thing", 1, None),
    )
    assert summary.mentions == 6
    one = build_insights(entries, WEEK, UTC, trigger_limit=1).triggers.triggers
    assert [t.name for t in one] == ["payday"]


def test_halt_frequency() -> None:
    entries = [
        craving("2026-11-02T18:00", 5, halt=["tired"]),
        craving("2026-11-03T18:00", 5, halt=["tired", "lonely"]),
        craving("2026-11-04T18:00", 5, halt=[]),
        craving("2026-11-05T18:00", 5, halt=["hungry"]),
        trigger("2026-11-05T18:00", "argument"),  # not a craving: not counted
    ]
    halt = build_insights(entries, WEEK, UTC).halt
    assert (halt.cravings, halt.with_any) == (4, 3)
    assert dict(halt.counts) == {"hungry": 1, "angry": 0, "lonely": 1, "tired": 2}
    assert halt.share("tired") == 0.5
    assert halt.most_common() == "tired"


# --- coping ------------------------------------------------------------------------------


def test_coping_effectiveness_by_hand() -> None:
    effects = coping_effectiveness(coping_fixture(), WEEK, UTC)
    by_name = {e.name: e for e in effects}
    sponsor = by_name["call sponsor"]
    # Used in c1, c2, c6; outcomes known for c1, c2 (both passed). Cravings with an
    # outcome: c1..c5, 3 passed; without the sponsor call: c3, c4, c5 -> 1 passed.
    assert (sponsor.times_used, sponsor.cravings) == (3, 3)
    assert (sponsor.passed_with, sponsor.known_with) == (2, 2)
    assert (sponsor.passed_without, sponsor.known_without) == (1, 3)
    assert (sponsor.average_helped, sponsor.ratings) == (5.0, 1)
    breathing = by_name["breathing"]  # c2, c3, c5 (linked): 2 of 3 passed
    assert (breathing.times_used, breathing.passed_with, breathing.known_with) == (3, 2, 3)
    assert (breathing.passed_without, breathing.known_without) == (1, 2)
    assert breathing.pass_rate_with == pytest.approx(2 / 3)
    walk = by_name["go for a walk"]
    assert (walk.times_used, walk.cravings, walk.known_with) == (2, 0, 0)
    assert walk.pass_rate_with is None
    assert walk.average_helped == 3.5
    # Ranked by (passed + 1) / (known + 2): 3/4, 3/5, 1/2.
    assert [e.name for e in effects] == ["call sponsor", "breathing", "go for a walk"]
    assert not any(e.enough_data for e in effects)


def test_enough_data_comes_first_in_the_ranking() -> None:
    entries = []
    for day in range(2, 7):  # five cravings, all passed, with urge surfing
        entries.append(
            craving(f"2026-11-0{day}T09:00", 5, coping=["urge surfing"], outcome="passed")
        )
    for day in range(2, 7):  # five with a walk: 3 passed, 2 used
        outcome = "passed" if day < 5 else "used"
        entries.append(craving(f"2026-11-0{day}T15:00", 5, coping=["walk"], outcome=outcome))
    entries.append(craving("2026-11-07T09:00", 5, coping=["breathing"], outcome="passed"))
    effects = coping_effectiveness(entries, WEEK, UTC)
    assert [(e.name, e.times_used, e.enough_data) for e in effects] == [
        ("urge surfing", 5, True),  # 6/7
        ("walk", 5, True),  # 4/7
        ("breathing", 1, False),  # 2/3, but too little data to say
    ]


# --- outcomes --------------------------------------------------------------------------


def test_outcomes_by_hand() -> None:
    entries = [
        craving("2026-11-02T18:00", 2, outcome="passed", duration_min=10),
        craving("2026-11-03T18:00", 5, outcome="passed", duration_min=20),
        craving("2026-11-04T18:00", 8, outcome="used"),
        craving("2026-11-05T18:00", 9, outcome="used", duration_min=30),
        craving("2026-11-06T18:00", 4),
    ]
    o = build_insights(entries, WEEK, UTC).outcomes
    assert (o.cravings, o.passed, o.used, o.unknown) == (5, 2, 2, 1)
    assert (o.average_duration_min, o.with_duration) == (20.0, 3)
    assert (o.average_intensity_passed, o.average_intensity_used) == (3.5, 8.5)
    assert o.pass_rate == 0.5
    assert [(b.low, b.high, b.passed, b.used, b.unknown) for b in o.bands] == [
        (0, 3, 1, 0, 0),
        (4, 6, 1, 0, 1),
        (7, 10, 0, 2, 0),
    ]


# --- clean days ----------------------------------------------------------------------


def _two_lapse_clock():
    # Clean from 1 Nov; lapse 10 Nov (next run 11 Nov); lapse 15 Nov, next run 18 Nov.
    return clock(
        date(2026, 11, 1),
        ("2026-11-10T21:30", date(2026, 11, 11)),
        ("2026-11-15T12:00", date(2026, 11, 18)),
    )


def test_clean_calendar_by_hand() -> None:
    cal = clean_calendar(_two_lapse_clock(), date(2026, 10, 30), date(2026, 11, 20), UTC)
    expected = (
        ["before"] * 2
        + ["clean"] * 9
        + ["lapse"]
        + ["clean"] * 4
        + ["lapse"]
        + ["gap"] * 2
        + ["clean"] * 3
    )
    assert list(cal.statuses) == expected
    assert cal.end == date(2026, 11, 20)
    assert cal.status_on(date(2026, 11, 10)) == "lapse"
    assert cal.status_on(date(2026, 12, 1)) is None
    assert cal.ranges()[:3] == [
        (date(2026, 10, 30), date(2026, 10, 31), "before"),
        (date(2026, 11, 1), date(2026, 11, 9), "clean"),
        (date(2026, 11, 10), date(2026, 11, 10), "lapse"),
    ]


def test_a_lapse_keeps_its_day_in_any_zone() -> None:
    # 00:30 on Sunday 25 Oct in London (BST), 23:30 UTC on Saturday.
    c = clock(date(2026, 10, 1), ("2026-10-25T00:30+01:00", date(2026, 10, 26)))
    for viewer in (LONDON, UTC):
        calendar = clean_calendar(c, date(2026, 10, 24), date(2026, 10, 26), viewer)
        assert calendar.statuses == ("clean", "lapse", "clean")


def test_clean_shares_by_hand() -> None:
    # Shares count whole days, as total clean days does: today (20 Nov) is not over.
    days = clean_days(_two_lapse_clock(), date(2026, 11, 20), UTC, windows=(7, 30))
    week = days.shares[7]  # 13-19 Nov: 13-14 clean, 15 lapse, 16-17 gap, 18-19 clean
    assert (week.since, week.until) == (date(2026, 11, 13), date(2026, 11, 19))
    assert (week.days, week.counted, week.clean, week.lapses) == (7, 7, 4, 1)
    assert week.share == pytest.approx(4 / 7)
    month = days.shares[30]  # 21 Oct - 19 Nov: 11 days before the clock, then 15 of 19 clean
    assert (month.days, month.counted, month.clean, month.lapses) == (30, 19, 15, 2)
    assert month.share == pytest.approx(15 / 19)
    assert days.total_clean_days == 9 + 4 + 2  # the current run counts whole days: 18 -> 20
    assert month.clean == days.total_clean_days  # the window holds the whole history


def test_share_is_none_before_the_clock_starts() -> None:
    days = clean_days(clock(date(2026, 12, 1)), date(2026, 11, 20), UTC)
    assert days.shares[30].share is None
    assert set(days.calendar.statuses) == {"before"}
    assert days.score is None


M = 0.5 ** (1 / 13)


def test_trend_score_halves_its_distance_every_13_days() -> None:
    start = date(2026, 1, 1)
    # Whole days only: on day 13 the days 0-12 are over.
    days = clean_days(clock(start), start + timedelta(days=13), UTC)  # 13 clean days
    assert days.score == pytest.approx(0.5)
    days = clean_days(clock(start), start + timedelta(days=26), UTC)  # 26 clean days
    assert days.score == pytest.approx(0.75)


def test_one_lapse_after_100_clean_days_costs_a_few_points() -> None:
    start = date(2026, 1, 1)
    lapse_day = start + timedelta(days=100)  # 11 Apr: 100 clean days before it
    c = clock(start, (f"{lapse_day}T21:00", lapse_day + timedelta(days=1)))
    days = clean_days(c, lapse_day + timedelta(days=1), UTC)  # the lapse day is over
    before = 1 - M**100
    assert days.score == pytest.approx(before * M)
    assert before - days.score < 0.06  # a few points, not everything
    assert days.total_clean_days == 100
    assert days.weekly_scores[-1] == (lapse_day, pytest.approx(before * M))


def test_score_series_skips_days_before_the_clock() -> None:
    assert score_series(["before", "before"]) == [0.0, 0.0]
    series = score_series(["before", "clean", "lapse", "gap"])
    assert series[1] == pytest.approx(1 - M)
    assert series[2] == pytest.approx((1 - M) * M)
    assert series[3] == pytest.approx((1 - M) * M * M)


def test_the_calendar_shows_52_whole_weeks_ending_this_week() -> None:
    days = clean_days(clock(date(2025, 9, 1)), date(2026, 11, 23), UTC)
    cal = days.calendar
    assert cal.start == date(2025, 12, 1)  # a Monday, 51 weeks before Monday 23 Nov
    assert cal.end == date(2026, 11, 23)
    assert len(cal.statuses) == 51 * 7 + 1
    assert cal.status_on(date(2025, 12, 1)) == "clean"
    # One score per whole week (Sundays), the last at yesterday's end.
    assert [d for d, _ in days.weekly_scores[:2]] == [date(2025, 12, 7), date(2025, 12, 14)]
    assert days.weekly_scores[-1][0] == date(2026, 11, 22)
    assert len(days.weekly_scores) == 51


def test_the_calendar_starts_at_the_week_the_clock_began() -> None:
    days = clean_days(clock(date(2026, 9, 1)), date(2026, 11, 23), UTC)
    cal = days.calendar
    assert cal.start == date(2026, 8, 31)  # the Monday of the clock's first week
    assert cal.end == date(2026, 11, 23)
    assert cal.status_on(date(2026, 8, 31)) == "before"
    assert cal.status_on(date(2026, 9, 1)) == "clean"
    assert [d for d, _ in days.weekly_scores[:2]] == [date(2026, 9, 6), date(2026, 9, 13)]
    assert days.weekly_scores[-1][0] == date(2026, 11, 22)
    # Begun on Sunday 22 Nov: two weeks are drawn, not 52.
    one_day_old = clean_days(clock(date(2026, 11, 22)), date(2026, 11, 23), UTC)
    assert one_day_old.calendar.start == date(2026, 11, 16)
    assert one_day_old.calendar.statuses == ("before",) * 6 + ("clean", "clean")


@st.composite
def clocks_with_lapses(draw):
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 30)))
    lapses = []
    for _ in range(draw(st.integers(0, 5))):
        day = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 80)))
        restart = day + timedelta(days=draw(st.integers(0, 4)))
        hour = draw(st.integers(0, 23))
        lapses.append((f"{day}T{hour:02d}:00", restart))
    return clock(start, *lapses)


def day_status(clock: Clock, day: date, tz) -> str:
    """The status of one day by definition, from the runs up to it: what the calendar
    computes for many days at once."""
    if day < clock.clean_since:
        return "before"
    for run in compute_runs(clock, day, tz):
        if run.end == day:
            return "lapse"
        if run.start <= day and (run.end is None or day < run.end):
            return "clean"
    return "gap"


@settings(max_examples=120, deadline=None)
@given(clocks_with_lapses(), st.sampled_from([UTC, LONDON, NEW_YORK]))
def test_the_calendar_agrees_with_day_status(c, tz) -> None:
    first, last = date(2025, 12, 25), date(2026, 4, 1)
    cal = clean_calendar(c, first, last, tz)
    day = first
    while day <= last:
        assert cal.status_on(day) == day_status(c, day, tz), day
        day += timedelta(days=1)


def test_lapses_in_the_period() -> None:
    c = _two_lapse_clock()
    found = lapses_in([c], Period(date(2026, 11, 11), date(2026, 11, 20)), UTC)
    assert [(name, lapse.at.day) for name, lapse in found] == [("alcohol", 15)]


# --- self-checks, clocks, and everything together -----------------------------------------


def test_selfcheck_weeks_keep_the_latest_of_each_week() -> None:
    entries = [
        selfcheck("2026-10-27T20:00", [1, 1, 1, 1, 1]),  # previous week
        selfcheck("2026-11-02T20:00", [3, 3, 3, 3, 3]),
        selfcheck("2026-11-05T20:00", [2, 2, 2, 2, 1]),  # later in the same week
        selfcheck("2026-11-09T20:00", [0, 0, 0, 0, 0]),
    ]
    period = Period(date(2026, 10, 26), date(2026, 11, 15))
    weeks = build_insights(entries, period, UTC).selfchecks
    assert [(w.week_start, w.total) for w in weeks] == [
        (date(2026, 10, 26), 5),
        (date(2026, 11, 2), 9),
        (date(2026, 11, 9), 0),
    ]
    assert weeks[1].answers == (2, 2, 2, 2, 1)


def test_only_clock_filters_case_insensitively() -> None:
    entries = [
        craving("2026-11-02T18:00", 5),
        entry(EntryType.CRAVING, "2026-11-03T18:00", "Nicotine", intensity=3),
        entry(EntryType.CRAVING, "2026-11-04T18:00", None, intensity=3),
    ]
    assert [e.clock for e in only_clock(entries, "nicotine")] == ["Nicotine"]
    assert len(list(only_clock(entries, None))) == 3


def test_insights_for_one_clock_agree_with_its_entries_alone() -> None:
    entries = mixed_fixture()
    clocks = [_two_lapse_clock()]
    built = build_insights(entries, WEEK, UTC, clocks, clock="alcohol", trigger_limit=None)
    mine = list(only_clock(entries, "alcohol"))
    alone = build_insights(mine, WEEK, UTC, clocks, trigger_limit=None)
    assert built.trend == alone.trend
    assert built.trend.tracked_since == clocks[0].clean_since
    assert built.weeks == alone.weeks
    assert built.times == alone.times
    assert built.triggers == alone.triggers
    assert built.halt == alone.halt
    assert list(built.coping) == coping_effectiveness(mine, WEEK, UTC)
    assert built.outcomes == alone.outcomes
    assert built.selfchecks == alone.selfchecks
    assert built.trend.current.count == 7  # six from the coping fixture and the payday one
    assert built.trend.previous.count == 1
    assert [c.clock for c in built.clean] == ["alcohol"]
    assert built.clean[0].today == WEEK.until
    assert build_insights(entries, WEEK, UTC, clock="nicotine").trend.current.count == 1


def test_a_redone_selfcheck_at_the_same_time_wins() -> None:
    first = selfcheck("2026-11-04T20:00", [1, 1, 1, 1, 1])
    redone = selfcheck("2026-11-04T20:00", [4, 4, 4, 4, 4])  # saved later, later in the file
    period = Period(date(2026, 11, 2), date(2026, 11, 8))
    oldest_first = build_insights([first, redone], period, UTC).selfchecks
    assert [w.total for w in oldest_first] == [20]
    newest_first = build_insights([redone, first], period, UTC, newest_first=True).selfchecks
    assert [w.total for w in newest_first] == [20]
    built = build_insights([redone, first], period, UTC, newest_first=True)
    assert [w.total for w in built.selfchecks] == [20]
    # Saved later wins over file order.
    saved_first = replace(first, created=at("2026-11-05T09:00"))
    saved_again = replace(redone, created=at("2026-11-04T20:01"))
    saved = build_insights([saved_first, saved_again], period, UTC).selfchecks
    assert [w.total for w in saved] == [5]


def test_selfchecks_for_two_clocks_in_one_week_are_both_kept() -> None:
    entries = [
        selfcheck("2026-11-03T20:00", [3, 3, 3, 3, 3], clock="alcohol"),
        selfcheck("2026-11-04T20:00", [1, 0, 0, 0, 1], clock="nicotine"),
        selfcheck("2026-11-10T20:00", [2, 2, 2, 2, 2], clock="alcohol"),
    ]
    period = Period(date(2026, 11, 2), date(2026, 11, 15))
    weeks = build_insights(entries, period, UTC).selfchecks
    assert [(w.week_start.day, w.clock, w.total) for w in weeks] == [
        (2, "alcohol", 15),
        (2, "nicotine", 2),
        (9, "alcohol", 10),
    ]
    said = [o.text for o in observations(build_insights(entries, period, UTC))]
    assert "Latest self-check (alcohol): 10 of 30 (week of 9 Nov); the one before: 15." in said
    assert "Latest self-check (nicotine): 2 of 30 (week of 2 Nov)." in said


def test_no_earlier_period_before_tracking_began() -> None:
    entries = [craving("2026-11-03T18:00", 6), craving("2026-11-04T18:00", 4)]
    built = build_insights(entries, WEEK, UTC, [clock(date(2026, 11, 2))])
    assert built.trend.comparable is False
    texts = [o.text for o in observations(built) if o.section == "cravings"]
    assert texts == [
        "2 cravings in these 7 days, average intensity 5, strongest 6.",
        "There is no earlier period to compare with yet.",
    ]
    # Tracking began inside the period before: compared, and said so.
    partly = build_insights(
        [craving("2026-10-31T18:00", 8), *entries],
        WEEK,
        UTC,
        [clock(date(2026, 11, 2))],
        tracked_since=date(2026, 10, 30),
    )
    assert partly.trend.previous_partly_tracked
    said = [o.text for o in observations(partly) if o.section == "cravings"]
    assert said[1] == (
        "That is 1 more than the 7 days before (1, tracked from 30 Oct). "
        "Average intensity fell from 8 to 5."
    )


def test_cravings_by_month_clip_to_the_period() -> None:
    entries = [
        craving("2026-01-31T18:00", 4),
        craving("2026-02-01T18:00", 8),
        craving("2026-02-27T18:00", 6),
    ]
    months = build_insights(entries, Period(date(2026, 1, 20), date(2026, 3, 5)), UTC).months
    assert [(m.start, m.end, m.count, m.average_intensity) for m in months] == [
        (date(2026, 1, 20), date(2026, 1, 31), 1, 4.0),
        (date(2026, 2, 1), date(2026, 2, 28), 2, 7.0),
        (date(2026, 3, 1), date(2026, 3, 5), 0, None),
    ]


def test_the_trend_score_counts_whole_days_to_yesterday() -> None:
    today = date(2026, 11, 20)
    started_today = clean_days(clock(today), today, UTC)
    assert started_today.score is None  # no whole day yet
    c = clock(date(2026, 11, 1), ("2026-11-20T09:00+00:00", date(2026, 11, 21)))
    lapse_today = clean_days(c, today, UTC)
    before = clean_days(clock(date(2026, 11, 1)), today, UTC)
    # Today's lapse is not in the score until the day is over, as for the shares.
    assert lapse_today.score == before.score
    expected = score_series(["clean"] * 19)[-1]  # 1-19 Nov
    assert before.score == pytest.approx(expected)
    assert before.weekly_scores[-1] == (date(2026, 11, 19), pytest.approx(expected))
