"""A report counted month file by month file, with what each closed month counted kept
for the next report. Pure: the month files, and where counts are kept, are the caller's.

A month file whose days all fall on one side of the report's edges (wholly inside the
period, wholly inside the period before, or earlier still) adds the same counts to any
report with the same counting key, whatever its period: those counts are kept, and
added back next time instead of decoding and counting the month's entries again. A
month that straddles an edge (the period's first month, the current one) is counted
entry by entry, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple, Protocol

from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry
from recoverylog.domain.moments import day_starts, reading_window
from recoverylog.reports.tallies import ReportTally
from recoverylog.reports.tally_plain import (
    Plain,
    add_plain,
    add_plain_before,
    add_plain_earlier,
    tally_to_plain,
)

AddKept = Callable[[ReportTally, Plain], None]


class MonthFile(Protocol):
    """One month file as a report reads it."""

    @property
    def month(self) -> str:
        """Its month, 'YYYY-MM'."""
        ...

    def entries(self) -> list[Entry]:
        """Every entry of the file, oldest first."""
        ...

    def kept(self, key: str) -> Plain | None:
        """The counts kept for the file as it is now under ``key``, if any."""
        ...

    def keep(self, key: str, counts: Plain) -> None:
        """Keep ``counts`` for the file as it was read, under ``key``."""
        ...


class MonthSpan(NamedTuple):
    """The days the entries of a month file fall on (from the day before its first when
    a day starts after midnight), and bounds in time around all of them (an entry keeps
    its own UTC offset, always less than a day)."""

    year: int
    number: int
    first: date
    last: date
    earliest: datetime
    latest: datetime

    @classmethod
    def of(cls, month: str) -> MonthSpan | None:
        try:
            year, number = int(month[:4]), int(month[5:7])
            first = date(year, number, 1)
            after = date(year + number // 12, number % 12 + 1, 1)
            earliest = datetime.combine(first, time(0), tzinfo=UTC) - timedelta(days=1)
            latest = datetime.combine(after, time(0), tzinfo=UTC) + timedelta(days=1)
            if day_starts() != time(0):
                first -= timedelta(days=1)
        except (ValueError, OverflowError):
            return None  # at the ends of the calendar: counted entry by entry
        return cls(year, number, first, after - timedelta(days=1), earliest, latest)

    def holds(self, entry: Entry) -> bool:
        """Whether the entry is of this month (a file edited by hand may say otherwise)."""
        return entry.at.year == self.year and entry.at.month == self.number


def count_months(tally: ReportTally, months: Iterable[MonthFile], read_since: date) -> None:
    """Add to ``tally`` the entries of ``months`` (oldest first) from ``read_since`` to
    the end of its period: the same counts as ``tally.add`` fed them in order."""
    since, until = reading_window(read_since, tally.period.until, tally.tz)
    key = tally.counting_key()
    for month in months:
        _add_month(tally, month, key, since, until)


def _add_month(
    tally: ReportTally, month: MonthFile, key: str, since: datetime, until: datetime
) -> None:
    """One month file's entries (only the last month's are held at any time)."""
    span = MonthSpan.of(month.month)
    add_kept = _side_of(tally.period, span, since, until) if span else None
    if span is None or add_kept is None:
        tally.add(e for e in month.entries() if since <= e.at <= until)
        return
    counts = month.kept(key)
    if counts is None:
        entries = month.entries()
        counts = _whole_month(tally, span, entries)
        if counts is None:
            tally.add(e for e in entries if since <= e.at <= until)
            return
        month.keep(key, counts)
    add_kept(tally, counts)


def _side_of(period: Period, span: MonthSpan, since: datetime, until: datetime) -> AddKept | None:
    """How a month's kept counts join a report of ``period`` read from ``since`` to
    ``until``; None when the month must be counted entry by entry."""
    if span.earliest < since or span.latest > until:
        return None  # some of its entries may lie outside what the report reads
    before = period.previous()
    if period.since <= span.first and span.last <= period.until:
        return add_plain
    if before.since <= span.first and span.last <= before.until:
        return add_plain_before
    if span.last < before.since:
        return add_plain_earlier
    return None


def _whole_month(tally: ReportTally, span: MonthSpan, entries: list[Entry]) -> Plain | None:
    """The counts of a month file's entries on their own; None when one of them is not
    of that month, so the month's days may not hold it."""
    if not all(span.holds(e) for e in entries):
        return None
    alone = tally.for_period(Period(span.first, span.last))
    alone.add(entries)
    return tally_to_plain(alone)
