"""`recoverylog sos` and `help-now` when the journal cannot be opened (encrypted with no
passphrase, a wrong one, Ctrl-C at the prompt): the crisis lines always come first, for
the person's own country, which is kept in crisis.toml (never encrypted). Also: SOS
suggests what the insights rank best, and lists each person once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support_helpers import Ticks, ok

import recoverylog.cli.state as cli_state

PASSPHRASE = "a long passphrase for the sos test"


@pytest.fixture
def locked(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted home whose settings choose the UK, with a plan and a sponsor."""
    monkeypatch.delenv("RECOVERYLOG_COUNTRY", raising=False)
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "config", "set", "country", "UK")
    ok(cli, "plan", "edit", "--file", "-", input='reasons = ["my kids"]\n')
    ok(cli, "people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")


def _asks(monkeypatch: pytest.MonkeyPatch, answer: str | type[BaseException]) -> list[str]:
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        if isinstance(answer, str):
            return answer
        raise answer

    monkeypatch.setattr(cli_state, "ask_passphrase", ask)
    return asked


def test_no_terminal_for_the_passphrase_still_shows_help(
    cli_without_terminal: Any, locked: None, ticks: Ticks
) -> None:
    result = ok(cli_without_terminal, "sos")  # and no terminal to ask the passphrase on (rc was 2)
    out = result.stdout
    assert "988" not in out  # the country is readable without the passphrase
    assert out.index("Samaritans: call 116 123") < out.index("Three things to try")
    assert "Note: your journal could not be read just now" in out
    assert "1. urge surfing" in out and "3. play the tape through" in out
    assert "my kids" not in out and "555 0100" not in out
    assert "choose another" not in result.stderr
    assert ticks.count == 0


def test_ctrl_c_at_the_passphrase_prompt(
    cli: Any, locked: None, ticks: Ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _asks(monkeypatch, KeyboardInterrupt)
    result = ok(cli, "sos", "--intensity", "7")
    assert len(asked) == 1
    out = result.stdout
    assert out.index("Samaritans: call 116 123") < out.index("Right now: 7 out of 10.")
    assert "Note: your journal stays locked for now. These are general ideas" in out
    assert "1. urge surfing" in out
    assert "Next:" not in out and ticks.count == 0  # stopped means stopped: no timer


def test_a_wrong_passphrase_still_gets_the_timer_but_saves_nothing(
    cli: Any, locked: None, ticks: Ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    _asks(monkeypatch, "not the passphrase")
    result = ok(cli, "sos", "--intensity", "6", "--minutes", "1")
    assert "Samaritans: call 116 123" in result.stdout
    assert "(wrong passphrase for this journal)" in result.stdout
    assert ticks.count == 60
    assert "this craving was not saved" in result.stderr


def test_the_right_passphrase_shows_the_journal_and_its_country(
    cli: Any, locked: None, ticks: Ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _asks(monkeypatch, PASSPHRASE)
    out = ok(cli, "sos", "--no-timer").stdout
    assert len(asked) == 1
    assert out.index("Samaritans: call 116 123") < out.index("Your reasons\n  - my kids")
    assert "Sam (sponsor)  555 0100" in out
    assert out.count("Samaritans: call 116 123") == 1  # the same lines are not repeated


def test_country_without_the_journal(
    cli: Any, locked: None, ticks: Ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_option = ok(cli, "help-now", "--country", "UK")
    assert "Samaritans: call 116 123" in by_option.stdout and by_option.stderr == ""
    monkeypatch.setenv("RECOVERYLOG_COUNTRY", "AU")
    by_env = ok(cli, "help-now")
    assert "Lifeline: call 13 11 14" in by_env.stdout and by_env.stderr == ""
    sos = ok(cli, "sos", "--no-timer")
    assert "Lifeline: call 13 11 14" in sos.stdout and "988" not in sos.stdout
    assert "988" in ok(cli, "sos", "--no-timer", "--country", "US").stdout


@pytest.fixture
def locked_long_ago(cli: Any, monkeypatch: pytest.MonkeyPatch, home: Any) -> None:
    """A home encrypted by an older version: its country is sealed inside config.toml
    and there is no crisis.toml."""
    import recoverylog.config as config

    monkeypatch.delenv("RECOVERYLOG_COUNTRY", raising=False)
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    (home / "config.toml").write_text('schema_version = 1\ncountry = "UK"\n')
    with monkeypatch.context() as older:
        older.setattr(config, "move_crisis_settings", lambda path, io: False)
        older.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
        ok(cli, "encrypt")
    assert not (home / "crisis.toml").exists()


def test_an_older_encrypted_home_falls_back_and_says_how_to_fix_it(
    cli: Any, locked_long_ago: None
) -> None:
    fallback = ok(cli, "help-now")
    assert "988 Suicide & Crisis Lifeline" in fallback.stdout
    assert "your settings could not be read without the passphrase" in fallback.stderr
    assert "'recoverylog config set country UK' once" in fallback.stderr


def test_encrypt_moves_the_crisis_settings_out_of_config_toml(
    cli: Any, home: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    (home / "config.toml").write_text(
        'schema_version = 1\ncountry = "IE"\ncurrency = "EUR"\n'
        '[[crisis_lines]]\nname = "My key worker"\ncontact = "call 01 555 0100"\n'
    )
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    crisis = tomllib.loads((home / "crisis.toml").read_text())
    assert crisis["country"] == "IE"
    assert crisis["crisis_lines"][0]["name"] == "My key worker"
    assert (home / "crisis.toml").stat().st_mode & 0o777 == 0o600
    assert (home / "config.toml").read_bytes().startswith(b"RLENC")
    out = ok(cli, "help-now").stdout
    assert out.index("My key worker: call 01 555 0100") < out.index("Samaritans: call 116 123")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    settings = json.loads(ok(cli, "config", "show", "--format", "json").stdout)
    assert (settings["country"], settings["currency"]) == ("IE", "EUR")


def test_sos_suggests_what_insights_rank_best(cli: Any, ticks: Ticks) -> None:
    # walk: 5 uses, 4 passed; call sponsor: 3 of 3 but too few uses to say yet.
    for _ in range(4):
        ok(cli, "log", "craving", "5", "--coping", "walk", "--outcome", "passed", "--at", "2h ago")
    ok(cli, "log", "craving", "8", "--coping", "walk", "--outcome", "used", "--at", "2h ago")
    for _ in range(3):
        ok(cli, "log", "craving", "6", "--coping", "call sponsor", "--outcome", "passed")
    ranked = json.loads(ok(cli, "insights", "--format", "json").stdout)["coping"]
    assert [c["technique"] for c in ranked] == ["walk", "call sponsor"]
    out = ok(cli, "sos", "--no-timer").stdout
    assert "1. walk: the craving passed 4 of 5 times" in out
    assert "2. call sponsor: the craving passed 3 of 3 times" in out


def test_people_from_the_plan_are_not_listed_twice(cli: Any, ticks: Ticks) -> None:
    plan = 'call = ["Sam 555 0100", "the night line at work"]\n'
    ok(cli, "plan", "edit", "--file", "-", input=plan)
    ok(cli, "people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")
    out = ok(cli, "sos", "--no-timer").stdout
    assert out.count("555 0100") == 1
    assert "Sam (sponsor)  555 0100" in out and "the night line at work" in out


def test_help_now_in_a_locked_home_shows_its_own_country(cli: Any, locked: None) -> None:
    result = ok(cli, "help-now")
    assert "(United Kingdom)" in result.stdout
    assert result.stderr == ""


def test_broken_settings_in_a_plain_home_are_not_blamed_on_a_passphrase(
    cli: Any, home: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECOVERYLOG_COUNTRY", raising=False)
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    (home / "config.toml").write_text("country = = 'UK'")
    for command in ("help-now", "sos"):
        result = cli(command) if command == "help-now" else cli(command, "--no-timer")
        assert "your settings could not be read from config.toml" in result.stderr, command
        assert "recoverylog doctor" in result.stderr, command
        assert "passphrase" not in result.stderr, command
