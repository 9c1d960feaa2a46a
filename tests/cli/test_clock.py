"""recoverylog clock add / list / show / edit / rename / remove."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, files_under, ok, run_without_terminal


def _clock(cli: Cli, name: str) -> dict:
    return as_json(ok(cli, "clock", "show", name, "--format", "json"))


def _journal(home: Path) -> dict:
    return tomllib.loads((home / "journal.toml").read_text(encoding="utf-8"))


# --- add -------------------------------------------------------------------------


def test_add_with_every_option(cli: Cli, home: Path) -> None:
    result = ok(
        cli,
        "clock",
        "add",
        "alcohol",
        "--since",
        "2026-11-01",
        "--cost-per-day",
        "12.5",
        "--hours-per-day",
        "2",
        "--scheme",
        "na",
    )

    # 2026-11-01 to the fixed today, 2026-11-23: 22 days.
    assert result.stdout == "Added alcohol: clean since 2026-11-01 (22 days).\n"
    clock = _clock(cli, "alcohol")
    assert clock["clean_since"] == "2026-11-01"
    assert clock["days"] == 22
    assert clock["cost_per_day"] == 12.5
    assert clock["hours_per_day"] == 2.0
    assert clock["scheme"] == "na"
    assert clock["money_saved"] == 22 * 12.5
    stored = _journal(home)["clocks"][0]
    assert (stored["name"], str(stored["clean_since"])) == ("alcohol", "2026-11-01")


def test_add_without_since_starts_today(cli: Cli) -> None:
    ok(cli, "clock", "add", "gambling")
    clock = _clock(cli, "gambling")
    assert (clock["clean_since"], clock["days"]) == ("2026-11-23", 0)


@pytest.mark.parametrize(
    ("since", "expected"),
    [("3 days ago", "2026-11-20"), ("yesterday", "2026-11-22"), ("monday", "2026-11-16")],
)
def test_add_understands_relative_start_days(cli: Cli, since: str, expected: str) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", since)
    assert _clock(cli, "alcohol")["clean_since"] == expected


def test_a_future_start_date_is_a_plan_not_a_count(cli: Cli) -> None:
    result = ok(cli, "clock", "add", "nicotine", "--since", "2026-12-01")
    assert "start date is 2026-12-01" in result.stdout
    clock = _clock(cli, "nicotine")
    assert clock["started"] is False
    assert clock["starts_in_days"] == 8


@pytest.mark.parametrize("name", ["alcohol", "Alcohol", "benzos"])
def test_the_withdrawal_note_is_shown_once_on_stderr_for_risky_substances(
    cli: Cli, name: str
) -> None:
    result = ok(cli, "clock", "add", name, "--since", "2026-11-01")

    assert result.stderr.count("talk to a doctor") == 1
    assert "doctor" not in result.stdout
    # Only when the clock is created: not on later commands.
    for args in (("clock", "list"), ("status",), ("log", "craving", "3")):
        assert "doctor" not in ok(cli, *args).stderr


@pytest.mark.parametrize("name", ["nicotine", "gambling", "cannabis"])
def test_no_withdrawal_note_for_other_clocks(cli: Cli, name: str) -> None:
    result = ok(cli, "clock", "add", name, "--since", "2026-11-01")
    assert "doctor" not in result.stderr + result.stdout


def test_add_a_name_twice_is_refused_whatever_the_case(cli: Cli, home: Path) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-01")
    before = files_under(home)
    result = fails(cli, 2, "clock", "add", "ALCOHOL", "--since", "2026-10-01")
    assert "already exists" in result.stderr
    assert files_under(home) == before


@pytest.mark.parametrize(
    "args",
    [
        ("",),
        ("   ",),
        ("alcohol", "--since", "the day after the party"),
        ("alcohol", "--since", "2026-02-30"),
        ("alcohol", "--cost-per-day", "-3"),
        ("alcohol", "--hours-per-day", "25"),
        ("alcohol", "--scheme", "no-such-scheme"),
    ],
    ids=["empty", "blank", "unparseable", "not-a-date", "cost", "hours", "scheme"],
)
def test_add_refuses_bad_input_and_writes_nothing(cli: Cli, home: Path, args: tuple) -> None:
    fails(cli, 2, "clock", "add", *args)
    assert not (home / "journal.toml").exists()


# --- list ------------------------------------------------------------------------


def test_list_in_every_format(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-20")

    plain = ok(cli, "clock", "list", "--format", "plain").stdout.splitlines()
    assert plain[0].split()[:2] == ["Clock", "Clean"]
    assert plain[1].split()[:3] == ["alcohol", "2026-10-01", "53"]
    assert plain[2].split()[:3] == ["nicotine", "2026-11-20", "3"]

    table = ok(cli, "clock", "list", "--format", "table").stdout
    assert "alcohol" in table and "nicotine" in table

    rows = as_json(ok(cli, "clock", "list", "--format", "json"))
    assert [(r["name"], r["clean_since"], r["days"]) for r in rows] == [
        ("alcohol", "2026-10-01", 53),
        ("nicotine", "2026-11-20", 3),
    ]

    parsed = list(csv.DictReader(io.StringIO(ok(cli, "clock", "list", "-f", "csv").stdout)))
    assert [(r["name"], r["days"]) for r in parsed] == [("alcohol", "53"), ("nicotine", "3")]
    # A nested value is a JSON cell a script can read back.
    assert json.loads(parsed[0]["next_milestone"])["label"] == "60 days"


def test_list_with_no_clocks_says_how_to_start(cli: Cli) -> None:
    result = ok(cli, "clock", "list")
    assert result.stdout == ""
    assert "clock add" in result.stderr
    assert as_json(ok(cli, "clock", "list", "--format", "json")) == []


# --- show ------------------------------------------------------------------------


def test_show_one_clock_with_runs_and_lapses(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00", "--trigger", "wedding")

    detail = _clock(cli, "alcohol")
    assert [(r["start"], r["end"], r["days"]) for r in detail["runs"]] == [
        ("2026-10-01", "2026-11-10", 40),
        ("2026-11-11", None, 12),
    ]
    assert detail["lapse_history"][0]["triggers"] == ["wedding"]
    assert detail["lapse_history"][0]["at"].startswith("2026-11-10T21:00:00")

    text = ok(cli, "clock", "show", "alcohol", "--format", "plain").stdout
    assert "12 days clean" in text
    assert "52 days clean in total" in text
    assert "longest run 40 days" in text
    assert "Runs" in text and "Lapses" in text


def test_show_a_run_that_starts_tomorrow_is_not_running_to_now(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-23 10:00")  # today: next run from the 24th
    runs = _runs_shown(cli)
    assert runs == ["  2026-10-01 to 2026-11-23  53 days", "  2026-11-24  starts tomorrow"]
    assert _clock(cli, "alcohol")["runs"][-1]["starts_in_days"] == 1


def test_show_a_run_that_starts_later_names_its_day(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-22 10:00", "--restart", "2026-11-27")
    assert _runs_shown(cli)[-1] == "  2026-11-27  starts Fri 27 Nov 2026"


def test_show_a_planned_start(cli: Cli) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-12-01")
    assert _runs_shown(cli) == ["  2026-12-01  starts Tue 1 Dec 2026"]


def _runs_shown(cli: Cli) -> list[str]:
    lines = ok(cli, "clock", "show", "--format", "plain").stdout.splitlines()
    start = lines.index("Runs") + 1
    end = lines.index("Lapses") if "Lapses" in lines else len(lines)
    return lines[start:end]


def test_show_without_a_name_uses_the_only_clock(cli: Cli, alcohol: str) -> None:
    assert as_json(ok(cli, "clock", "show", "-f", "json"))["name"] == "alcohol"


def test_show_without_a_name_and_two_clocks_asks_which(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine")
    result = fails(cli, 2, "clock", "show")
    assert "alcohol" in result.stderr and "nicotine" in result.stderr


def test_show_csv_is_refused(cli: Cli, alcohol: str) -> None:
    fails(cli, 2, "clock", "show", "alcohol", "--format", "csv")


def test_an_unknown_clock_suggests_the_closest_name(cli: Cli, alcohol: str) -> None:
    result = fails(cli, 3, "clock", "show", "alcohl")
    assert "no clock named 'alcohl'" in result.stderr
    assert "Hint: did you mean 'alcohol'?" in result.stderr


# --- edit ------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "edit", "alcohol", "--since", "2026-09-01", "--hours-per-day", "3")
    clock = _clock(cli, "alcohol")
    assert (clock["clean_since"], clock["hours_per_day"], clock["cost_per_day"]) == (
        "2026-09-01",
        3.0,
        10.0,
    )

    ok(cli, "clock", "edit", "alcohol", "--cost-per-day", "15", "--scheme", "common")
    clock = _clock(cli, "alcohol")
    assert (clock["cost_per_day"], clock["scheme"], clock["clean_since"]) == (
        15.0,
        "common",
        "2026-09-01",
    )


def test_keep_date_counts_milestones_from_the_original_start(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00")
    assert _clock(cli, "alcohol")["days"] == 12

    ok(cli, "clock", "edit", "alcohol", "--keep-date")
    clock = _clock(cli, "alcohol")
    assert (clock["reset_on_lapse"], clock["days"]) == (False, 53)

    ok(cli, "clock", "edit", "alcohol", "--reset-on-lapse")
    assert _clock(cli, "alcohol")["days"] == 12


def test_edit_refuses_bad_input(cli: Cli, alcohol: str, home: Path) -> None:
    before = (home / "journal.toml").read_bytes()
    fails(cli, 3, "clock", "edit", "nicotine", "--cost-per-day", "3")
    fails(cli, 2, "clock", "edit", "alcohol", "--scheme", "nonsense")
    fails(cli, 2, "clock", "edit", "alcohol", "--since", "soon-ish")
    assert (home / "journal.toml").read_bytes() == before


# --- rename ----------------------------------------------------------------------


def test_rename_keeps_history_and_entries_attached(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "craving", "5", "--clock", "alcohol")
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00")

    assert ok(cli, "clock", "rename", "alcohol", "drinking").stdout == "Renamed to drinking.\n"

    clock = _clock(cli, "drinking")
    assert (clock["clean_since"], clock["lapses"]) == ("2026-10-01", 1)
    listed = as_json(ok(cli, "list", "--format", "json"))
    assert [(x["type"], x["clock"]) for x in listed] == [
        ("craving", "drinking"),
        ("lapse", "drinking"),
    ]
    fails(cli, 3, "clock", "show", "alcohol")


def test_rename_to_an_existing_name_or_an_unknown_clock_is_refused(
    cli: Cli, alcohol: str, home: Path
) -> None:
    ok(cli, "clock", "add", "nicotine")
    before = files_under(home)
    fails(cli, 2, "clock", "rename", "alcohol", "Nicotine")
    fails(cli, 2, "clock", "rename", "alcohol", "  ")
    fails(cli, 3, "clock", "rename", "cocaine", "coke")
    after = files_under(home)
    # A refused rename may leave a backup behind, but the journal is untouched.
    assert after["journal.toml"] == before["journal.toml"]


# --- remove ----------------------------------------------------------------------


def test_remove_without_yes_and_no_terminal_refuses(cli: Cli, alcohol: str, home: Path) -> None:
    before = files_under(home)

    result = run_without_terminal("clock", "remove", "alcohol")

    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "--yes" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_under(home) == before


def test_remove_with_yes_removes_the_clock_and_keeps_entries(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "craving", "5")
    ok(cli, "clock", "add", "nicotine")

    result = ok(cli, "clock", "remove", "alcohol", "--yes")

    assert "Removed alcohol" in result.stdout
    assert [c["name"] for c in as_json(ok(cli, "clock", "list", "-f", "json"))] == ["nicotine"]
    assert len(as_json(ok(cli, "list", "-f", "json"))) == 1


def test_remove_asks_and_a_no_keeps_the_clock(cli: Cli, alcohol: str, home: Path) -> None:
    before = files_under(home)
    result = ok(cli, "clock", "remove", "alcohol", input="n\n")
    assert "Remove the clock 'alcohol'" in result.stdout
    assert files_under(home) == before

    ok(cli, "clock", "remove", "alcohol", input="y\n")
    assert as_json(ok(cli, "clock", "list", "-f", "json")) == []


def test_remove_stopped_at_the_prompt_changes_nothing(cli: Cli, alcohol: str, home: Path) -> None:
    """End of input (Ctrl-D) at the question is a calm stop, not an unexpected error."""
    before = files_under(home)
    result = cli("clock", "remove", "alcohol", input="")
    assert result.exit_code == 130, (result.stdout, result.stderr)
    assert "Stopped. Nothing more was saved." in result.stderr
    assert "unexpected" not in result.stderr
    assert files_under(home) == before


def test_remove_an_unknown_clock(cli: Cli, alcohol: str) -> None:
    result = fails(cli, 3, "clock", "remove", "alcohl", "--yes")
    assert "did you mean 'alcohol'" in result.stderr


def test_a_clock_one_day_old_reads_in_the_singular(cli: Cli) -> None:
    result = ok(cli, "clock", "add", "nicotine", "--since", "yesterday")
    assert result.stdout == "Added nicotine: clean since 2026-11-22 (1 day).\n"
