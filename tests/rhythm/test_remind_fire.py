"""recoverylog remind fire: a desktop notification, else a notice kept for the greeting
line; silent when what it reminds of is done; never loud, never private."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import FakeSystem, ok

from recoverylog.paths import Layout
from recoverylog.store.notices import take_notices

PRIVATE = "St Mary's with Mike"


@pytest.fixture
def clock(cli_without_terminal: Any) -> None:
    ok(cli_without_terminal, "clock", "add", "alcohol", "--since", "2026-10-01")


def _layout(home: Path) -> Layout:
    return Layout(home, home)


def _set(cli: Any, *words: str) -> None:
    ok(cli, "remind", "add", *words, "--scheduler", "cron", "--yes")


def test_a_reminder_shows_a_desktop_notification_with_fixed_words(
    cli: Any, fake_system: FakeSystem, home: Path, clock: None
) -> None:
    _set(cli, "checkin", "21:00")
    fired = ok(cli, "remind", "fire", "checkin")
    assert fired.stdout == "" and fired.stderr == ""  # a scheduler mails what a job prints
    assert fake_system.args("notify-send") == [
        "--app-name recoverylog recoverylog Time for your evening check-in"
    ]
    assert take_notices(_layout(home)) == []


def test_without_notify_send_the_notice_waits_for_the_greeting(
    cli: Any, fake_system: FakeSystem, home: Path, clock: None
) -> None:
    fake_system.without("notify-send")
    _set(cli, "selfcheck", "sun", "18:00")
    ok(cli, "remind", "fire", "selfcheck")
    notices = home / "notices.txt"
    assert stat.S_IMODE(os.stat(notices).st_mode) == 0o600
    assert take_notices(_layout(home)) == ["Time for your weekly self-check"]
    assert not notices.exists() and take_notices(_layout(home)) == []


def test_a_notification_that_cannot_show_falls_back_to_the_notice(
    cli: Any, fake_system: FakeSystem, home: Path
) -> None:
    fake_system.failing("notify-send")  # no desktop session, as under cron
    _set(cli, "meeting", "tue", "18:30", PRIVATE)
    ok(cli, "remind", "fire", "meeting-tue-1830")
    assert len(fake_system.args("notify-send")) == 1
    assert take_notices(_layout(home)) == ["Time for your meeting"]


def test_without_a_bus_address_the_notification_finds_the_sessions_bus(
    cli: Any, fake_system: FakeSystem, clock: None, monkeypatch: Any
) -> None:
    """cron starts its jobs without $DBUS_SESSION_BUS_ADDRESS: the notification looks
    for the session's bus where it listens, in the runtime folder."""
    import socket

    heard = fake_system.calls / "bus.txt"
    script = fake_system.bin_dir / "notify-send"
    script.write_text(f"#!/bin/sh\necho \"$DBUS_SESSION_BUS_ADDRESS\" > '{heard}'\n")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    _set(cli, "checkin", "21:00")
    with socket.socket(socket.AF_UNIX) as bus:
        bus.bind(str(fake_system.runtime / "bus"))
        ok(cli, "remind", "fire", "checkin")
        assert heard.read_text().strip() == f"unix:path={fake_system.runtime / 'bus'}"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/elsewhere")
        ok(cli, "remind", "fire", "checkin")
        assert heard.read_text().strip() == "unix:path=/elsewhere"  # one given is kept


def test_a_reminder_never_says_the_label_or_any_journal_text(
    cli: Any, cli_without_terminal: Any, fake_system: FakeSystem, home: Path, clock: None
) -> None:
    ok(cli_without_terminal, "log", "note", PRIVATE)
    ok(cli_without_terminal, "people", "add", "Mike", "--role", "sponsor")
    _set(cli, "meeting", "mon", "19:00", PRIVATE)
    ok(cli, "remind", "fire", "meeting-mon-1900")
    fake_system.without("notify-send")
    ok(cli, "remind", "fire", "meeting-mon-1900")
    said = " ".join([*fake_system.args("notify-send"), *take_notices(_layout(home))])
    assert said.count("Time for your meeting") == 2
    assert "Mary" not in said and "Mike" not in said


def test_a_check_in_reminder_is_silent_once_today_is_checked_in(
    cli: Any, cli_without_terminal: Any, fake_system: FakeSystem, home: Path, clock: None
) -> None:
    _set(cli, "checkin", "21:00")
    ok(cli_without_terminal, "checkin", "--clean", "yes", "--difficulty", "easy", "--mood", "4")
    quiet = ok(cli, "remind", "fire", "checkin", "--debug")
    assert "nothing to say: it is done already" in quiet.stderr
    assert fake_system.args("notify-send") == [] and take_notices(_layout(home)) == []


def test_yesterdays_check_in_does_not_silence_todays_reminder(
    cli: Any, cli_without_terminal: Any, fake_system: FakeSystem, clock: None
) -> None:
    _set(cli, "checkin", "21:00")
    ok(cli_without_terminal, "checkin", "--day", "yesterday", "--clean", "yes", "--mood", "4",
       "--difficulty", "easy")  # fmt: skip
    ok(cli, "remind", "fire", "checkin")
    assert len(fake_system.args("notify-send")) == 1


def test_a_self_check_reminder_is_silent_once_this_weeks_is_done(
    cli: Any, cli_without_terminal: Any, fake_system: FakeSystem, clock: None
) -> None:
    _set(cli, "selfcheck", "sun", "18:00")
    ok(cli_without_terminal, "selfcheck", "--answers", "2,3,1,0,2", "--at", "last friday")
    ok(cli, "remind", "fire", "selfcheck")  # last week's does not count
    assert len(fake_system.args("notify-send")) == 1
    ok(cli_without_terminal, "selfcheck", "--answers", "2,3,1,0,2")  # Monday: this week
    ok(cli, "remind", "fire", "selfcheck")
    assert len(fake_system.args("notify-send")) == 1


def test_a_reminder_that_cannot_ring_exits_quietly_unless_asked(
    cli: Any, fake_system: FakeSystem
) -> None:
    unknown = cli("remind", "fire", "nap")
    assert (unknown.exit_code, unknown.stdout, unknown.stderr) == (0, "", "")
    shown = cli("remind", "fire", "nap", "--debug")
    assert shown.exit_code == 3 and "no reminder is named 'nap'" in shown.stderr


def test_a_locked_encrypted_journal_still_gets_its_reminder(
    cli: Any, fake_system: FakeSystem, home: Path, clock: None, monkeypatch: Any
) -> None:
    _set(cli, "checkin", "21:00")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "correct horse battery")
    ok(cli, "encrypt")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    fired = ok(cli, "remind", "fire", "checkin")
    assert fired.stderr == "" and len(fake_system.args("notify-send")) == 1


@pytest.mark.slow
def test_the_crontab_line_rings_the_same_journal_from_a_shell(
    cli: Any, fake_system: FakeSystem, tmp_path: Path, monkeypatch: Any
) -> None:
    """The line as cron runs it: % unescaped, then /bin/sh, in a process of its own, with
    nothing of the journal's folder in its environment but what the line says."""
    own_home = tmp_path / "my journal 100%"
    ok(cli, "--home", str(own_home), "remind", "add", "checkin", "21:00", "--scheduler", "cron",
       "--yes")  # fmt: skip
    fake_system.without("notify-send")
    line = fake_system.crontab().splitlines()[-1]
    command = line.split(None, 5)[5].replace("\\%", "%")
    variables = {k: v for k, v in os.environ.items() if k != "RECOVERYLOG_HOME"}
    done = subprocess.run(
        ["/bin/sh", "-c", command], env=variables, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert take_notices(_layout(own_home)) == ["Time for your evening check-in"]
    assert shlex.split(command, comments=True)[-3:] == ["remind", "fire", "checkin"]
