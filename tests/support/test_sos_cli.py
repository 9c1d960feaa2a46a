"""`recoverylog sos`: the calm screen, the urge-surfing timer (its ticks counted, never
slept), the questions afterwards, Ctrl-C at each stage, and the fallbacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from support_helpers import Ticks, ok

import recoverylog.cli.sos as sos_cli


def entries(cli: Any) -> list[dict[str, Any]]:
    return json.loads(ok(cli, "list", "--format", "json").stdout)


PLAN = 'reasons = ["waking up clear", "my kids"]\ncall = ["the night line at work"]\n'


@pytest.fixture
def prepared(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "plan", "edit", "--file", "-", input=PLAN)
    ok(cli, "people", "add", "Alex", "--role", "peer", "--phone", "555 0101")
    ok(cli, "people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")
    ok(cli, "people", "add", "Jo", "--role", "family")  # no number: nothing to call


def test_no_timer_shows_the_plan_and_resources_only(cli: Any, prepared: None, ticks: Ticks) -> None:
    result = ok(cli, "sos", "--no-timer", "--intensity", "7")
    out = result.stdout
    assert "Right now: 7 out of 10." in out
    assert "Your reasons\n  - waking up clear\n  - my kids\n" in out
    sam, alex = out.index("Sam (sponsor)  555 0100"), out.index("Alex (peer)  555 0101")
    assert sam < alex  # the sponsor first
    assert "Jo" not in out
    assert "the night line at work" in out
    assert "988 Suicide & Crisis Lifeline: call or text 988" in out
    assert "Next:" not in out and "How strong" not in result.stderr
    assert ticks.count == 0
    assert entries(cli) == []


def test_fallbacks_when_there_is_nothing_yet(cli: Any, ticks: Ticks) -> None:
    out = ok(cli, "sos", "--no-timer").stdout
    assert "Right now" not in out
    assert "Not written yet. On a calmer day, 'recoverylog plan edit'" in out
    assert "1. urge surfing: notice the urge rise" in out
    assert "2. call someone" in out
    assert "3. play the tape through" in out
    assert "No one added yet" in out
    assert "SAMHSA National Helpline" in out


def test_the_three_techniques_come_from_the_log(cli: Any, ticks: Ticks) -> None:
    for _ in range(3):
        ok(cli, "log", "craving", "6", "--coping", "call sponsor", "--outcome", "passed")
    ok(cli, "log", "craving", "5", "--coping", "walk", "--outcome", "passed")
    ok(cli, "log", "craving", "8", "--coping", "walk", "--outcome", "used")
    ok(cli, "log", "craving", "7", "--coping", "scrolling", "--outcome", "used")
    ok(cli, "log", "craving", "7", "--coping", "scrolling", "--outcome", "used")
    ok(cli, "coping", "add", "cold water", "-d", "splash your face")
    out = ok(cli, "sos", "--no-timer").stdout
    # call sponsor: (3+1)/(3+2) = 0.8; walk: (1+1)/(2+2) = 0.5; scrolling never helped.
    assert "1. call sponsor: the craving passed 3 of 3 times" in out
    assert "2. walk: the craving passed 1 of 2 times" in out
    assert "3. cold water: splash your face" in out
    assert "scrolling" not in out


def test_the_whole_sos_logs_the_craving(cli: Any, prepared: None, ticks: Ticks) -> None:
    answers = "8\n3\nurge surfing, call Sam\ny\npayday\n"
    result = ok(cli, "sos", "--minutes", "2", input=answers)
    assert ticks.count == 120
    out = result.stdout
    assert "Next: 2 minutes of urge surfing." in out
    assert "2 minutes left. Breathe in slowly" in out
    assert "1 minute left. Notice where you feel the urge" in out
    assert "Time is up." in out
    assert "Logged this craving: intensity 8, then 3, over 2 minutes. You rode it out." in out
    assert "How strong is the urge right now, 0 to 10?" in result.stderr
    (craving,) = [e for e in entries(cli) if e["type"] == "craving"]
    assert craving["intensity"] == 8
    assert craving["intensity_end"] == 3
    assert craving["duration_min"] == 2
    assert craving["coping"] == ["urge surfing", "call Sam"]
    assert (craving["outcome"], craving["triggers"], craving["tags"]) == (
        "passed",
        ["payday"],
        ["sos"],
    )
    assert craving["clock"] == "alcohol"
    toolkit = json.loads(ok(cli, "coping", "list", "--format", "json").stdout)
    assert {"urge surfing", "call Sam"} <= {t["name"] for t in toolkit}
    week = json.loads(ok(cli, "status", "--format", "json").stdout)["last_7_days"]
    assert (week["cravings"], week["average_intensity"], week["cravings_passed"]) == (1, 8, 1)
    assert "intensity 8, then 3 · passed · 2 min" in ok(cli, "list").stdout


def test_a_wrong_intensity_is_asked_again(cli: Any, ticks: Ticks) -> None:
    result = ok(cli, "sos", "--minutes", "1", input="eleven\n11\n9\n2\n\ny\n\n")
    assert "please answer with a whole number" in result.stderr
    assert "the intensity must be from 0 to 10, not 11" in result.stderr
    (craving,) = entries(cli)
    assert (craving["intensity"], craving["intensity_end"]) == (9, 2)
    assert craving["coping"] == ["urge surfing"]  # the default answer


def test_ctrl_c_during_the_timer_then_save(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sos_cli, "sleep", Ticks(stop_at=45))
    result = ok(cli, "sos", "--intensity", "6", input="y\n2\n\ny\n\n")
    assert "Stopped the timer after 00:45." in result.stderr
    assert "Save this craving in your log?" in result.stderr
    (craving,) = entries(cli)
    assert (craving["intensity"], craving["intensity_end"], craving["duration_min"]) == (6, 2, 1)


def test_ctrl_c_during_the_timer_then_decline(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sos_cli, "sleep", Ticks(stop_at=10))
    result = ok(cli, "sos", "--intensity", "6", input="n\n")
    assert "Nothing was saved. Take care of yourself." in result.stderr
    assert entries(cli) == []


def test_ctrl_c_in_the_questions_offers_to_save_what_was_entered(
    cli: Any, ticks: Ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = iter(["7", "4"])

    def prompt(question: str, **_: Any) -> str:
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None  # at "What did you do?"

    monkeypatch.setattr(typer, "prompt", prompt)
    result = ok(cli, "sos", "--minutes", "1", input="y\n")  # the answer to "Save ...?"
    assert "Save what you entered so far?" in result.stderr
    (craving,) = entries(cli)
    assert (craving["intensity"], craving["intensity_end"]) == (7, 4)
    assert (craving["coping"], craving["outcome"], craving["duration_min"]) == ([], None, 1)


def test_ctrl_c_twice_in_the_questions_saves_nothing(cli: Any, ticks: Ticks) -> None:
    result = cli("sos", "--minutes", "1", input="7\n")  # input ends at "How strong now?"
    assert result.exit_code == 130
    assert "Nothing was saved." in result.stderr
    assert entries(cli) == []


def test_ctrl_c_at_the_first_question(cli: Any, ticks: Ticks) -> None:
    result = cli("sos", input="")
    assert result.exit_code == 130
    assert "Nothing was saved" in result.stderr and "The lines above" in result.stderr
    assert "988 Suicide & Crisis Lifeline" in result.stdout  # shown before the question
    assert ticks.count == 0
    assert entries(cli) == []


def test_when_it_did_not_pass(cli: Any, prepared: None, ticks: Ticks) -> None:
    result = ok(cli, "sos", "--minutes", "1", "-i", "9", input="9\nurge surfing\nn\n\n")
    assert "Thank you for being honest; a lapse is one moment" in result.stdout
    assert "recoverylog log lapse" in result.stderr
    (craving,) = [e for e in entries(cli) if e["type"] == "craving"]
    assert craving["outcome"] == "used"


def test_not_a_terminal_prints_the_plan_and_resources_only(
    cli: Any, cli_without_terminal: Any, prepared: None, ticks: Ticks
) -> None:
    result = ok(cli_without_terminal, "sos")
    assert "waking up clear" in result.stdout and "988" in result.stdout
    assert "Next:" not in result.stdout and result.stderr == ""
    assert ticks.count == 0
    assert [e["type"] for e in entries(cli)] == []


def test_a_damaged_journal_still_gets_help(cli: Any, home: Path, ticks: Ticks) -> None:
    ok(cli, "people", "add", "Sam", "--phone", "555 0100")
    (home / "journal.toml").write_text("this is = = not toml")
    result = ok(cli, "sos", "--no-timer")
    assert "Note: your journal could not be read just now" in result.stdout
    assert "1. urge surfing" in result.stdout
    assert "988 Suicide & Crisis Lifeline" in result.stdout
    guided = ok(cli, "sos", "--minutes", "1", "-i", "5")
    assert ticks.count == 60
    assert "this craving was not saved" in guided.stderr
    assert (home / "journal.toml").read_text() == "this is = = not toml"


def test_crisis_lines_follow_the_country(cli: Any, ticks: Ticks) -> None:
    ok(cli, "config", "set", "country", "UK")
    out = ok(cli, "sos", "--no-timer").stdout
    assert "Samaritans: call 116 123" in out and "988" not in out
    assert "(United Kingdom)" in out
    assert "Lifeline: call 13 11 14" in ok(cli, "sos", "--no-timer", "--country", "AU").stdout


def test_timer_length_is_checked(cli: Any, ticks: Ticks) -> None:
    for minutes in ("0", "61"):
        result = cli("sos", "--minutes", minutes, "--no-timer")
        assert result.exit_code == 2 and "--minutes must be from 1 to 60" in result.stderr
    bad = cli("sos", "--no-timer", "--intensity", "12")
    assert bad.exit_code == 2


def test_a_short_stop_is_under_a_minute(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sos_cli, "sleep", Ticks(stop_at=20))
    result = ok(cli, "sos", "--intensity", "6", input="y\n4\n\ny\n\n")
    assert "Logged this craving: intensity 6, then 4, in under a minute." in result.stdout
    assert entries(cli)[0]["duration_min"] == 0


@pytest.mark.parametrize("fancy", [True, False])
def test_the_terminal_timers_count_down_and_stop_on_ctrl_c(
    fancy: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from recoverylog.render.output import Screen
    from recoverylog.render.timer import urge_timer

    prompts: list[int] = []

    def prompt(minute: int) -> str:
        prompts.append(minute)
        return f"breathe {minute}"

    screen = Screen(sys.stdout, sys.stderr)
    done = urge_timer(125, Ticks(), prompt, fancy=fancy, live=True, screen=screen)
    assert (done.elapsed, done.stopped) == (125, False)
    assert prompts == [0, 1, 2]  # one at the start of each minute
    out = capsys.readouterr().out
    assert "breathe 2" in out and "Time is up." in out
    if not fancy:
        assert "\r  02:05 left  " in out and "\r  00:01 left  " in out
    stopped = urge_timer(125, Ticks(stop_at=7), prompt, fancy=fancy, live=True, screen=screen)
    assert (stopped.elapsed, stopped.stopped) == (7, True)
