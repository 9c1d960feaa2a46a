"""`recoverylog insights` and `recoverylog selfcheck` through the CLI, on real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recoverylog.domain.selfcheck import questions


def _json(cli: Any, *args: str) -> dict[str, Any]:
    result = cli("insights", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _log_week(cli: Any) -> None:
    """A small hand-made week (FIXED_NOW is Monday 23 Nov 2026, 20:00 UTC)."""
    assert cli("clock", "add", "alcohol", "--since", "2026-11-01").exit_code == 0
    logs = [
        ("7", "--at", "2026-11-20 21:15", "--trigger", "payday", "--halt", "tired",
         "--coping", "call sponsor", "--outcome", "passed", "--duration", "20m"),
        ("5", "--at", "2026-11-20 22:40", "--trigger", "payday", "--coping", "call sponsor",
         "--outcome", "passed", "--duration", "10m"),
        ("3", "--at", "2026-11-18 08:05", "--trigger", "after work", "--halt", "hungry,tired",
         "--outcome", "used"),
        ("6", "--at", "2026-10-30 12:00"),  # in the 90 days, before the clock started
    ]  # fmt: skip
    for args in logs:
        result = cli("log", "craving", *args)
        assert result.exit_code == 0, result.stderr


# --- an empty journal -------------------------------------------------------------


def test_insights_on_an_empty_journal_are_friendly(cli: Any) -> None:
    result = cli("insights")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Insights · 26 Aug 2026 – 23 Nov 2026 (90 days)" in out
    assert "No cravings logged in these 90 days." in out
    assert "Not enough data yet to see patterns." in out
    assert "No clocks yet" in out
    assert "No self-checks in this period" in out
    assert "What helps" not in out  # no empty tables


def test_json_shape_on_an_empty_journal(cli: Any) -> None:
    data = _json(cli)
    assert data["insights_version"] == 1
    assert data["period"] == {
        "since": "2026-08-26",
        "until": "2026-11-23",
        "days": 90,
        "timezone": "UTC",
    }
    assert data["previous_period"] == {"since": "2026-05-28", "until": "2026-08-25"}
    assert data["cravings"]["count"] == 0
    assert data["cravings"]["direction"] == "same"
    assert data["when"]["grid"] == [[0] * 6 for _ in range(7)]
    assert data["coping"] == [] and data["clean_days"] == [] and data["selfchecks"] == []
    assert [o["text"] for o in data["observations"]] == ["No cravings logged in these 90 days."]
    assert set(data) == {
        "insights_version", "period", "previous_period", "clock", "cravings", "when",
        "triggers", "halt", "coping", "outcomes", "lapses", "clean_days", "selfchecks",
        "observations", "mood",
    }  # fmt: skip


# --- numbers from logged entries ------------------------------------------------------


def test_insights_numbers_from_logged_cravings(cli: Any) -> None:
    _log_week(cli)
    data = _json(cli, "--since", "2026-11-17")  # Tue 17 - Mon 23 Nov: 7 days
    assert data["period"]["days"] == 7
    cravings = data["cravings"]
    assert (cravings["count"], cravings["average_intensity"], cravings["peak_intensity"]) == (
        3,
        5.0,
        7,
    )
    assert cravings["previous"]["count"] == 0  # 10 - 16 Nov
    assert [(w["start"], w["count"]) for w in cravings["weeks"]] == [
        ("2026-11-17", 3),
        ("2026-11-23", 0),
    ]
    grid = data["when"]["grid"]
    assert grid[4][5] == 2  # Friday 20:00-24:00
    assert grid[2][2] == 1  # Wednesday 08:00-12:00
    top = data["triggers"]["top"]
    assert [(t["name"], t["count"], t["average_intensity"]) for t in top] == [
        ("payday", 2, 6.0),
        ("after work", 1, 3.0),
    ]
    assert data["halt"]["counts"] == {"hungry": 1, "angry": 0, "lonely": 0, "tired": 2}
    (sponsor,) = data["coping"]
    assert sponsor["technique"] == "call sponsor"
    assert (sponsor["times_used"], sponsor["passed_with"], sponsor["known_with"]) == (2, 2, 2)
    assert (sponsor["passed_without"], sponsor["known_without"]) == (0, 1)
    assert sponsor["enough_data"] is False
    outcomes = data["outcomes"]
    assert (outcomes["passed"], outcomes["used"], outcomes["average_duration_min"]) == (2, 1, 15.0)
    (clean,) = data["clean_days"]
    # Clean since 1 Nov, no lapse: 22 whole days by 23 Nov; the calendar ends today.
    assert clean["total_clean_days"] == 22
    assert clean["calendar"]["ranges"][-1] == {
        "start": "2026-11-01",
        "end": "2026-11-23",
        "status": "clean",
    }
    # Shares count whole days too, as the total does: the 30 days before today.
    share = clean["shares"]["30"]
    assert (share["since"], share["until"]) == ("2026-10-24", "2026-11-22")
    assert (share["counted"], share["clean"]) == (22, clean["total_clean_days"])
    assert share["share"] == 1.0


def test_the_screen_shows_the_same_figures(cli: Any) -> None:
    _log_week(cli)
    result = cli("insights", "--since", "2026-11-17")
    out = result.stdout
    assert result.exit_code == 0
    assert "3 cravings in these 7 days, average intensity 5, strongest 7." in out
    assert "That is 3 more than the 7 days before (0)." in out
    assert "Fridays had the most cravings: 2 of 3." in out
    assert "'payday' came up most often: 2 times, average intensity 6." in out
    assert "Tired was part of 2 of 3 cravings." in out
    assert "2 of 3 cravings with an outcome passed without using." in out
    assert "* fewer than 5 uses: too early to say" in out
    assert "alcohol  22 clean days in total" in out
    assert "30 days 100% of 22 days tracked" in out
    for line in out.splitlines():
        assert len(line) <= 80, line
    assert "\x1b[" not in out  # plain text when piped


def test_clock_filter_and_unknown_clock(cli: Any) -> None:
    _log_week(cli)
    cli("clock", "add", "nicotine", "--since", "2026-11-10")
    cli("log", "craving", "9", "--clock", "nicotine", "--at", "2026-11-21 09:00")
    assert _json(cli, "--since", "2026-11-17")["cravings"]["count"] == 4
    only = _json(cli, "--since", "2026-11-17", "--clock", "nicotine")
    assert only["clock"] == "nicotine"
    assert only["cravings"]["count"] == 1
    assert [c["clock"] for c in only["clean_days"]] == ["nicotine"]
    result = cli("insights", "--clock", "nicotin")
    assert result.exit_code == 3
    assert "no clock named 'nicotin'" in result.stderr
    assert "did you mean 'nicotine'?" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--until", "2026-12-01"), "after today"),
        (("--since", "2026-11-20", "--until", "2026-11-10"), "is after the end of the period"),
        (("--since", "not a date"), "--since"),
    ],
)
def test_bad_periods_are_explained(cli: Any, args: tuple[str, ...], message: str) -> None:
    result = cli("insights", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_until_alone_looks_back_90_days(cli: Any) -> None:
    data = _json(cli, "--until", "2026-10-31")
    assert (data["period"]["since"], data["period"]["until"]) == ("2026-08-03", "2026-10-31")


def test_a_craving_keeps_the_weekday_and_hour_it_was_logged_at(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("log", "craving", "4", "--at", "2026-11-21 03:30").exit_code == 0  # Sat, UTC
    assert _json(cli)["when"]["grid"][5][0] == 1
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "America/New_York")  # Fri 22:30 there
    data = _json(cli)
    assert data["period"]["timezone"] == "America/New_York"
    assert data["when"]["grid"][5][0] == 1  # still Saturday night, where it happened
    assert data["when"]["by_hour"][3] == 1


def test_demo_journal(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert cli("demo", "--home", str(folder)).exit_code == 0
    result = cli("--home", str(folder), "insights")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for heading in (
        "Cravings over time",
        "When",
        "What sets them off",
        "What helps",
        "Outcomes",
        "Clean days",
        "Weekly self-check",
    ):
        assert f"\n{heading}" in out
    assert "x lapse" in out  # the demo's one lapse is on the calendar
    # The demo starts 100 days before 23 Nov (15 Aug) and lapses on day 38: 22 Sep.
    assert "1 lapse recorded in these 90 days: alcohol on 22 Sep." in out
    data = json.loads(cli("--home", str(folder), "insights", "--format", "json").stdout)
    assert data["outcomes"]["used"] == 1  # the wedding
    assert data["clean_days"][0]["calendar"]["ranges"][-1]["status"] == "clean"
    assert all(len(line) <= 80 for line in out.splitlines())


# --- selfcheck ---------------------------------------------------------------------


def test_selfcheck_from_a_script(cli: Any) -> None:
    cli("clock", "add", "alcohol", "--since", "2026-11-01")
    result = cli("selfcheck", "--answers", "2,3,1,0,2")
    assert result.exit_code == 0, result.stderr
    assert "Saved your self-check." in result.stdout
    assert "Your self-check total: 8 of 30" in result.stdout
    assert "not a diagnosis" in result.stdout
    listed = json.loads(cli("list", "--type", "selfcheck", "--format", "json").stdout)
    assert len(listed) == 1
    assert (listed[0]["answers"], listed[0]["total"], listed[0]["clock"]) == (
        [2, 3, 1, 0, 2],
        8,
        "alcohol",
    )


def test_selfcheck_compares_with_last_time_and_shows_a_trend(cli: Any) -> None:
    cli("clock", "add", "alcohol", "--since", "2026-10-01")
    assert cli("selfcheck", "-a", "4,4,4,4,4", "--at", "2026-11-02").exit_code == 0
    assert cli("selfcheck", "-a", "3,3,3,3,3", "--at", "2026-11-09").exit_code == 0
    result = cli("selfcheck", "-a", "1,1,1,1,1")
    assert "Your self-check total: 5 of 30 (last time, 9 Nov: 15)" in result.stdout
    data = _json(cli)
    assert [(s["week_start"], s["total"]) for s in data["selfchecks"]] == [
        ("2026-11-02", 20),
        ("2026-11-09", 15),
        ("2026-11-23", 5),
    ]
    out = cli("insights").stdout
    assert "weekly totals, 0-30: 20 15 5" in out
    assert "Latest self-check: 5 of 30 (week of 23 Nov); the one before: 15." in out
    section = out[out.index("Weekly self-check") :].splitlines()
    assert section[1].strip().startswith("30 |")
    assert "*" in out[out.index("Weekly self-check") :]


@pytest.mark.parametrize(
    ("answers", "message"),
    [("2,3,1", "3 answers were given"), ("2,3,1,0,9", "answer 5 must be from 0 to 6")],
)
def test_selfcheck_refuses_bad_answers(cli: Any, answers: str, message: str) -> None:
    result = cli("selfcheck", "--answers", answers)
    assert result.exit_code == 2
    assert message in result.stderr
    assert cli("list", "--type", "selfcheck", "--format", "json").stdout.strip() == "[]"


def test_selfcheck_asks_each_question_in_the_clock_s_words(cli: Any) -> None:
    cli("clock", "add", "gambling", "--since", "2026-11-01")
    result = cli("selfcheck", input="3\n9\nsome\n2\n1\n0\n2\n")
    assert result.exit_code == 0, result.stderr
    assert "Your self-check total: 8 of 30" in result.stdout
    asked = result.stderr
    for question in questions("gambling"):
        assert question.text in asked
    assert "urge to gamble" in asked
    assert asked.count("Please answer with a number from 0 to 6.") == 2
    assert "not a diagnosis" in asked
    listed = json.loads(cli("list", "--type", "selfcheck", "--format", "json").stdout)
    assert listed[0]["answers"] == [3, 2, 1, 0, 2]


def test_a_selfcheck_entry_can_be_edited(cli: Any) -> None:
    result = cli("selfcheck", "-a", "1,1,1,1,1")
    entry_id = result.stdout.split()[0]
    edited = cli("edit", entry_id, "--note", "a calm week")
    assert edited.exit_code == 0, edited.stderr
    shown = json.loads(cli("show", entry_id, "--format", "json").stdout)
    assert (shown["note"], shown["total"]) == ("a calm week", 5)


def test_trigger_kinds_and_coping_entries_count(cli: Any) -> None:
    _log_week(cli)
    assert (
        cli("log", "trigger", "payday", "--kind", "thing", "--at", "2026-11-19 09:00").exit_code
        == 0
    )
    for day in ("17", "18", "19", "21", "22"):
        result = cli("log", "coping", "walk", "--helped", "4", "--at", f"2026-11-{day} 10:00")
        assert result.exit_code == 0, result.stderr
    data = _json(cli, "--since", "2026-11-17")
    # payday: two cravings and one trigger entry, all of kind 'thing'.
    assert data["triggers"]["top"][0] == {
        "name": "payday",
        "count": 3,
        "cravings": 2,
        "average_intensity": 6.0,
        "kind": "thing",
    }
    assert data["triggers"]["kinds"] == [{"kind": "thing", "count": 3, "average_intensity": 6.0}]
    walk = next(c for c in data["coping"] if c["technique"] == "walk")
    assert (walk["times_used"], walk["average_helped"], walk["enough_data"]) == (5, 4.0, True)
    assert data["coping"][0]["technique"] == "walk"  # enough data comes first
    out = cli("insights", "--since", "2026-11-17").stdout
    assert "kinds: thing 3" in out


def test_selfcheck_without_a_terminal_asks_for_answers(cli_without_terminal: Any) -> None:
    result = cli_without_terminal("selfcheck")
    assert result.exit_code == 2
    assert "no terminal to ask the self-check questions on" in result.stderr
    assert "--answers 2,3,1,0,2" in result.stderr
    assert "1." not in result.stderr  # no question was asked
    assert cli_without_terminal("selfcheck", "--answers", "1,1,1,1,1").exit_code == 0


def test_ctrl_c_in_the_selfcheck_saves_nothing(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    replies = iter(["3", "2"])

    def prompt(question: str, **_: Any) -> str:
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None  # at the third question

    monkeypatch.setattr(typer, "prompt", prompt)
    result = cli("selfcheck")
    assert result.exit_code == 130
    assert "Stopped. Nothing was saved." in result.stderr
    assert "3. " in result.stderr and "4. " not in result.stderr
    assert cli("list", "--type", "selfcheck", "--format", "json").stdout.strip() == "[]"


def test_a_long_period_is_drawn_by_month(cli: Any) -> None:
    for when in ("2026-01-10 18:00", "2026-03-02 18:00", "2026-03-20 18:00", "2026-11-20 18:00"):
        assert cli("log", "craving", "5", "--at", when).exit_code == 0
    long = cli("insights", "--since", "2026-01-01").stdout
    assert "  month\n" in long and "week of" not in long
    assert "Jan 2026" in long and "Nov 2026" in long
    assert "average intensity by month (0-10)" in long
    data = _json(cli, "--since", "2026-01-01")
    march = next(m for m in data["cravings"]["months"] if m["start"] == "2026-03-01")
    assert (march["count"], march["days"]) == (2, 31)
    short = cli("insights").stdout  # 90 days: week by week
    assert "week of" in short and "Jan 2026" not in short


def test_the_trend_waits_for_an_earlier_period(cli: Any) -> None:
    _log_week(cli)  # the first entry is on 30 Oct, the clock starts on 1 Nov
    data = _json(cli, "--since", "2026-11-17")
    assert data["cravings"]["comparable"] is True
    assert data["cravings"]["tracked_since"] == "2026-10-30"
    early = _json(cli, "--since", "2026-10-30", "--until", "2026-11-05")
    assert early["cravings"]["comparable"] is False
    said = [o["text"] for o in early["observations"]]
    assert "There is no earlier period to compare with yet." in said
