"""Every number shown in two places agrees: technique uses, triggers, HALT, lapses,
meetings and clean days, between status, report, insights, milestones and coping list,
on the demo journal and on a random journal logged across three time zones."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

ZONES = ("America/New_York", "Europe/London", "Australia/Sydney")
TRIGGERS = ("payday", "after work", "Payday", "argument; at home", "walked past the pub")
HALT = ("hungry", "angry", "lonely", "tired")
TECHNIQUES = ("urge surfing", "call sponsor", "Urge  Surfing", "go for a walk")


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


def _ok(cli: Any, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _random_journal(cli: Any, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = random.Random(seed)
    _ok(cli, "clock", "add", "alcohol", "--since", "2026-09-01")
    _ok(cli, "coping", "add", "urge surfing")
    for day in range(1, 80):
        monkeypatch.setenv("RECOVERYLOG_TIMEZONE", rng.choice(ZONES))  # travelling
        when = f"2026-09-01 {rng.randint(0, 23):02d}:{rng.choice((0, 30)):02d}"
        moment = ["--at", _shift(when, day)]
        kind = rng.random()
        if kind < 0.5:
            args = ["log", "craving", str(rng.randint(0, 10)), *moment]
            for t in rng.sample(TRIGGERS, rng.randint(0, 2)):
                args += ["--trigger", t]
            for h in rng.sample(HALT, rng.randint(0, 2)):
                args += ["--halt", h]
            for c in rng.sample(TECHNIQUES, rng.randint(0, 2)):
                args += ["--coping", c]
            args += ["--outcome", rng.choice(("passed", "passed", "used"))]
            craving = _ok(cli, *args).split()[0]
            if rng.random() < 0.4:  # the same use logged again, linked to the craving
                _ok(cli, "log", "coping", rng.choice(TECHNIQUES), "--craving", craving,
                    "--helped", str(rng.randint(1, 5)), *moment)  # fmt: skip
        elif kind < 0.65:
            _ok(cli, "log", "coping", rng.choice(TECHNIQUES), *moment)
        elif kind < 0.85:
            _ok(cli, "log", "meeting", "Home group", "--fellowship", "AA", *moment)
        elif kind < 0.95:
            _ok(cli, "log", "trigger", rng.choice(TRIGGERS), *moment)
        else:
            _ok(cli, "log", "lapse", "alcohol", *moment)


def _shift(when: str, day: int) -> str:
    from datetime import datetime, timedelta

    moment = datetime.fromisoformat(when) + timedelta(days=day)
    return moment.strftime("%Y-%m-%d %H:%M")


def _by_name(rows: list[dict[str, Any]], name: str, *keys: str) -> dict[str, tuple]:
    return {r[name]: tuple(r[k] for k in keys) for r in rows}


def _check_agreement(cli: Any) -> None:
    status = _json(cli, "status")
    report = _json(cli, "report", "--period", "all", "--audience", "self")
    since, until = report["period"]["since"], report["period"]["until"]
    insights = _json(cli, "insights", "--since", since, "--until", until)
    everything = _json(cli, "insights", "--since", "2000-01-01", "--until", until)
    coping_list = _json(cli, "coping", "list")
    milestones = _json(cli, "milestones")

    # Techniques: insights, the report and coping list count one use the same way.
    in_insights = _by_name(insights["coping"], "technique", "times_used", "passed_with")
    techniques = _by_name(report["coping"]["techniques"], "name", "times_used", "passed_with")
    assert in_insights == techniques
    all_time = _by_name(everything["coping"], "technique", "times_used", "passed_with")
    listed = _by_name(coping_list, "name", "times_used", "cravings_passed")
    assert {k: v for k, v in listed.items() if v[0]} == all_time

    # Triggers and HALT.
    # (each shows its top rows: the report five, insights eight)
    in_report = _by_name(report["cravings"]["triggers"], "name", "count")
    top = _by_name(insights["triggers"]["top"], "name", "count")
    assert in_report and all(top[name] == count for name, count in in_report.items())
    halt = {s["state"]: s["count"] for s in report["cravings"]["halt"]["states"]}
    assert {k: v for k, v in insights["halt"]["counts"].items() if v} == {
        k: v for k, v in halt.items() if v
    }

    # Clean days and lapses.
    for clock in status["clocks"]:
        name = clock["name"]
        (reported,) = [c for c in report["clocks"] if c["name"] == name]
        (shown,) = [c for c in insights["clean_days"] if c["clock"] == name]
        (reached,) = [m for m in milestones if m["clock"] == name]
        totals = {
            clock["total_clean_days"],
            reported["total_clean_days"],
            shown["total_clean_days"],
            reached["total_clean_days"],
        }
        assert len(totals) == 1, (name, totals)
        assert clock["lapses"] == reported["lapses_total"] == reached["lapses"]
        assert clock["lapses"] == sum(1 for x in everything["lapses"] if x["clock"] == name)

    # Meetings: the last 7 days in status and in a report of the same 7 days.
    week = _json(cli, "report", "--period", "week", "--audience", "self")
    assert week["period"]["since"] == status["last_7_days"]["since"]
    assert status["last_7_days"]["meetings"] == week["peer_support"]["meetings"]["count"]
    assert status["last_7_days"]["lapses"] == sum(1 for x in week["lapses"])


def test_the_demo_journal_agrees_with_itself(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    _ok(cli, "demo", "--home", str(folder))
    _check_agreement(lambda *args, **kw: cli("--home", str(folder), *args, **kw))


@pytest.mark.parametrize("zone", ZONES)
def test_a_random_journal_across_three_zones_agrees_with_itself(
    cli: Any, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    _random_journal(cli, monkeypatch, seed=20261206)
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", zone)
    _check_agreement(cli)
