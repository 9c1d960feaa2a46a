"""Parse what people type for a time ("yesterday 9pm", "2h ago", "20 Nov",
"2026-11-20T21:30:00+00:00") or a duration ("1h30m").

Pure: "now" is always a parameter (an aware datetime in the person's time zone), and
every time comes back in that zone; one written with an offset keeps its instant.
A day given without a time of day means noon of that day, or now if noon has not come
yet. "last night" means 21:00 yesterday; "midnight" is 00:00, the start of the day.

A time of day typed for a day on which the clocks change is checked: one the clocks skip
is refused, with the time to try instead; one they pass twice is the first of the two,
and a sentence saying so is added to ``notes`` (a list the caller passes in to show).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from recoverylog.domain.moments import local_moment

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAY_NUMBER = {word: i for i, name in enumerate(WEEKDAYS) for word in (name, name[:3])}
_MONTH_NUMBER = {word: i + 1 for i, name in enumerate(MONTHS) for word in (name, name[:3])}
_MONTH_NUMBER["sept"] = 9

DAY_SECONDS = 86_400
_UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}

# Every pattern is anchored at both ends and has no nested repetition. Each is compiled
# on first use (re keeps it), so a command that parses no time pays nothing for them.
_AGO = r"^(?:(\d+)\s*|an?\s+)([a-z]+)\s+ago$"
_CLOCK_TIME = r"^(\d{1,2}):(\d{2})$"
_TWELVE_HOUR = r"^(\d{1,2})(?:[:.](\d{2}))?([ap])\.?m\.?$"
_DAY_NUMBER = r"^(\d{1,2})(?:st|nd|rd|th)?$"
_YEAR = r"^\d{4}$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
# The program's own output and its near relatives: 2026-11-20, 2026-11-20 21:30,
# 2026-11-20T21:30:05.250000+05:30, ...Z, ...-0500, ...-05.
_ISO = (
    r"^(\d{4}-\d{2}-\d{2})"
    r"(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DURATION_PART = r"(\d+(?:\.\d+)?)\s*([a-z]+)"
# No time or duration anyone types is longer; a longer text is refused before any
# pattern looks at it, so every parser here takes linear time on any input.
MAX_TIME_TEXT = 64

_NOON = time(12, 0)
_LAST_NIGHT = time(21, 0)
_NAMED_TIMES = {"noon": _NOON, "midnight": time(0, 0)}
_MERIDIEMS = ("am", "pm", "a.m.", "p.m.")
_NOT_A_TIME = (
    "could not read '{text}' as a time; try: now, 21:30, 9pm, yesterday 21:30, "
    "last friday, 2h ago, 20 Nov, 2026-11-20 21:30"
)


# No journal reaches further back; earlier dates would only overflow the arithmetic of
# "the period before" in reports and insights.
EARLIEST_DAY = date(1900, 1, 1)


class TimeParseError(ValueError):
    """The text is not a time or duration this parser understands."""


# Where a reader puts what the person should hear about the time it read; None: nowhere.
Notes = list[str] | None


# --- one reader per kind of option ----------------------------------------------------


def parse_when(text: str, now: datetime, *, notes: Notes = None) -> datetime:
    """Turn a WHEN string into an aware datetime in now's time zone."""
    return _read(text, now, notes, past=False)


def parse_past(text: str, now: datetime, *, notes: Notes = None) -> datetime:
    """When something happened: as parse_when, except that a time named loosely that is
    still ahead is the last one that has passed: a bare time of day ("23:30" at 00:30 is
    last night) and a day without a year ("20 Dec" in November is last December's)."""
    return _read(text, now, notes, past=True)


def parse_bound(text: str, now: datetime, *, end: bool = False, notes: Notes = None) -> datetime:
    """A range limit: a day on its own ("2026-11-10", "yesterday", "20 Nov") means that
    whole day, from its first moment (or, with ``end``, to its last); anything else as
    parse_when."""
    _check_length(text)
    day = _read_day(_words(_clean(text)), now, past=False, text=text)
    if day is None:
        return parse_when(text, now, notes=notes)
    return local_moment(datetime.combine(day, time.max if end else time.min), _zone(now))


def parse_start(
    text: str, now: datetime, *, notes: Notes = None, after: datetime | None = None
) -> date | datetime:
    """When a clock (or a new run) starts: a day (``date``) when the text names only a day
    ("today", "yesterday", "last friday", "20 Nov", "3 days ago"), or a moment (an aware
    ``datetime``, in now's zone) when it names a time ("now", "22:00", "yesterday 23:30",
    "2h ago"). A bare time of day still ahead today means the last one that has passed:
    "22:00", typed at half past midnight, is last night. A day may be ahead (a run that
    starts tomorrow). ``after``: a new run after a lapse at that moment; a bare time of
    day is then on the lapse's day ("--restart 23:30" for a lapse at 10:00)."""
    _check_length(text)
    cleaned = _clean(text)
    if cleaned == "now":
        return now
    ago = re.compile(_AGO).match(cleaned)
    if ago:
        moment = parse_when(text, now)
        return moment.date() if _UNIT_SECONDS[ago[2]] >= DAY_SECONDS else moment
    words = _words(cleaned)
    day = _read_day(words, now, past=False, text=text)
    if day is not None:
        return day
    day_words, clock = _split_clock(words)
    if clock is not None and not day_words:
        if after is not None:
            return _on_the_day_of(clock, after.astimezone(_zone(now)), notes)
        return _last_time_of_day(clock, now, notes)
    return parse_when(text, now, notes=notes)


def parse_day(text: str, now: datetime, *, notes: Notes = None) -> date:
    """A WHEN string reduced to its local calendar date (for clean-since dates)."""
    return parse_when(text, now, notes=notes).date()


# --- reading a time -------------------------------------------------------------------


def _read(text: str, now: datetime, notes: Notes, *, past: bool) -> datetime:
    _check_length(text)
    cleaned = _clean(text)
    if not cleaned:
        raise TimeParseError("the time is empty")
    if cleaned in ("now", "today"):
        return now
    ago = re.compile(_AGO).match(cleaned)
    if ago:
        return _read_ago(ago, text, now)
    moment = _read_iso(cleaned, text, now, notes)
    if moment is None:
        moment = _read_phrase(cleaned, text, now, notes, past=past)
    if moment is None:
        raise TimeParseError(_NOT_A_TIME.format(text=text.strip()))
    return moment


def _read_ago(ago: re.Match[str], text: str, now: datetime) -> datetime:
    """'30m ago', '2 hours ago', 'an hour ago', '3 days ago'."""
    unit = _UNIT_SECONDS.get(ago[2])
    if unit is None:
        raise TimeParseError(f"unknown unit '{ago[2]}' in '{text}'")
    count = int(ago[1]) if ago[1] else 1
    try:
        back = timedelta(seconds=count * unit)
        # Minutes and hours are real time, even across a clock change; days and weeks
        # are calendar days at the same time on the clock.
        moment = now - back if unit >= DAY_SECONDS else (now.astimezone(UTC) - back)
        moment = moment.astimezone(now.tzinfo)
    except (OverflowError, ValueError):
        raise TimeParseError(f"'{text}' is too far back") from None
    _recent_enough(moment.date(), text)
    return moment


def _read_iso(cleaned: str, text: str, now: datetime, notes: Notes) -> datetime | None:
    """An ISO 8601 date or time; with an offset, the same instant in now's zone."""
    match = re.compile(_ISO).match(cleaned)
    if match is None:
        return None
    day = _written_date(match[1], text)
    if match[2] is None:
        return _at_time_of_day(day, None, now, notes)
    clock = _iso_clock(match[2], match[3], match[4], match[5], text)
    if match[6] is None:
        return _at_time_of_day(day, clock, now, notes)
    try:
        moment = datetime.combine(day, clock, _iso_offset(match[6], text)).astimezone(now.tzinfo)
    except OverflowError:
        raise TimeParseError(f"'{text}' is out of range") from None
    _recent_enough(moment.date(), text)
    return moment


def _iso_clock(hour: str, minute: str, second: str | None, fraction: str | None, text: str) -> time:
    try:
        return time(int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0")))
    except ValueError:
        raise TimeParseError(f"'{text}' is not a time of day (00:00 to 23:59:59)") from None


def _iso_offset(offset: str, text: str) -> timezone:
    """'z', '+05:30', '-0500' or '-05' as a fixed offset from UTC."""
    if offset == "z":
        return UTC
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise TimeParseError(f"'{offset.upper()}' in '{text}' is not an offset from UTC")
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _read_phrase(
    cleaned: str, text: str, now: datetime, notes: Notes, *, past: bool
) -> datetime | None:
    """A day and a time of day in words: '9pm', 'yesterday at 21:30', 'last friday',
    '20 Nov 2025 9pm', 'last night'. None if the words are not one of these."""
    words = _words(cleaned)
    if words == ["last", "night"]:
        return _at_time_of_day(now.date() - timedelta(days=1), _LAST_NIGHT, now, notes)
    day_words, clock = _split_clock(words)
    if not day_words:
        if clock is None:
            return None
        if past:
            return _last_time_of_day(clock, now, notes)
        return _at_time_of_day(now.date(), clock, now, notes)
    day = _read_day(day_words, now, past=past, text=text)
    return None if day is None else _at_time_of_day(day, clock, now, notes)


def _split_clock(words: list[str]) -> tuple[list[str], time | None]:
    """The time of day the words end with, if any, and the words before it (an 'at'
    between the two is dropped)."""
    if len(words) >= 2 and words[-1] in _MERIDIEMS:  # "9 pm"
        words = [*words[:-2], words[-2] + words[-1]]
    clock = _read_clock(words[-1]) if words else None
    if clock is None:
        return words, None
    before = words[:-1]
    return (before[:-1] if before[-1:] == ["at"] else before), clock


def _read_clock(word: str) -> time | None:
    """21:30, 9pm, 9:30pm, noon, midnight; None if the word is not a time of day."""
    clock = _NAMED_TIMES.get(word) or _parse_clock_time(word)
    if clock is not None:
        return clock
    match = re.compile(_TWELVE_HOUR).match(word)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        raise TimeParseError(f"'{word}' is not a time of day (try 9pm or 9:30pm)")
    return time(hour % 12 + (12 if match[3] == "p" else 0), minute)


def _parse_clock_time(text: str) -> time | None:
    match = re.compile(_CLOCK_TIME).match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise TimeParseError(f"'{text}' is not a time of day (use HH:MM, 00:00 to 23:59)")
    return time(hour, minute)


def time_of_day(word: str) -> time | None:
    """A time of day on its own (21:30, 9pm, 9:30pm, noon, midnight), as every time
    option reads one; None if the word is not one."""
    return _read_clock(_clean(word))


def weekday_number(word: str) -> int | None:
    """Monday 0 to Sunday 6 for a day's name ('tue', 'Tuesday'); None for another word."""
    return _WEEKDAY_NUMBER.get(_clean(word))


# --- reading a day --------------------------------------------------------------------


def _read_day(words: list[str], now: datetime, *, past: bool, text: str) -> date | None:
    """A day named in words: today, yesterday, friday, last friday, 20 Nov, Nov 20 2025,
    2026-11-20. None if the words name no day."""
    if len(words) == 1:
        return _day_word(words[0], now) or _iso_date(words[0], text)
    if len(words) == 2 and words[0] == "last":
        return _weekday_before(words[1], now)
    return _day_and_month(words, now, past=past, text=text)


def _day_word(word: str, now: datetime) -> date | None:
    today = now.date()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":  # parsed so that callers can say "that is in the future"
        return today + timedelta(days=1)
    return _weekday_before(word, now)


def _weekday_before(word: str, now: datetime) -> date | None:
    """The most recent day of that name strictly before today."""
    index = _WEEKDAY_NUMBER.get(word)
    if index is None:
        return None
    today = now.date()
    return today - timedelta(days=(today.weekday() - index) % 7 or 7)


def _day_and_month(words: list[str], now: datetime, *, past: bool, text: str) -> date | None:
    """'20 Nov', 'Nov 20', '20th November 2025', 'Nov 20, 2025'. Without a year, this
    year's; or, for something that happened, last year's if this year's is still ahead."""
    if len(words) not in (2, 3):
        return None
    first, second = (words[1], words[0]) if words[0] in _MONTH_NUMBER else (words[0], words[1])
    number, month = re.compile(_DAY_NUMBER).match(first), _MONTH_NUMBER.get(second)
    year = words[2] if len(words) == 3 else None
    if number is None or month is None or (year is not None and not re.compile(_YEAR).match(year)):
        return None
    day = _calendar_date(int(year or now.year), month, int(number[1]), text)
    if year is None and past and day > now.date():
        day = _calendar_date(now.year - 1, month, day.day, text)
    _recent_enough(day, text)
    return day


def _iso_date(word: str, text: str) -> date | None:
    return _written_date(word, text) if re.compile(_ISO_DATE).match(word) else None


def _written_date(word: str, text: str) -> date:
    """A YYYY-MM-DD word as a date that exists and is not too far back."""
    day = _calendar_date(int(word[:4]), int(word[5:7]), int(word[8:]), text)
    _recent_enough(day, text)
    return day


def _calendar_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeParseError(f"'{text}' is not a real date") from None


def _recent_enough(day: date, text: str) -> None:
    if day < EARLIEST_DAY:
        raise TimeParseError(f"'{text}' is too far back (the earliest date is 1900-01-01)")


# --- a day and a time of day in the person's zone -------------------------------------


def _at_time_of_day(day: date, clock: time | None, now: datetime, notes: Notes) -> datetime:
    """A local date and a time of day in now's zone; no time of day: noon, or now if
    the day is today and noon has not come yet."""
    if clock is not None:
        return _wall_time(datetime.combine(day, clock), _zone(now), notes)
    moment = local_moment(datetime.combine(day, _NOON), _zone(now))
    return min(moment, now) if day == now.date() else moment


def _last_time_of_day(clock: time, now: datetime, notes: Notes) -> datetime:
    """Today at that time, or yesterday if today's has not come yet."""
    day = now.date()
    if local_moment(datetime.combine(day, clock), _zone(now)) > now:
        day -= timedelta(days=1)
    return _at_time_of_day(day, clock, now, notes)


def _on_the_day_of(clock: time, after: datetime, notes: Notes) -> datetime:
    """That time on ``after``'s day (a time before it is refused by the caller, who
    knows what it had to come after)."""
    return _at_time_of_day(after.date(), clock, after, notes)


def _wall_time(typed: datetime, zone: tzinfo, notes: Notes) -> datetime:
    """A time on the wall clock in ``zone``, as typed: refused if the clocks skip it
    that day; the first of the two if they pass it twice, with a note saying so."""
    first, second = typed.replace(tzinfo=zone), typed.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    real = local_moment(typed, zone)
    where = f"{_say_day(typed.date())} in {_zone_name(zone)}"
    if real.replace(tzinfo=None) != typed:
        raise TimeParseError(
            f"{_say_clock(typed)} does not exist on {where}: "
            f"the clocks went forward; try {_say_clock(real)}"
        )
    if notes is not None:
        notes.append(
            f"{_say_clock(typed)} comes twice on {where} (the clocks went back): "
            f"using the first, {_say_iso(first)}; for the second, give {_say_iso(second)}"
        )
    return first


def _zone(now: datetime) -> tzinfo:
    assert now.tzinfo is not None, "now must be aware"
    return now.tzinfo


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


def _say_day(day: date) -> str:
    """'Sun 8 Mar 2026', the same in every locale."""
    weekday, month = WEEKDAYS[day.weekday()][:3], MONTHS[day.month - 1][:3]
    return f"{weekday.title()} {day.day} {month.title()} {day.year}"


def _say_clock(moment: datetime) -> str:
    return moment.time().isoformat(_timespec(moment))


def _say_iso(moment: datetime) -> str:
    return moment.isoformat(timespec=_timespec(moment))


def _timespec(moment: datetime) -> str:
    return "seconds" if moment.second or moment.microsecond else "minutes"


# --- text -----------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _words(cleaned: str) -> list[str]:
    return cleaned.replace(",", " ").split()


def _check_length(text: str) -> None:
    if len(text) > MAX_TIME_TEXT:
        raise TimeParseError(
            f"'{text[:20]}...' is too long for a time or a duration "
            f"({len(text)} characters; at most {MAX_TIME_TEXT})"
        )


# --- durations ------------------------------------------------------------------------


def parse_duration(text: str) -> timedelta:
    """'20m', '1h30m', '90' (minutes), '1.5h', '45 minutes' -> timedelta."""
    _check_length(text)
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise TimeParseError("the duration is empty")
    try:
        return _parse_duration(cleaned, text)
    except OverflowError:
        raise TimeParseError(f"the duration '{text}' is far too long") from None


def _parse_duration(cleaned: str, text: str) -> timedelta:
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return timedelta(minutes=float(cleaned))
    total = 0.0
    position = 0
    while match := re.compile(_DURATION_PART).match(cleaned, position):
        unit = _UNIT_SECONDS.get(match.group(2))
        if unit is None:
            raise TimeParseError(f"unknown unit '{match.group(2)}' in duration '{text}'")
        total += float(match.group(1)) * unit
        position = match.end()
    if position != len(cleaned) or position == 0:
        raise TimeParseError(f"could not understand the duration '{text}' (try 20m, 1h30m, 90)")
    return timedelta(seconds=total)
