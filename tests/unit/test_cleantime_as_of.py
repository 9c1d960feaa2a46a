"""Clean time as of an earlier day sees only the history up to that day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from recoverylog.domain.cleantime import Run, clean_time, compute_runs
from recoverylog.domain.insights.clean_days import clean_calendar
from recoverylog.domain.model import Clock, Lapse


def clock() -> Clock:
    # Clean from 1 Oct; a lapse on 19 Nov (next run from 20 Nov); another on 10 Dec.
    return Clock(
        "alcohol",
        date(2026, 10, 1),
        lapses=[
            Lapse("b", datetime(2026, 12, 10, 21, tzinfo=UTC), date(2026, 12, 11)),
            Lapse("a", datetime(2026, 11, 19, 21, tzinfo=UTC), date(2026, 11, 20)),
        ],
    )


def test_runs_before_the_first_lapse() -> None:
    assert compute_runs(clock(), date(2026, 11, 10), UTC) == [Run(date(2026, 10, 1), None, 40)]


def test_runs_between_the_lapses() -> None:
    assert compute_runs(clock(), date(2026, 11, 23), UTC) == [
        Run(date(2026, 10, 1), date(2026, 11, 19), 49),
        Run(date(2026, 11, 20), None, 3),
    ]


def test_runs_after_both_lapses() -> None:
    assert compute_runs(clock(), date(2026, 12, 12), UTC) == [
        Run(date(2026, 10, 1), date(2026, 11, 19), 49),
        Run(date(2026, 11, 20), date(2026, 12, 10), 20),
        Run(date(2026, 12, 11), None, 1),
    ]


def test_clean_time_as_of_a_day_before_a_later_lapse() -> None:
    ct = clean_time(clock(), date(2026, 11, 10), UTC)
    assert ct.headline_start == date(2026, 10, 1)
    assert (ct.headline_days, ct.current_days) == (40, 40)
    assert (ct.total_clean_days, ct.longest_run_days, ct.elapsed_days) == (40, 40, 40)
    assert ct.lapse_count == 0
    assert ct.share_clean == 1.0


def test_clean_time_as_of_the_lapse_day_itself() -> None:
    ct = clean_time(clock(), date(2026, 11, 19), UTC)
    assert ct.lapse_count == 1
    assert ct.total_clean_days == 49  # 1 Oct to 19 Nov; the lapse day is not clean
    assert ct.current_days == 0 and ct.headline_start == date(2026, 11, 20)


def day_status(c: Clock, day: date) -> str | None:
    """The day's status from the history up to that day only."""
    return clean_calendar(c, day, day, UTC).status_on(day)


def test_day_status_is_unchanged() -> None:
    c = clock()
    assert day_status(c, date(2026, 11, 18)) == "clean"
    assert day_status(c, date(2026, 11, 19)) == "lapse"
    assert day_status(c, date(2026, 11, 20)) == "clean"
    assert day_status(c, date(2026, 12, 10)) == "lapse"
    assert day_status(c, date(2026, 9, 30)) == "before"
