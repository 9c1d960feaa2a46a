"""The numbers in a report, against the fixture journal worked out by hand.

Period: Tue 17 - Mon 23 Nov 2026. Cravings this week: 4 (intensities 4, 8, 9, 3: average
6.0, strongest 9); the week before: 2. Clock: clean since 1 Oct, lapse on 19 Nov, next run
from 20 Nov. See report_fixture.py for every entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_entries, fixture_journal

Run = Callable[..., Any]


@pytest.fixture
def report(fixture_home: Path, run: Run) -> dict[str, Any]:
    return json.loads(run("report", "--format", "json").stdout)


def test_version_period_and_audience(report: dict[str, Any]) -> None:
    assert report["report_version"] == 2
    assert report["kind"] == "recoverylog-report"
    assert report["audience"] == "sponsor"
    assert report["period"] == {"since": "2026-11-17", "until": "2026-11-23", "days": 7}
    assert report["previous_period"] == {"since": "2026-11-10", "until": "2026-11-16", "days": 7}
    assert report["generated"] == "2026-11-23T20:00:00+00:00"


def test_clean_time(report: dict[str, Any]) -> None:
    (clock,) = report["clocks"]
    # Runs: 1 Oct -> 19 Nov (49 days), then 20 Nov -> 23 Nov (3 days).
    assert clock["days"] == 3
    assert clock["counting_from"] == "2026-11-20"
    assert clock["current_run_days"] == 3
    assert clock["longest_run_days"] == 49
    assert clock["total_clean_days"] == 52
    assert clock["days_since_first_clean_day"] == 53
    assert clock["share_clean"] == round(52 / 53, 4)
    assert clock["lapses_total"] == 1
    # The week: 17, 18 clean; 19 a lapse; 20-23 clean.
    assert clock["in_period"] == {
        "days_counted": 7,
        "clean_days": 6,
        "lapse_days": 1,
        "lapses": 1,
        "share_clean": round(6 / 7, 4),
    }
    # Extended scheme from 20 Nov: 24 hours on the 21st, then 1 week, 2 weeks, 30 days.
    assert clock["milestones_reached"] == [
        {"label": "24 hours", "date": "2026-11-21", "run_from": "2026-11-20"}
    ]
    assert clock["next_milestones"] == [
        {"label": "1 week", "date": "2026-11-27", "days_left": 4},
        {"label": "2 weeks", "date": "2026-12-04", "days_left": 11},
        {"label": "30 days", "date": "2026-12-20", "days_left": 27},
    ]


def test_clean_time_as_of_a_period_before_the_lapse(fixture_home: Path, run: Run) -> None:
    """A report for 4-10 Nov sees the clock as it was on 10 Nov: the lapse of 19 Nov has
    not happened yet, so it changes none of the figures."""
    early = json.loads(
        run("report", "--since", "2026-11-04", "--until", "2026-11-10", "-f", "json").stdout
    )
    (clock,) = early["clocks"]
    # One run so far: 1 Oct -> 10 Nov is 40 days.
    assert clock["counting_from"] == "2026-10-01"
    assert (clock["days"], clock["current_run_days"]) == (40, 40)
    assert (clock["longest_run_days"], clock["total_clean_days"]) == (40, 40)
    assert clock["days_since_first_clean_day"] == 40
    assert clock["share_clean"] == 1.0
    assert clock["lapses_total"] == 0
    assert clock["in_period"]["clean_days"] == 7 and clock["in_period"]["lapse_days"] == 0
    # From 1 Oct: 30 days on 31 Oct (before the period); next 60 days, 90 days, 100 days.
    assert clock["milestones_reached"] == []
    assert clock["next_milestones"] == [
        {"label": "60 days", "date": "2026-11-30", "days_left": 20},
        {"label": "90 days", "date": "2026-12-30", "days_left": 50},
        {"label": "100 days", "date": "2027-01-09", "days_left": 60},
    ]
    assert early["lapses"] == []
    assert [i["label"] for i in early["coming_up"][:3]] == ["60 days", "90 days", "100 days"]


def test_a_milestone_before_a_lapse_in_the_same_period_still_counts(
    fixture_home: Path, run: Run
) -> None:
    # 28 Oct - 23 Nov: 30 days (from 1 Oct) on 31 Oct, the lapse on 19 Nov, then 24 hours
    # (from 20 Nov) on 21 Nov.
    args = ("report", "--since", "2026-10-28")
    (clock,) = json.loads(run(*args, "-f", "json").stdout)["clocks"]
    assert clock["milestones_reached"] == [
        {"label": "30 days", "date": "2026-10-31", "run_from": "2026-10-01"},
        {"label": "24 hours", "date": "2026-11-21", "run_from": "2026-11-20"},
    ]
    text = " ".join(run(*args, "-f", "txt").stdout.split())
    assert (
        "Reached this period: 30 days on Sat 31 Oct (in the run from Thu 1 Oct), "
        "24 hours on Sat 21 Nov."
    ) in text


def test_lapses_carry_date_and_clock(report: dict[str, Any]) -> None:
    assert report["lapses"] == [
        {"clock": "alcohol", "date": "2026-11-19", "time": "21:00", "next_run_from": "2026-11-20"}
    ]


def test_lapse_details_add_triggers_and_circumstances(fixture_home: Path, run: Run) -> None:
    (lapse,) = json.loads(run("report", "-i", "lapse-details", "-f", "json").stdout)["lapses"]
    assert (lapse["triggers"], lapse["note"]) == (
        ["wedding", "open bar"],
        "At the wedding. LAPSE-MARKER-3K",
    )


def test_cravings(report: dict[str, Any]) -> None:
    c = report["cravings"]
    assert (c["count"], c["average_intensity"], c["peak_intensity"]) == (4, 6.0, 9)
    assert c["previous"] == {"count": 2, "average_intensity": 5.5, "peak_intensity": 6}
    assert (c["change"], c["direction"]) == (2, "more")
    assert c["previous_from_first_clean_day"] is None  # 10-16 Nov was all tracked
    per_day = {
        d["date"]: (d["count"], d["average_intensity"], d["peak_intensity"]) for d in c["by_day"]
    }
    assert per_day["2026-11-17"] == (2, 6.0, 8)
    assert per_day["2026-11-19"] == (1, 9.0, 9)
    assert per_day["2026-11-21"] == (1, 3.0, 3)
    assert per_day["2026-11-18"] == (0, None, None)
    assert len(per_day) == 7
    weekdays = {w["day"]: w["count"] for w in c["by_weekday"]}
    assert weekdays == {
        "Monday": 0,
        "Tuesday": 2,
        "Wednesday": 0,
        "Thursday": 1,
        "Friday": 0,
        "Saturday": 1,
        "Sunday": 0,
    }
    parts = {p["part"]: p["count"] for p in c["by_part_of_day"]}
    assert parts["morning"] == 1 and parts["evening"] == 3 and sum(parts.values()) == 4
    assert c["busiest_weekday"] == "Tuesday"
    assert c["busiest_part_of_day"] == "evening"
    hours = {
        h["hour"]: (h["count"], h["average_intensity"], h["peak_intensity"]) for h in c["by_hour"]
    }
    assert hours[8] == (1, 4.0, 4)
    assert hours[20] == (1, 9.0, 9)
    assert hours[21] == (2, 5.5, 8)
    assert sum(h[0] for h in hours.values()) == 4


def test_triggers_halt_and_outcomes(report: dict[str, Any]) -> None:
    c = report["cravings"]
    triggers = [(t["name"], t["count"], t["average_intensity"]) for t in c["triggers"]]
    # after work: cravings of 4, 8 and 3 -> 5.0; then by strength: wedding 9, payday 8.
    assert triggers == [("after work", 3, 5.0), ("wedding", 1, 9.0), ("payday", 1, 8.0)]
    halt = c["halt"]
    assert (halt["cravings"], halt["with_any"]) == (4, 3)
    assert {s["state"]: s["count"] for s in halt["states"]} == {
        "hungry": 0,
        "angry": 1,
        "lonely": 1,
        "tired": 2,
    }
    assert c["outcomes"] == {
        "passed": 3,
        "used": 1,
        "unknown": 0,
        "pass_rate": 0.75,
        "average_duration_min": 15.0,
    }


def test_coping(report: dict[str, Any]) -> None:
    coping = report["coping"]
    rows = {t["name"]: t for t in coping["techniques"]}
    surfing = rows["urge surfing"]
    assert (surfing["times_used"], surfing["passed_with"], surfing["known_with"]) == (2, 2, 2)
    assert surfing["average_helped"] == 4.5
    assert rows["call sponsor"]["times_used"] == 1
    assert rows["call sponsor"]["average_helped"] is None
    # Nothing used 5 times yet: too early to name a best technique.
    assert coping["worked_best"] is None


def test_peer_support_and_goal(report: dict[str, Any]) -> None:
    meetings = report["peer_support"]["meetings"]
    assert (meetings["count"], meetings["in_person"], meetings["online"]) == (2, 1, 1)
    assert meetings["by_fellowship"] == [
        {"fellowship": "AA", "count": 1},
        {"fellowship": "SMART", "count": 1},
    ]
    # 90 in 90 from 1 Nov: meetings on 15, 18 and 22 Nov; day 23; the last day is 29 Jan.
    assert meetings["goal"] == {
        "count": 90,
        "days": 90,
        "repeat": False,
        "goal_start": "2026-11-01",
        "start": "2026-11-01",
        "end": "2027-01-29",
        "done": 3,
        "day": 23,
        "finished": False,
    }
    contacts = report["peer_support"]["contacts"]
    assert contacts["count"] == 1
    assert contacts["by_role"] == [{"role": "sponsor", "count": 1}]
    assert contacts["by_via"] == [{"via": "phone", "count": 1}]
    assert "people" not in contacts


def test_coming_up_lists_milestones_and_the_goal_end(report: dict[str, Any]) -> None:
    dates = [(i["date"], i["kind"], i["label"]) for i in report["coming_up"]]
    assert dates == [
        ("2026-11-27", "milestone", "1 week"),
        ("2026-12-04", "milestone", "2 weeks"),
        ("2026-12-20", "milestone", "30 days"),
        ("2027-01-29", "goal", "90 meetings in 90 days"),
    ]


def test_the_same_numbers_in_every_written_format(fixture_home: Path, run: Run) -> None:
    md = run("report").stdout
    txt = run("report", "--format", "txt").stdout
    html = run("report", "--format", "html").stdout
    for written in (md, txt):
        text = " ".join(written.split())  # plain text wraps at 80 columns
        assert "4 cravings, average intensity 6 of 10, strongest 9" in text
        assert "The 7 days before: 2 (2 more now)" in text
        assert "52 clean days in total" in text
        assert "longest run 49 days" in text
        assert "This period: 6 of 7 days clean (86%)" in text
        assert "Goal: 90 meetings in 90 days: 3 so far, day 23 of 90" in text
        assert "3 of 4 cravings with an outcome passed without using" in text
    assert "3 days" in md and "alcohol" in md
    assert "4 cravings, average intensity 6 of 10, strongest 9" in html
    assert "<svg" in html


def test_a_longer_period_and_one_day(fixture_home: Path, run: Run) -> None:
    month = json.loads(run("report", "--period", "month", "--format", "json").stdout)
    assert month["period"] == {"since": "2026-10-25", "until": "2026-11-23", "days": 30}
    assert month["cravings"]["count"] == 6
    assert month["cravings"]["previous"]["count"] == 0
    # The 30 days before (25 Sep - 24 Oct) began ahead of the clock's first clean day.
    assert month["cravings"]["previous_from_first_clean_day"] == "2026-10-01"
    month_text = " ".join(run("report", "--period", "month").stdout.split())
    assert "(Tracking began on Thu 1 Oct 2026; the days before it were not tracked.)" in month_text
    one = json.loads(
        run("report", "--since", "2026-11-19", "--until", "2026-11-19", "-f", "json").stdout
    )
    assert one["period"]["days"] == 1
    assert one["cravings"]["count"] == 1
    assert one["clocks"][0]["in_period"]["lapse_days"] == 1
    # As of 19 Nov the run that ended that day is the current one no longer.
    assert one["clocks"][0]["total_clean_days"] == 49
    everything = json.loads(run("report", "--period", "all", "-f", "json").stdout)
    assert everything["period"]["since"] == "2026-10-01"  # the clock's first clean day


def test_no_comparison_with_a_period_before_tracking_began(fixture_home: Path, run: Run) -> None:
    # All: 1 Oct - 23 Nov (54 days); the 54 days before end on 30 Sep, ahead of the clock.
    data = json.loads(run("report", "--period", "all", "-f", "json").stdout)
    c = data["cravings"]
    assert data["period"]["days"] == 54
    assert (c["count"], c["previous"]["count"]) == (6, 0)
    assert c["previous_tracked"] is False
    assert (c["change"], c["direction"]) == (None, None)
    for fmt in ("md", "txt", "html"):
        text = " ".join(run("report", "--period", "all", "-f", fmt).stdout.split())
        assert "No earlier period to compare with: tracking began on Thu 1 Oct 2026." in text
        assert "days before:" not in text and "more now" not in text
    # A tracked period before is compared as ever.
    week = json.loads(run("report", "-f", "json").stdout)["cravings"]
    assert week["previous_tracked"] is True and week["change"] == 2


def test_period_mistakes_are_refused(fixture_home: Path, cli: Callable[..., Any]) -> None:
    future = cli("report", "--until", "2026-12-01")
    assert future.exit_code == 2
    assert "after today" in future.stderr
    backwards = cli("report", "--since", "2026-11-20", "--until", "2026-11-10")
    assert backwards.exit_code == 2
    unknown = cli("report", "--include", "diary")
    assert unknown.exit_code == 2
    assert "notes, names, lapse-details, journal" in unknown.stderr


def test_an_empty_home_still_gives_a_kind_report(run: Run) -> None:
    text = run("report", "--format", "txt").stdout
    assert "No clocks are set up." in text
    assert "No cravings logged in this period." in text
    assert "No lapses in this period." in text


def test_one_clock_of_two(fixture_home: Path, run: Run) -> None:
    run("clock", "add", "nicotine", "--since", "2026-11-18")
    run("log", "craving", "7", "--clock", "nicotine", "--at", "2026-11-22 09:00")
    both = json.loads(run("report", "-f", "json").stdout)
    assert [c["name"] for c in both["clocks"]] == ["alcohol", "nicotine"]
    assert both["cravings"]["count"] == 5
    only = json.loads(run("report", "--clock", "nicotine", "-f", "json").stdout)
    assert only["clock_filter"] == "nicotine"
    assert [c["name"] for c in only["clocks"]] == ["nicotine"]
    assert only["clocks"][0]["days"] == 5
    assert only["cravings"]["count"] == 1
    assert only["lapses"] == []
    # Meetings count for every clock.
    assert only["peer_support"]["meetings"]["count"] == 2


def test_the_cli_starts_without_the_report_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, recoverylog.cli.main; "
        "print(sorted(m for m in ('jinja2', 'icalendar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def goals_home(home: Path) -> Path:
    """A contact goal that repeats every 7 days from 10 Nov, and a one-off meetings goal
    whose last day is Sun 22 Nov."""
    journal = fixture_journal()
    journal.goals = {
        "contacts": {"count": 1, "days": 7, "start": date(2026, 11, 10), "repeat": True},
        "meetings": {"count": 3, "days": 6, "start": date(2026, 11, 17)},
    }
    build_home(home, journal, fixture_entries())
    return home


def test_a_repeating_goal_is_reported_for_its_current_round(goals_home: Path, run: Run) -> None:
    report = json.loads(run("report", "--format", "json").stdout)
    goal = report["peer_support"]["contacts"]["goal"]
    # Rounds: 10-16 Nov, then 17-23 Nov; the contact on 20 Nov is in the current one.
    assert (goal["start"], goal["end"], goal["goal_start"]) == (
        "2026-11-17",
        "2026-11-23",
        "2026-11-10",
    )
    assert (goal["repeat"], goal["done"], goal["day"], goal["finished"]) == (True, 1, 7, False)
    text = " ".join(run("report").stdout.split())
    assert "Goal: 1 contact every 7 days: 1 so far, day 7 of 7 (this round ends Mon 23 Nov)." in (
        text
    )
    assert "last day of this round of the goal of 1 contact every 7 days (today)" in text


def test_a_goal_on_its_last_day_is_not_finished(goals_home: Path, run: Run) -> None:
    args = ("report", "--since", "2026-11-16", "--until", "2026-11-22")
    report = json.loads(run(*args, "--format", "json").stdout)
    goal = report["peer_support"]["meetings"]["goal"]
    # Meetings on 18 and 22 Nov; 22 Nov is the last day, so that day still counts.
    assert (goal["start"], goal["end"], goal["done"], goal["day"]) == (
        "2026-11-17",
        "2026-11-22",
        2,
        6,
    )
    assert goal["finished"] is False
    text = " ".join(run(*args).stdout.split())
    assert "Goal: 3 meetings in 6 days: 2 so far, day 6 of 6 (last day Sun 22 Nov)." in text
    assert "last day of the goal of 3 meetings in 6 days (today)" in text
    # The day after, it is over.
    after = json.loads(run("report", "--format", "json").stdout)
    assert after["peer_support"]["meetings"]["goal"]["finished"] is True
    text = " ".join(run("report").stdout.split())
    assert "Goal: 3 meetings in 6 days, from Tue 17 Nov to Sun 22 Nov: 2 done." in text


def test_dates_in_another_year_say_which_year(run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    run("goal", "set", "meetings", "90", "--days", "90", "--start", "2026-11-01")
    text = " ".join(run("report").stdout.split())
    # Made on 23 Nov 2026: this year's dates stand alone, next year's carry the year.
    assert (
        "Next: 60 days on Mon 30 Nov (in 7 days); 90 days on Wed 30 Dec (in 37 days); "
        "100 days on Sat 9 Jan 2027 (in 47 days)."
    ) in text
    assert "(last day Fri 29 Jan 2027)" in text
    for fmt in ("txt", "html"):
        written = " ".join(run("report", "--format", fmt).stdout.split())
        assert "Sat 9 Jan 2027" in written and "Mon 30 Nov (in 7 days)" in written, fmt


def test_a_self_report_speaks_of_my_support_network(fixture_home: Path, run: Run) -> None:
    mine = " ".join(run("report", "--audience", "self").stdout.split())
    assert "1 contact with people in my support network" in mine
    assert "their support network" not in mine
    shared = " ".join(run("report").stdout.split())
    assert "1 contact with people in their support network" in shared


def test_on_the_day_of_a_lapse_the_report_says_when_the_new_run_starts(run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-10-01")
    run("log", "lapse", "alcohol")  # now: Mon 23 Nov 2026; the next run starts tomorrow
    data = json.loads(run("report", "--format", "json").stdout)
    (clock,) = data["clocks"]
    assert (clock["current_run_started"], clock["total_clean_days"]) == (False, 53)
    for fmt in ("md", "txt", "html"):
        text = " ".join(re.sub(r"<[^>]+>|\*\*", " ", run("report", "-f", fmt).stdout).split())
        assert "A new run alcohol" in text and "starts Tue 24 Nov 2026" in text, fmt
        assert "counting from Tue 24 Nov" not in text and "0 days" not in text, fmt
        assert "53 clean days in total" in text, fmt
