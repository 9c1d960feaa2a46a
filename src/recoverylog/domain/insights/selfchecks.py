"""The weekly self-checks in a period: one total (0-30) per clock and calendar week. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of


@dataclass(frozen=True)
class SelfCheckWeek:
    """The self-check for one calendar week (the latest, if there were several)."""

    week_start: date  # the Monday
    day: date
    total: int
    answers: tuple[int, ...]
    clock: str | None


class SelfCheckTally:
    """The latest self-check of each (clock, week). Later means a later time; at the
    same time, the one saved later; saved at the same moment too, the one later in the
    file (the entries come newest first when ``newest_first``, as the store reads them)."""

    def __init__(self, newest_first: bool = False) -> None:
        self.newest_first = newest_first
        self.weeks: dict[tuple[str, date], tuple[tuple[datetime, datetime], SelfCheckWeek]] = {}

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.SELFCHECK:
            return
        week = _week(entry, day_of(local))
        key = ((entry.clock or "").casefold(), week.week_start)
        order = (entry.at, entry.updated or entry.created or entry.at)
        if self._later(key, order):
            self.weeks[key] = (order, week)

    def _later(self, key: tuple[str, date], order: tuple[datetime, datetime]) -> bool:
        """Whether a self-check in that order replaces the one kept for its week."""
        known = self.weeks.get(key)
        if known is None or order > known[0]:
            return True
        return order == known[0] and not self.newest_first

    def merge(self, other: SelfCheckTally) -> None:
        """Add the weeks of ``other``, fed after this one in the same order."""
        for key, (order, week) in other.weeks.items():
            if self._later(key, order):
                self.weeks[key] = (order, week)

    def result(self) -> list[SelfCheckWeek]:
        """Oldest week first; within a week, by clock."""
        return [self.weeks[k][1] for k in sorted(self.weeks, key=lambda k: (k[1], k[0]))]


def _week(entry: Entry, day: date) -> SelfCheckWeek:
    """The self-check as its week's: its answers, and its total as saved (or their sum)."""
    answers = tuple(int(a) for a in entry.data.get("answers") or [])
    total = entry.data.get("total")
    total = int(total) if isinstance(total, int | float) else sum(answers)
    monday = day - timedelta(days=day.weekday())
    return SelfCheckWeek(monday, day, total, answers, entry.clock)
