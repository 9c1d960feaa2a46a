"""``count_months``: a report counted month file by month file, closed months from counts
kept by an earlier report, equals one tally fed every entry it reads, for any period,
reading start, clock, day start and set of kept counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_tally_merge import CLOCKS, ENTRIES, state
from varied_home import FIRST_DAY, LAST_DAY, TECHNIQUES

from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry
from recoverylog.domain.moments import days_start_at, reading_window
from recoverylog.reports.by_month import count_months
from recoverylog.reports.tallies import ReportTally
from recoverylog.reports.tally_plain import Plain

BY_MONTH: dict[str, list[Entry]] = {}
for _entry in ENTRIES:
    BY_MONTH.setdefault(_entry.month, []).append(_entry)
MONTHS = sorted(BY_MONTH)


class MemoryMonth:
    """A month file in memory; counts are kept as JSON text, as on disk."""

    def __init__(self, month: str, entries: list[Entry], kept: dict[tuple[str, str], str]):
        self.month, self._entries, self._kept = month, entries, kept
        self.decoded = False

    def entries(self) -> list[Entry]:
        self.decoded = True
        return list(self._entries)

    def kept(self, key: str) -> Plain | None:
        text = self._kept.get((self.month, key))
        return None if text is None else dict(json.loads(text))

    def keep(self, key: str, counts: Plain) -> None:
        self._kept[(self.month, key)] = json.dumps(counts)


def month_files(
    kept: dict[tuple[str, str], str], stray: str | None = None
) -> Iterator[MemoryMonth]:
    """Every month of the entries; with ``stray``, that month's first entry is also in
    the file of the month before (a file edited by hand)."""
    for month, following in zip(MONTHS, [*MONTHS[1:], None], strict=True):
        entries = BY_MONTH[month]
        if following is not None and following == stray:
            entries = [*entries, BY_MONTH[following][0]]
        yield MemoryMonth(month, entries, kept)


def tally(period: Period, clock: str | None, notes: bool) -> ReportTally:
    return ReportTally(period, UTC, clock, CLOCKS, spelling=TECHNIQUES, notes=notes)


def month_starts() -> st.SearchStrategy[date]:
    return st.sampled_from([date.fromisoformat(f"{m}-01") for m in MONTHS])


@settings(max_examples=60, deadline=None)
@given(
    since=st.one_of(st.dates(FIRST_DAY, LAST_DAY), month_starts()),
    days=st.sampled_from([1, 30, 31, 59, 90, 365, 500]),
    earlier=st.sampled_from([0, 0, 1, 40, 200]),  # a goal's round began before
    clock=st.sampled_from([None, "alcohol", "Nicotine"]),
    notes=st.booleans(),
    starts=st.sampled_from([time(0), time(4)]),
    stray=st.one_of(st.none(), st.sampled_from(MONTHS[1:])),
)
def test_counting_by_month_with_kept_counts_equals_counting_every_entry(
    since: date,
    days: int,
    earlier: int,
    clock: str | None,
    notes: bool,
    starts: time,
    stray: str | None,
) -> None:
    period = Period(since, min(since + timedelta(days=days - 1), LAST_DAY))
    read_since = period.previous().since - timedelta(days=earlier)
    days_start_at(starts)
    try:
        low, high = reading_window(read_since, period.until, UTC)
        whole = tally(period, clock, notes)
        whole.add(e for m in month_files({}, stray) for e in m.entries() if low <= e.at <= high)
        kept: dict[tuple[str, str], str] = {}
        first = tally(period, clock, notes)
        count_months(first, month_files(kept, stray), read_since)
        again = tally(period, clock, notes)
        files = list(month_files(kept, stray))
        count_months(again, files, read_since)
    finally:
        days_start_at(time(0))
    assert state(first) == state(whole)
    assert state(again) == state(whole)
    if period.days >= 62 and stray is None:  # a whole month lies in the period
        assert kept, "closed months keep their counts"
        assert not all(f.decoded for f in files), "kept months are not decoded again"


def test_a_month_kept_under_one_key_is_not_added_under_another() -> None:
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    kept: dict[tuple[str, str], str] = {}
    count_months(tally(period, None, notes=False), month_files(kept), period.previous().since)
    keys = {key for _, key in kept}
    with_notes = tally(period, None, notes=True)
    files = list(month_files(kept))
    count_months(with_notes, files, period.previous().since)
    assert all(f.decoded for f in files if f.month >= "2025-07")
    assert {key for _, key in kept} - keys  # kept again, under the new key
    whole = tally(period, None, notes=True)
    low, high = reading_window(period.previous().since, period.until, UTC)
    whole.add(e for e in ENTRIES if low <= e.at <= high)
    assert state(with_notes) == state(whole)


def test_a_month_file_with_a_name_out_of_the_calendar_is_counted_entry_by_entry() -> None:
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    march = BY_MONTH["2026-03"]
    odd = MemoryMonth("2026-13", march, {})
    counted = tally(period, None, notes=True)
    count_months(counted, [odd], period.previous().since)
    assert odd.decoded
    whole = tally(period, None, notes=True)
    whole.add(march)
    assert state(counted) == state(whole)
