"""What a reminder is, and the files each scheduler reads, checked against their
formats: the crontab line as cron splits it, the launchd agent as plistlib reads it,
the systemd service and timer as systemd-analyze verifies them."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest

from recoverylog.domain import reminders as rules
from recoverylog.domain.reminders import Kind, Launch, Reminder
from recoverylog.errors import DataError, InvalidInput

SPACED = "/opt/my tools/100% sure/recoverylog"
HOME = "/home/sam/my journal $HOME"


def test_the_three_kinds_read_as_typed_and_get_their_names() -> None:
    assert rules.parse_reminder("checkin", ["21:00"]) == Reminder("checkin", Kind.CHECKIN, time(21))
    assert rules.parse_reminder("selfcheck", ["sun", "18:00"]) == Reminder(
        "selfcheck", Kind.SELFCHECK, time(18), (6,)
    )
    meeting = rules.parse_reminder("meeting", ["Tuesday", "6:30pm", "Home", "group"])
    assert meeting == Reminder("meeting-tue-1830", Kind.MEETING, time(18, 30), (1,), "Home group")
    several = rules.parse_reminder("meeting", ["mon,fri", "daily", "19:00"], "evening-group")
    assert (several.name, several.days) == ("evening-group", (0, 4))


@pytest.mark.parametrize(
    ("kind", "words", "name", "says"),
    [
        ("nap", ["21:00"], None, "not a kind of reminder"),
        ("checkin", ["tonight"], None, "'tonight' is not a day"),
        ("checkin", ["sun"], None, "give the time"),
        ("checkin", ["25:00"], None, "not a time of day"),
        ("checkin", ["21:00"], "My Reminder!", "cannot name a reminder"),
        ("checkin", ["21:00"], "../escape", "cannot name a reminder"),
    ],
)
def test_what_cannot_be_a_reminder_is_refused_kindly(
    kind: str, words: list[str], name: str | None, says: str
) -> None:
    with pytest.raises(InvalidInput, match=says):
        rules.parse_reminder(kind, words, name)


def test_a_reminder_says_fixed_words_never_its_label() -> None:
    evening = Reminder("checkin", Kind.CHECKIN, time(21), label="after Mike's")
    assert rules.notice_text(evening) == "Time for your evening check-in"
    assert rules.notice_text(evening._replace(at=time(8))) == "Time for your daily check-in"
    assert rules.notice_text(Reminder("s", Kind.SELFCHECK, time(18))) == rules.SELFCHECK_NOTICE
    meeting = Reminder("m", Kind.MEETING, time(18), (1,), "St Mary's AA")
    assert rules.notice_text(meeting) == "Time for your meeting"


def test_a_self_check_is_done_for_the_week_a_check_in_for_the_day() -> None:
    thursday = date(2026, 11, 26)
    checkin = Reminder("c", Kind.CHECKIN, time(21))
    assert rules.days_done_covers(checkin, thursday) == (thursday, thursday)
    selfcheck = Reminder("s", Kind.SELFCHECK, time(18), (6,))
    assert rules.days_done_covers(selfcheck, thursday) == (date(2026, 11, 23), thursday)
    assert rules.days_done_covers(Reminder("m", Kind.MEETING, time(18)), thursday) is None


def test_a_reminder_reads_back_as_it_was_recorded() -> None:
    meeting = Reminder("meeting-tue-1830", Kind.MEETING, time(18, 30), (1,), "Home group")
    doc = rules.reminder_doc(meeting, rules.Scheduler.CRON, [])
    assert rules.recorded_reminder(meeting.name, doc) == (meeting, rules.Scheduler.CRON, ())
    with pytest.raises(DataError, match="'meeting-tue-1830'"):
        rules.recorded_reminder(meeting.name, {**doc, "at": "teatime"})


# --- cron ------------------------------------------------------------------------------


def test_the_crontab_line_is_five_fields_then_the_command_for_the_shell() -> None:
    reminder = Reminder("meeting-tue-1830", Kind.MEETING, time(18, 30), (1, 6))
    line = rules.crontab_line(reminder, Launch((SPACED,), HOME))
    minute, hour, day, month, weekdays, command = line.split(None, 5)
    assert (minute, hour, day, month, weekdays) == ("30", "18", "*", "*", "2,0")
    # cron turns an unescaped % into a line break; the shell then reads the rest.
    assert "%" not in command.replace("\\%", "")
    words = shlex.split(command.replace("\\%", "%"), comments=True)
    assert words == [f"RECOVERYLOG_HOME={HOME}", SPACED, "remind", "fire", reminder.name]
    assert line.endswith(f"# {rules.CRON_MARK} meeting-tue-1830")


def test_a_daily_crontab_line_runs_every_day_without_a_home_of_its_own() -> None:
    line = rules.crontab_line(Reminder("checkin", Kind.CHECKIN, time(21, 5)), Launch(("/bin/rl",)))
    assert line == f"5 21 * * * /bin/rl remind fire checkin # {rules.CRON_MARK} checkin"


def test_removing_a_crontab_line_leaves_every_other_line_exactly() -> None:
    theirs = (
        "MAILTO=sam@example.org\n"
        "# my backups\n"
        "0 3 * * * backup --all  # recoverylog-reminder: checkin is not ours\n"
        f"0 9 * * * /bin/rl remind fire checkin2 # {rules.CRON_MARK} checkin2\n"
        "*/5 * * * * true"  # no line break at the end
    )
    line = rules.crontab_line(Reminder("checkin", Kind.CHECKIN, time(21)), Launch(("/bin/rl",)))
    added = rules.crontab_with(theirs, "checkin", line)
    assert added.startswith(theirs + "\n") and added.count("fire checkin ") == 1
    assert rules.crontab_with(added, "checkin", line) == added
    assert rules.crontab_without(added, "checkin") == theirs + "\n"
    assert rules.crontab_without(theirs, "checkin") == theirs


# --- launchd ---------------------------------------------------------------------------


def test_the_launchd_agent_has_what_launchd_needs() -> None:
    reminder = Reminder("selfcheck", Kind.SELFCHECK, time(18), (6,))
    agent = plistlib.loads(rules.launchd_plist(reminder, Launch((SPACED,), HOME)))
    assert agent["Label"] == "org.recoverylog.selfcheck"
    assert agent["ProgramArguments"] == [SPACED, "remind", "fire", "selfcheck"]
    assert agent["StartCalendarInterval"] == [{"Weekday": 0, "Hour": 18, "Minute": 0}]
    assert agent["EnvironmentVariables"] == {"RECOVERYLOG_HOME": HOME}
    daily = plistlib.loads(rules.launchd_plist(reminder._replace(days=()), Launch(("/rl",))))
    assert daily["StartCalendarInterval"] == {"Hour": 18, "Minute": 0}
    assert "EnvironmentVariables" not in daily


# --- systemd ---------------------------------------------------------------------------


def test_the_systemd_words_are_quoted_as_systemd_reads_them() -> None:
    reminder = Reminder("checkin", Kind.CHECKIN, time(21))
    service = rules.systemd_service(reminder, Launch((SPACED,), HOME))
    assert 'Environment="RECOVERYLOG_HOME=/home/sam/my journal $HOME"' in service
    assert 'ExecStart="/opt/my tools/100%% sure/recoverylog" "remind" "fire" "checkin"' in service
    assert "OnCalendar=*-*-* 21:00:00" in rules.systemd_timer(reminder)
    assert rules.on_calendar(reminder._replace(days=(0, 2))) == "Mon,Wed *-*-* 21:00:00"


def test_a_path_with_a_line_break_is_refused_for_every_scheduler() -> None:
    reminder = Reminder("checkin", Kind.CHECKIN, time(21))
    broken = Launch(("/bin/rl",), "/home/sam/a\nb")
    for write in (rules.crontab_line, rules.systemd_service):
        with pytest.raises(InvalidInput, match="line break"):
            write(reminder, broken)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
@pytest.mark.parametrize("days", [(), (1,), (0, 6)])
def test_systemd_analyze_verifies_the_service_and_the_timer(
    tmp_path: Path, days: tuple[int, ...]
) -> None:
    program = tmp_path / "my tools" / "recoverylog"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    reminder = Reminder("meeting-x", Kind.MEETING, time(18, 30), days)
    units = tmp_path / "units"
    units.mkdir()
    service = units / "recoverylog-meeting-x.service"
    timer = units / "recoverylog-meeting-x.timer"
    service.write_text(rules.systemd_service(reminder, Launch((str(program),), HOME)))
    timer.write_text(rules.systemd_timer(reminder))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(timer), str(service)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "recoverylog-meeting-x" not in done.stderr  # no warning about our units


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_control_systemd_analyze_refuses_a_broken_timer(tmp_path: Path) -> None:
    reminder = Reminder("x", Kind.CHECKIN, time(21))
    (tmp_path / "recoverylog-x.service").write_text(
        rules.systemd_service(reminder, Launch(("/bin/true",)))
    )
    timer = tmp_path / "recoverylog-x.timer"
    timer.write_text(rules.systemd_timer(reminder).replace("21:00", "99:99"))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(timer), str(tmp_path / "recoverylog-x.service")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0 and "calendar" in done.stderr
