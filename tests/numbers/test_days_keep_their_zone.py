"""A record belongs to the local day on which it happened, read from the offset it was
stored with: moving to another time zone never moves a lapse, a check-in or a craving
to another day, so clean days, lapses and per-day counts stay what they were."""

from __future__ import annotations

import json
from typing import Any

import pytest

EAST, WEST = "Australia/Sydney", "Pacific/Honolulu"


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


# A time of day in New York that falls on another calendar day in the other zone.
LATE, EARLY = "21:00", "01:00"  # Sydney: the next day; Honolulu: the day before
AT = {EAST: LATE, WEST: EARLY}


@pytest.fixture
def new_york_journal(cli: Any, monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "America/New_York")
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("log", "lapse", "alcohol", "--at", f"2026-11-10 {AT[zone]}"),
        ("log", "craving", "6", "--at", f"2026-11-12 {AT[zone]}"),
        ("log", "craving", "4", "--at", f"2026-11-14 {AT[zone]}"),
    ):
        assert cli(*args).exit_code == 0, args


def _clock(cli: Any) -> dict[str, Any]:
    return _json(cli, "status")["clocks"][0]


@pytest.mark.usefixtures("new_york_journal")
@pytest.mark.parametrize("zone", [EAST, WEST])
def test_a_lapse_stays_on_its_day_wherever_the_journal_is_read(
    cli: Any, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    # 01:00 in Honolulu, 06:00 in New York, 22:00 in Sydney: 23 Nov in all three.
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T11:00:00+00:00")
    home = _clock(cli)
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", zone)
    away = _clock(cli)
    assert away["total_clean_days"] == home["total_clean_days"] == 40 + 12
    assert away["longest_run_days"] == home["longest_run_days"] == 40
    assert away["share_clean"] == home["share_clean"] < 1
    assert away["current_run_start"] == home["current_run_start"] == "2026-11-11"
    lapses = _json(cli, "list", "--type", "lapse")
    assert [e["at"][:10] for e in lapses] == ["2026-11-10"]


@pytest.mark.usefixtures("new_york_journal")
@pytest.mark.parametrize("zone", [EAST, WEST])
def test_cravings_stay_on_their_day_in_insights(
    cli: Any, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T11:00:00+00:00")
    home = _json(cli, "insights", "--since", "2026-11-01", "--until", "2026-11-20")
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", zone)
    away = _json(cli, "insights", "--since", "2026-11-01", "--until", "2026-11-20")
    for key in home:
        if key != "period":
            assert json.dumps(away[key], sort_keys=True) == json.dumps(home[key], sort_keys=True), (
                key
            )
