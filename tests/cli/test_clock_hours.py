"""Day one, counted in hours: a clock that starts at a moment ("--since 22:00").

The fixed now is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, ok


def _show(cli: Cli, name: str = "alcohol") -> dict:
    return as_json(ok(cli, "clock", "show", name, "--format", "json"))


def _milestones(cli: Cli, *args: str) -> dict:
    return as_json(ok(cli, "milestones", "alcohol", "--format", "json", *args))[0]


def _at(home: Path) -> object:
    return tomllib.loads((home / "journal.toml").read_text(encoding="utf-8"))["clocks"][0][
        "clean_since"
    ]


# --- starting at a moment ------------------------------------------------------------------


def test_since_a_time_of_day_keeps_the_time(cli: Cli, home: Path) -> None:
    # 22:00 is still ahead at 20:00, so it means last night.
    result = ok(cli, "clock", "add", "alcohol", "--since", "22:00")
    assert result.stdout == "Added alcohol: clean since 2026-11-22 22:00 (22 hours).\n"
    clock = _show(cli)
    assert clock["clean_since"] == "2026-11-22"
    assert clock["clean_since_at"] == "2026-11-22T22:00:00+00:00"
    assert (clock["days"], clock["minutes_clean"]) == (0, 22 * 60)
    # Stored as a date and time with its UTC offset.
    assert _at(home) == datetime.fromisoformat("2026-11-22T22:00:00+00:00")


def test_since_now(cli: Cli) -> None:
    result = ok(cli, "clock", "add", "alcohol", "--since", "now")
    assert result.stdout == "Added alcohol: clean since 2026-11-23 20:00 (0 minutes).\n"
    clock = _show(cli)
    assert (clock["clean_since_at"], clock["minutes_clean"]) == ("2026-11-23T20:00:00+00:00", 0)
    assert clock["next_milestone"]["at"] == "2026-11-24T20:00:00+00:00"
    assert clock["next_milestone"]["minutes_left"] == 24 * 60


def test_since_yesterday_at_a_time(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 23:30")
    clock = _show(cli)
    assert clock["clean_since_at"] == "2026-11-22T23:30:00+00:00"
    assert clock["minutes_clean"] == 20 * 60 + 30


def test_clock_edit_since_takes_a_moment_too(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-01")
    ok(cli, "clock", "edit", "alcohol", "--since", "yesterday 21:15")
    assert _show(cli)["clean_since_at"] == "2026-11-22T21:15:00+00:00"
    ok(cli, "clock", "edit", "alcohol", "--since", "2026-11-01")  # back to a whole day
    assert _show(cli)["clean_since_at"] is None


def test_a_start_that_is_not_a_time_is_refused(cli: Cli) -> None:
    result = fails(cli, 2, "clock", "add", "alcohol", "--since", "yesterday 25:00")
    assert "--since" in result.stderr


# --- what people read on day one --------------------------------------------------------------


def test_status_on_day_one_shows_hours_and_minutes(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 23:30", "--cost-per-day", "10")
    out = ok(cli, "status").stdout
    assert "alcohol  20 hours 30 minutes clean  since Sun 22 Nov 2026 at 23:30" in out
    assert "next: 24 hours at 23:30 (3 hours 30 minutes to go)" in out
    assert "0 days" not in out  # nothing whole to total yet
    assert "$0.00" not in out


def test_milestones_on_day_one(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 23:30")
    out = ok(cli, "milestones").stdout
    assert "alcohol  20 hours 30 minutes · counting from Sun 22 Nov 2026 at 23:30" in out
    assert "- 24 hours  Mon 23 Nov 2026 23:30, in 3 hours 30 minutes" in out
    assert "- 1 week  Sun 29 Nov 2026 23:30, in 6 days" in out


def test_24_hours_arrives_24_hours_after_the_start(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 23:30")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T23:29:00+00:00")
    before = _milestones(cli)
    assert before["achieved"] == []
    assert before["upcoming"][0]["label"] == "24 hours"
    assert before["upcoming"][0]["minutes_left"] == 1
    assert "23 hours 59 minutes clean" in ok(cli, "status").stdout
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T23:30:00+00:00")
    status = ok(cli, "status")
    assert "alcohol  1 day clean  since Sun 22 Nov 2026 at 23:30" in status.stdout
    assert "Milestone: 24 hours without alcohol" in status.stderr
    after = _milestones(cli)
    assert [(m["label"], m["at"]) for m in after["achieved"]] == [
        ("24 hours", "2026-11-23T23:30:00+00:00")
    ]
    assert after["days"] == 1


def test_before_the_change_of_date_nothing_is_a_day_yet(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The old rule gave "1 day" and the 24-hour milestone at 00:30, 2.5 hours in.
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-04T22:30:00+00:00")
    ok(cli, "clock", "add", "alcohol", "--since", "22:00")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-05T00:30:00+00:00")
    clock = _show(cli)
    assert (clock["days"], clock["minutes_clean"]) == (0, 150)
    assert "2 hours 30 minutes clean" in ok(cli, "status").stdout


def test_month_milestones_fall_on_the_calendar_date_at_the_starts_time(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-08-31 21:00")
    upcoming = {m["label"]: m for m in _milestones(cli, "--upcoming", "4")["upcoming"]}
    # 100 days is a day count; 6 and 9 months clamp to the month's end.
    assert upcoming["100 days"]["at"] == "2026-12-09T21:00:00+00:00"
    assert upcoming["6 months"]["at"] == "2027-02-28T21:00:00+00:00"
    assert upcoming["9 months"]["at"] == "2027-05-31T21:00:00+00:00"
    out = ok(cli, "milestones", "alcohol", "--upcoming", "4").stdout
    assert "- 6 months  Sun 28 Feb 2027 21:00, in 97 days" in out


def test_across_a_clock_change_hours_are_real_hours(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # London moves from GMT to BST at 01:00 on Sunday 29 Mar 2026.
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "Europe/London")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-03-29T22:30:00+01:00")
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 22:00")
    clock = _show(cli)
    assert clock["clean_since_at"] == "2026-03-28T22:00:00+00:00"
    assert (clock["days"], clock["minutes_clean"]) == (0, 23 * 60 + 30)  # not 24 h 30 min
    assert clock["next_milestone"]["at"] == "2026-03-29T23:00:00+01:00"
    assert "23 hours 30 minutes clean" in ok(cli, "status").stdout
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-03-29T23:00:00+01:00")
    assert _show(cli)["days"] == 1
    # A week later it is 22:00 on the clock again, in summer time.
    week = {m["label"]: m for m in _milestones(cli)["upcoming"]}["1 week"]
    assert week["at"] == "2026-04-04T22:00:00+01:00"


def test_a_restart_moment_after_a_lapse(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-01 21:00")
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-23 17:00", "--restart", "18:30")
    clock = _show(cli)
    assert clock["current_run_start_at"] == "2026-11-23T18:30:00+00:00"
    assert (clock["days"], clock["minutes_clean"], clock["total_clean_days"]) == (0, 90, 21)
    assert clock["lapse_history"][0]["restart_at"] == "2026-11-23T18:30:00+00:00"
    out = ok(cli, "status").stdout
    assert "alcohol  1 hour 30 minutes clean  since Mon 23 Nov 2026 at 18:30" in out
    assert "21 days clean in total" in out  # history is kept beside the new run


def test_a_restart_moment_must_come_after_the_lapse(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-01 21:00")
    result = fails(cli, 2, "log", "lapse", "alcohol", "--at", "19:00", "--restart", "18:30")
    assert "after the lapse" in result.stderr


# --- every view agrees ------------------------------------------------------------------------


@pytest.mark.parametrize("now", ["2026-11-23T20:00:00+00:00", "2026-11-26T08:15:00+00:00"])
def test_status_milestones_report_and_insights_agree(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 22:00")
    monkeypatch.setenv("RECOVERYLOG_NOW", now)
    status = as_json(ok(cli, "status", "--format", "json"))["clocks"][0]
    listed = as_json(ok(cli, "clock", "list", "--format", "json"))[0]
    miles = _milestones(cli)
    report = as_json(ok(cli, "report", "--format", "json"))["clocks"][0]
    insights = as_json(ok(cli, "insights", "--format", "json"))["clean_days"][0]
    at = "2026-11-22T22:00:00+00:00"
    assert status["clean_since_at"] == listed["clean_since_at"] == at
    assert miles["clean_since_at"] == miles["counting_from_at"] == report["counting_from_at"] == at
    days = {status["days"], listed["days"], miles["days"], report["days"]}
    minutes = {status["minutes_clean"], miles["minutes_clean"], report["minutes_clean"]}
    assert len(days) == 1 and len(minutes) == 1
    assert status["total_clean_days"] == report["total_clean_days"] == insights["total_clean_days"]
    if status["days"] == 0:
        assert insights["day_one_minutes"] == status["minutes_clean"] == 22 * 60
        assert report["next_milestones"][0]["at"] == status["next_milestone"]["at"]
    else:
        assert status["days"] == 3  # 22:00 on Sunday to 08:15 on Thursday
        assert insights["day_one_minutes"] is None
        assert [m["label"] for m in report["milestones_reached"]] == ["24 hours"]


def test_the_report_says_the_trend_score_grows(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 22:00")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-28T20:00:00+00:00")
    out = ok(cli, "report").stdout
    assert "It grows with each clean day" in out
    text = ok(cli, "report", "--format", "txt").stdout
    assert "starts low" in text or "grows with" in text
    assert "grows with each clean day" in ok(cli, "insights").stdout


def test_the_report_on_day_one_counts_hours(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 22:00")
    out = ok(cli, "report").stdout
    assert "**22 hours** alcohol · counting from Sun 22 Nov 2026 at 22:00" in out
    assert "0 clean days" not in out
    assert "alcohol: clean since Sun 22 Nov 2026 at 22:00; day one is counted in hours." in out
    assert "Mon 23 Nov 2026 at 22:00: 24 hours without alcohol (today)" in out


def test_insights_start_where_tracking_began(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "yesterday 22:00")
    ok(cli, "log", "craving", "6", "--outcome", "passed")
    data = as_json(ok(cli, "insights", "--format", "json"))
    weeks = data["cravings"]["weeks"]
    assert [w["start"] for w in weeks] == ["2026-11-16", "2026-11-23"]  # not 13 weeks of zeros
    assert data["clean_days"][0]["calendar"]["start"] == "2026-11-16"
    out = ok(cli, "insights").stdout
    assert "the last 52 weeks" not in out
    assert "22 hours clean, day one" in out


# --- date-only clocks are unchanged -------------------------------------------------------------


def test_a_day_alone_keeps_the_calendar_rule(cli: Cli, home: Path) -> None:
    result = ok(cli, "clock", "add", "alcohol", "--since", "yesterday")
    assert result.stdout == "Added alcohol: clean since 2026-11-22 (1 day).\n"
    clock = _show(cli)
    assert (clock["days"], clock["clean_since_at"], clock["minutes_clean"]) == (1, None, None)
    assert "at" not in clock["next_milestone"]
    assert str(_at(home)) == "2026-11-22"
    out = ok(cli, "status").stdout
    assert "alcohol  1 day clean  since Sun 22 Nov 2026\n" in out
    assert "1 day clean in total · longest run 1 day" in out
