"""Goals, the meetings list and the support part of status, through the CLI.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from support_helpers import ok


def as_json(cli: Any, *args: str) -> Any:
    return json.loads(ok(cli, *args, "--format", "json").stdout)


def meeting(cli: Any, when: str, name: str = "Home group", *more: str) -> None:
    ok(cli, "log", "meeting", name, "--at", when, *more)


def test_goal_set_show_and_clear(cli: Any, home: Path) -> None:
    said = ok(cli, "goal", "set", "meetings", "10", "--days", "30", "--start", "2026-11-01")
    assert said.stdout.strip() == "Goal set: 10 meetings in 30 days, from Sun 1 Nov 2026."
    stored = tomllib.loads((home / "journal.toml").read_text())["goals"]
    assert stored == {"meetings": {"count": 10, "days": 30, "start": date(2026, 11, 1)}}
    meeting(cli, "2026-10-31 19:00")  # the day before the goal starts
    meeting(cli, "2026-11-01 19:00")
    meeting(cli, "2026-11-10 12:30", "Lunchtime", "--online")
    meeting(cli, "2026-11-23 07:00")
    (goal,) = as_json(cli, "goal", "show")
    # 1 Nov is day 1, so 23 Nov is day 23; three meetings from 1 Nov on.
    assert (goal["done"], goal["day"], goal["count"], goal["days"]) == (3, 23, 10, 30)
    assert (goal["window_end"], goal["finished"], goal["reached"]) == ("2026-11-30", False, False)
    assert "3 of 10 meetings, day 23 of 30" in ok(cli, "goal").stdout
    assert ok(cli, "goal", "clear", "meetings").stdout.strip() == "Removed your meetings goal."
    assert as_json(cli, "goal", "show") == []
    missing = cli("goal", "clear", "meetings")
    assert missing.exit_code == 3 and "there is no meetings goal" in missing.stderr


def test_repeating_contacts_goal_counts_the_current_week(cli: Any) -> None:
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    ok(cli, "goal", "set", "contacts", "3", "--days", "7", "--start", "2026-11-16", "--repeat")
    ok(cli, "log", "contact", "Sam", "--at", "2026-11-20 10:00")  # last week's window
    ok(cli, "log", "contact", "Sam", "--at", "2026-11-23 09:00")
    (goal,) = as_json(cli, "goal", "show")
    assert (goal["window_start"], goal["done"], goal["day"]) == ("2026-11-23", 1, 1)
    assert goal["repeat"] is True
    assert "1 of 3 contacts, day 1 of 7 (starts again every 7 days)" in ok(cli, "goal").stdout


def test_goal_mistakes_are_explained(cli: Any) -> None:
    wrong_kind = cli("goal", "set", "sleep", "8", "--days", "1")
    assert wrong_kind.exit_code == 2 and "not a goal (choose from meetings, contacts)" in (
        wrong_kind.stderr
    )
    assert cli("goal", "set", "meetings", "90", "--days", "0").exit_code == 2
    assert cli("goal", "set", "meetings", "0", "--days", "7").exit_code == 2
    assert cli("goal", "set", "meetings", "3").exit_code == 2  # --days is needed
    empty = ok(cli, "goal")
    assert "No goals yet" in empty.stdout


def test_meetings_week_by_week(cli: Any) -> None:
    meeting(cli, "2026-11-03 19:00", "Tuesday night", "--fellowship", "AA")
    meeting(cli, "2026-11-16 12:30", "=HYPERLINK(1)", "--online")
    meeting(cli, "2026-11-22 10:00", "Sunday", "--fellowship", "NA")
    meeting(cli, "2026-11-23 07:30", "Early", "--fellowship", "SMART")
    ok(cli, "log", "craving", "4")  # not a meeting
    data = as_json(cli, "meetings")
    assert (data["since"], data["until"], data["total"], data["online"]) == (
        "2026-11-02",
        "2026-11-23",
        4,
        1,
    )
    counts = [(w["week_start"], w["count"]) for w in data["weeks"]]
    assert counts == [("2026-11-02", 1), ("2026-11-09", 0), ("2026-11-16", 2), ("2026-11-23", 1)]
    assert [m["name"] for m in data["weeks"][2]["meetings"]] == ["=HYPERLINK(1)", "Sunday"]
    assert data["goal"] is None
    plain = ok(cli, "meetings").stdout
    assert "Week of Mon 9 Nov   0  -" in plain
    assert "Sun 22 Nov 10:00  Sunday · NA" in plain
    csv_text = ok(cli, "meetings", "--format", "csv").stdout
    assert "'=HYPERLINK(1)" in csv_text  # a spreadsheet never runs it
    assert csv_text.count("\n") == 5  # header + 4 meetings
    narrow = as_json(cli, "meetings", "--since", "2026-11-16", "--until", "2026-11-22")
    assert [w["count"] for w in narrow["weeks"]] == [2]
    backwards = cli("meetings", "--since", "2026-11-20", "--until", "2026-11-01")
    assert backwards.exit_code == 2


def test_meetings_show_the_goal(cli: Any) -> None:
    ok(cli, "goal", "set", "meetings", "90", "--days", "90", "--start", "2026-11-20")
    meeting(cli, "2026-11-21 19:00")
    data = as_json(cli, "meetings")
    assert (data["goal"]["done"], data["goal"]["day"]) == (1, 4)
    assert "1 of 90 meetings, day 4 of 90" in ok(cli, "meetings").stdout


def test_status_support_sponsor_week_and_goals(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    before = as_json(cli, "status")
    assert before["support"] == {
        "sponsors": [],
        "week_start": "2026-11-23",
        "meetings_this_week": 0,
        "goals": [],
    }
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    ok(cli, "people", "add", "Alex", "--role", "peer")
    ok(cli, "log", "contact", "Alex", "--at", "2026-11-22 10:00")  # not the sponsor
    ok(cli, "log", "contact", "Sam", "--at", "2026-11-03 10:00")  # 20 days back
    meeting(cli, "2026-11-22 10:00")  # Sunday: last 7 days, not this week
    meeting(cli, "2026-11-23 07:30")
    ok(cli, "goal", "set", "meetings", "90", "--days", "90", "--start", "2026-10-01")
    data = as_json(cli, "status")
    support = data["support"]
    assert support["sponsors"] == [
        {"name": "Sam", "last_contact": "2026-11-03", "days_since_contact": 20}
    ]
    assert support["meetings_this_week"] == 1
    assert data["last_7_days"]["meetings"] == 2  # the older keys are all still there
    assert set(data) >= {"today", "currency", "clocks", "last_7_days", "support"}
    (goal,) = support["goals"]
    assert (goal["kind"], goal["done"], goal["day"]) == ("meetings", 2, 54)
    text = ok(cli, "status").stdout
    assert "Last contact with Sam (sponsor): 20 days ago" in text
    # 2 meetings in the last 7 days and 1 since Monday: the labels say which is which.
    assert "Last 7 days\n" in text and "2 meetings" in text
    assert "This week (since Monday): 1 meeting" in text
    assert "2 of 90 meetings, day 54 of 90" in text


def test_status_sponsor_never_contacted_and_recent_contact(cli: Any) -> None:
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    assert as_json(cli, "status")["support"]["sponsors"][0]["days_since_contact"] is None
    assert "Last contact with Sam (sponsor): none logged yet" in ok(cli, "status").stdout
    ok(cli, "log", "contact", "Sam", "--at", "yesterday 18:00")
    assert as_json(cli, "status")["support"]["sponsors"][0]["days_since_contact"] == 1


def test_a_finished_goal_leaves_status_after_a_week(cli: Any) -> None:
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-09")
    # Its last day was 15 Nov: 8 days ago, so status no longer shows it; goal show does.
    assert as_json(cli, "status")["support"]["goals"] == []
    (goal,) = as_json(cli, "goal", "show")
    assert goal["finished"] is True
    assert "0 meetings in 7 days, from Mon 9 Nov to Sun 15 Nov" in ok(cli, "goal").stdout
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-13")
    assert as_json(cli, "status")["support"]["goals"][0]["finished"] is True


def test_a_goal_of_one_reads_in_the_singular(cli: Any) -> None:
    said = ok(cli, "goal", "set", "contacts", "1", "--days", "7", "--repeat")
    assert said.stdout.startswith("Goal set: 1 contact every 7 days, from ")
