"""Milestone schedules: hand-computed dates across month ends and leap days."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.milestones import (
    BUILTIN_SCHEMES,
    Milestone,
    NotAMilestone,
    Step,
    UnknownScheme,
    add_months,
    milestone_status,
    parse_step,
    schedule,
    scheme_steps,
)


def dates(start: date, scheme: str, count: int) -> list[tuple[str, date]]:
    steps = scheme_steps(scheme)
    return [(m.label, m.date) for m in islice(schedule(start, steps), count)]


# --- calendar arithmetic ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # common year: Feb 28
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year: Feb 29
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # Feb 29 + 1 year in a common year
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # ... and back to Feb 29 in a leap year
        (date(2025, 12, 31), 2, date(2026, 2, 28)),  # across the year end
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 3, 15), 0, date(2025, 3, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


# --- built-in schemes ---------------------------------------------------------------


def test_common_from_aug_31_in_a_common_year() -> None:
    assert dates(date(2025, 8, 31), "common", 11) == [
        ("24 hours", date(2025, 9, 1)),
        ("30 days", date(2025, 9, 30)),
        ("60 days", date(2025, 10, 30)),
        ("90 days", date(2025, 11, 29)),
        ("6 months", date(2026, 2, 28)),
        ("9 months", date(2026, 5, 31)),
        ("1 year", date(2026, 8, 31)),
        ("18 months", date(2027, 2, 28)),
        ("2 years", date(2027, 8, 31)),
        ("3 years", date(2028, 8, 31)),
        ("4 years", date(2029, 8, 31)),
    ]


def test_common_six_months_from_aug_31_before_a_leap_february() -> None:
    got = dict(dates(date(2023, 8, 31), "common", 9))
    assert got["6 months"] == date(2024, 2, 29)
    assert got["18 months"] == date(2025, 2, 28)


def test_common_from_feb_29() -> None:
    assert dates(date(2024, 2, 29), "common", 11) == [
        ("24 hours", date(2024, 3, 1)),
        ("30 days", date(2024, 3, 30)),
        ("60 days", date(2024, 4, 29)),
        ("90 days", date(2024, 5, 29)),
        ("6 months", date(2024, 8, 29)),
        ("9 months", date(2024, 11, 29)),
        ("1 year", date(2025, 2, 28)),
        ("18 months", date(2025, 8, 29)),
        ("2 years", date(2026, 2, 28)),
        ("3 years", date(2027, 2, 28)),
        ("4 years", date(2028, 2, 29)),
    ]


def test_extended_from_jan_31() -> None:
    assert dates(date(2026, 1, 31), "extended", 16) == [
        ("24 hours", date(2026, 2, 1)),
        ("1 week", date(2026, 2, 7)),
        ("2 weeks", date(2026, 2, 14)),
        ("30 days", date(2026, 3, 2)),
        ("60 days", date(2026, 4, 1)),
        ("90 days", date(2026, 5, 1)),
        ("100 days", date(2026, 5, 11)),
        ("6 months", date(2026, 7, 31)),
        ("9 months", date(2026, 10, 31)),
        ("1 year", date(2027, 1, 31)),
        ("500 days", date(2027, 6, 15)),
        ("18 months", date(2027, 7, 31)),
        ("2 years", date(2028, 1, 31)),
        ("1000 days", date(2028, 10, 27)),
        ("3 years", date(2029, 1, 31)),
        ("4 years", date(2030, 1, 31)),
    ]


def test_extended_is_common_plus_the_app_extras() -> None:
    start = date(2025, 12, 31)
    common = {m for m in islice(schedule(start, scheme_steps("common")), 12)}
    extended = list(islice(schedule(start, scheme_steps("extended")), 40))
    labels = {m.label for m in extended}
    assert {"1 week", "2 weeks", "100 days", "500 days", "1000 days"} <= labels
    # every common milestone up to 4 years is in the extended schedule too
    assert {m for m in common if m.date.year <= 2029} <= set(extended)


def test_na_keytags_from_dec_31_with_colours() -> None:
    got = [
        (m.label, m.date, m.colour)
        for m in islice(schedule(date(2025, 12, 31), scheme_steps("na")), 11)
    ]
    assert got == [
        ("Welcome", date(2025, 12, 31), "white"),
        ("30 days", date(2026, 1, 30), "orange"),
        ("60 days", date(2026, 3, 1), "green"),
        ("90 days", date(2026, 3, 31), "red"),
        ("6 months", date(2026, 6, 30), "blue"),
        ("9 months", date(2026, 9, 30), "yellow"),
        ("1 year", date(2026, 12, 31), "glow-in-the-dark"),
        ("18 months", date(2027, 6, 30), "gray"),
        ("2 years", date(2027, 12, 31), "black"),
        ("3 years", date(2028, 12, 31), "black"),
        ("4 years", date(2029, 12, 31), "black"),
    ]


def test_na_welcome_is_achieved_on_day_zero() -> None:
    start = date(2026, 11, 23)
    status = milestone_status(start, start, scheme_steps("na"), upcoming=2)
    assert status.achieved == [Milestone("Welcome", start, "white")]
    assert [m.label for m in status.upcoming] == ["30 days", "60 days"]


def test_common_has_nothing_achieved_on_day_zero() -> None:
    start = date(2026, 11, 23)
    status = milestone_status(start, start, scheme_steps("common"), upcoming=1)
    assert status.achieved == []
    assert status.upcoming == [Milestone("24 hours", date(2026, 11, 24))]


def test_scheme_names_are_case_insensitive_and_unknown_ones_raise() -> None:
    assert scheme_steps(" NA ") is BUILTIN_SCHEMES["na"]
    with pytest.raises(UnknownScheme, match="unknown milestone scheme 'chips'"):
        scheme_steps("chips")


# --- user-defined steps ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("1d", Step(1, "d", "1 day")),
        ("30d", Step(30, "d", "30 days")),
        ("1w", Step(1, "w", "1 week")),
        ("2w", Step(2, "w", "2 weeks")),
        ("6mo", Step(6, "mo", "6 months")),
        ("1mo", Step(1, "mo", "1 month")),
        ("6m", Step(6, "mo", "6 months")),
        ("1y", Step(1, "y", "1 year")),
        ("5y", Step(5, "y", "5 years")),
        ("24h", Step(24, "h", "24 hours")),
        ("48h", Step(48, "h", "48 hours")),
        ("every 1y", Step(1, "y", "1 year", repeat=True)),
        ("every 6mo", Step(6, "mo", "6 months", repeat=True)),
        ("  30D ", Step(30, "d", "30 days")),
        ("30 d", Step(30, "d", "30 days")),
    ],
)
def test_parse_step(spec: str, expected: Step) -> None:
    assert parse_step(spec) == expected


@pytest.mark.parametrize(
    "spec",
    ["", "   ", "abc", "d30", "30", "0d", "0y", "-1d", "1.5y", "25h", "12h", "3x", "every", "30dd"],
)
def test_parse_step_refuses_bad_specs(spec: str) -> None:
    with pytest.raises(NotAMilestone):
        parse_step(spec)


def test_every_with_hours_repeats() -> None:
    assert parse_step("every 48h").repeat is True


def test_user_defined_scheme_from_aug_31() -> None:
    custom = {"mine": ["1d", "2w", "30d", "6mo", "1y"]}
    steps = scheme_steps("Mine", custom)
    got = [(m.label, m.date) for m in schedule(date(2025, 8, 31), steps)]
    assert got == [
        ("1 day", date(2025, 9, 1)),
        ("2 weeks", date(2025, 9, 14)),
        ("30 days", date(2025, 9, 30)),
        ("6 months", date(2026, 2, 28)),
        ("1 year", date(2026, 8, 31)),
    ]  # no repeating step: the schedule ends


def test_user_defined_scheme_with_a_bad_spec_raises() -> None:
    with pytest.raises(NotAMilestone, match="'3 fortnights' is not a milestone"):
        scheme_steps("mine", {"mine": ["30d", "3 fortnights"]})


def test_user_defined_repeating_months() -> None:
    steps = scheme_steps("quarterly", {"quarterly": ["every 3mo"]})
    got = [(m.label, m.date) for m in islice(schedule(date(2025, 11, 30), steps), 4)]
    assert got == [
        ("3 months", date(2026, 2, 28)),
        ("6 months", date(2026, 5, 30)),  # from the start, not from the clamped Feb 28
        ("9 months", date(2026, 8, 30)),
        ("12 months", date(2026, 11, 30)),
    ]


# --- achieved vs upcoming on the exact day --------------------------------------------


def test_a_milestone_is_achieved_on_its_own_day_and_not_the_day_before() -> None:
    start = date(2025, 8, 31)
    steps = scheme_steps("common")
    six_months = date(2026, 2, 28)
    before = milestone_status(start, six_months - timedelta(days=1), steps, upcoming=2)
    on = milestone_status(start, six_months, steps, upcoming=2)
    assert before.achieved[-1].label == "90 days"
    assert [m.label for m in before.upcoming] == ["6 months", "9 months"]
    assert on.achieved[-1] == Milestone("6 months", six_months)
    assert [m.label for m in on.upcoming] == ["9 months", "1 year"]


def test_the_upcoming_count_is_respected() -> None:
    start = date(2026, 1, 1)
    assert len(milestone_status(start, start, scheme_steps("extended"), 5).upcoming) == 5
    assert milestone_status(start, start, scheme_steps("common"), 0).upcoming == []


# --- properties -----------------------------------------------------------------------

starts = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
spec_strategy = st.builds(
    lambda every, amount, unit: f"{'every ' if every else ''}{amount}{unit}",
    st.booleans(),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["d", "w", "mo", "y"]),
)
step_lists = st.one_of(
    st.sampled_from(sorted(BUILTIN_SCHEMES)).map(scheme_steps),
    st.lists(spec_strategy, min_size=1, max_size=8).map(lambda s: tuple(map(parse_step, s))),
)


@settings(max_examples=200, deadline=None)
@given(start=starts, steps=step_lists)
def test_milestone_dates_strictly_increase_and_never_precede_the_start(
    start: date, steps: tuple[Step, ...]
) -> None:
    got = [m.date for m in islice(schedule(start, steps), 60)]
    assert got, "every scheme has at least one milestone"
    assert all(a < b for a, b in pairwise(got))
    assert all(d >= start for d in got)
    # only a day-0 step (the NA welcome tag) may fall on the start itself
    if all(s.amount > 0 for s in steps):
        assert got[0] > start


@settings(max_examples=200, deadline=None)
@given(
    start=starts,
    offset=st.integers(min_value=-30, max_value=5000),
    steps=step_lists,
    upcoming=st.integers(min_value=0, max_value=5),
)
def test_a_milestone_is_achieved_exactly_when_its_date_has_come(
    start: date, offset: int, steps: tuple[Step, ...], upcoming: int
) -> None:
    today = start + timedelta(days=offset)
    every = list(schedule(start, steps))
    status = milestone_status(start, today, steps, upcoming)
    assert status.achieved == [m for m in every if m.date <= today]
    assert status.upcoming == [m for m in every if m.date > today][:upcoming]
