"""One count of lapses everywhere: recorded lapses, so two on one day count two in
status, its last 7 days, clock show, insights and the report alike."""

from __future__ import annotations

import json
from typing import Any


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


def test_two_lapses_on_one_day_count_two_everywhere(cli: Any) -> None:
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("log", "lapse", "alcohol", "--at", "2026-11-20 13:00"),
        ("log", "lapse", "alcohol", "--at", "2026-11-20 19:00"),
    ):
        assert cli(*args).exit_code == 0, args
    status = _json(cli, "status")
    assert status["clocks"][0]["lapses"] == 2
    assert status["last_7_days"]["lapses"] == 2
    assert _json(cli, "clock", "show", "alcohol")["lapses"] == 2
    week = _json(cli, "insights")["clean_days"][0]["shares"]["30"]
    assert (week["lapses"], week["lapse_days"]) == (2, 1)
    report = _json(cli, "report", "--period", "week")
    clock = report["clocks"][0]
    assert clock["lapses_total"] == 2
    assert (clock["in_period"]["lapses"], clock["in_period"]["lapse_days"]) == (2, 1)
    text = cli("status").stdout
    assert "2 lapses" in text
