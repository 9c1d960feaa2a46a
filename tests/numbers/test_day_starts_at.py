"""day_starts_at: with days beginning at 04:00, a lapse or a check-in at 00:30 belongs
to the evening before, and so does 'today' until 04:00."""

from __future__ import annotations

import json
from typing import Any

import pytest


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


@pytest.fixture
def after_midnight(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-11-01").exit_code == 0
    assert cli("config", "set", "day_starts_at", "04:00").exit_code == 0
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T01:30:00+00:00")


@pytest.mark.usefixtures("after_midnight")
def test_a_lapse_after_midnight_belongs_to_the_evening_before(cli: Any) -> None:
    assert cli("log", "lapse", "alcohol", "--at", "2026-11-24 00:30").exit_code == 0
    status = _json(cli, "status")
    assert status["today"] == "2026-11-23"  # it is still Monday night
    (clock,) = status["clocks"]
    assert clock["total_clean_days"] == 22  # 1-22 Nov; the 23rd had the lapse
    assert clock["current_run_start"] == "2026-11-24"
    shares = _json(cli, "insights")["clean_days"][0]
    assert shares["today"] == "2026-11-23"


@pytest.mark.usefixtures("after_midnight")
def test_a_checkin_after_midnight_is_for_the_evening_before(cli: Any) -> None:
    saved = cli("checkin", "--clean", "yes", "--difficulty", "ok")
    assert saved.exit_code == 0, saved.stderr
    assert "for today, Mon 23 Nov 2026 (your day has not ended yet)" in saved.stdout
    again = cli("checkin", "--clean", "yes", "--difficulty", "hard")
    assert "Updated your check-in" in again.stdout  # the same day's check-in


def test_the_setting_is_a_time_from_midnight_to_noon(cli: Any) -> None:
    assert cli("config", "set", "day_starts_at", "4").exit_code == 0
    assert cli("config", "get", "day_starts_at").stdout.strip() == "04:00"
    late = cli("config", "set", "day_starts_at", "13:00")
    assert late.exit_code == 2 and "up to 12:00" in late.stderr
    assert cli("config", "set", "day_starts_at", "x").exit_code == 2
