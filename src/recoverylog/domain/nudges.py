"""A nudge: one calm line, from the person's own plan and toolkit, for the hours their
cravings most often come. Pure.

It says only what insights would say, by the same rules: the window is the busiest
weekday and time of day when it clearly leads (at least MIN_CRAVINGS_FOR_PATTERNS
cravings, more than one in that block, and no other block as full), and a technique is
named only with ENOUGH_USES uses and known outcomes. Its words are the plan's own
lines, technique names and counts: never the text of an entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from recoverylog.domain.insights.coping import CopingEffect
from recoverylog.domain.insights.craving_times import (
    BLOCK_HOURS,
    DAY_PARTS,
    MIN_CRAVINGS_FOR_PATTERNS,
    WEEKDAYS,
    TimeOfDay,
)
from recoverylog.domain.plan import stored_plan
from recoverylog.domain.text import plural

PLAN_SHOWN = 40  # characters of a plan line in the nudge: the line stays short
# The plan's sections a nudge quotes, the first with a line wins: someone to call,
# else what the person does instead.
PLAN_SECTIONS = ("call", "instead")


class Nudge(NamedTuple):
    """When the nudge shows (a weekday's hours, local) and what it says."""

    weekday: int  # 0 = Monday, as day_starts_at counts days
    start: int  # the first hour of the window
    end: int  # the hour it ends (not included), up to 24
    text: str

    def as_kept(self) -> dict[str, Any]:
        """The nudge as the glance file keeps it (domain/nudge_window.py reads it)."""
        return self._asdict()


def hardest_window(times: TimeOfDay) -> tuple[int, int, int] | None:
    """(weekday, block, count) of the busiest weekday x time-of-day block, when it
    clearly leads: enough cravings to speak of, more than one there, and no other block
    as full. None otherwise (the insights' rule for 'the busiest time')."""
    cell = times.busiest_cell()
    if times.total < MIN_CRAVINGS_FOR_PATTERNS or cell is None:
        return None
    count = cell[2]
    cells = [n for row in times.blocks() for n in row]
    if count <= 1 or cells.count(count) != 1:
        return None
    return cell


def proven_technique(coping: Sequence[CopingEffect]) -> CopingEffect | None:
    """The technique that works best among those used often enough to tell (coping is
    ranked as insights rank it); None when none has enough uses with known outcomes."""
    return next((c for c in coping if c.enough_data and c.known_with), None)


def make_nudge(
    times: TimeOfDay, coping: Sequence[CopingEffect], plan: Mapping[str, Any]
) -> Nudge | None:
    """The nudge for the hardest window, from the plan and the technique that helps
    most; None without a clear window, or with nothing of the person's own to say."""
    window = hardest_window(times)
    if window is None:
        return None
    parts = [part for part in (_plan_part(plan), _technique_part(coping)) if part]
    if not parts:
        return None
    day, block, _ = window
    when = f"{WEEKDAYS[day]} {DAY_PARTS[block]}s are often hardest"
    start = block * BLOCK_HOURS
    return Nudge(day, start, start + BLOCK_HOURS, f"{when}: {'; '.join(parts)}.")


def _plan_part(plan: Mapping[str, Any]) -> str | None:
    sections = stored_plan(plan)
    for key in PLAN_SECTIONS:
        lines = sections.get(key)
        if lines:
            return _plan_words(key, _shortened(lines[0].rstrip(".")))
    return None


def _plan_words(key: str, line: str) -> str:
    if key != "call":
        return f"your plan says: {line}"
    who = line[5:] if line.casefold().startswith("call ") else line
    return f"your plan says call {who}"


def _shortened(line: str) -> str:
    return line if len(line) <= PLAN_SHOWN else line[: PLAN_SHOWN - 1].rstrip() + "…"


def _technique_part(coping: Sequence[CopingEffect]) -> str | None:
    best = proven_technique(coping)
    if best is None:
        return None
    return f"'{best.name}' passed {best.passed_with} of {plural(best.known_with, 'time')}"
