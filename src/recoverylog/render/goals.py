"""Views of goals and meetings, and the support line in status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from recoverylog.domain.fields import fellowship_shown
from recoverylog.domain.goals import goal_noun
from recoverylog.domain.text import plural
from recoverylog.render.lines import Line, Look, bar, text
from recoverylog.render.output import Column
from recoverylog.render.views import nice_date
from recoverylog.render.words import ago, short_date


def goal_things(goal: Mapping[str, Any]) -> str:
    """What a goal counts: 'meetings', 'check-ins', 'uses of urge surfing'."""
    kind, count = goal["kind"], goal["count"]
    if kind in ("meetings", "contacts"):
        return str(kind)  # as these have always been said, even for a count of 1
    return goal_noun(kind, goal.get("name"), count)


def goal_text(goal: Mapping[str, Any]) -> str:
    """'42 of 90 meetings, day 47 of 90', and how the goal stands."""
    kind, count, days = goal_things(goal), goal["count"], goal["days"]
    what = f"{goal['done']} of {count} {kind}"
    if goal["finished"]:
        return (
            f"{goal['done']} {kind} in {days} days, from {short_date(goal['window_start'])} "
            f"to {short_date(goal['window_end'])} (the goal was {count})"
        )
    if goal["day"] == 0:
        return f"{count} {kind} in {days} days, starting {nice_date(goal['window_start'])}"
    out = f"{what}, day {goal['day']} of {days}"
    if goal["repeat"]:
        out += f" (starts again every {plural(days, 'day')})"
    if goal["reached"]:
        out += " · goal reached"
    return out


def goal_lines(goals: Sequence[Mapping[str, Any]], *, look: Look) -> list[Line]:
    if not goals:
        return [
            [text("No goals yet. For example, 90 meetings in 90 days:")],
            [text("  recoverylog goal set meetings 90 --days 90", "bold")],
        ]
    lines: list[Line] = []
    for goal in goals:
        line: Line = [text(goal_text(goal))]
        if not goal["finished"] and goal["day"]:
            line += [text("  "), bar(min(1.0, goal["done"] / goal["count"]), 16, look=look)]
        lines.append(line)
    return lines


MEETING_COLUMNS = [
    Column("week_start", "Week of"),
    Column("when", "When"),
    Column("name", "Meeting"),
    Column("fellowship", "Fellowship"),
    Column("where", "Where"),
]


def meeting_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **meeting,
            "week_start": week["week_start"],
            "when": meeting["at"][:16].replace("T", " "),
            "where": "online" if meeting["online"] else "in person",
        }
        for week in data["weeks"]
        for meeting in week["meetings"]
    ]


def _week_count(week: Mapping[str, Any], look: Look) -> Line:
    title = f"Week of {short_date(week['week_start'])}"
    if look.spoken:
        return [text(f"{title}: {plural(week['count'], 'meeting')}")]
    return [text(title.ljust(18), "cyan"), text(f"{week['count']:>3}  ")]


def meetings_lines(data: dict[str, Any], *, look: Look) -> list[Line]:
    total = plural(data["total"], "meeting")
    if data["online"]:
        total += f" ({data['online']} online)"
    lines: list[Line] = [
        [
            text("Meetings", "bold"),
            text(f" from {nice_date(data['since'])} to {nice_date(data['until'])}: {total}"),
        ]
    ]
    most = max([w["count"] for w in data["weeks"]] + [1])
    for week in data["weeks"]:
        lines.append(
            [
                *_week_count(week, look),
                bar(week["count"] / most, min(most, 20), look=look),
            ]
        )
        for meeting in week["meetings"]:
            about = [meeting.get("name") or "meeting"]
            if meeting.get("fellowship"):
                about.append(fellowship_shown(meeting["fellowship"]))
            if meeting.get("online"):
                about.append("online")
            lines.append(
                [
                    text(f"  {short_date(meeting['at'])} {meeting['at'][11:16]}  ", "dim"),
                    text(" · ".join(about)),
                ]
            )
    if data.get("goal"):
        lines.append([])
        lines.extend(goal_lines([data["goal"]], look=look))
    return lines


def support_status_lines(support: Mapping[str, Any] | None, *, look: Look) -> list[Line]:
    """Sponsor contact, meetings this week and goals, for the status screen."""
    if not support:
        return []
    lines: list[Line] = []
    for sponsor in support["sponsors"]:
        lines.append(
            [text(f"  Last contact with {sponsor['name']} (sponsor): ")]
            + [text(ago(sponsor["days_since_contact"]))]
        )
    # Weeks start on Monday; said here so it is not read against the last 7 days above.
    meetings = plural(support["meetings_this_week"], "meeting")
    lines.append([text(f"  This week (since Monday): {meetings}")])
    for line in goal_lines(support["goals"], look=look) if support["goals"] else []:
        lines.append([text("  Goal · "), *line])
    return [[text("Support", "bold")], *lines]
