"""Your meeting list: imported from a saved file, kept in the home, and the meetings
that come next. Offline only: nothing here reaches the network; links are kept to show."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverylog.domain import meeting_list as rules
from recoverylog.errors import DataError, InvalidInput

if TYPE_CHECKING:
    from recoverylog.services.shapes import MeetingListJson, MeetingsNextJson, NextMeetingJson
    from recoverylog.services.workspace import Workspace
    from recoverylog.store.meeting_list import KeptList

NO_LIST = "you have no meeting list yet"
NO_LIST_HINT = "import a saved one: recoverylog meetings import FILE"
CHOICES = 9  # the meetings offered when logging one from the list


class Imported(NamedTuple):
    read: rules.ReadList
    source: str
    replaced: int | None  # how many meetings the list it replaced held; None: there was none


def import_list(ws: Workspace, path: Path, fellowship: str | None = None) -> Imported:
    """Read a Meeting Guide JSON file or a CSV file and keep its meetings in place of
    the list imported before. A file with no meeting that can be used changes nothing."""
    from recoverylog.domain.fields import fellowship as checked_fellowship
    from recoverylog.services.reports import read_user_file
    from recoverylog.store.meeting_list import KeptList, save_meeting_list

    chosen = checked_fellowship(fellowship) if fellowship else None
    read = _read(read_user_file(path, "meeting list"), path, chosen)
    if not read.meetings:
        raise InvalidInput(
            f"no meeting in {path.name} could be used; your list was not changed",
            hint=_first_reasons(read.skipped),
        )
    io = ws.store.io
    with ws.store.writing():
        before = _kept_or_none(ws)
        kept = KeptList(read.meetings, path.name, ws.now.isoformat())
        save_meeting_list(io, kept)
    return Imported(read, path.name, None if before is None else len(before.meetings))


def _read(text: str, path: Path, fellowship: str | None) -> rules.ReadList:
    if _looks_like_json(text, path):
        return rules.read_guide(_parsed(text, path), fellowship, known_zone)
    return rules.read_csv_list(text, fellowship, known_zone)


def _looks_like_json(text: str, path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix == ".json"
    return text.lstrip()[:1] in ("[", "{")


def _parsed(text: str, path: Path) -> Any:
    import json

    from recoverylog.errors import not_json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(not_json(path, exc), hint=rules.NOT_A_LIST_HINT) from exc
    except RecursionError as exc:
        raise InvalidInput(f"{path} is nested too deeply to read") from exc


def _first_reasons(skipped: list[rules.Skipped]) -> str:
    if not skipped:
        return rules.NOT_A_LIST_HINT
    return "; ".join(f"{s.where}: {s.why}" for s in skipped[:3])


@cache
def known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _kept_or_none(ws: Workspace) -> KeptList | None:
    """The list kept now; a damaged one counts as none, since an import replaces it."""
    from recoverylog.store.meeting_list import load_meeting_list

    try:
        return load_meeting_list(ws.store.io)
    except DataError:
        return None


def kept_list(ws: Workspace) -> KeptList:
    """The list kept in the home; none is InvalidInput with how to import one."""
    from recoverylog.store.meeting_list import load_meeting_list

    kept = load_meeting_list(ws.store.io)
    if kept is None:
        raise InvalidInput(NO_LIST, hint=NO_LIST_HINT)
    return kept


def _zones(meetings: list[rules.ListedMeeting]) -> dict[str, tzinfo]:
    from zoneinfo import ZoneInfo

    names = {m.timezone for m in meetings if m.timezone}
    return {name: ZoneInfo(name) for name in names if known_zone(name)}


def next_meetings(ws: Workspace, count: int) -> MeetingsNextJson:
    """The next ``count`` meetings from now, for `meetings next` (and its JSON)."""
    from recoverylog.store.meeting_list import load_meeting_list

    kept = load_meeting_list(ws.store.io)
    meetings = [] if kept is None else kept.meetings
    found = rules.upcoming(meetings, ws.now, count, _zones(meetings))
    return {
        "now": ws.now.isoformat(),
        "timezone": zone_name(ws.tz),
        "list": None if kept is None else _about(kept),
        "next": [happening_json(h, ws.now) for h in found],
    }


def meetings_around(ws: Workspace, moment: datetime) -> list[rules.Happening]:
    """The meetings nearest ``moment``, to choose the one being logged."""
    kept = kept_list(ws)
    return rules.around(kept.meetings, moment, CHOICES, _zones(kept.meetings))


def _about(kept: KeptList) -> MeetingListJson:
    return {"source": kept.source, "imported": kept.imported, "meetings": len(kept.meetings)}


def happening_json(happening: rules.Happening, now: datetime) -> NextMeetingJson:
    meeting = happening.meeting
    return {
        "name": meeting.name,
        "starts": happening.starts.isoformat(),
        "ends": None if happening.ends is None else happening.ends.isoformat(),
        "on_now": happening.starts <= now < (happening.ends or happening.starts),
        "time": meeting.time,
        "timezone": meeting.timezone,
        "attendance": meeting.attendance,
        "location": meeting.location,
        "address": meeting.address,
        "region": meeting.region,
        "url": meeting.url,
        "fellowship": meeting.fellowship,
    }


def zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)
