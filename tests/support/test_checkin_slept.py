"""`checkin --slept HOURS`: checked, kept, shown, asked when the setting says so, and
carried through export and import.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok


def checkins(cli: Any) -> list[dict[str, Any]]:
    return json.loads(ok(cli, "list", "--type", "checkin", "--format", "json").stdout)


@pytest.mark.parametrize("hours", ["-1", "25", "6.3", "lots", "nan", "inf"])
def test_hours_slept_out_of_range_or_not_a_number_are_refused_with_a_hint(
    cli: Any, hours: str
) -> None:
    result = cli("checkin", "--mood", "3", f"--slept={hours}")
    assert result.exit_code == 2, result.stderr
    assert "Error:" in result.stderr
    assert "0 to 24" in result.stderr  # the message or its hint
    assert "e.g. --slept 6.5" in result.stderr
    assert checkins(cli) == []


def test_hours_slept_are_kept_shown_and_kept_when_checking_in_again(cli: Any) -> None:
    ok(cli, "checkin", "--mood", "3", "--slept", "6.5")
    (entry,) = checkins(cli)
    assert entry["slept"] == 6.5
    assert "mood 3/5 · slept 6.5 hours" in ok(cli, "list", "--type", "checkin").stdout
    ok(cli, "checkin", "--difficulty", "hard")  # corrects the day's check-in
    (again,) = checkins(cli)
    assert (again["id"], again["slept"], again["difficulty"]) == (entry["id"], 6.5, "hard")
    ok(cli, "checkin", "--slept", "7")
    (whole,) = checkins(cli)
    assert whole["slept"] == 7 and isinstance(whole["slept"], int)


def test_the_hours_slept_are_stored_on_the_check_in(cli: Any, home: Path) -> None:
    ok(cli, "checkin", "--mood", "4", "--slept", "8")
    (stored,) = json.loads((home / "entries" / "2026-11.json").read_text())["entries"]
    assert (stored["type"], stored["slept"]) == ("checkin", 8)


def test_the_setting_asks_for_hours_slept_and_enter_skips(cli: Any) -> None:
    evening = "\n".join(["yes", "ok", "4", "", "", "", "", "", ""])
    ok(cli, "checkin", input=evening + "\n")  # the setting is off: not asked
    assert "slept" not in ok(cli, "list", "--type", "checkin").stdout
    ok(cli, "config", "set", "checkin.slept", "true")
    asked = ok(cli, "checkin", input="\n" * 9 + "lots\n7.5\n")
    assert "Hours slept last night, 0 to 24 (Enter to skip)" in asked.stderr
    assert "'lots' is not a number of hours" in asked.stderr
    (entry,) = checkins(cli)
    assert entry["slept"] == 7.5
    ok(cli, "checkin", input="\n" * 10)  # Enter keeps the earlier answer
    (kept,) = checkins(cli)
    assert kept["slept"] == 7.5


@pytest.mark.parametrize("name", ["all.json", "all.csv"])
def test_hours_slept_travel_through_export_and_import(
    cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    ok(cli, "checkin", "--mood", "4", "--slept", "6.5")
    exported = tmp_path / name
    ok(cli, "export", "--output", str(exported))
    other = tmp_path / "other"
    monkeypatch.setenv("RECOVERYLOG_HOME", str(other))
    ok(cli, "import", str(exported))
    (entry,) = checkins(cli)
    assert (entry["mood"], entry["slept"]) == (4, 6.5)
