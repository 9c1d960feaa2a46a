"""The greeting line, in words. Plain text, no Rich: it is printed by the quick path
of `greet`, before anything heavy loads."""

from __future__ import annotations

from recoverylog.domain.glance import ClockToday
from recoverylog.domain.moments import hours_and_minutes
from recoverylog.domain.text import plural

SEPARATOR = " · "


def greeting_parts(clock: ClockToday, checked_in: bool) -> list[str]:
    """The greeting's parts, calm and short: the count (or the milestone reached
    today), every clean day beside the current run after a lapse, the next milestone,
    and whether today's check-in is done."""
    if not clock.started:
        return [f"{plural(clock.starts_in, 'day')} to your start without {clock.name}"]
    parts = [_headline(clock)]
    if clock.lapses and clock.total_days:
        parts.append(f"{plural(clock.total_days, 'day')} clean in total")
    if clock.next_label is not None and clock.next_in is not None and clock.run_started:
        parts.append(f"{clock.next_label} {_when(clock.next_in)}")
    parts.append("checked in today" if checked_in else "no check-in yet today")
    return parts


def _headline(clock: ClockToday) -> str:
    if not clock.run_started:  # the day of a lapse: say what comes, not "0 days"
        return f"a new run without {clock.name} starts tomorrow"
    if clock.reached_today is not None:
        return f"{clock.reached_today} without {clock.name} today"
    if clock.minutes is not None:
        return f"{hours_and_minutes(clock.minutes)} without {clock.name}"
    if clock.days == 0:
        return f"your first day without {clock.name}"
    return f"Day {clock.days} without {clock.name}"


def _when(days_left: int) -> str:
    return "later today" if days_left <= 0 else f"in {plural(days_left, 'day')}"


def greeting_lines(parts: list[str], width: int) -> list[str]:
    """The parts joined into lines no wider than ``width`` where they can be, broken
    only between parts, each line starting with a capital."""
    lines: list[str] = []
    for part in filter(None, parts):
        if lines and len(lines[-1]) + len(SEPARATOR) + len(part) <= width:
            lines[-1] += SEPARATOR + part
        else:
            lines.append(part)
    return [line[:1].upper() + line[1:] for line in lines]
