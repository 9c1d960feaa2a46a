"""A report's tallies can be counted in parts and merged: the entries cut anywhere, each
part fed to a tally of its own, and the parts merged in the store's order, give the same
counts as one tally fed every entry. (The ground for keeping each closed month's counts
instead of counting its entries again on every report.)"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from varied_home import FIRST_DAY, LAST_DAY, TECHNIQUES, varied_entries, varied_journal

from recoverylog.domain.insights.build import InsightsTally
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry
from recoverylog.reports.tallies import ReportTally
from recoverylog.reports.tally_plain import add_plain, tally_to_plain

ENTRIES = sorted(varied_entries(), key=lambda e: e.at)
CLOCKS = varied_journal().clocks
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
SPAN = (LAST_DAY - FIRST_DAY).days


def report_tally(period: Period, clock: str | None) -> ReportTally:
    return ReportTally(period, UTC, clock, CLOCKS, spelling=TECHNIQUES, notes=True)


def state(tally: ReportTally) -> tuple[Any, ...]:
    """Everything a report takes from its tally."""
    insights = tally.insights.result(CLOCKS, trigger_limit=None, now=NOW)
    peer = tally.peer
    return (
        insights,
        tally.hours.result(),
        tally.people.trigger_keys,
        tally.people.names,
        peer.meetings,
        peer.contacts,
        peer.goal_days,
        tally.checkins,
        tally.notes,
    )


def cut(entries: Sequence[Entry], points: list[int]) -> list[Sequence[Entry]]:
    edges = [0, *sorted(points), len(entries)]
    return [entries[a:b] for a, b in pairwise(edges)]


def merged(parts: list[Sequence[Entry]], period: Period, clock: str | None) -> ReportTally:
    total = report_tally(period, clock)
    for part in parts:
        counted = report_tally(period, clock)
        counted.add(part)
        total.merge(counted)
    return total


@settings(max_examples=25, deadline=None)
@given(
    start=st.integers(0, SPAN),
    days=st.sampled_from([1, 7, 30, 90, 365]),
    clock=st.sampled_from([None, "alcohol", "NICOTINE"]),
    points=st.lists(st.integers(0, len(ENTRIES)), max_size=6),
)
def test_a_report_tally_counted_in_parts_and_merged_equals_one_fed_everything(
    start: int, days: int, clock: str | None, points: list[int]
) -> None:
    since = FIRST_DAY + timedelta(days=start)
    period = Period(since, min(since + timedelta(days=days - 1), LAST_DAY))
    whole = report_tally(period, clock)
    whole.add(ENTRIES)
    assert state(merged(cut(ENTRIES, points), period, clock)) == state(whole)


def test_merging_by_month_equals_one_fed_everything() -> None:
    period = Period.last_days(365, LAST_DAY)
    months: dict[str, list[Entry]] = {}
    for entry in ENTRIES:
        months.setdefault(entry.month, []).append(entry)
    whole = report_tally(period, None)
    whole.add(ENTRIES)
    assert len(months) > 12
    assert state(merged(list(months.values()), period, None)) == state(whole)


@settings(max_examples=15, deadline=None)
@given(points=st.lists(st.integers(0, len(ENTRIES)), max_size=4))
def test_insights_read_newest_first_merge_in_the_same_order(points: list[int]) -> None:
    period = Period.last_days(90, LAST_DAY)
    newest = ENTRIES[::-1]
    whole = InsightsTally(period, UTC, newest_first=True, spelling=TECHNIQUES)
    whole.add(newest)
    total = InsightsTally(period, UTC, newest_first=True, spelling=TECHNIQUES)
    for part in cut(newest, points):
        counted = InsightsTally(period, UTC, newest_first=True, spelling=TECHNIQUES)
        counted.add(part)
        total.merge(counted)
    assert total.result(CLOCKS, None, now=NOW) == whole.result(CLOCKS, None, now=NOW)


@pytest.mark.parametrize(
    "other",
    [
        {"period": Period.last_days(30, date(2026, 11, 22))},
        {"clock": "alcohol"},
        {"clocks": CLOCKS[:1]},
        {"tz": timezone(timedelta(hours=2))},
        {"notes": False},
    ],
)
def test_tallies_of_another_period_clock_or_zone_are_not_merged(other: dict[str, Any]) -> None:
    chosen: dict[str, Any] = {
        "period": Period.last_days(30, LAST_DAY),
        "tz": UTC,
        "clock": None,
        "clocks": CLOCKS,
        "notes": True,
    }
    first = ReportTally(**chosen)
    second = ReportTally(**(chosen | other))
    with pytest.raises(ValueError, match="same period"):
        first.merge(second)


# --- kept as plain JSON values ------------------------------------------------------


def through_json(tally: ReportTally) -> Any:
    return json.loads(json.dumps(tally_to_plain(tally)))


def test_the_plain_form_is_json_of_json_types_only() -> None:
    counted = report_tally(Period.last_days(365, LAST_DAY), None)
    counted.add(ENTRIES)
    plain = tally_to_plain(counted)
    assert json.loads(json.dumps(plain, allow_nan=False)) == json.loads(json.dumps(plain))


@settings(max_examples=20, deadline=None)
@given(
    start=st.integers(0, SPAN),
    days=st.sampled_from([1, 30, 365]),
    clock=st.sampled_from([None, "alcohol"]),
    points=st.lists(st.integers(0, len(ENTRIES)), max_size=4),
)
def test_parts_kept_as_json_and_added_back_equal_one_tally_fed_everything(
    start: int, days: int, clock: str | None, points: list[int]
) -> None:
    since = FIRST_DAY + timedelta(days=start)
    period = Period(since, min(since + timedelta(days=days - 1), LAST_DAY))
    whole = report_tally(period, clock)
    whole.add(ENTRIES)
    total = report_tally(period, clock)
    for part in cut(ENTRIES, points):
        counted = report_tally(period, clock)
        counted.add(part)
        add_plain(total, through_json(counted))
    assert state(total) == state(whole)
    # The same times in the same zones, as the report writes them.
    assert repr(state(total)[4:]) == repr(state(whole)[4:])


def month_of(name: str) -> list[Entry]:
    return [e for e in ENTRIES if e.month == name]


def test_a_month_kept_for_one_period_adds_into_another_that_holds_its_days() -> None:
    month = month_of("2026-03")
    kept = report_tally(Period(date(2026, 2, 20), date(2026, 4, 2)), "alcohol")
    kept.add(month)
    later = Period(date(2026, 1, 1), date(2026, 6, 30))
    fed = report_tally(later, "alcohol")
    fed.add(month)
    added = report_tally(later, "alcohol")
    add_plain(added, through_json(kept))
    assert state(added) == state(fed)


def test_a_day_outside_the_period_is_refused() -> None:
    kept = report_tally(Period(date(2026, 3, 1), date(2026, 3, 31)), None)
    kept.add(month_of("2026-03"))
    with pytest.raises(ValueError, match="outside the period"):
        add_plain(
            report_tally(Period(date(2026, 3, 10), date(2026, 3, 31)), None), through_json(kept)
        )
