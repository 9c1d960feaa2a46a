"""After the hardest answers (an SOS that ends in "used", a self-check in the top band)
the crisis lines come back, with the person's own plan for after a lapse and the first
person they can call."""

from __future__ import annotations

from typing import Any

import pytest
from support_helpers import Ticks, ok

PLAN = (
    'if_lapse = ["tell Sam within the hour", "go to a meeting tomorrow"]\n'
    'instead = ["walk round the block"]\n'
)


@pytest.fixture
def planned(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "plan", "edit", "--file", "-", input=PLAN)
    ok(cli, "people", "add", "Alex", "--role", "peer", "--phone", "555 0101")
    ok(cli, "people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")


def after_timer(out: str) -> str:
    return out[out.index("Logged this craving") :]


def test_an_sos_that_ends_in_used_repeats_the_lines_and_the_plan(
    cli: Any, planned: None, ticks: Ticks
) -> None:
    result = ok(cli, "sos", "--minutes", "1", "-i", "9", input="9\nurge surfing\nn\n\n")
    after = after_timer(result.stdout)
    assert "988 Suicide & Crisis Lifeline: call or text 988" in after
    assert "  - tell Sam within the hour\n  - go to a meeting tomorrow\n" in after
    assert "reach out to Sam (your sponsor, 555 0100)" in after and "Alex" not in after
    assert "recoverylog log lapse" in result.stderr


def test_an_sos_that_passed_does_not(cli: Any, planned: None, ticks: Ticks) -> None:
    result = ok(cli, "sos", "--minutes", "1", "-i", "9", input="3\nurge surfing\ny\n\n")
    after = after_timer(result.stdout)
    assert "988" not in after and "tell Sam" not in after


def test_without_a_plan_the_lines_still_come_back(cli: Any, ticks: Ticks) -> None:
    result = ok(cli, "sos", "--minutes", "1", "-i", "9", input="9\n\nn\n\n")
    after = after_timer(result.stdout)
    assert "988 Suicide & Crisis Lifeline" in after
    assert "plan edit" in after  # how to write one, on a calmer day


def test_a_self_check_in_the_top_band(cli: Any, planned: None) -> None:
    result = ok(cli, "selfcheck", "--answers", "6,5,5,5,5")
    out = result.stdout
    assert "26 of 30" in out
    assert "988 Suicide & Crisis Lifeline: call or text 988" in out
    assert "  - tell Sam within the hour" in out
    assert "  - walk round the block" in out
    assert "reach out to Sam (your sponsor, 555 0100)" in out


def test_a_lighter_self_check_shows_no_crisis_lines(cli: Any, planned: None) -> None:
    out = ok(cli, "selfcheck", "--answers", "4,4,4,4,3").stdout
    assert "19 of 30" in out
    assert "988" not in out and "tell Sam" not in out
