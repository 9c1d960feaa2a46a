"""Every section of the insights at once, in a single pass over the entries. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from recoverylog.domain.insights.clean_days import CleanDays, clean_days
from recoverylog.domain.insights.coping import CopingEffect, CopingTally
from recoverylog.domain.insights.craving_times import TimeOfDay, TimeTally
from recoverylog.domain.insights.cravings import (
    CravingDayTally,
    CravingTally,
    CravingTrend,
    DayCravings,
    MonthCravings,
    SpanCravings,
    WeekCravings,
)
from recoverylog.domain.insights.mood import NO_MOOD, MoodStats, MoodTally
from recoverylog.domain.insights.outcomes import OutcomeStats, OutcomeTally, lapses_in
from recoverylog.domain.insights.period import Period, Tally, only_clock
from recoverylog.domain.insights.selfchecks import SelfCheckTally, SelfCheckWeek
from recoverylog.domain.insights.triggers import HaltStats, HaltTally, TriggerSummary, TriggerTally
from recoverylog.domain.model import Clock, Entry, Lapse
from recoverylog.domain.moments import day_of


@dataclass(frozen=True)
class Insights:
    """Every section of the insights screen for one period."""

    period: Period
    clock: str | None
    trend: CravingTrend
    weeks: tuple[WeekCravings, ...]
    times: TimeOfDay
    triggers: TriggerSummary
    halt: HaltStats
    coping: tuple[CopingEffect, ...]
    outcomes: OutcomeStats
    clean: tuple[CleanDays, ...]
    selfchecks: tuple[SelfCheckWeek, ...]
    lapses: tuple[tuple[str, Lapse], ...]
    tz: tzinfo = UTC  # the zone the local days were counted in
    months: tuple[MonthCravings, ...] = ()
    days: tuple[DayCravings, ...] = ()  # every day of the period, as the report shows them
    mood: MoodStats = NO_MOOD


class InsightsTally:
    """Every section's running count, fed the entries a batch at a time (a month as the
    store reads it), so that no caller needs every entry at once. The entries must come
    in the store's order, oldest first unless ``newest_first``, and cover the period
    before too, for the trend."""

    def __init__(
        self,
        period: Period,
        tz: tzinfo,
        clock: str | None = None,
        newest_first: bool = False,
        spelling: Iterable[str] = (),
    ) -> None:
        self.period, self.tz, self.clock = period, tz, clock
        self.before, self.cravings = CravingTally(), CravingTally()
        self.days, self.times = CravingDayTally(period), TimeTally()
        self.triggers, self.halt = TriggerTally(), HaltTally()
        self.coping, self.outcomes = CopingTally(spelling), OutcomeTally()
        self.selfchecks = SelfCheckTally(newest_first)
        self.mood = MoodTally(period)

    def add(self, entries: Iterable[Entry]) -> None:
        """Each entry of the period to every section; the period before's to ``before``."""
        period = self.period
        current: tuple[Tally, ...] = (
            self.cravings,
            self.days,
            self.times,
            self.triggers,
            self.halt,
            self.coping,
            self.outcomes,
            self.selfchecks,
        )
        mood = self.mood
        first, since, until = period.previous().since, period.since, period.until
        for entry in only_clock(entries, self.clock):
            # Its own wall clock, as ``entries_in`` keeps it; the day worked out once.
            local = entry.at
            day = day_of(local)
            if day < since:
                if day >= first:
                    self.before.add(entry, local)
            elif day <= until:
                for counter in current:
                    counter.add(entry, local)
                mood.add_on(entry, day)  # the day is known: not worked out again

    def merge(self, other: InsightsTally) -> None:
        """Add the counts of ``other``: a tally of the same period, clock and order,
        fed the entries that come after this one's."""
        same = (other.period, other.tz, other.clock, other.selfchecks.newest_first)
        if same != (self.period, self.tz, self.clock, self.selfchecks.newest_first):
            raise ValueError("only tallies of the same period, clock and order can be merged")
        self.before.merge(other.before)
        self.cravings.merge(other.cravings)
        self.days.merge(other.days)
        self.times.merge(other.times)
        self.triggers.merge(other.triggers)
        self.halt.merge(other.halt)
        self.coping.merge(other.coping)
        self.outcomes.merge(other.outcomes)
        self.selfchecks.merge(other.selfchecks)
        self.mood.merge(other.mood)

    def result(
        self,
        clocks: Sequence[Clock] = (),
        trigger_limit: int | None = 8,
        tracked_since: date | None = None,
        now: datetime | None = None,
    ) -> Insights:
        """The insights of what was added (see ``build_insights`` for the arguments)."""
        period, clock, tz = self.period, self.clock, self.tz
        wanted = [c for c in clocks if clock is None or c.name.casefold() == clock.casefold()]
        first = _first_tracked(clocks, tracked_since)
        return Insights(
            period=period,
            clock=clock,
            trend=CravingTrend(
                period, self.cravings.result(), period.previous(), self.before.result(), first
            ),
            weeks=tuple(_tracked(self.days.weeks(), first)),
            months=tuple(_tracked(self.days.months(), first)),
            times=self.times.result(),
            triggers=self.triggers.result(trigger_limit),
            halt=self.halt.result(),
            coping=tuple(self.coping.result()),
            outcomes=self.outcomes.result(),
            clean=tuple(clean_days(c, period.until, tz, now=now) for c in wanted),
            selfchecks=tuple(self.selfchecks.result()),
            lapses=tuple(lapses_in(wanted, period, tz)),
            tz=tz,
            days=tuple(self.days.days()),
            mood=self.mood.result(self.days),
        )


def _first_tracked(clocks: Sequence[Clock], tracked_since: date | None) -> date | None:
    """The first day anything was tracked: ``tracked_since`` or the earliest clock's."""
    starts = [c.clean_since for c in clocks]
    if tracked_since is not None:
        starts.append(tracked_since)
    return min(starts) if starts else None


def _tracked(spans: list[SpanCravings], first: date | None) -> list[SpanCravings]:
    """The rows from the week (or month) tracking began: none of zeros before it."""
    if first is None:
        return spans
    kept = [span for span in spans if span.end >= first]
    return kept or spans[-1:]


def build_insights(
    entries: Iterable[Entry],
    period: Period,
    tz: tzinfo,
    clocks: Sequence[Clock] = (),
    clock: str | None = None,
    trigger_limit: int | None = 8,
    newest_first: bool = False,
    tracked_since: date | None = None,
    now: datetime | None = None,
    spelling: Iterable[str] = (),
) -> Insights:
    """All sections in one pass over the entries (which must cover the previous period
    too, for the trend). ``clock`` limits entries and clean days to one clock. Say
    ``newest_first`` when the entries come newest first (the store's order), so ties
    between self-checks go to the one later in the file. ``tracked_since``: the first
    day anything was tracked (first entry or clock); when not given, the earliest
    clock's first day. The trend does not compare with a period before it, and the
    weekly and monthly rows start at it. ``now``: the current moment, when the period
    ends today (clocks started at a known moment count up to it). ``spelling``: the
    toolkit's names, which win over how an entry wrote a technique."""
    counted = InsightsTally(period, tz, clock, newest_first, spelling)
    counted.add(entries)
    return counted.result(clocks, trigger_limit, tracked_since, now)
