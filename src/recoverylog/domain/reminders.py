"""Reminders: when one rings, its name, what it says, and the text of the files the
system's scheduler reads (a systemd user service and timer, a crontab line, a launchd
agent). Pure: the store writes these texts and runs the scheduler's programs."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from recoverylog.domain.timeparse import WEEKDAYS, TimeParseError, time_of_day, weekday_number
from recoverylog.errors import DataError, InvalidInput


class Kind(StrEnum):
    CHECKIN = "checkin"
    SELFCHECK = "selfcheck"
    MEETING = "meeting"


class Scheduler(StrEnum):
    SYSTEMD = "systemd"
    CRON = "cron"
    LAUNCHD = "launchd"


# What a reminder says: fixed words only, never a label, a note or a name.
SELFCHECK_NOTICE = "Time for your weekly self-check"
MEETING_NOTICE = "Time for your meeting"
EVENING = time(17, 0)  # from here on, a check-in reminder calls it the evening's

NAME_RULE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
NAME_HINT = "use up to 40 lowercase letters, digits and dashes, e.g. --name evening"
EVERY_DAY_WORDS = frozenset({"daily", "everyday", "every-day"})
CRON_MARK = "recoverylog-reminder:"  # the comment that ends each of our crontab lines
NOTIFICATION_TITLE = "recoverylog"


class Reminder(NamedTuple):
    name: str
    kind: Kind
    at: time
    days: tuple[int, ...] = ()  # Monday 0 to Sunday 6; none: every day
    label: str | None = None  # for `remind list` only; never in a notification


class Launch(NamedTuple):
    """How a scheduler starts recoverylog: the program (a path, or python -m) and the
    home it reads, when the person uses one of their own."""

    program: tuple[str, ...]
    home: str | None = None


# --- reading what was typed ----------------------------------------------------------


def parse_reminder(kind: str, words: Sequence[str], name: str | None = None) -> Reminder:
    """`checkin 21:00`, `selfcheck sun 18:00`, `meeting tue 18:30 Home group`: the days
    (none: every day), a time of day, then an optional label."""
    chosen = _kind(kind)
    days: list[int] = []
    for index, word in enumerate(words):
        at = _time(word)
        if at is not None:
            label = " ".join(" ".join(words[index + 1 :]).split()) or None
            reminder = Reminder("", chosen, at, tuple(sorted(set(days))), label)
            return reminder._replace(name=check_name(name) if name else derived_name(reminder))
        days += _days(word)
    raise InvalidInput(
        "give the time the reminder rings, e.g. 21:00 or 9pm",
        hint="for example: recoverylog remind add checkin 21:00",
    )


def _kind(text: str) -> Kind:
    cleaned = text.strip().casefold().replace("-", "")
    for kind in Kind:
        if kind.value == cleaned:
            return kind
    raise InvalidInput(
        f"'{text}' is not a kind of reminder (choose from checkin, selfcheck, meeting)"
    )


def _time(word: str) -> time | None:
    try:
        return time_of_day(word)
    except TimeParseError as exc:
        raise InvalidInput(str(exc)) from None


def _days(word: str) -> list[int]:
    """The days one word names: 'tue', 'Tuesday', 'mon,wed,fri', or 'daily' (none)."""
    found = []
    for part in word.replace(",", " ").split():
        if part.casefold() in EVERY_DAY_WORDS:
            continue
        number = weekday_number(part)
        if number is None:
            raise InvalidInput(
                f"'{part}' is not a day or a time of day",
                hint="days are mon to sun (or daily); times look like 21:00 or 9pm",
            )
        found.append(number)
    return found


def check_name(name: str) -> str:
    cleaned = name.strip().casefold()
    if not NAME_RULE.fullmatch(cleaned):
        raise InvalidInput(f"'{name}' cannot name a reminder", hint=NAME_HINT)
    return cleaned


def derived_name(reminder: Reminder) -> str:
    """checkin, selfcheck; a meeting by its days and time: meeting-tue-1830."""
    if reminder.kind is not Kind.MEETING:
        return reminder.kind.value
    days = [WEEKDAYS[day][:3] for day in reminder.days]
    return "-".join(["meeting", *days, f"{reminder.at:%H%M}"])


# --- what it says ----------------------------------------------------------------------


def notice_text(reminder: Reminder) -> str:
    """The reminder's words: the same for everyone, whatever its label."""
    if reminder.kind is Kind.SELFCHECK:
        return SELFCHECK_NOTICE
    if reminder.kind is Kind.MEETING:
        return MEETING_NOTICE
    when = "evening" if reminder.at >= EVENING else "daily"
    return f"Time for your {when} check-in"


def days_done_covers(reminder: Reminder, today: date) -> tuple[date, date] | None:
    """The days in which an entry of the reminder's kind means it has nothing to say:
    today for a check-in, this week (from Monday) for a self-check; None for a meeting."""
    if reminder.kind is Kind.CHECKIN:
        return today, today
    if reminder.kind is Kind.SELFCHECK:
        return today - timedelta(days=today.weekday()), today
    return None


def schedule_words(reminder: Reminder) -> str:
    """'every day at 21:00', 'Sun at 18:00', 'Mon, Wed at 18:30'."""
    if not reminder.days:
        return f"every day at {reminder.at:%H:%M}"
    days = ", ".join(WEEKDAYS[day][:3].title() for day in reminder.days)
    return f"{days} at {reminder.at:%H:%M}"


# --- how it is kept in the home ----------------------------------------------------------


def day_words(reminder: Reminder) -> list[str]:
    """Its days as short words: ['tue'], or [] for every day."""
    return [WEEKDAYS[day][:3] for day in reminder.days]


def reminder_doc(reminder: Reminder, scheduler: Scheduler, files: Sequence[str]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": reminder.kind.value,
        "at": f"{reminder.at:%H:%M}",
        "days": day_words(reminder),
        "scheduler": scheduler.value,
        "files": list(files),
    }
    if reminder.label:
        doc["label"] = reminder.label
    return doc


class Recorded(NamedTuple):
    """A reminder as the home records it: how it rings, by which scheduler, and the
    files written for it (none for a crontab line)."""

    reminder: Reminder
    scheduler: Scheduler
    files: tuple[str, ...]


def recorded_reminder(name: str, doc: Any) -> Recorded:
    """A reminder read back from its table; damage is a DataError naming it."""
    try:
        days = doc.get("days", [])
        words = [*days, doc["at"]] if isinstance(days, list) else [doc["at"]]
        reminder = parse_reminder(doc["kind"], [str(word) for word in words], name)
        files = doc.get("files", [])
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise InvalidInput("'files' must be a list of paths")
        label = doc.get("label")
        return Recorded(
            reminder._replace(label=label if isinstance(label, str) else None),
            Scheduler(doc["scheduler"]),
            tuple(files),
        )
    except (InvalidInput, KeyError, TypeError, ValueError, AttributeError) as exc:
        why = exc.message if isinstance(exc, InvalidInput) else f"{exc!s:.60}"
        raise DataError(f"the reminder '{name}' in reminders.toml cannot be read ({why})") from None


# --- the scheduler's files -----------------------------------------------------------------


def fire_command(launch: Launch, name: str) -> list[str]:
    return [*launch.program, "remind", "fire", name]


def unit_name(name: str) -> str:
    """recoverylog-NAME: the stem of the service and timer files."""
    return f"recoverylog-{name}"


def systemd_service(reminder: Reminder, launch: Launch) -> str:
    lines = [
        "[Unit]",
        f"Description=recoverylog reminder {reminder.name}",
        "",
        "[Service]",
        "Type=oneshot",
    ]
    if launch.home is not None:
        lines.append(f"Environment={_systemd_word('RECOVERYLOG_HOME=' + launch.home)}")
    command = " ".join(
        _systemd_word(word, command=True) for word in fire_command(launch, reminder.name)
    )
    lines.append(f"ExecStart={command}")
    return "\n".join(lines) + "\n"


def systemd_timer(reminder: Reminder) -> str:
    return (
        "[Unit]\n"
        f"Description=recoverylog reminder {reminder.name}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(reminder)}\n"
        f"Unit={unit_name(reminder.name)}.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def on_calendar(reminder: Reminder) -> str:
    """systemd's calendar event: '*-*-* 21:00:00', 'Sun *-*-* 18:00:00'."""
    days = ",".join(WEEKDAYS[day][:3].title() for day in reminder.days)
    event = f"*-*-* {reminder.at:%H:%M}:00"
    return f"{days} {event}" if days else event


def _systemd_word(word: str, *, command: bool = False) -> str:
    """One word, double-quoted as systemd reads unit files: backslashes and quotes
    escaped, % doubled (a specifier otherwise), and in a command $ doubled (a variable
    otherwise)."""
    _no_line_breaks(word)
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if command:
        escaped = escaped.replace("$", "$$")
    return f'"{escaped}"'


def crontab_line(reminder: Reminder, launch: Launch) -> str:
    """One crontab line: minute, hour, day of month, month, days of the week (0 is
    Sunday), then the command for /bin/sh, ending in the comment that names it. cron
    reads % as a line break, so each one is escaped."""
    days = ",".join(str((day + 1) % 7) for day in reminder.days) or "*"
    words = [shlex.quote(_no_line_breaks(word)) for word in fire_command(launch, reminder.name)]
    if launch.home is not None:
        words.insert(0, "RECOVERYLOG_HOME=" + shlex.quote(_no_line_breaks(launch.home)))
    command = " ".join(words).replace("%", "\\%")
    when = f"{reminder.at.minute} {reminder.at.hour} * * {days}"
    return f"{when} {command} # {CRON_MARK} {reminder.name}"


def is_crontab_line_of(line: str, name: str) -> bool:
    """Whether this crontab line is the one written for the reminder ``name``."""
    return line.rstrip().rpartition(" # ")[2] == f"{CRON_MARK} {name}"


def crontab_with(current: str, name: str, line: str) -> str:
    """The crontab with ``line``, the reminder's, in place of any line it had before."""
    kept = crontab_without(current, name)
    if kept and not kept.endswith("\n"):
        kept += "\n"
    return kept + line + "\n"


def crontab_without(current: str, name: str) -> str:
    """The crontab without the reminder's line; every other line exactly as it was."""
    lines = current.splitlines(keepends=True)
    return "".join(line for line in lines if not is_crontab_line_of(line, name))


def launchd_label(name: str) -> str:
    return f"org.recoverylog.{name}"


def launchd_plist(reminder: Reminder, launch: Launch) -> bytes:
    """A launchd agent: the command as a list of words (no shell, no quoting), and one
    calendar interval per day (Weekday 0 is Sunday), or one for every day."""
    import plistlib

    moment = {"Hour": reminder.at.hour, "Minute": reminder.at.minute}
    intervals = [{"Weekday": (day + 1) % 7, **moment} for day in reminder.days] or moment
    agent: dict[str, Any] = {
        "Label": launchd_label(reminder.name),
        "ProgramArguments": fire_command(launch, reminder.name),
        "StartCalendarInterval": intervals,
        "RunAtLoad": False,
    }
    if launch.home is not None:
        agent["EnvironmentVariables"] = {"RECOVERYLOG_HOME": launch.home}
    return plistlib.dumps(agent, sort_keys=False)


def _no_line_breaks(word: str) -> str:
    """A path with a line break cannot be written in any scheduler's file safely."""
    if any(ch in word for ch in "\n\r\0"):
        raise InvalidInput(
            "a path here holds a line break, which no scheduler's file can hold",
            hint="keep recoverylog and your journal in folders without one",
        )
    return word
