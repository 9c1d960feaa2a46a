"""Ties, orders and boundaries that a wrong comparison would change without any other
test noticing: a restart at or before its lapse, the busiest time when two are level,
the HALT state named on a tie, and the order of the coping toolkit."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, ok

MONDAY, WEDNESDAY = "2026-11-16", "2026-11-18"


def _observations(cli: Cli) -> list[str]:
    return [o["text"] for o in as_json(ok(cli, "insights", "-f", "json"))["observations"]]


def _report_when(cli: Cli) -> tuple[str | None, str | None]:
    report = as_json(ok(cli, "report", "--period", "month", "-f", "json"))
    cravings = report["cravings"]
    return cravings["busiest_weekday"], cravings["busiest_part_of_day"]


# --- a restart at or before its lapse -----------------------------------------------


@pytest.mark.parametrize("restart", ["08:00", "20:00"])
def test_a_restart_at_or_before_the_lapse_itself_is_refused(
    cli: Cli, alcohol: str, home: Path, restart: str
) -> None:
    journal = (home / "journal.toml").read_bytes()
    result = fails(cli, 2, "log", "lapse", "--at", "2026-11-10 20:00", "--restart", restart)
    assert "the new run must start after the lapse" in result.stderr
    assert (home / "journal.toml").read_bytes() == journal


def test_a_restart_one_minute_after_the_lapse_is_its_own_moment(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "--at", "2026-11-10 20:00", "--restart", "20:01")
    (lapse,) = [e for e in as_json(ok(cli, "list", "--all", "-f", "json")) if e["type"] == "lapse"]
    assert lapse["restart"] == "2026-11-10"
    (clock,) = as_json(ok(cli, "status", "-f", "json"))["clocks"]
    assert clock["current_run_start_at"].startswith("2026-11-10T20:01")


@pytest.mark.parametrize("edited", ["19:00", "20:00"])
def test_a_hand_edited_restart_not_after_its_lapse_starts_the_run_the_next_day(
    cli: Cli, alcohol: str, home: Path, edited: str
) -> None:
    """A restart moment that does not come after the lapse (a hand edit) is not trusted:
    the next run starts the day after the lapse, as with no restart given."""
    ok(cli, "log", "lapse", "--at", "2026-11-10 20:00", "--restart", "21:00")
    journal = home / "journal.toml"
    text = journal.read_text()
    assert "restart = 2026-11-10 21:00:00" in text
    journal.write_text(
        text.replace("restart = 2026-11-10 21:00:00", f"restart = 2026-11-10 {edited}:00")
    )
    (clock,) = as_json(ok(cli, "status", "-f", "json"))["clocks"]
    assert clock["current_run_start"] == "2026-11-11"
    assert clock["current_run_start_at"] is None


# --- the busiest time ---------------------------------------------------------------


def test_two_weekdays_level_give_no_busiest_day_and_one_more_craving_does(
    cli: Cli, alcohol: str
) -> None:
    for day in (MONDAY, MONDAY, WEDNESDAY, WEDNESDAY):
        ok(cli, "log", "craving", "5", "--at", f"{day} 09:00")
    assert not any("had the most cravings" in o for o in _observations(cli))
    assert not any("busiest time" in o for o in _observations(cli))
    assert _report_when(cli) == (None, "morning")

    ok(cli, "log", "craving", "5", "--at", f"{WEDNESDAY} 21:00")
    said = _observations(cli)
    assert "Wednesdays had the most cravings: 3 of 5." in said
    assert not any("busiest time" in o for o in said)  # Mon and Wed mornings still level
    assert _report_when(cli) == ("Wednesday", "morning")


def test_the_busiest_time_needs_one_clear_cell(cli: Cli, alcohol: str) -> None:
    for at in (f"{MONDAY} 09:00", f"{MONDAY} 10:00", f"{WEDNESDAY} 21:00"):
        ok(cli, "log", "craving", "5", "--at", at)
    said = _observations(cli)
    assert "The busiest time was Monday mornings (08:00–12:00): 2 of 3 cravings." in said
    assert "Mondays had the most cravings: 2 of 3." in said


# --- HALT on a tie --------------------------------------------------------------------


def test_halt_names_the_earlier_state_in_halt_order_on_a_tie(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "craving", "5", "--at", f"{MONDAY} 09:00", "--halt", "tired")
    ok(cli, "log", "craving", "5", "--at", f"{MONDAY} 10:00", "--halt", "hungry")
    ok(cli, "log", "craving", "5", "--at", f"{MONDAY} 11:00")
    assert "Hungry was part of 1 of 3 cravings." in _observations(cli)

    ok(cli, "log", "craving", "5", "--at", f"{MONDAY} 12:00", "--halt", "tired")
    said = _observations(cli)
    assert "Tired was part of 2 of 4 cravings." in said
    assert not any(o.startswith("Hungry was part") for o in said)


# --- the coping toolkit's order --------------------------------------------------------


def test_coping_list_is_most_used_first_then_by_name_whatever_the_case(
    cli: Cli, alcohol: str
) -> None:
    for name in ("Zen app", "walk", "Call sponsor", "breathing", "apple"):
        ok(cli, "coping", "add", name)
    for technique in ("walk", "walk", "Call sponsor", "breathing"):
        ok(cli, "log", "coping", technique, "--at", f"{MONDAY} 09:00")
    names = [t["name"] for t in as_json(ok(cli, "coping", "list", "-f", "json"))]
    # Uses first; level ones, and the unused, alphabetically with case ignored.
    assert names == ["walk", "breathing", "Call sponsor", "apple", "Zen app"]
