"""Nudges: a line from the person's own plan and toolkit in `greet` and `status`, in the
hours their cravings most often come and the hour before; never without enough data,
never when switched off, never from an encrypted home's plain glance."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import glance, ok, said

SCRIPT = shutil.which("recoverylog", path=str(Path(sys.executable).parent))
LINE = (
    "Friday early evenings are often hardest: your plan says call Sam; "
    "'urge surfing' passed 5 of 5 times."
)
INSIDE = "2026-11-27T17:30:00+00:00"  # a Friday, in 16:00-20:00
HOUR_BEFORE = "2026-11-27T15:10:00+00:00"
BEFORE = "2026-11-27T14:50:00+00:00"
AFTER = "2026-11-27T20:00:00+00:00"
THURSDAY = "2026-11-26T17:30:00+00:00"


def craving(cli: Any, at: str) -> None:
    ok(cli, "log", "craving", "6", "--coping", "urge surfing", "--outcome", "passed", "--at", at)


@pytest.fixture
def hard_fridays(cli: Any, alcohol: None) -> None:
    """Three Friday early evenings and two other cravings, each ridden out with urge
    surfing, and someone to call in the plan."""
    for at in ("2026-11-06 17:00", "2026-11-13 18:30", "2026-11-20 17:45"):
        craving(cli, at)
    for at in ("2026-11-10 09:00", "2026-11-18 22:00"):
        craving(cli, at)
    ok(cli, "plan", "add", "call", "Sam")


def greet(cli: Any, monkeypatch: pytest.MonkeyPatch, now: str) -> list[str]:
    monkeypatch.setenv("RECOVERYLOG_NOW", now)
    return said(cli, "greet").splitlines()


def status(cli: Any, monkeypatch: pytest.MonkeyPatch, now: str) -> tuple[str, Any]:
    monkeypatch.setenv("RECOVERYLOG_NOW", now)
    text = said(cli, "status", "-f", "plain")
    return text, json.loads(said(cli, "status", "-f", "json"))["nudge"]


@pytest.mark.parametrize("now", [INSIDE, HOUR_BEFORE])
def test_greet_adds_the_line_in_the_window_and_the_hour_before(
    cli: Any, hard_fridays: None, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    lines = greet(cli, monkeypatch, now)
    assert lines[0].startswith("Day 66 without alcohol")
    assert lines[1:] == [LINE]


@pytest.mark.parametrize("now", [BEFORE, AFTER, THURSDAY])
def test_greet_says_nothing_more_outside_it(
    cli: Any, hard_fridays: None, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    lines = greet(cli, monkeypatch, now)
    assert len(lines) == 1 and lines[0].startswith("Day ")


@pytest.mark.parametrize("now", [INSIDE, HOUR_BEFORE])
def test_status_shows_the_same_line(
    cli: Any, hard_fridays: None, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    text, nudge = status(cli, monkeypatch, now)
    assert f"\n\n{LINE}\n" in text
    assert nudge == {"text": LINE, "weekday": "Friday", "start": "16:00", "end": "20:00"}


@pytest.mark.parametrize("now", [BEFORE, AFTER, THURSDAY])
def test_status_outside_the_window_has_no_nudge(
    cli: Any, hard_fridays: None, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    text, nudge = status(cli, monkeypatch, now)
    assert "often hardest" not in text
    assert nudge is None


def test_not_enough_data_means_no_nudge(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    craving(cli, "2026-11-20 17:45")
    craving(cli, "2026-11-13 17:45")
    ok(cli, "plan", "add", "call", "Sam")
    assert len(greet(cli, monkeypatch, INSIDE)) == 1
    assert status(cli, monkeypatch, INSIDE)[1] is None


def test_switched_off_everywhere(
    cli: Any, home: Path, hard_fridays: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "config", "set", "nudges", "false")
    assert "text" not in glance(home)["nudge"]
    assert len(greet(cli, monkeypatch, INSIDE)) == 1
    text, nudge = status(cli, monkeypatch, INSIDE)
    assert "often hardest" not in text and nudge is None
    ok(cli, "config", "set", "nudges", "true")
    assert glance(home)["nudge"]["text"] == LINE


def test_worked_out_at_most_once_a_day(
    cli: Any, home: Path, hard_fridays: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoverylog.services import nudges

    made: list[str] = []
    found = nudges.find_nudge

    def counted(*args: Any) -> Any:
        made.append(str(args[2].date()))
        return found(*args)

    monkeypatch.setattr(nudges, "find_nudge", counted)
    for _ in range(3):
        craving(cli, "2026-11-23 19:00")
    ok(cli, "status")
    assert made == []  # made with the plan today already
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T08:00:00+00:00")
    for _ in range(3):
        craving(cli, "2026-11-24 07:00")
    ok(cli, "status")
    assert made == ["2026-11-24"]  # the first write of the day
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-25T08:00:00+00:00")
    ok(cli, "status")
    ok(cli, "status")
    assert made == ["2026-11-24", "2026-11-25"]  # status, once
    assert glance(home)["nudge"]["made"] == "2026-11-25"


def test_only_the_plans_own_words_and_counts(
    cli: Any, home: Path, hard_fridays: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "craving", "7", "--at", "2026-11-20 18:00", "--note", "private words")
    ok(cli, "log", "note", "more private words", "--at", "2026-11-20 18:10")
    assert "private" not in json.dumps(glance(home))
    assert "private" not in "\n".join(greet(cli, monkeypatch, INSIDE))


PASSPHRASE = "a long passphrase for the nudges"


def test_an_encrypted_home_keeps_no_nudge_in_its_plain_glance(
    cli: Any, home: Path, hard_fridays: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    assert not (home / "glance.json").exists()
    ok(cli, "config", "set", "prompt.in_encrypted", "true")
    assert "text" not in glance(home)["nudge"]
    assert "Sam" not in (home / "glance.json").read_text()
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    lines = greet(cli, monkeypatch, INSIDE)
    assert len(lines) == 1 and lines[0].startswith("Day ")


def test_the_console_script_greets_with_the_nudge(cli: Any, home: Path, hard_fridays: None) -> None:
    assert SCRIPT is not None
    environment = dict(os.environ, RECOVERYLOG_HOME=str(home), RECOVERYLOG_NOW=INSIDE)
    run = subprocess.run(
        [SCRIPT, "greet"], capture_output=True, text=True, env=environment, timeout=60, check=False
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines()[1:] == [LINE]


def test_a_change_to_the_plan_is_heard_the_same_day(
    cli: Any, home: Path, hard_fridays: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "plan", "remove", "call", "1")
    ok(cli, "plan", "add", "call", "Alex")
    assert glance(home)["nudge"]["text"] == LINE.replace("Sam", "Alex")


def test_the_demo_shows_its_hardest_time_and_nudge(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    ok(cli, "demo", "--home", str(folder))
    assert glance(folder)["nudge"]["text"].startswith("Friday early evenings are often hardest: '")
