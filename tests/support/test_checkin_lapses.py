"""The check-in follows the journal: on a day with a recorded lapse, 'clean today?'
starts from 'lapse', '--clean yes' is refused, and the sponsor report never counts
such a day clean.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from support_helpers import ok


def checkins(cli: Any) -> list[dict[str, Any]]:
    return json.loads(ok(cli, "list", "--type", "checkin", "--format", "json").stdout)


def lapse_id(cli: Any, *args: str) -> str:
    return str(ok(cli, "log", "lapse", *args).stdout.split()[0])


@pytest.fixture
def alcohol(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")


ENTER_FOR_THE_REST = "\n" * 12


def test_on_a_lapse_day_the_question_starts_from_lapse(cli: Any, alcohol: None) -> None:
    lapse_id(cli, "alcohol", "--at", "today 13:00")
    result = ok(cli, "checkin", input=ENTER_FOR_THE_REST)
    assert (
        "You recorded a lapse on Mon 23 Nov 2026 for alcohol; the answer below starts from that."
        in result.stderr
    )
    assert "Clean today from alcohol? (yes / lapse) [lapse]" in result.stderr
    (entry,) = checkins(cli)
    assert (entry["clean"], entry["lapsed"]) == (False, ["alcohol"])
    assert "does not show a lapse" not in result.stderr


def test_answering_yes_on_a_lapse_day_is_asked_again(cli: Any, alcohol: None) -> None:
    short = lapse_id(cli, "alcohol", "--at", "today 13:00")
    result = ok(cli, "checkin", input="yes\n" + ENTER_FOR_THE_REST)
    assert "a lapse for alcohol is recorded on Mon 23 Nov 2026, so the answer is lapse" in (
        result.stderr
    )
    assert f"'recoverylog delete {short}' removes it" in result.stderr
    assert result.stderr.count("Clean today from alcohol?") == 2
    (entry,) = checkins(cli)
    assert entry["clean"] is False


def test_other_days_and_other_clocks_still_start_from_yes(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    lapse_id(cli, "nicotine", "--at", "yesterday 13:00")
    today = ok(cli, "checkin", input=ENTER_FOR_THE_REST)
    assert "You recorded a lapse" not in today.stderr
    assert "Clean today from nicotine? (yes / lapse) [yes]" in today.stderr
    yesterday = ok(cli, "checkin", "--day", "yesterday", input=ENTER_FOR_THE_REST)
    assert "Clean that day from alcohol? (yes / lapse) [yes]" in yesterday.stderr
    assert "Clean that day from nicotine? (yes / lapse) [lapse]" in yesterday.stderr


@pytest.mark.parametrize(
    "clean", [("--clean", "yes"), ("--clean", "alcohol=yes", "--clean", "nicotine=yes")]
)
def test_clean_yes_on_a_lapse_day_is_refused(
    cli: Any, alcohol: None, clean: tuple[str, ...]
) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    short = lapse_id(cli, "alcohol", "--at", "yesterday 21:00")
    result = cli("checkin", "--day", "yesterday", *clean)
    assert result.exit_code == 2
    assert (
        "Error: a lapse for alcohol is recorded on Sun 22 Nov 2026, "
        "so this check-in cannot say clean from alcohol"
    ) in result.stderr
    assert f"recoverylog delete {short}" in result.stderr
    assert checkins(cli) == []
    ok(cli, "checkin", "--day", "yesterday", "--clean", "alcohol=lapse", "--clean", "nicotine=yes")
    ok(cli, "checkin", "--clean", "yes")  # today has no lapse


def test_the_report_never_counts_a_lapse_day_clean(cli: Any, alcohol: None) -> None:
    # Saturday's check-in said clean; the lapse that evening was recorded afterwards.
    ok(cli, "checkin", "--day", "2026-11-21", "--clean", "yes")
    ok(cli, "checkin", "--day", "yesterday", "--clean", "yes")
    lapse_id(cli, "alcohol", "--at", "2026-11-21 23:00")
    ok(cli, "checkin", "--day", "2026-11-21", "--mood", "2")  # editing keeps its answer
    report = json.loads(ok(cli, "report", "-f", "json").stdout)["checkins"]
    assert (report["count"], report["clean"], report["not_clean"]) == (2, 1, 1)
    assert "2 daily check-ins: clean on 1, not clean on 1." in ok(cli, "report").stdout


def test_a_lapse_on_one_clock_leaves_another_clock_s_checkin_clean(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    ok(cli, "checkin", "--day", "yesterday", "--clock", "alcohol", "--clean", "yes")
    ok(cli, "checkin", "--day", "yesterday", "--clock", "nicotine", "--clean", "yes")
    lapse_id(cli, "nicotine", "--at", "yesterday 21:00")
    report = json.loads(ok(cli, "report", "-f", "json").stdout)["checkins"]
    assert (report["count"], report["clean"], report["not_clean"]) == (2, 1, 1)
