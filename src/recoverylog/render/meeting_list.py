"""Views of your meeting list: what an import read, the next meetings, and the
numbered choice when logging one from the list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from recoverylog.domain.fields import fellowship_shown
from recoverylog.domain.text import plural
from recoverylog.render.lines import Line, text
from recoverylog.render.output import Column

SKIPPED_SHOWN = 20  # more skipped rows than this are counted, not listed
# The keys of `meetings next` in a CSV file: every one its JSON holds, in its order.
NEXT_COLUMNS = [
    Column(key, key)
    for key in ("name", "starts", "ends", "on_now", "time", "timezone", "attendance")
    + ("location", "address", "region", "url", "fellowship")
]
NO_LIST_YET = "No meeting list yet: import a saved one with 'recoverylog meetings import FILE'."


def import_lines(read: int, skipped: Sequence[tuple[str, str]], replaced: int | None) -> list[str]:
    """'Read 12 meetings (your list of 10 before is replaced).', then each row skipped."""
    said = f"Read {plural(read, 'meeting')} into your meeting list"
    if replaced is not None:
        said += f" (it replaces the {plural(replaced, 'meeting')} imported before)"
    lines = [said + "."]
    if skipped:
        lines.append(f"Skipped {plural(len(skipped), 'row')}:")
        lines += [f"  {where}: {why}" for where, why in skipped[:SKIPPED_SHOWN]]
        if len(skipped) > SKIPPED_SHOWN:
            lines.append(f"  and {len(skipped) - SKIPPED_SHOWN} more")
    return lines


def when_text(starts: str, today: date) -> str:
    """'today 19:00', 'tomorrow 07:30', 'Thu 26 Nov 19:00'."""
    moment = datetime.fromisoformat(starts)
    days = (moment.date() - today).days
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    day = day or f"{moment:%a} {moment.day} {moment:%b}"
    return f"{day} {moment:%H:%M}"


def about_text(meeting: Mapping[str, Any]) -> str:
    """'Early Birds (AA, online)'."""
    kinds = [fellowship_shown(meeting["fellowship"])] if meeting.get("fellowship") else []
    kinds.append(meeting["attendance"])
    return f"{meeting['name']} ({', '.join(kinds)})"


def where_text(meeting: Mapping[str, Any]) -> str | None:
    """Where it is and its link, on one line: 'St Mary's Hall, 1 Church Lane · https://…'."""
    place = [meeting[key] for key in ("location", "address") if meeting.get(key)]
    parts = [", ".join(dict.fromkeys(place))] if place else []
    if meeting.get("url"):
        parts.append(meeting["url"])
    return " · ".join(parts) or None


def next_lines(data: Mapping[str, Any], today: date) -> list[Line]:
    if data["list"] is None:
        return [[text(NO_LIST_YET)]]
    if not data["next"]:
        return [[text("No meeting in your list meets in the coming week.")]]
    lines: list[Line] = [
        [text("Next meetings", "bold"), text(f" (times in {data['timezone']})")],
    ]
    for meeting in data["next"]:
        lines += meeting_lines(meeting, today)
    return lines


def meeting_lines(meeting: Mapping[str, Any], today: date, number: int | None = None) -> list[Line]:
    """A meeting in two lines: when and what, then where and its link."""
    start = f"{number:>2}  " if number is not None else "  "
    when = "on now" if meeting.get("on_now") else when_text(meeting["starts"], today)
    lines: list[Line] = [
        [text(start), text(when.ljust(17), "cyan"), text(" " + about_text(meeting))]
    ]
    where = where_text(meeting)
    if where:
        lines.append([text(" " * (len(start) + 18) + where, "dim")])
    return lines


def choice_lines(meetings: Sequence[Mapping[str, Any]], today: date) -> list[Line]:
    lines: list[Line] = [[text("Meetings around now, from your list:")]]
    for number, meeting in enumerate(meetings, start=1):
        lines += meeting_lines(meeting, today, number)
    return lines
