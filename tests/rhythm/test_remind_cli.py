"""recoverylog remind add, list and remove, through the CLI, against fake scheduler
programs on $PATH and an account folder in the test's tmp (see conftest.py)."""

from __future__ import annotations

import json
import os
import plistlib
import stat
from pathlib import Path
from typing import Any

from rhythm_helpers import FakeSystem, ok

from recoverylog.domain.reminders import CRON_MARK, Scheduler
from recoverylog.environment import Environment
from recoverylog.services.reminders import choose_scheduler

THEIRS = "MAILTO=sam@example.org\n0 3 * * * backup --all\n"


def _reminders_file(home: Path) -> Path:
    return home / "reminders.toml"


def test_a_cron_reminder_is_one_marked_line_and_remove_takes_exactly_it(
    cli: Any, cli_without_terminal: Any, fake_system: FakeSystem, home: Path
) -> None:
    fake_system.crontab_file.write_text(THEIRS, encoding="utf-8")
    added = ok(
        cli_without_terminal, "remind", "add", "checkin", "21:00", "--scheduler", "cron", "--yes"
    )
    assert "This line will be added to your crontab:" in added.stdout
    assert "Reminder 'checkin' set: every day at 21:00." in added.stdout
    crontab = fake_system.crontab()
    assert crontab.startswith(THEIRS)
    [line] = crontab.removeprefix(THEIRS).splitlines()
    assert line.startswith("0 21 * * * RECOVERYLOG_HOME=") and str(home) in line
    assert line.endswith(f"remind fire checkin # {CRON_MARK} checkin")
    assert line in added.stdout  # shown exactly as written
    assert stat.S_IMODE(os.stat(_reminders_file(home)).st_mode) == 0o600

    listed = json.loads(ok(cli, "remind", "list", "--format", "json").stdout)
    assert listed == [
        {
            "name": "checkin",
            "kind": "checkin",
            "at": "21:00",
            "days": [],
            "label": None,
            "scheduler": "cron",
            "files": [],
            "installed": True,
        }
    ]
    again = ok(cli_without_terminal, "remind", "add", "checkin", "21:00", "--scheduler", "cron")
    assert "set already" in again.stdout and fake_system.crontab() == crontab

    removed = ok(cli, "remind", "remove", "checkin")
    assert "Removed the reminder 'checkin' (every day at 21:00)." in removed.stdout
    assert fake_system.crontab() == THEIRS
    assert not _reminders_file(home).exists()
    twice = ok(cli, "remind", "remove", "checkin")
    assert "No reminder is named 'checkin'; nothing changed." in twice.stdout
    assert fake_system.crontab() == THEIRS


def test_two_reminders_each_remove_only_their_own_line(cli: Any, fake_system: FakeSystem) -> None:
    ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "cron", "--yes")
    ok(
        cli,
        "remind",
        "add",
        "meeting",
        "tue",
        "18:30",
        "Home group",
        "--scheduler",
        "cron",
        "--yes",
    )
    both = fake_system.crontab()
    assert "30 18 * * 2 " in both and f"# {CRON_MARK} meeting-tue-1830" in both
    ok(cli, "remind", "remove", "meeting-tue-1830")
    assert fake_system.crontab() == "".join(
        line for line in both.splitlines(keepends=True) if "meeting-tue-1830" not in line
    )
    listed = ok(cli, "remind", "list", "--format", "plain").stdout
    assert "checkin" in listed and "meeting" not in listed


def test_nothing_is_set_without_a_yes_where_nobody_can_answer(
    cli_without_terminal: Any, fake_system: FakeSystem, home: Path
) -> None:
    refused = cli_without_terminal("remind", "add", "checkin", "21:00", "--scheduler", "cron")
    assert refused.exit_code == 2
    assert "Set this reminder? Add --yes to confirm without a prompt." in refused.stderr
    assert fake_system.args("crontab") == [] and not _reminders_file(home).exists()


def test_a_person_is_asked_and_no_means_nothing_changes(
    cli: Any, fake_system: FakeSystem, home: Path
) -> None:
    declined = ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "cron", input="n\n")
    assert "This line will be added" in declined.stdout
    assert fake_system.args("crontab") == [] and not _reminders_file(home).exists()
    ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "cron", input="y\n")
    assert "remind fire checkin" in fake_system.crontab()


def test_a_dry_run_for_systemd_shows_both_files_and_the_commands_and_does_nothing(
    cli: Any, fake_system: FakeSystem, home: Path
) -> None:
    shown = ok(
        cli, "remind", "add", "selfcheck", "sun", "18:00", "--scheduler", "systemd", "--dry-run"
    )
    units = fake_system.user_units
    for name in ("recoverylog-selfcheck.service", "recoverylog-selfcheck.timer"):
        assert f"This file will be written:\n  {units / name}\n" in shown.stdout
    assert "\n    OnCalendar=Sun *-*-* 18:00:00\n" in shown.stdout
    assert "  systemctl --user enable --now recoverylog-selfcheck.timer" in shown.stdout
    assert "Nothing was changed (--dry-run)." in shown.stderr
    assert not units.exists() and fake_system.args("systemctl") == []
    assert not _reminders_file(home).exists()


def test_a_systemd_reminder_writes_its_unit_and_timer_and_enables_the_timer(
    cli: Any, fake_system: FakeSystem, home: Path
) -> None:
    fake_system.with_systemd_running()
    ok(cli, "remind", "add", "meeting", "tue", "18:30", "Home group", "--yes")
    units = fake_system.user_units
    service = (units / "recoverylog-meeting-tue-1830.service").read_text(encoding="utf-8")
    timer = (units / "recoverylog-meeting-tue-1830.timer").read_text(encoding="utf-8")
    assert f'Environment="RECOVERYLOG_HOME={home}"' in service
    assert '"remind" "fire" "meeting-tue-1830"' in service
    assert "Home group" not in service + timer  # the label stays in the home
    assert "OnCalendar=Tue *-*-* 18:30:00" in timer
    assert fake_system.args("systemctl") == [
        "--user daemon-reload",
        "--user enable --now recoverylog-meeting-tue-1830.timer",
    ]
    listed = ok(cli, "remind", "list", "--format", "plain").stdout
    assert "Home group" in listed and "Tue 18:30" in listed and "set" in listed

    ok(cli, "remind", "remove", "meeting-tue-1830")
    assert list(units.iterdir()) == []
    assert fake_system.args("systemctl")[2:] == [
        "--user disable --now recoverylog-meeting-tue-1830.timer",
        "--user daemon-reload",
    ]


def test_the_list_says_when_the_scheduler_no_longer_has_a_reminder(
    cli: Any, fake_system: FakeSystem
) -> None:
    ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "systemd", "--yes")
    (fake_system.user_units / "recoverylog-checkin.timer").unlink()
    ok(cli, "remind", "add", "selfcheck", "sun", "18:00", "--scheduler", "cron", "--yes")
    fake_system.crontab_file.write_text(THEIRS, encoding="utf-8")  # edited by hand
    listed = ok(cli, "remind", "list", "--format", "plain").stdout
    assert listed.count("missing: add it again") == 2
    again = ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "systemd", "--yes")
    assert "set:" in again.stdout  # put back in place
    assert (fake_system.user_units / "recoverylog-checkin.timer").exists()


def test_a_launchd_reminder_is_an_agent_loaded_with_launchctl(
    cli: Any, fake_system: FakeSystem
) -> None:
    ok(cli, "remind", "add", "checkin", "9pm", "--scheduler", "launchd", "--yes")
    plist = fake_system.account / "Library" / "LaunchAgents" / "org.recoverylog.checkin.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["ProgramArguments"][-3:] == ["remind", "fire", "checkin"]
    assert fake_system.args("launchctl") == [f"load -w {plist}"]
    ok(cli, "remind", "remove", "checkin")
    assert not plist.exists() and fake_system.args("launchctl")[1] == f"unload -w {plist}"


def test_the_same_name_for_another_time_is_refused_with_a_way_out(
    cli: Any, fake_system: FakeSystem
) -> None:
    ok(cli, "remind", "add", "checkin", "21:00", "--scheduler", "cron", "--yes")
    other = cli("remind", "add", "checkin", "20:00", "--scheduler", "cron", "--yes")
    assert other.exit_code == 2
    assert "a reminder named 'checkin' is set already (every day at 21:00, by cron)" in other.stderr
    assert "recoverylog remind remove checkin" in other.stderr
    ok(cli, "remind", "add", "checkin", "20:00", "--name", "early", "--scheduler", "cron", "--yes")
    assert fake_system.crontab().count("remind fire") == 2


def test_a_failing_scheduler_program_is_said_and_nothing_is_recorded(
    cli: Any, fake_system: FakeSystem, home: Path
) -> None:
    fake_system.failing("systemctl")
    failed = cli("remind", "add", "checkin", "21:00", "--scheduler", "systemd", "--yes")
    assert failed.exit_code == 1
    assert "systemctl --user daemon-reload' failed" in failed.stderr
    assert not _reminders_file(home).exists()
    assert list(fake_system.user_units.iterdir()) == []  # nothing left half set


def test_the_scheduler_is_the_systems_own(fake_system: FakeSystem) -> None:
    path = os.environ["PATH"]
    account = Environment(search_path=path, runtime_dir=fake_system.runtime)
    assert choose_scheduler(account, None) is Scheduler.CRON
    fake_system.with_systemd_running()
    assert choose_scheduler(account, None) is Scheduler.SYSTEMD
    assert choose_scheduler(account._replace(system="darwin"), None) is Scheduler.LAUNCHD
    assert choose_scheduler(account, "cron") is Scheduler.CRON
    fake_system.without("systemctl")
    assert choose_scheduler(account, None) is Scheduler.CRON


def test_with_no_scheduler_at_all_the_person_hears_what_to_do(
    cli: Any, fake_system: FakeSystem, monkeypatch: Any
) -> None:
    monkeypatch.setenv("PATH", str(fake_system.account))  # nothing there
    refused = cli("remind", "add", "checkin", "21:00", "--yes")
    assert refused.exit_code == 2
    assert "no scheduler was found here" in refused.stderr and "--scheduler" in refused.stderr
    unknown = cli("remind", "add", "checkin", "21:00", "--scheduler", "at")
    assert unknown.exit_code == 2 and "'at' is not a scheduler" in unknown.stderr


def test_an_empty_list_says_how_to_begin(cli: Any, fake_system: FakeSystem) -> None:
    empty = ok(cli, "remind", "list")
    assert "recoverylog remind add checkin 21:00" in empty.stderr
    assert json.loads(ok(cli, "remind", "list", "--format", "json").stdout) == []
