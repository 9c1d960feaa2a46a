"""The period insights look at, and the entries that fall in it. Pure.

Every section takes entries, a Period (whole local calendar days, both ends included)
and a time zone, keeps only the entries whose local day falls in the period (so
callers may pass a superset, such as the months the store read), and returns plain
frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol, TypeVar

from recoverylog.domain.model import Entry
from recoverylog.domain.moments import day_of, reading_window
from recoverylog.errors import InvalidInput

DEFAULT_DAYS = 90  # how far insights look back unless told otherwise
MAX_WEEK_ROWS = 26  # longer series are shown month by month


def by_month(weeks: Sized, months: Sized) -> bool:
    """Whether a series is shown month by month: more weeks than read well as rows, and
    its months known."""
    return len(weeks) > MAX_WEEK_ROWS and len(months) > 0


@dataclass(frozen=True)
class Period:
    """Whole local calendar days from ``since`` to ``until``, both included."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise InvalidInput(
                f"the period starts ({self.since}) after it ends ({self.until}); "
                "check --since and --until"
            )

    @classmethod
    def last_days(cls, days: int, today: date) -> Period:
        """The ``days`` days ending with ``today`` (today included)."""
        if days < 1:
            raise InvalidInput("a period needs at least one day")
        return cls(today - timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.since <= day <= self.until

    def bounds(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """A generous [start, end] in time for reading the store; a day either side, so a
        time-zone shift never drops an entry. The functions here then filter exactly."""
        return reading_window(self.since, self.until, tz)


def only_clock(entries: Iterable[Entry], clock: str | None) -> Iterator[Entry]:
    """Entries about one clock (case-insensitive); every entry when ``clock`` is None."""
    if clock is None:
        yield from entries
        return
    wanted = clock.casefold()
    for entry in entries:
        if entry.clock is not None and entry.clock.casefold() == wanted:
            yield entry


def entries_in(
    entries: Iterable[Entry], period: Period, tz: tzinfo
) -> Iterator[tuple[Entry, datetime]]:
    """The entries whose local day falls in the period, each with its local time."""
    since, until = period.since, period.until
    for entry in entries:
        # Its own wall clock: the day and hour where it happened, wherever it is read.
        local = entry.at
        if since <= day_of(local) <= until:
            yield entry, local


class Tally(Protocol):
    """One section's running count. Each section has one, so that ``build_insights``
    can give every entry to all of them in a single pass."""

    def add(self, entry: Entry, local: datetime) -> None: ...


T = TypeVar("T", bound=Tally)


def tally(counter: T, entries: Iterable[Entry], period: Period, tz: tzinfo) -> T:
    """``counter`` after adding every entry of the period to it."""
    for entry, local in entries_in(entries, period, tz):
        counter.add(entry, local)
    return counter
