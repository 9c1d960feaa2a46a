"""Goals of your own in reports: counted as `goal show` counts them, the same from kept
counts as from the entries, and their names (the person's own words) shared only with
notes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from varied_home import build_varied_home

from recoverylog.paths import resolve_layout

Run = Callable[..., Any]
SELF_YEAR = ("--since", "2025-11-24", "--audience", "self")


@pytest.fixture
def goals_home(home: Path, run: Run) -> Path:
    build_varied_home(home)
    run("goal", "set", "coping", "urge surfing", "3", "--days", "7", "--start", "2025-08-04",
        "--repeat")  # fmt: skip
    run("goal", "set", "checkins", "20", "--days", "30", "--start", "2026-11-01")
    run("goal", "set", "selfchecks", "1", "--days", "7", "--start", "2025-08-04", "--repeat")
    run("goal", "set", "tag", "pottery", "2", "--days", "60", "--start", "2026-10-01")
    for day in ("2026-10-02", "2026-10-30", "2026-11-20"):
        run("log", "note", "Wheel class.", "--tag", "pottery", "--at", f"{day} 18:00")
    return home


def report_json(run: Run, *options: str) -> dict[str, Any]:
    return dict(json.loads(run("report", *options, "--format", "json").stdout))


def test_the_self_report_counts_each_goal_as_goal_show_does(goals_home: Path, run: Run) -> None:
    shown = json.loads(run("goal", "show", "--format", "json").stdout)
    mine = {
        (g["kind"], g.get("name")): g for g in shown if g["kind"] not in ("meetings", "contacts")
    }
    report = report_json(run, *SELF_YEAR)
    in_report = {(g["kind"], g["name"]): g for g in report["goals"]}
    assert (
        set(in_report)
        == set(mine)
        == {
            ("coping", "urge surfing"),
            ("checkins", None),
            ("selfchecks", None),
            ("tag", "pottery"),
        }
    )
    for key, goal in in_report.items():
        today = mine[key]
        assert (goal["done"], goal["day"], goal["start"], goal["end"]) == (
            today["done"],
            today["day"],
            today["window_start"],
            today["window_end"],
        ), key
    assert in_report[("tag", "pottery")]["done"] == 3
    assert "goal names" in report["shared_as_written"]
    text = run("report", *SELF_YEAR, "--format", "md").stdout
    assert "Goal: 2 entries tagged pottery in 60 days: 3 so far, day 54 of 60" in text
    assert "Goal: 3 uses of urge surfing every 7 days" in text


def test_a_sponsor_report_leaves_the_names_of_goals_out(goals_home: Path, run: Run) -> None:
    report = report_json(run, "--period", "month")
    named = [g for g in report["goals"] if g["kind"] in ("coping", "tag")]
    assert named and all(g["name"] is None for g in named)
    assert "names of goals of your own" in report["left_out"]
    text = run("report", "--period", "month", "--format", "md").stdout
    assert "pottery" not in text
    assert "Goal: 2 entries with a tag of your own in 60 days" in text
    shared = report_json(run, "--period", "month", "--include", "notes")
    assert {g["name"] for g in shared["goals"] if g["kind"] == "tag"} == {"pottery"}


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_kept_counts_give_the_same_goals(goals_home: Path, run: Run, fmt: str) -> None:
    chosen = (*SELF_YEAR, "--format", fmt)
    first = run("report", *chosen).stdout_bytes
    assert run("report", *chosen).stdout_bytes == first  # from kept counts
    shutil.rmtree(resolve_layout(goals_home).data_dir / "cache")
    assert run("report", *chosen).stdout_bytes == first
    # A goal set afterwards is counted, not hidden by what was kept before it.
    run("goal", "set", "tag", "pottery", "1", "--days", "60", "--start", "2026-10-01")
    assert b"tagged pottery in 60 days" in run("report", *SELF_YEAR, "--format", "md").stdout_bytes
