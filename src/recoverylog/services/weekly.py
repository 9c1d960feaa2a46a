"""The greeting's weekly lines: how the goal furthest behind stands, and, with the
on_this_day setting, this week's cravings beside the same days a year before.

The glance keeps only what asks for them (the goals, the setting) under "weekly";
the counts are read from the month files when the greeting is due, so an entry
logged, edited, deleted or imported is always counted as it is now. An encrypted
home keeps no "weekly", as its entries cannot be read without the passphrase. On
the quick path of `greet`: any problem leaves the lines out, never an error."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from recoverylog.services.prompt_segment import Unanswered

if TYPE_CHECKING:
    from recoverylog.config import Settings
    from recoverylog.domain.goals import GoalProgress
    from recoverylog.domain.model import Entry, Journal
    from recoverylog.domain.weekly import CravingTally, Span, WeeklyCounts
    from recoverylog.paths import Layout
    from recoverylog.services.glance import Glance

GLANCE_KEY = "weekly"
RawEntry = Mapping[str, Any]


def weekly_glance(settings: Settings, journal: Journal, encrypted: bool) -> dict[str, Any] | None:
    """What the glance keeps for the weekly lines; None when there are none to show."""
    from recoverylog.domain.goals import goal_from_dict, goal_to_dict

    if encrypted:
        return None
    goals = {}
    for key, raw in journal.goals.items():
        goal = goal_from_dict(key, raw)
        if goal is not None:
            goals[key] = {**goal_to_dict(goal), "start": goal.start.isoformat()}
    if not goals and not settings.on_this_day:
        return None
    return {"goals": goals, "on_this_day": settings.on_this_day}


def weekly_counts(layout: Layout, glance: Glance) -> WeeklyCounts | None:
    """The counts the glance asks for (None when it asks for none, or when anything
    goes wrong); Unanswered when the glance was made before it kept what they need."""
    if GLANCE_KEY not in glance.doc:
        raise Unanswered("the glance keeps nothing for the weekly lines")
    wanted = glance.doc[GLANCE_KEY]
    if not wanted:
        return None  # nothing more is loaded
    try:
        from recoverylog.domain.weekly import WeeklyCounts

        months = Months(layout)
        goal = _goal(months, wanted.get("goals") or {}, glance)
        if wanted.get("on_this_day") is not True:
            return WeeklyCounts(goal)
        return WeeklyCounts(goal, *_year_ago_and_now(months, glance))
    except Exception:  # a shell's start never shows an error: the lines are left out
        return None


class Months:
    """The home's month files, read for one span of days at a time."""

    def __init__(self, layout: Layout) -> None:
        self.folder = layout.entries_dir

    def entries(
        self, span: Span, now: datetime, wanted: Callable[[RawEntry], bool]
    ) -> Iterator[Entry]:
        """The entries of the days of ``span`` up to ``now`` that ``wanted`` lets by."""
        from recoverylog.domain.codec import entry_from_dict
        from recoverylog.domain.weekly import in_span, may_fall_in, span_months, stored_days
        from recoverylog.store.raw_months import raw_month

        first, last = stored_days(span)
        for month in span_months(span):
            for raw in raw_month(self.folder, month, first, last):
                if may_fall_in(raw, span) and wanted(raw):
                    entry = entry_from_dict(raw)
                    if in_span(entry, span, now):
                        yield entry


def _goal(months: Months, stored: Mapping[str, Any], glance: Glance) -> GoalProgress | None:
    from recoverylog.domain import goals as rules
    from recoverylog.domain.weekly import Span, furthest_behind, greeted_goals, may_count

    progress = []
    for goal in greeted_goals(stored, glance.today):
        span = Span(rules.goal_window(goal, glance.today)[0], glance.today)
        found = months.entries(span, glance.now, partial(may_count, goal))
        uses = [use for e in found if (use := rules.goal_use(goal, e)) is not None]
        progress.append(rules.uses_progress(goal, uses, glance.today))
    return furthest_behind(progress)


def _year_ago_and_now(
    months: Months, glance: Glance
) -> tuple[CravingTally, CravingTally] | tuple[()]:
    """Nothing when nothing was logged a year ago this week (or the journal is younger)."""
    from recoverylog.domain.weekly import craving_tally, this_week, year_ago_this_week

    def everything(raw: RawEntry) -> bool:
        return True

    then = craving_tally(months.entries(year_ago_this_week(glance.today), glance.now, everything))
    if not then.entries:
        return ()
    return then, craving_tally(months.entries(this_week(glance.today), glance.now, everything))
