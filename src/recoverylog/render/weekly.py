"""The greeting's weekly lines, in words: plain counts, never a verdict, each short
enough for 80 columns beside the greeting's first line."""

from __future__ import annotations

from recoverylog.domain.text import plural

TYPE_CHECKING = False
if TYPE_CHECKING:  # loaded by the greeting only when it has these lines to show
    from recoverylog.domain.goals import GoalProgress
    from recoverylog.domain.weekly import CravingTally, WeeklyCounts


def weekly_lines(counts: WeeklyCounts | None) -> list[str]:
    """The lines under the greeting: the goal, then "on this day"; none when there is
    nothing to count."""
    if counts is None:
        return []
    lines = [] if counts.goal is None else [goal_line(counts.goal)]
    if counts.then is not None and counts.now is not None:
        lines.append(on_this_day_line(counts.then, counts.now))
    return lines


def goal_line(p: GoalProgress) -> str:
    """'Goal: 2 of 3 meetings, day 4 of 7', as `goal show` counts it."""
    from recoverylog.render.goals import goal_things

    goal = p.goal
    things = goal_things({"kind": goal.kind, "count": goal.count, "name": goal.name})
    line = f"Goal: {p.done} of {goal.count} {things}, day {p.day} of {goal.days}"
    return line + " · goal reached" if p.reached else line


def on_this_day_line(then: CravingTally, now: CravingTally) -> str:
    """'A year ago this week: 6 cravings, average 7. This week: 1, average 3.'"""
    if then.cravings:
        earlier = f"{plural(then.cravings, 'craving')}, average {then.average:g}"
    else:
        earlier = "no cravings"
    lately = f"{now.cravings}, average {now.average:g}" if now.cravings else "none"
    return f"A year ago this week: {earlier}. This week: {lately}."
