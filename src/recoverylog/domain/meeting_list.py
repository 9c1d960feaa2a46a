"""A saved meeting list: reading one (the Meeting Guide JSON format many intergroups
publish, or a simple CSV), and when its meetings next happen. Pure.

Meeting Guide counts days from 0 = Sunday to 6 = Saturday; so does the list kept in
the home. A meeting's time is its own wall-clock time, in its own zone when the list
names one, else in the person's.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from recoverylog.domain import fields
from recoverylog.domain.moments import local_moment
from recoverylog.errors import InvalidInput

IN_PERSON, ONLINE, HYBRID = "in person", "online", "hybrid"
ATTENDANCE = (IN_PERSON, ONLINE, HYBRID)
DAY_NAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
MAX_MEETINGS = 20_000  # larger than any intergroup's list; a bigger file is something else
MAX_TEXT = 300
MAX_URL = 2_000
CSV_COLUMNS = ("name", "day", "time", "location", "url", "fellowship", "timezone")
NOT_A_LIST_HINT = (
    "give a Meeting Guide JSON file (an array of meetings) or a CSV file with the "
    "columns name, day, time, location, url"
)

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([ap]\.?m\.?)?$")
_WEB = re.compile(r"^https?://\S+$")
_DAY_WORDS = {word: i for i, day in enumerate(DAY_NAMES) for word in (day, day[:3])}


class ListedMeeting(NamedTuple):
    """One meeting of the list, as the home keeps it."""

    name: str
    days: tuple[int, ...]  # 0 = Sunday .. 6 = Saturday
    time: str  # "HH:MM" on the meeting's own clock
    end_time: str | None = None
    timezone: str | None = None  # the meeting's own zone, when the list names one
    location: str | None = None
    address: str | None = None
    region: str | None = None
    url: str | None = None  # shown, never opened
    attendance: str = IN_PERSON
    fellowship: str | None = None

    @property
    def online(self) -> bool:
        """Only online: logging it from the list marks the meeting online."""
        return self.attendance == ONLINE


class Skipped(NamedTuple):
    where: str  # 'meeting 4 ("Step study")' or 'line 7'
    why: str


class ReadList(NamedTuple):
    meetings: list[ListedMeeting]
    skipped: list[Skipped]


ZoneCheck = Callable[[str], bool]


# --- reading a Meeting Guide JSON document -----------------------------------------


def read_guide(doc: object, fellowship: str | None, known_zone: ZoneCheck) -> ReadList:
    """The meetings of a Meeting Guide document (already parsed from JSON); each one
    that cannot be used is skipped with the reason. Not a list of meetings at all:
    InvalidInput."""
    if not isinstance(doc, list) or not any(isinstance(item, dict) for item in doc):
        raise InvalidInput("this is not a meeting list", hint=NOT_A_LIST_HINT)
    _check_size(len(doc))
    found = ReadList([], [])
    for number, item in enumerate(doc, start=1):
        where = _guide_place(number, item)
        try:
            meeting = _guide_meeting(item, fellowship, known_zone)
        except InvalidInput as exc:
            found.skipped.append(Skipped(where, exc.message))
            continue
        if meeting is not None:
            found.meetings.append(meeting)
        else:
            found.skipped.append(Skipped(where, "marked inactive in the list"))
    return found


def _guide_place(number: int, item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip():
        return f'meeting {number} ("{" ".join(name.split())[:60]}")'
    return f"meeting {number}"


def _guide_meeting(
    item: object, fellowship: str | None, known_zone: ZoneCheck
) -> ListedMeeting | None:
    """One Meeting Guide meeting; None for one the list marks inactive."""
    if not isinstance(item, dict):
        raise InvalidInput("not a meeting (expected a JSON object)")
    attendance = _guide_attendance(item)
    if attendance is None:
        return None
    own_fellowship = _text(item.get("fellowship"), "fellowship")
    return ListedMeeting(
        name=_name(item.get("name")),
        days=_days(item.get("day")),
        time=_clock(item.get("time"), "time"),
        end_time=_end(item.get("end_time")),
        timezone=_zone(item.get("timezone"), known_zone),
        location=_text(item.get("location"), "location"),
        address=_text(item.get("formatted_address") or item.get("address"), "address"),
        region=_text(item.get("region"), "region"),
        url=_url(item.get("conference_url")),
        attendance=attendance,
        fellowship=fields.fellowship(own_fellowship) if own_fellowship else fellowship,
    )


def _guide_attendance(item: Mapping[str, Any]) -> str | None:
    """In person, online or hybrid, as the list says it (its attendance_option, else
    its types and what it gives: an address, a link); None: inactive."""
    option = item.get("attendance_option")
    if option == "inactive":
        return None
    if option in ("in_person", "online", "hybrid"):
        return str(option).replace("_", " ")
    types = item.get("types")
    codes = {str(code).upper() for code in types} if isinstance(types, list) else set()
    has_link = "ONL" in codes or bool(item.get("conference_url") or item.get("conference_phone"))
    has_place = "TC" not in codes and bool(
        item.get("formatted_address") or item.get("address") or item.get("location")
    )
    return _attendance(has_place, has_link)


def _attendance(has_place: bool, has_link: bool) -> str:
    if has_link:
        return HYBRID if has_place else ONLINE
    return IN_PERSON


# --- reading a CSV file -------------------------------------------------------------


def read_csv_list(text: str, fellowship: str | None, known_zone: ZoneCheck) -> ReadList:
    """The meetings of a CSV file whose first row names its columns: name, day and time
    (needed), location, url, fellowship and timezone (optional), in any order."""
    rows = csv.reader(text.splitlines(keepends=True))
    header = [cell.strip().lower() for cell in next(rows, [])]
    missing = [column for column in CSV_COLUMNS[:3] if column not in header]
    if missing:
        raise InvalidInput(
            f"this CSV file has no column named {' or '.join(missing)}", hint=NOT_A_LIST_HINT
        )
    found = ReadList([], [])
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        _check_size(len(found.meetings) + len(found.skipped))
        cells = dict(zip(header, row, strict=False))
        try:
            found.meetings.append(_csv_meeting(cells, fellowship, known_zone))
        except InvalidInput as exc:
            found.skipped.append(Skipped(f"line {rows.line_num}", exc.message))
    return found


def _csv_meeting(
    cells: Mapping[str, str], fellowship: str | None, known_zone: ZoneCheck
) -> ListedMeeting:
    location = _text(cells.get("location"), "location")
    url = _url(cells.get("url"))
    own_fellowship = _text(cells.get("fellowship"), "fellowship")
    in_a_room = location is not None and location.casefold() != ONLINE
    return ListedMeeting(
        name=_name(cells.get("name")),
        days=_days(re.split(r"[;,/\s]+", cells.get("day", "").strip())),
        time=_clock(cells.get("time"), "time"),
        timezone=_zone(cells.get("timezone"), known_zone),
        location=location,
        url=url,
        attendance=_attendance(in_a_room, url is not None),
        fellowship=fields.fellowship(own_fellowship) if own_fellowship else fellowship,
    )


# --- the cells both formats share -----------------------------------------------------


def _check_size(count: int) -> None:
    if count > MAX_MEETINGS:
        raise InvalidInput(f"this list holds more than {MAX_MEETINGS:,} meetings: too many")


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("no name")
    return fields.name(" ".join(value.split()), "meeting's name")


def _text(value: object, what: str) -> str | None:
    """An optional line of text: None when missing or empty."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    cleaned = " ".join(str(value).split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(f"the {what} is too long ({MAX_TEXT} characters at most)")
    return fields.plain(cleaned, what)


def _url(value: object) -> str | None:
    link = _text(value, "link") if isinstance(value, str) and len(value) <= MAX_URL else None
    if link is None and isinstance(value, str) and len(value) > MAX_URL:
        raise InvalidInput("the link is too long")
    if link is not None and not _WEB.match(link):
        raise InvalidInput(f"the link '{link[:60]}' is not a web address (http:// or https://)")
    return link


def _days(value: object) -> tuple[int, ...]:
    """The days a meeting meets: a number 0 (Sunday) to 6, a day's name, or a list of them."""
    given = value if isinstance(value, list) else [value]
    days = sorted({_day(item) for item in given if item not in (None, "")})
    if not days:
        raise InvalidInput("no day given")
    return tuple(days)


def _day(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    word = str(value).strip().lower()
    if word.isdigit() and 0 <= int(word) <= 6:
        return int(word)
    if word in _DAY_WORDS:
        return _DAY_WORDS[word]
    raise InvalidInput(f"the day '{str(value)[:20]}' is not 0 (Sunday) to 6 or a day's name")


def _clock(value: object, what: str) -> str:
    """'19:00', '19:00:00', '7:30 pm' or '7pm' as 'HH:MM'."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"no {what} given")
    match = _CLOCK.match(value.strip().lower())
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    if match and match.group(3):
        hour = _twelve_hour(hour, match.group(3).startswith("p"))
    if hour > 23 or minute > 59:
        raise InvalidInput(f"the {what} '{value.strip()[:20]}' is not a time of day")
    return f"{hour:02d}:{minute:02d}"


def _twelve_hour(hour: int, afternoon: bool) -> int:
    if not 1 <= hour <= 12:
        return 99
    return hour % 12 + (12 if afternoon else 0)


def _end(value: object) -> str | None:
    """An end time, when the list gives one that can be read (it is only shown)."""
    try:
        return _clock(value, "end time")
    except InvalidInput:
        return None


def _zone(value: object, known_zone: ZoneCheck) -> str | None:
    zone = _text(value, "time zone")
    if zone is not None and not known_zone(zone):
        raise InvalidInput(f"the time zone '{zone[:40]}' is not one this computer knows")
    return zone


# --- the list as the home keeps it ------------------------------------------------


def meeting_to_dict(meeting: ListedMeeting) -> dict[str, Any]:
    doc = meeting._asdict()
    doc["days"] = list(meeting.days)
    return {key: value for key, value in doc.items() if value is not None}


def meeting_from_dict(doc: Mapping[str, Any]) -> ListedMeeting:
    """One meeting as the home keeps it, checked as closely as one read from a list
    (InvalidInput when it cannot be used)."""
    attendance = doc.get("attendance", IN_PERSON)
    if attendance not in ATTENDANCE:
        raise InvalidInput(f"attendance '{attendance}' is not one of {', '.join(ATTENDANCE)}")
    return ListedMeeting(
        name=_name(doc.get("name")),
        days=_days(doc.get("days")),
        time=_clock(doc.get("time"), "time"),
        end_time=_end(doc.get("end_time")),
        timezone=_text(doc.get("timezone"), "time zone"),
        location=_text(doc.get("location"), "location"),
        address=_text(doc.get("address"), "address"),
        region=_text(doc.get("region"), "region"),
        url=_url(doc.get("url")),
        attendance=attendance,
        fellowship=_text(doc.get("fellowship"), "fellowship"),
    )


# --- when they meet -----------------------------------------------------------------


class Happening(NamedTuple):
    """One time a meeting meets."""

    meeting: ListedMeeting
    starts: datetime  # in the person's zone
    ends: datetime | None


def happenings(
    meetings: Iterable[ListedMeeting],
    since: datetime,
    until: datetime,
    zones: Mapping[str, tzinfo],
) -> list[Happening]:
    """Every time a meeting starts from ``since`` up to ``until`` (aware, in the
    person's zone), soonest first; ``zones``: the meetings' own zones by name."""
    person = since.tzinfo
    assert person is not None
    calendars: dict[tzinfo, dict[int, list[date]]] = {}  # each zone's days, worked out once
    found = []
    for meeting in meetings:
        zone = zones.get(meeting.timezone or "", person)
        if zone not in calendars:
            calendars[zone] = _days_by_guide_day(since.astimezone(zone), until.astimezone(zone))
        for starts in _starts(meeting, calendars[zone], zone):
            if since <= starts <= until:
                ends = _ends(meeting, starts)
                shown_end = None if ends is None else ends.astimezone(person)
                found.append(Happening(meeting, starts.astimezone(person), shown_end))
    return sorted(found, key=lambda h: (h.starts, h.meeting.name.casefold()))


def _days_by_guide_day(since: datetime, until: datetime) -> dict[int, list[date]]:
    """The calendar days from the day before ``since`` to ``until``, by weekday number."""
    days: dict[int, list[date]] = {}
    day = since.date() - timedelta(days=1)
    while day <= until.date():
        days.setdefault(_guide_day(day), []).append(day)
        day += timedelta(days=1)
    return days


def _starts(
    meeting: ListedMeeting, calendar: Mapping[int, list[date]], zone: tzinfo
) -> Iterable[datetime]:
    clock = time.fromisoformat(meeting.time)
    for weekday in meeting.days:
        for day in calendar.get(weekday, ()):
            yield local_moment(datetime.combine(day, clock), zone)


def _ends(meeting: ListedMeeting, starts: datetime) -> datetime | None:
    if meeting.end_time is None:
        return None
    end = datetime.combine(starts.date(), time.fromisoformat(meeting.end_time))
    if end.time() <= starts.time():
        end += timedelta(days=1)
    assert starts.tzinfo is not None
    return local_moment(end, starts.tzinfo)


def _guide_day(day: date) -> int:
    """Meeting Guide's number for the day: 0 = Sunday."""
    return (day.weekday() + 1) % 7


def upcoming(
    meetings: Iterable[ListedMeeting], now: datetime, count: int, zones: Mapping[str, tzinfo]
) -> list[Happening]:
    """The next ``count`` meetings: those on now (started, not yet ended), then those
    to come, within a week."""
    window = happenings(meetings, now - timedelta(days=1), now + timedelta(days=7), zones)
    return [h for h in window if h.starts >= now or (h.ends is not None and h.ends > now)][:count]


def around(
    meetings: Iterable[ListedMeeting], moment: datetime, count: int, zones: Mapping[str, tzinfo]
) -> list[Happening]:
    """The ``count`` meetings that start nearest to ``moment``, before or after it (the
    one just gone is most likely the one being logged), each once, in time order."""
    window = happenings(meetings, moment - timedelta(days=4), moment + timedelta(days=4), zones)
    nearest: dict[ListedMeeting, Happening] = {}
    for happening in sorted(window, key=lambda h: abs(h.starts - moment)):
        nearest.setdefault(happening.meeting, happening)
    chosen = list(nearest.values())[:count]
    return sorted(chosen, key=lambda h: (h.starts, h.meeting.name.casefold()))
