"""Crisis help that nothing can hide: a mistyped `sos` or `help-now` still shows the
lines before the error, the commands have the names people reach for, and they come
first in the help."""

from __future__ import annotations

from typing import Any

import pytest
from support_helpers import Ticks, ok

LINE = "988 Suicide & Crisis Lifeline: call or text 988"

USAGE_ERRORS = [
    ("sos", "10"),  # an extra argument
    ("sos", "--minutes", "90"),  # out of range
    ("sos", "--minutes", "ten"),  # not a number
    ("sos", "--intensity", "11"),
    ("sos", "--minute", "10"),  # a misspelt option
    ("sos", "--country"),  # an option with no value
    ("sos", "--format", "yaml"),  # an unknown option
    ("help-now", "--country"),
    ("help-now", "UK"),
    ("help-now", "--contry", "UK"),
    ("help-now", "--format", "yaml"),
    ("crisis", "--country"),
    ("emergency", "now"),
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_a_usage_error_still_shows_the_lines_first(cli: Any, ticks: Ticks, args: tuple) -> None:
    result = cli(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert LINE in result.stdout
    assert "Error" in result.stderr
    assert ticks.count == 0


def test_the_error_follows_the_lines_in_one_stream(cli: Any, ticks: Ticks) -> None:
    result = cli("sos", "--minutes", "90")
    assert result.output.index(LINE) < result.output.index("--minutes")


def test_a_country_given_with_a_usage_error_is_still_used(cli: Any, ticks: Ticks) -> None:
    result = cli("sos", "--country", "UK", "--minutes", "0")
    assert result.exit_code == 2
    assert "Samaritans: call 116 123" in result.stdout
    result = cli("help-now", "--country=UK", "extra")
    assert result.exit_code == 2
    assert "Samaritans: call 116 123" in result.stdout


@pytest.mark.parametrize("name", ["crisis", "emergency"])
def test_crisis_and_emergency_are_help_now(cli: Any, name: str) -> None:
    assert ok(cli, name).stdout == ok(cli, "help-now").stdout
    assert ok(cli, name, "--country", "UK").stdout == ok(cli, "help-now", "--country", "UK").stdout


def test_sos_and_help_now_come_first_in_the_help(cli: Any) -> None:
    out = ok(cli, "--help").stdout
    commands = [
        line.split()[0]
        for line in out.split("Commands")[1].splitlines()
        if line.startswith("  ") and line.split()
    ]
    assert commands[:2] == ["sos", "help-now"]
    assert "crisis" in out and "emergency" in out  # named, so people know they exist


def test_help_itself_is_not_an_error(cli: Any) -> None:
    result = ok(cli, "sos", "--help")
    assert "urge-surfing" in result.stdout
