"""What the insights say in plain words: a few short sentences per section.

Each observer looks at one thing and returns a sentence, or None when there is nothing
worth saying. The sentences describe, never judge; the insights screen and its JSON
output show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from recoverylog.domain.insights.build import Insights
from recoverylog.domain.insights.coping import ENOUGH_USES
from recoverylog.domain.insights.craving_times import (
    DAY_PARTS,
    MIN_CRAVINGS_FOR_PATTERNS,
    WEEKDAYS,
    block_label,
)
from recoverylog.domain.insights.cravings import CravingTrend
from recoverylog.domain.insights.selfchecks import SelfCheckWeek
from recoverylog.domain.moments import day_of
from recoverylog.domain.nudges import hardest_window, proven_technique
from recoverylog.domain.selfcheck import MAX_TOTAL
from recoverylog.domain.text import plural


@dataclass(frozen=True)
class Observation:
    """One plain sentence about a section: an observation, never a judgement."""

    section: str  # cravings, when, triggers, halt, coping, outcomes, selfcheck
    text: str


def _these_days(days: int) -> str:
    """'in these 90 days'; 'on this day' for a period of one day."""
    return "on this day" if days == 1 else f"in these {days} days"


def _day_month(day: date) -> str:
    """'7 Nov'."""
    return f"{day.day} {day:%b}"


# --- cravings ------------------------------------------------------------------------


def _craving_count(ins: Insights) -> str:
    now, these = ins.trend.current, _these_days(ins.period.days)
    if not now.count:
        return f"No cravings logged {these}."
    return (
        f"{plural(now.count, 'craving')} {these}, "
        f"average intensity {now.average_intensity:g}, strongest {now.peak_intensity}."
    )


def _craving_change(ins: Insights) -> str | None:
    """This period against the one before, when there is one and anything to compare."""
    trend = ins.trend
    if not trend.comparable:
        return "There is no earlier period to compare with yet." if trend.current.count else None
    if not (trend.current.count or trend.previous.count):
        return None
    return _count_change(trend, ins.period.days) + _intensity_change(trend)


def _count_change(trend: CravingTrend, days: int) -> str:
    before = "the day before" if days == 1 else f"the {days} days before"
    tracked = _tracked_from(trend)
    if trend.change:
        return (
            f"That is {abs(trend.change)} {trend.direction} than {before} "
            f"({trend.previous.count}{f', {tracked}' if tracked else ''})."
        )
    return f"The same number as {before}{f' ({tracked})' if tracked else ''}."


def _tracked_from(trend: CravingTrend) -> str:
    """'tracked from 30 Oct' when tracking began inside the period before, else ''."""
    since = trend.tracked_since
    if not trend.previous_partly_tracked or since is None:
        return ""
    return f"tracked from {_day_month(since)}"


def _intensity_change(trend: CravingTrend) -> str:
    """' Average intensity fell from 8 to 5.', or '' when either period has none."""
    change = trend.intensity_change
    now, then = trend.current.average_intensity, trend.previous.average_intensity
    if change is None or now is None or then is None:
        return ""
    if not change:
        return f" Average intensity stayed at {now:g}."
    return f" Average intensity {'rose' if change > 0 else 'fell'} from {then:g} to {now:g}."


# --- when ----------------------------------------------------------------------------


def _busiest_time(ins: Insights) -> str | None:
    """The fullest weekday x time-of-day cell, when it clearly leads: more than one
    craving there, and no other cell as full."""
    times = ins.times
    cell = hardest_window(times)
    if cell is None:
        return None
    day, block, count = cell
    return (
        f"The busiest time was {WEEKDAYS[day]} {DAY_PARTS[block]}s "
        f"({block_label(block)}): {count} of {times.total} cravings."
    )


def _busiest_weekday(ins: Insights) -> str | None:
    """The weekday with the most cravings, unless another had as many."""
    times = ins.times
    weekday = times.busiest_weekday()
    if times.total < MIN_CRAVINGS_FOR_PATTERNS or weekday is None:
        return None
    counts = times.by_weekday
    if counts.count(counts[weekday]) != 1:
        return None
    return f"{WEEKDAYS[weekday]}s had the most cravings: {counts[weekday]} of {times.total}."


# --- triggers, HALT and coping ---------------------------------------------------------


def _top_trigger(ins: Insights) -> str | None:
    if not ins.triggers.triggers:
        return None
    top = ins.triggers.triggers[0]
    text = f"'{top.name}' came up most often: {plural(top.count, 'time')}"
    if top.average_intensity is not None:
        text += f", average intensity {top.average_intensity:g}"
    return text + "."


def _common_halt_state(ins: Insights) -> str | None:
    state = ins.halt.most_common()
    if state is None:
        return None
    return (
        f"{state.capitalize()} was part of {ins.halt.counts[state]} of "
        f"{plural(ins.halt.cravings, 'craving')}."
    )


def _what_helped(ins: Insights) -> str | None:
    """The best technique with enough uses to tell; else that it is too early to say."""
    best = proven_technique(ins.coping)
    if best is not None:
        return (
            f"When you used '{best.name}', the craving passed "
            f"{best.passed_with} of {plural(best.known_with, 'time')}."
        )
    if not ins.coping:
        return None
    return (
        f"Too early to say what helps most: no technique has been used "
        f"{ENOUGH_USES} times {_these_days(ins.period.days)} yet."
    )


# --- outcomes and lapses -------------------------------------------------------------------


def _passed_without_using(ins: Insights) -> str | None:
    passed, known = ins.outcomes.passed, ins.outcomes.passed + ins.outcomes.used
    if not known:
        return None
    return f"{passed} of {plural(known, 'craving')} with an outcome passed without using."


def _average_duration(ins: Insights) -> str | None:
    minutes = ins.outcomes.average_duration_min
    return None if minutes is None else f"On average a craving lasted {minutes:g} minutes."


def _intensity_by_outcome(ins: Insights) -> str | None:
    passed, used = ins.outcomes.average_intensity_passed, ins.outcomes.average_intensity_used
    if passed is None or used is None:
        return None
    return (
        f"Cravings that passed started at intensity {passed:g} on "
        f"average; those that ended in using started at {used:g}."
    )


def _lapses_recorded(ins: Insights) -> str | None:
    """The lapses in the period, the first five named with their day."""
    if not ins.lapses:
        return None
    days = ", ".join(f"{name} on {_day_month(day_of(lapse.at))}" for name, lapse in ins.lapses[:5])
    return f"{plural(len(ins.lapses), 'lapse')} recorded {_these_days(ins.period.days)}: {days}."


# --- self-checks ---------------------------------------------------------------------------


def _latest_selfchecks(ins: Insights) -> list[str]:
    """One sentence per clock with a self-check; the clock is named when there are two."""
    by_clock: dict[str, list[SelfCheckWeek]] = {}
    for check in ins.selfchecks:
        by_clock.setdefault(check.clock or "", []).append(check)
    several = len(by_clock) > 1
    return [_latest_selfcheck(name if several else "", checks) for name, checks in by_clock.items()]


def _latest_selfcheck(name: str, checks: Sequence[SelfCheckWeek]) -> str:
    latest = checks[-1]
    about = f" ({name})" if name else ""
    text = (
        f"Latest self-check{about}: {latest.total} of {MAX_TOTAL} "
        f"(week of {_day_month(latest.week_start)})"
    )
    if len(checks) > 1:
        text += f"; the one before: {checks[-2].total}"
    return text + "."


# --- all together --------------------------------------------------------------------------

Observer = Callable[[Insights], str | None]

# In the order they are shown, each with its section.
OBSERVERS: tuple[tuple[str, Observer], ...] = (
    ("cravings", _craving_count),
    ("cravings", _craving_change),
    ("when", _busiest_time),
    ("when", _busiest_weekday),
    ("triggers", _top_trigger),
    ("halt", _common_halt_state),
    ("coping", _what_helped),
    ("outcomes", _passed_without_using),
    ("outcomes", _average_duration),
    ("outcomes", _intensity_by_outcome),
    ("outcomes", _lapses_recorded),
)


def observations(ins: Insights) -> list[Observation]:
    """Short sentences on what stands out in each section, in the order they are shown."""
    said = [
        Observation(section, text)
        for section, observe in OBSERVERS
        if (text := observe(ins)) is not None
    ]
    said += [Observation("selfcheck", text) for text in _latest_selfchecks(ins)]
    return said
