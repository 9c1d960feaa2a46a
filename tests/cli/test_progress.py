"""recoverylog status / milestones / coping, and milestones celebrated once."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, files_under, ok

# --- status ----------------------------------------------------------------------


def test_status_json_shape_and_numbers(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-20")
    ok(cli, "log", "craving", "6", "--outcome", "passed", "--at", "2026-11-20 10:00")
    ok(cli, "log", "craving", "8", "--outcome", "used", "--at", "2026-11-22 10:00")
    ok(cli, "log", "craving", "9", "--at", "2026-11-16 23:59")  # before the last 7 days
    ok(cli, "log", "meeting", "Big book", "--at", "2026-11-18 19:00")

    data = as_json(ok(cli, "status", "--format", "json"))

    alcohol_clock, nicotine = data["clocks"]
    for clock in data["clocks"]:
        assert {
            "name",
            "clean_since",
            "days",
            "longest_run_days",
            "total_clean_days",
            "lapses",
            "money_saved",
            "next_milestone",
        } <= set(clock)
    # 2026-10-01 to 2026-11-23 is 53 days; at 10 a day that is 530 not spent.
    assert alcohol_clock["name"] == "alcohol"
    assert alcohol_clock["clean_since"] == "2026-10-01"
    assert (alcohol_clock["days"], alcohol_clock["total_clean_days"]) == (53, 53)
    assert (alcohol_clock["longest_run_days"], alcohol_clock["lapses"]) == (53, 0)
    assert alcohol_clock["money_saved"] == 530.0
    # The extended scheme: 24 hours, 1 and 2 weeks, 30 days, then 60 days on Nov 30.
    assert alcohol_clock["next_milestone"]["label"] == "60 days"
    assert alcohol_clock["next_milestone"]["date"] == "2026-11-30"
    assert alcohol_clock["next_milestone"]["days_left"] == 7
    assert (nicotine["days"], nicotine["money_saved"]) == (3, None)
    assert nicotine["next_milestone"]["label"] == "1 week"
    assert nicotine["next_milestone"]["date"] == "2026-11-27"

    week = data["last_7_days"]
    assert week["since"] == "2026-11-17"
    assert (week["cravings"], week["cravings_passed"], week["meetings"]) == (2, 1, 1)
    assert week["average_intensity"] == 7.0
    assert week["lapses"] == 0


def test_status_after_a_lapse_leads_with_totals(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-20 22:00")

    (clock,) = as_json(ok(cli, "status", "-f", "json"))["clocks"]
    # Oct 1 - Nov 20 is a 50-day run; the new run starts Nov 21: 2 days by Nov 23.
    assert (clock["days"], clock["longest_run_days"], clock["total_clean_days"]) == (2, 50, 52)
    assert clock["lapses"] == 1
    assert as_json(ok(cli, "status", "-f", "json"))["last_7_days"]["lapses"] == 1

    text = ok(cli, "status", "--format", "plain").stdout
    assert "2 days clean" in text
    assert "52 days clean in total" in text
    assert "longest run 50 days" in text
    assert "back to zero" not in text.lower()


def test_status_plain_and_table(cli: Cli, alcohol: str) -> None:
    plain = ok(cli, "status", "--format", "plain").stdout
    assert plain.startswith("alcohol  53 days clean  since Thu 1 Oct 2026")
    assert "$530.00 not spent" in plain
    assert "next: 60 days on Mon 30 Nov 2026 (7 days to go)" in plain
    assert "Last 7 days" in plain
    table = ok(cli, "status", "--format", "table").stdout
    assert "53 days clean" in table


def test_status_with_no_clocks_shows_how_to_start(cli: Cli) -> None:
    assert "clock add" in ok(cli, "status").stdout
    assert as_json(ok(cli, "status", "-f", "json"))["clocks"] == []


def test_status_refuses_csv(cli: Cli, alcohol: str) -> None:
    fails(cli, 2, "status", "--format", "csv")


def test_status_currency_follows_the_config(cli: Cli, alcohol: str) -> None:
    ok(cli, "config", "set", "currency", "€")
    assert "€530.00 not spent" in ok(cli, "status", "-f", "plain").stdout


# --- milestones ------------------------------------------------------------------


def test_milestones_json_shape_and_dates(cli: Cli, alcohol: str) -> None:
    data = as_json(ok(cli, "milestones", "--format", "json"))

    (clock,) = data
    assert {"clock", "clean_since", "days", "achieved", "upcoming"} <= set(clock)
    assert (clock["clock"], clock["clean_since"], clock["days"]) == ("alcohol", "2026-10-01", 53)
    achieved = [(m["label"], m["date"]) for m in clock["achieved"]]
    assert achieved == [
        ("24 hours", "2026-10-02"),
        ("1 week", "2026-10-08"),
        ("2 weeks", "2026-10-15"),
        ("30 days", "2026-10-31"),
    ]
    upcoming = [(m["label"], m["date"], m["days_left"]) for m in clock["upcoming"]]
    assert upcoming == [
        ("60 days", "2026-11-30", 7),
        ("90 days", "2026-12-30", 37),
        ("100 days", "2027-01-09", 47),
    ]


def test_milestones_for_one_clock_with_more_upcoming(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-20")

    both = as_json(ok(cli, "milestones", "-f", "json"))
    assert [c["clock"] for c in both] == ["alcohol", "nicotine"]

    (clock,) = as_json(ok(cli, "milestones", "alcohol", "--upcoming", "5", "-f", "json"))
    assert [m["label"] for m in clock["upcoming"]] == [
        "60 days",
        "90 days",
        "100 days",
        "6 months",
        "9 months",
    ]
    # Calendar months: six months after Oct 1 is Apr 1.
    assert clock["upcoming"][3]["date"] == "2027-04-01"
    (none,) = as_json(ok(cli, "milestones", "nicotine", "--upcoming", "0", "-f", "json"))
    assert none["upcoming"] == []


def test_milestones_na_keytags(cli: Cli) -> None:
    ok(cli, "clock", "add", "cocaine", "--since", "2026-10-01", "--scheme", "na")
    (clock,) = as_json(ok(cli, "milestones", "-f", "json"))
    assert [(m["label"], m.get("keytag")) for m in clock["achieved"]] == [
        ("Welcome", "white"),
        ("30 days", "orange"),
    ]
    assert "(orange keytag)" in ok(cli, "milestones", "-f", "plain").stdout


def test_milestones_plain(cli: Cli, alcohol: str) -> None:
    lines = ok(cli, "milestones", "--format", "plain").stdout.splitlines()
    assert lines[0] == "alcohol  53 days · counting from Thu 1 Oct 2026"
    assert lines[1].split() == ["*", "24", "hours", "Fri", "2", "Oct", "2026"]
    assert "  - 60 days  Mon 30 Nov 2026, in 7 days" in lines


@pytest.mark.parametrize(
    ("code", "args"),
    [(3, ("alcohl",)), (2, ("--upcoming", "-1")), (2, ("--upcoming", "many"))],
)
def test_milestones_errors(cli: Cli, alcohol: str, code: int, args: tuple) -> None:
    result = fails(cli, code, "milestones", *args)
    if code == 3:
        assert "did you mean 'alcohol'" in result.stderr


# --- celebrations ----------------------------------------------------------------


def test_a_milestone_reached_since_the_last_command_is_celebrated_once(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-17")
    # 24 hours (Nov 18) was behind the person when the clock was added: not news.
    assert "Milestone" not in ok(cli, "status").stderr

    # One week after Nov 17 is Tuesday Nov 24.
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T09:00:00+00:00")
    first = ok(cli, "log", "craving", "3")
    assert first.stderr.count("Milestone:") == 1
    assert "1 week without alcohol, reached Tue 24 Nov 2026" in first.stderr
    assert "Milestone" not in first.stdout
    assert "!" not in first.stderr

    again = ok(cli, "status")
    assert "Milestone" not in again.stderr + again.stdout

    # The next one is shown when its day comes, once.
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-01T09:00:00+00:00")
    assert ok(cli, "list").stderr.count("2 weeks without alcohol") == 1
    assert "Milestone" not in ok(cli, "list").stderr


def test_settings_commands_do_not_celebrate_or_use_up_a_celebration(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-17")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T09:00:00+00:00")

    assert "Milestone" not in ok(cli, "config", "show").stderr
    assert "1 week without alcohol" in ok(cli, "milestones").stderr


def test_a_skipped_stretch_celebrates_only_the_latest_milestone(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-17")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-20T09:00:00+00:00")
    stderr = ok(cli, "status").stderr
    assert stderr.count("Milestone:") == 1
    assert "30 days without alcohol, reached Thu 17 Dec 2026" in stderr


# --- coping toolkit --------------------------------------------------------------


def test_coping_add_and_list(cli: Cli, alcohol: str) -> None:
    added = ok(cli, "coping", "add", "urge surfing", "--description", "ride the wave")
    assert "urge surfing" in added.stdout
    ok(cli, "coping", "add", "call sponsor")
    craving = ok(cli, "log", "craving", "7", "--coping", "urge surfing", "--outcome", "passed")
    ok(
        cli,
        "log",
        "coping",
        "urge surfing",
        "--helped",
        "4",
        "--craving",
        craving.stdout.split()[0],
    )
    ok(cli, "log", "craving", "5", "--coping", "Urge Surfing", "--outcome", "used")

    items = {t["name"]: t for t in as_json(ok(cli, "coping", "list", "--format", "json"))}
    assert set(items) == {"urge surfing", "call sponsor"}
    surfing = items["urge surfing"]
    assert surfing["description"] == "ride the wave"
    assert (surfing["cravings_with_outcome"], surfing["cravings_passed"]) == (2, 1)
    assert surfing["average_helped"] == 4
    assert items["call sponsor"]["times_used"] == 0

    plain = ok(cli, "coping", "list", "--format", "plain").stdout.splitlines()
    assert plain[0].split()[:2] == ["Technique", "Used"]
    assert any(line.startswith("urge surfing") and "1 of 2" in line for line in plain)

    rows = list(csv.DictReader(io.StringIO(ok(cli, "coping", "list", "-f", "csv").stdout)))
    assert {r["name"] for r in rows} == {"urge surfing", "call sponsor"}


def test_coping_add_a_description_to_an_existing_technique(cli: Cli) -> None:
    ok(cli, "coping", "add", "breathing")
    fails(cli, 2, "coping", "add", "Breathing")
    ok(cli, "coping", "add", "Breathing", "-d", "four in, six out")
    (item,) = as_json(ok(cli, "coping", "list", "-f", "json"))
    assert (item["name"], item["description"]) == ("breathing", "four in, six out")


def test_coping_add_an_empty_name_is_refused(cli: Cli, home: Path) -> None:
    before = files_under(home)
    fails(cli, 2, "coping", "add", "  ")
    assert files_under(home) == before


def test_an_empty_toolkit_says_how_to_add(cli: Cli) -> None:
    result = ok(cli, "coping", "list")
    assert result.stdout == "" and "coping add" in result.stderr


def test_milestones_on_the_day_of_a_lapse_say_when_the_new_run_starts(
    cli: Cli, alcohol: str
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-23 10:00")
    lines = ok(cli, "milestones", "--format", "plain").stdout.splitlines()
    # Oct 1 - Nov 23 is a 53-day run, and it still counts; the next starts on Nov 24.
    assert lines[:2] == [
        "alcohol  a new run starts Tue 24 Nov 2026",
        "  53 clean days in total since Thu 1 Oct 2026 · longest run 53 days",
    ]
    assert "counting from" not in lines[0] and "0 days" not in lines[0]
    (clock,) = as_json(ok(cli, "milestones", "--format", "json"))
    assert (clock["current_run_started"], clock["total_clean_days"]) == (False, 53)


def test_milestones_after_a_lapse_show_total_clean_days_beside_the_run(
    cli: Cli, alcohol: str
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-20 22:00")
    lines = ok(cli, "milestones", "--format", "plain").stdout.splitlines()
    # Oct 1 - Nov 20 is a 50-day run; the new run (from Nov 21) adds 2: 52 in total.
    assert lines[:3] == [
        "alcohol  2 days · counting from Sat 21 Nov 2026",
        "  52 clean days in total since Thu 1 Oct 2026 · longest run 50 days",
        "  * 24 hours  Sun 22 Nov 2026",
    ]
    # What the earlier run reached is still there, as on the printed summary.
    earlier = lines[lines.index("  Reached in earlier runs, and still yours") :]
    assert earlier == [
        "  Reached in earlier runs, and still yours",
        "    Thu 1 Oct 2026 to Fri 20 Nov 2026: 50 clean days",
        "    * 24 hours  Fri 2 Oct 2026",
        "    * 1 week  Thu 8 Oct 2026",
        "    * 2 weeks  Thu 15 Oct 2026",
        "    * 30 days  Sat 31 Oct 2026",
    ]
    table = ok(cli, "milestones", "--format", "table").stdout
    assert "✓ 30 days  Sat 31 Oct 2026" in table and "longest run 50 days" in table
    (clock,) = as_json(ok(cli, "milestones", "--format", "json"))
    assert (clock["longest_run_days"], clock["earlier_runs"][0]["days"]) == (50, 50)


def test_milestones_without_a_lapse_need_no_totals(cli: Cli, alcohol: str) -> None:
    lines = ok(cli, "milestones", "--format", "plain").stdout.splitlines()
    assert lines[:2] == [
        "alcohol  53 days · counting from Thu 1 Oct 2026",
        "  * 24 hours  Fri 2 Oct 2026",
    ]
    assert not any("earlier runs" in line or "in total" in line for line in lines)


def test_status_of_a_keep_date_clock_says_why_its_days_outnumber_the_clean_ones(
    cli: Cli, alcohol: str
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00")
    ok(cli, "clock", "edit", "alcohol", "--keep-date")
    lines = ok(cli, "status", "--format", "plain").stdout.splitlines()
    # 53 days since Oct 1, and the lapse day was not clean: 52 clean days.
    assert lines[0] == "alcohol  53 days since you began on Thu 1 Oct 2026 (52 of them clean)"
    assert lines[1].startswith("  52 days clean in total · longest run 40 days")
    assert "53 days clean" not in "\n".join(lines)
    lines = ok(cli, "milestones", "--format", "plain").stdout.splitlines()
    assert lines[:2] == [
        "alcohol  53 days · counting from Thu 1 Oct 2026",
        "  52 clean days in total since Thu 1 Oct 2026 · longest run 40 days",
    ]
