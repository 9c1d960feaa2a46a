"""`greet` and `prompt`: their words, once a day, and silence whenever something is
wrong; through the installed console script too, whose quick path is a process of its
own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import ok, said

SCRIPT = shutil.which("recoverylog", path=str(Path(sys.executable).parent))


def greet(cli: Any, *args: str) -> str:
    return said(cli, "greet", *args)


def test_greet_shows_the_day_the_next_milestone_and_the_check_in(cli: Any, alcohol: None) -> None:
    assert greet(cli) == "Day 62 without alcohol · 90 days in 28 days · no check-in yet today\n"


def test_greet_shows_once_a_day(cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert greet(cli) != ""
    assert greet(cli) == ""
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T23:59:00+00:00")
    assert greet(cli) == ""
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T07:00:00+00:00")
    assert greet(cli).startswith("Day 63 without alcohol")
    assert greet(cli) == ""


def test_greet_every_few_hours(cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(cli, "config", "set", "greet.every", "4h")
    assert greet(cli) != ""
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T23:00:00+00:00")
    assert greet(cli) == ""
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T00:30:00+00:00")
    assert greet(cli) != ""


def test_a_check_in_is_acknowledged(cli: Any, alcohol: None) -> None:
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "easy")
    assert greet(cli).endswith("· checked in today\n")


def test_a_milestone_day_names_the_milestone(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-21T08:00:00+00:00")
    assert greet(cli) == (
        "90 days without alcohol today · 100 days in 10 days · no check-in yet today\n"
    )


def test_after_a_lapse_every_clean_day_is_shown_beside_the_run(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-22 21:00")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T08:00:00+00:00")
    line = greet(cli)
    assert line == (
        "24 hours without alcohol today · 62 days clean in total · 1 week in 6 days · "
        "no check-in yet today\n"
    )
    for blame in ("reset", "back to zero", "failed", "again"):
        assert blame not in line.lower()


def test_a_long_greeting_breaks_between_its_parts_at_the_screens_width(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-22 21:00")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T08:00:00+00:00")
    monkeypatch.setenv("COLUMNS", "60")
    assert greet(cli) == (
        "24 hours without alcohol today · 62 days clean in total\n"
        "1 week in 6 days · no check-in yet today\n"
    )


def test_the_day_of_a_lapse_says_what_comes(cli: Any, alcohol: None) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-23 10:00")
    assert greet(cli).startswith("A new run without alcohol starts tomorrow · 62 days clean")


def test_notices_join_the_greeting_once(cli: Any, home: Path, alcohol: None) -> None:
    from recoverylog.paths import resolve_layout
    from recoverylog.store.notices import add_notice

    add_notice(resolve_layout(home), "Time for your evening check-in")
    assert greet(cli).endswith("· no check-in yet today · Time for your evening check-in\n")
    add_notice(resolve_layout(home), "Time for your evening check-in")
    assert greet(cli) == "Time for your evening check-in\n"
    assert greet(cli) == ""


def test_nothing_without_a_clock(cli: Any, home: Path) -> None:
    assert greet(cli) == ""
    assert ok(cli, "prompt").stdout == ""
    assert not home.exists()  # nothing was made


def test_a_damaged_journal_is_silent(cli: Any, home: Path, alcohol: None) -> None:
    (home / "journal.toml").write_text("this is [not toml")
    assert greet(cli) == ""
    assert ok(cli, "prompt").stdout == ""


def test_an_encrypted_home_that_is_locked_is_silent(
    cli: Any, home: Path, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long passphrase for the greeting")
    ok(cli, "encrypt")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert greet(cli) == ""
    assert ok(cli, "prompt").stdout == ""


def test_a_format_the_segment_cannot_fill_is_refused(cli: Any) -> None:
    result = cli("config", "set", "prompt.format", "{weeks}w")
    assert result.exit_code == 2
    assert "{days}" in result.stderr


# --- the installed console script ------------------------------------------------


def script(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    environment = dict(os.environ, RECOVERYLOG_HOME=str(home), **env)
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def test_the_script_answers_prompt_and_greet(cli: Any, home: Path, alcohol: None) -> None:
    assert script(home, "prompt").stdout == "62d\n"
    assert script(home, "prompt", "--clock", "ALCOHOL").stdout == "62d\n"
    assert script(home, "--home", str(home), "prompt").stdout == "62d\n"
    first = script(home, "greet")
    assert first.stdout.startswith("Day 62 without alcohol")
    assert script(home, "greet").stdout == ""


def test_the_script_after_midnight_counts_the_new_day(cli: Any, home: Path, alcohol: None) -> None:
    late = script(home, "prompt", RECOVERYLOG_NOW="2026-11-24T00:01:00+00:00")
    assert late.stdout == "63d\n"


def test_the_script_keeps_quiet_on_any_problem(cli: Any, home: Path, alcohol: None) -> None:
    (home / "glance.json").write_text("{damaged")
    (home / "journal.toml").write_text("[[[ damaged")
    for command in ("prompt", "greet"):
        result = script(home, command)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    nowhere = script(home / "none", "prompt")
    assert (nowhere.returncode, nowhere.stdout, nowhere.stderr) == (0, "", "")


def test_help_and_other_forms_go_to_the_full_application(home: Path) -> None:
    helped = script(home, "prompt", "--help")
    assert helped.returncode == 0 and "Usage: recoverylog prompt" in helped.stdout
    wrong = script(home, "prompt", "--nonsense")
    assert wrong.returncode == 2 and "No such option" in wrong.stderr
    version = script(home, "--version")
    assert version.stdout.startswith("recoverylog ")
    assert json.loads(script(home, "schema", "status").stdout)
