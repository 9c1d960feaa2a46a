"""Parse what people type for a time ("yesterday 21:30", "2h ago") or a duration ("1h30m").

Pure: "now" is always a parameter (an aware datetime in the user's time zone).
A day given without a time of day means noon of that day, or now if noon has not come yet.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREV = {name[:3]: i for i, name in enumerate(WEEKDAYS)}

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

_AGO = re.compile(r"^(\d+)\s*([a-z]+)\s+ago$")
_CLOCK_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
# The program's own output and its near relatives: 2026-11-20, 2026-11-20 21:30,
# 2026-11-20T21:30:05.250000+05:30, ...Z, ...-0500, ...-05.
_ISO = re.compile(
    r"^(\d{4}-\d{2}-\d{2})"
    r"(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
# No time or duration anyone types is longer; a longer text is refused before any
# pattern looks at it, so every parser here takes linear time on any input.
MAX_TIME_TEXT = 64
_NOON = time(12, 0)

START_HELP = (
    "a day (today, yesterday, monday, 2026-11-20, '3 days ago'), or a moment for clean "
    "time in hours (now, 22:00, 'yesterday 23:30', '2026-11-20 21:30', '2h ago')"
)
WHEN_HELP = (
    "now, today, yesterday, 2026-11-20, '2026-11-20 21:30', 21:30, 'yesterday 21:30', "
    "a weekday (monday), '30m ago', '2h ago', '3 days ago'"
)


# No journal reaches further back; earlier dates would only overflow the arithmetic of
# "the period before" in reports and insights.
EARLIEST_DAY = date(1900, 1, 1)


def _recent_enough(day: date, text: str) -> None:
    if day < EARLIEST_DAY:
        raise TimeParseError(f"'{text}' is too far back (the earliest date is 1900-01-01)")


class TimeParseError(ValueError):
    """The text is not a time or duration this parser understands."""


def _at_time_of_day(day: date, clock: time | None, now: datetime) -> datetime:
    """Combine a local date and a time of day in now's time zone."""
    if clock is not None:
        return _localise(datetime.combine(day, clock), now)
    moment = _localise(datetime.combine(day, _NOON), now)
    return min(moment, now) if day == now.date() else moment


def _localise(naive: datetime, now: datetime) -> datetime:
    # With a zoneinfo zone, replace() picks the right offset for that date (DST).
    return naive.replace(tzinfo=now.tzinfo)


def _parse_clock_time(text: str) -> time | None:
    match = _CLOCK_TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise TimeParseError(f"'{text}' is not a time of day (use HH:MM, 00:00 to 23:59)")
    return time(hour, minute)


def _parse_day_word(word: str, now: datetime) -> date | None:
    today = now.date()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":  # parsed so that callers can say "that is in the future"
        return today + timedelta(days=1)
    index = WEEKDAYS.index(word) if word in WEEKDAYS else _WEEKDAY_ABBREV.get(word)
    if index is None:
        return None
    back = (today.weekday() - index) % 7 or 7  # the most recent one before today
    return today - timedelta(days=back)


def parse_when(text: str, now: datetime) -> datetime:
    """Turn a WHEN string into an aware datetime in now's time zone."""
    _check_length(text)
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise TimeParseError("the time is empty")
    if cleaned == "now":
        return now
    if cleaned == "today":
        return now
    ago = _AGO.match(cleaned)
    if ago:
        unit = _UNIT_SECONDS.get(ago.group(2))
        if unit is None:
            raise TimeParseError(f"unknown unit '{ago.group(2)}' in '{text}'")
        try:
            back = timedelta(seconds=int(ago.group(1)) * unit)
            # Minutes and hours are real time, even across a clock change; days and weeks
            # are calendar days at the same time on the clock.
            moment = now - back if unit >= DAY_SECONDS else (now.astimezone(UTC) - back)
            moment = moment.astimezone(now.tzinfo)
        except (OverflowError, ValueError):
            raise TimeParseError(f"'{text}' is too far back") from None
        _recent_enough(moment.date(), text)
        return moment
    clock_only = _parse_clock_time(cleaned)
    if clock_only is not None:
        return _at_time_of_day(now.date(), clock_only, now)
    iso = _read_iso(cleaned, text, now)
    if iso is not None:
        return iso
    parts = cleaned.split(" ")
    if len(parts) in (1, 2):
        day = _parse_day_word(parts[0], now) or _parse_iso_date(parts[0])
        if day is not None:
            clock = _parse_clock_time(parts[1]) if len(parts) == 2 else None
            if len(parts) == 2 and clock is None:
                raise TimeParseError(f"'{parts[1]}' is not a time of day (use HH:MM)")
            return _at_time_of_day(day, clock, now)
    raise TimeParseError(f"could not understand the time '{text}'")


def _read_iso(cleaned: str, text: str, now: datetime) -> datetime | None:
    """An ISO 8601 date or time; with an offset, the same instant in now's zone."""
    match = _ISO.match(cleaned)
    if match is None:
        return None
    day = _parse_iso_date(match[1])
    assert day is not None
    if match[2] is None:
        return _at_time_of_day(day, None, now)
    clock = _iso_clock(match[2], match[3], match[4], match[5], text)
    if match[6] is None:
        return _at_time_of_day(day, clock, now)
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


def _parse_iso_date(text: str) -> date | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise TimeParseError(f"'{text}' is not a real date") from exc
    _recent_enough(day, text)
    return day


def parse_bound(text: str, now: datetime, *, end: bool = False) -> datetime:
    """A range limit: a day on its own ("2026-11-10", "yesterday") means that whole day,
    from its first moment (or, with ``end``, to its last); anything else as parse_when."""
    _check_length(text)
    cleaned = " ".join(text.strip().lower().split())
    day = _parse_day_word(cleaned, now) or _parse_iso_date(cleaned)
    if day is None:
        return parse_when(text, now)
    return _localise(datetime.combine(day, time.max if end else time.min), now)


def parse_start(text: str, now: datetime) -> date | datetime:
    """When a clock (or a new run) starts: a day (``date``) when the text names only a day
    ("today", "yesterday", "monday", "2026-11-20", "3 days ago"), or a moment (an aware
    ``datetime``, in now's zone) when it names a time ("now", "22:00", "yesterday 23:30",
    "2h ago"). A bare time of day still ahead today means the last one that has passed:
    "22:00", typed at half past midnight, is last night."""
    _check_length(text)
    cleaned = " ".join(text.strip().lower().split())
    if cleaned == "now":
        return now
    if cleaned == "today":
        return now.date()
    ago = _AGO.match(cleaned)
    if ago:
        moment = parse_when(text, now)
        return moment.date() if _UNIT_SECONDS[ago.group(2)] >= DAY_SECONDS else moment
    clock_only = _parse_clock_time(cleaned)
    if clock_only is not None:
        return _last_time_of_day(clock_only, now)
    day = _parse_day_word(cleaned, now) or _parse_iso_date(cleaned)
    if day is not None:
        return day
    return parse_when(text, now)


def parse_past(text: str, now: datetime) -> datetime:
    """When something happened: as parse_when, except that a bare time of day still
    ahead today is the last one that has passed ("23:30" at 00:30 is last night)."""
    _check_length(text)
    clock_only = _parse_clock_time(" ".join(text.strip().lower().split()))
    if clock_only is not None:
        return _last_time_of_day(clock_only, now)
    return parse_when(text, now)


def _last_time_of_day(clock: time, now: datetime) -> datetime:
    moment = _at_time_of_day(now.date(), clock, now)
    if moment > now:
        moment = _at_time_of_day(now.date() - timedelta(days=1), clock, now)
    return moment


def _check_length(text: str) -> None:
    if len(text) > MAX_TIME_TEXT:
        raise TimeParseError(
            f"'{text[:20]}...' is too long for a time or a duration "
            f"({len(text)} characters; at most {MAX_TIME_TEXT})"
        )


def parse_day(text: str, now: datetime) -> date:
    """A WHEN string reduced to its local calendar date (for clean-since dates)."""
    return parse_when(text, now).date()


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
    while match := _DURATION_PART.match(cleaned, position):
        unit = _UNIT_SECONDS.get(match.group(2))
        if unit is None:
            raise TimeParseError(f"unknown unit '{match.group(2)}' in duration '{text}'")
        total += float(match.group(1)) * unit
        position = match.end()
    if position != len(cleaned) or position == 0:
        raise TimeParseError(f"could not understand the duration '{text}' (try 20m, 1h30m, 90)")
    return timedelta(seconds=total)


def format_duration(delta: timedelta) -> str:
    """The inverse of parse_duration for whole minutes: 90 min -> '1h30m'."""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h{minutes}m"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"
