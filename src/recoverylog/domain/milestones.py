"""Milestone schedules and the dates they fall on. Pure.

Months and years use calendar arithmetic clamped to the month's end: clean since
Aug 31 reaches 6 months on the last day of February; Feb 29 + 1 year is Feb 28.

A clock that began at a known moment has milestones at moments too: an hours milestone
("24 hours") that many real hours after the start, the others on their calendar day at
the start's time of day (see ``moments``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from recoverylog.domain import moments
from recoverylog.domain.cleantime import CleanTime, Run
from recoverylog.domain.model import Clock
from recoverylog.errors import InvalidInput

# What earlier runs reached stays the person's: the same heading on screen and on paper.
EARLIER = "Reached in earlier runs, and still yours"

_SPEC = re.compile(r"^(every\s+)?(\d+)\s*(h|d|w|mo|m|y)$")
_UNIT_WORDS = {"d": ("day", "days"), "w": ("week", "weeks"), "mo": ("month", "months")}
MAX_REPEATS = 100  # a repeating milestone stops somewhere: 100 years is plenty


class NotAMilestone(InvalidInput):
    """A milestone that cannot be read ('3 fortnights', '0d', '25h'): says why."""


class UnknownScheme(InvalidInput):
    """A scheme name that is neither built in nor defined in the settings."""

    def __init__(self, name: str, known: Iterable[str], hint: str | None = None) -> None:
        names = ", ".join(sorted(known))
        super().__init__(f"unknown milestone scheme '{name}' (known: {names})", hint)


class Step(NamedTuple):
    """One schedule item: an amount of a unit, optionally repeating, with a label."""

    amount: int
    unit: str  # "h" (whole days of hours), "d", "w", "mo", "y"
    label: str
    colour: str | None = None
    repeat: bool = False

    def date_from(self, start: date, times: int = 1) -> date:
        amount = self.amount * times
        if self.unit == "h":  # from a day with no time: 24 hours is the next day
            return start + timedelta(days=amount // 24)
        if self.unit == "d":
            return start + timedelta(days=amount)
        if self.unit == "w":
            return start + timedelta(weeks=amount)
        months = amount if self.unit == "mo" else amount * 12
        return add_months(start, months)

    def moment_from(self, start: datetime, times: int = 1) -> datetime:
        """From a known moment: hours are real hours; the rest fall on the calendar at
        the start's time of day, in the start's zone."""
        amount = self.amount * times
        if self.unit == "h":
            return moments.add_hours(start, amount)
        if self.unit in ("d", "w"):
            return moments.add_days(start, amount * (7 if self.unit == "w" else 1))
        return moments.add_months(start, amount if self.unit == "mo" else amount * 12)


class Milestone(NamedTuple):
    label: str
    date: date
    colour: str | None = None
    at: datetime | None = None  # the moment, for a clock that began at a known moment


def add_months(start: date, months: int) -> date:
    """Calendar months later, clamped to the last day of the target month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def _label(amount: int, unit: str) -> str:
    if unit == "y":
        return "1 year" if amount == 1 else f"{amount} years"
    singular, plural = _UNIT_WORDS[unit]
    return f"{amount} {singular if amount == 1 else plural}"


def parse_step(spec: str) -> Step:
    """'30d', '2w', '6mo', '1y', '24h' (= 1 day), 'every 1y' (repeats)."""
    match = _SPEC.match(spec.strip().lower())
    if not match:
        raise NotAMilestone(
            f"'{spec}' is not a milestone (use forms like 24h, 30d, 2w, 6mo, 1y, 'every 1y')"
        )
    repeat, amount, unit = bool(match.group(1)), int(match.group(2)), match.group(3)
    if amount <= 0:
        raise NotAMilestone(f"'{spec}': a milestone must be at least 1")
    if unit == "h":
        if amount % 24:
            raise NotAMilestone(f"'{spec}': hours must be whole days (24h, 48h)")
        label = "24 hours" if amount == 24 else f"{amount} hours"
        return Step(amount, "h", label, None, repeat=repeat)
    if unit == "m":
        unit = "mo"
    return Step(amount, unit, _label(amount, unit), repeat=repeat)


def _steps(specs: Sequence[str]) -> tuple[Step, ...]:
    return tuple(parse_step(s) for s in specs)


COMMON = _steps(["24h", "30d", "60d", "90d", "6mo", "9mo", "1y", "18mo", "every 1y"])
EXTENDED = _steps(
    ["24h", "1w", "2w", "30d", "60d", "90d", "100d", "6mo", "9mo", "1y", "500d", "18mo"]
    + ["1000d", "every 1y"]
)
# NA keytags: the welcome tag is given on day 0.
NA = (
    Step(0, "d", "Welcome", "white"),
    Step(30, "d", "30 days", "orange"),
    Step(60, "d", "60 days", "green"),
    Step(90, "d", "90 days", "red"),
    Step(6, "mo", "6 months", "blue"),
    Step(9, "mo", "9 months", "yellow"),
    Step(1, "y", "1 year", "glow-in-the-dark"),
    Step(18, "mo", "18 months", "gray"),
    Step(1, "y", "Multiple years", "black", repeat=True),
)
BUILTIN_SCHEMES: dict[str, tuple[Step, ...]] = {"common": COMMON, "extended": EXTENDED, "na": NA}


def scheme_steps(name: str, custom: Mapping[str, Sequence[str]] | None = None) -> tuple[Step, ...]:
    """Resolve a scheme name: a built-in one, or a list of specs from config."""
    key = name.strip().lower()
    if key in BUILTIN_SCHEMES:
        return BUILTIN_SCHEMES[key]
    if custom and key in custom:
        return _steps(custom[key])
    raise UnknownScheme(name, [*BUILTIN_SCHEMES, *(custom or {})])


def schedule(
    start: date, steps: Sequence[Step], start_at: datetime | None = None
) -> Iterator[Milestone]:
    """Every milestone from ``start`` (or from the moment ``start_at``, which falls on the
    day ``start``), in order (repeating steps go on for years)."""
    found: dict[date | datetime, Milestone] = {}
    for step in steps:
        for milestone in _expand(step, start, max_fixed_years(steps), start_at):
            found.setdefault(milestone.at or milestone.date, milestone)
    yield from (found[key] for key in sorted(found))


def _expand(
    step: Step, start: date, fixed_years: int, start_at: datetime | None
) -> Iterator[Milestone]:
    if not step.repeat:
        once = _reachable(step, start, start_at)
        if once is not None:
            yield Milestone(step.label, once[0], step.colour, once[1])
        return
    for n in range(1, MAX_REPEATS + 1):
        total = step.amount * n
        if step.unit == "y" and total <= fixed_years:
            continue  # "every year" begins after the schedule's own 1-year milestone
        when = _reachable(Step(total, step.unit, ""), start, start_at)
        if when is None:
            return  # later repeats fall even further past the calendar's end
        yield Milestone(_repeat_label(total, step.unit), when[0], step.colour, when[1])


def _repeat_label(amount: int, unit: str) -> str:
    return f"{amount} hours" if unit == "h" else _label(amount, unit)


def _reachable(
    step: Step, start: date, start_at: datetime | None
) -> tuple[date, datetime | None] | None:
    """The step's (date, moment or None) from the start, or None if it falls after the
    year 9999."""
    try:
        if start_at is None:
            return step.date_from(start), None
        moment = step.moment_from(start_at)
        return moment.date(), moment
    except (OverflowError, ValueError):
        return None


def max_fixed_years(steps: Sequence[Step]) -> int:
    """The largest whole-year milestone that is not a repeat, so repeats start after it."""
    years = [s.amount for s in steps if s.unit == "y" and not s.repeat]
    return max(years, default=0)


class MilestoneStatus(NamedTuple):
    achieved: list[Milestone]
    upcoming: list[Milestone]


def milestone_status(
    start: date,
    today: date,
    steps: Sequence[Step],
    upcoming: int = 3,
    *,
    start_at: datetime | None = None,
    now: datetime | None = None,
) -> MilestoneStatus:
    """Achieved milestones (date <= today) and the next ``upcoming`` ones. From a known
    moment ``start_at``, a milestone is achieved once its moment has come: by ``now`` when
    ``today`` is its day, else by the end of ``today``."""
    moment = None if start_at is None else _as_of(start_at, today, now)
    achieved: list[Milestone] = []
    ahead: list[Milestone] = []
    for milestone in schedule(start, steps, start_at):
        if moment is None or milestone.at is None:
            reached = milestone.date <= today
        else:
            reached = milestone.at <= moment
        if reached:
            achieved.append(milestone)
        elif len(ahead) < upcoming:
            ahead.append(milestone)
        else:
            break
    return MilestoneStatus(achieved, ahead)


def _as_of(start_at: datetime, today: date, now: datetime | None) -> datetime:
    assert start_at.tzinfo is not None
    return moments.as_of(today, now, start_at.tzinfo)


def progress_towards(
    start: date,
    today: date,
    steps: Sequence[Step],
    *,
    start_at: datetime | None = None,
    now: datetime | None = None,
) -> float | None:
    """Share of the way from the last milestone (or the start) to the next one."""
    status = milestone_status(start, today, steps, upcoming=1, start_at=start_at, now=now)
    if not status.upcoming:
        return None
    if start_at is not None:
        moment = _as_of(start_at, today, now)
        before = status.achieved[-1].at if status.achieved else start_at
        after = status.upcoming[0].at
        assert before is not None and after is not None
        whole = moments.elapsed(before, after).total_seconds()
        if whole <= 0:
            return 1.0
        return max(0.0, min(1.0, moments.elapsed(before, moment).total_seconds() / whole))
    previous = status.achieved[-1].date if status.achieved else start
    span = (status.upcoming[0].date - previous).days
    if span <= 0:
        return 1.0
    return max(0.0, min(1.0, (today - previous).days / span))


def run_milestones(
    clock: Clock, ct: CleanTime, steps: Sequence[Step], today: date, now: datetime | None = None
) -> list[tuple[Run, list[Milestone]]]:
    """Each run of ``ct`` (clean time as of ``today``) with the milestones reached in it,
    oldest first. A run that a lapse ended keeps what it reached up to the lapse day; the
    current run, up to ``today``. A clock that does not reset on a lapse has one series
    of milestones, counted from its first clean day."""
    if not clock.reset_on_lapse:
        achieved = milestone_status(
            ct.headline_start, today, steps, 0, start_at=ct.headline_start_at, now=now
        ).achieved
        return [(Run(ct.headline_start, None, ct.headline_days, ct.headline_start_at), achieved)]
    return [
        (
            run,
            milestone_status(
                run.start,
                today if run.end is None else run.end,
                steps,
                0,
                start_at=run.start_at,
                now=now if run.end is None else None,
            ).achieved,
        )
        for run in ct.runs
    ]
