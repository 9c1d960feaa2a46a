"""Clean time from a known moment ("since 22:00"), not only from a date. Pure.

Two kinds of arithmetic meet here, and each is used where people expect it:
- hours are real elapsed time: "24 hours" is 24 hours later even across a clock
  change (computed in UTC);
- days, weeks, months and years are on the calendar at the same time of day on the
  wall clock (computed in the person's time zone), as "1 week" or "6 months" is said.

Day one is counted in hours and minutes; after the first 24 real hours the count is in
whole days, each one reached when the start's time of day comes round again.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

DAY = timedelta(hours=24)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from ``start`` to ``end`` (aware datetimes; a clock change is an hour)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def local_moment(naive: datetime, tz: tzinfo) -> datetime:
    """A wall-clock time in ``tz``. A time that a clock change skips (01:30 on the night
    the clocks go forward) becomes the real moment it would have been, just after."""
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def add_hours(start: datetime, hours: int) -> datetime:
    """``hours`` real hours later, in the start's own zone."""
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


def add_days(start: datetime, days: int) -> datetime:
    """The same time of day ``days`` calendar days later, in the start's own zone."""
    assert start.tzinfo is not None
    return local_moment(start.replace(tzinfo=None) + timedelta(days=days), start.tzinfo)


def add_months(start: datetime, months: int) -> datetime:
    """The same time of day ``months`` calendar months later, clamped to the month's end."""
    assert start.tzinfo is not None
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    import calendar  # here: the prompt segment counts days without it

    day = min(start.day, calendar.monthrange(year, month)[1])
    return local_moment(start.replace(tzinfo=None, year=year, month=month, day=day), start.tzinfo)


def whole_days(start: datetime, end: datetime) -> int:
    """Whole days clean from ``start`` to ``end``: 0 during the first 24 real hours; after
    that, how many times the start's time of day has come round (1 at the least).

    ``start`` carries the zone the days are counted in."""
    if elapsed(start, end) < DAY:
        return 0
    local_end = end.astimezone(start.tzinfo)
    days = (local_end.date() - start.date()).days
    while days > 1 and add_days(start, days) > local_end:
        days -= 1
    return max(1, days)


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The last moment of a local day: clean time "as of" a day that is over."""
    return datetime.combine(day, time.max, tzinfo=tz)


def as_of(day: date, now: datetime | None, tz: tzinfo) -> datetime:
    """The moment clean time is measured to on ``day``: ``now`` when that day is today,
    else the end of that day (a report or chart that ends on an earlier day)."""
    if now is not None and now.astimezone(tz).date() == day:
        return now.astimezone(tz)
    return end_of_day(day, tz)


def hours_and_minutes(minutes: int) -> str:
    """How long, in words, for day one: '14 hours 30 minutes', '1 hour', '5 minutes'."""
    hours, rest = divmod(max(0, minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest or not hours:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


# When a day begins (the day_starts_at setting): at 04:00, a lapse or a check-in at
# 00:30 belongs to the evening before. Set once per command by the workspace, and put
# back when the command ends; the default is midnight. It is the one rule for which day
# a moment is on.
_DAY_STARTS: ContextVar[time] = ContextVar("day_starts", default=time(0))
MAX_DAY_START = time(12)


def days_start_at(starts: time) -> None:
    """Make every day begin at ``starts`` (midnight up to MAX_DAY_START)."""
    _DAY_STARTS.set(starts)


def day_starts() -> time:
    return _DAY_STARTS.get()


def day_of(moment: datetime) -> date:
    """The calendar day a record belongs to: the date on the wall clock where it
    happened (the offset it was stored with), the day starting at day_starts_at.
    Reading the journal in another time zone never moves a lapse, a craving or a
    check-in to another day."""
    starts = _DAY_STARTS.get()
    if starts == time(0):
        return moment.date()
    return (
        moment.replace(tzinfo=None) - timedelta(hours=starts.hour, minutes=starts.minute)
    ).date()


def reading_window(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """A generous [start, end] in time holding every record whose day (day_of) is from
    ``first`` to ``last``: a day either side, for records stored with another offset
    and for a day that starts after midnight. Callers then keep exactly their days."""
    start = datetime.combine(first - timedelta(days=1), time(0), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=2), time(0), tzinfo=tz)
    return start, end


def as_date(value: Any) -> date | None:
    """A date from a stored value: a date, a moment, or text starting YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
