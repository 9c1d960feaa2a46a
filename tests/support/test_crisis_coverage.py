"""Which crisis lines a person sees: the countries recoverylog ships, the emergency
number everywhere it is known, lines for gambling and nicotine when a clock's name
says so, and a warning when the chosen country has no lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok

from recoverylog.services.crisis import shipped_crisis_lines


def lines_of(cli: Any, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok(cli, "help-now", "--format", "json", *args).stdout)
    return data["lines"]


def words(text: str) -> str:
    return " ".join(text.split())


def numbers(cli: Any, *args: str) -> list[str]:
    return [line["number"] for line in lines_of(cli, *args)]


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("IE", ["116 123", "1800 459 459", "112"]),
        ("NZ", ["1737", "0800 787 797", "111"]),
        ("IN", ["14416", "112"]),
        ("ZA", ["0800 12 13 14"]),
        ("DE", ["0800 111 0 111", "112"]),
        ("CA", ["988", "1-888-688-6677", "1-855-242-3310", "911"]),
    ],
)
def test_the_countries_recoverylog_ships(cli: Any, country: str, expected: list[str]) -> None:
    found = numbers(cli, "--country", country)
    for number in expected:
        assert number in found, (country, number, found)


def test_every_line_names_its_source_and_when_it_was_checked(cli: Any) -> None:
    lines = shipped_crisis_lines().lines
    for line in lines:
        assert line.source and line.verified_on, line
    # A line not yet checked with the service itself shows no "checked" date.
    assert any(not line.rechecked for line in lines)
    out = ok(cli, "help-now").stdout
    assert "checked" not in out


@pytest.mark.parametrize(("country", "number"), [("FR", "112"), ("es", "112"), ("MX", "911")])
def test_a_country_without_lines_gets_its_emergency_number(
    cli: Any, country: str, number: str
) -> None:
    out = words(ok(cli, "help-now", "--country", country).stdout)
    assert f"call {number}" in out
    assert "look for a crisis or addiction helpline" in out
    assert "config set country UK" not in out


def test_an_unknown_country_still_gets_emergency_numbers(cli: Any) -> None:
    out = words(ok(cli, "help-now", "--country", "XQ").stdout)
    assert "'XQ'" in out
    assert "112" in out and "911" in out and "999" in out
    assert "look for a crisis or addiction helpline" in out


def test_the_emergency_line_is_in_the_json_too(cli: Any) -> None:
    (line,) = lines_of(cli, "--country", "FR")
    assert (line["name"], line["number"]) == ("Emergency services", "112")


@pytest.mark.parametrize(
    ("clock", "country", "number"),
    [
        ("sports betting", "US", "1-800-426-2537"),
        ("Gambling", "UK", "0808 8020 133"),
        ("pokies", "AU", "1800 858 858"),
        ("smoking", "US", "1-800-784-8669"),
        ("cigarettes", "UK", "0300 123 1044"),
        ("vaping", "AU", "13 78 48"),
        ("nicotine", "CA", "1-866-366-3667"),
    ],
)
def test_lines_for_an_addiction_follow_the_clocks(
    cli: Any, clock: str, country: str, number: str
) -> None:
    assert number not in numbers(cli, "--country", country)
    ok(cli, "clock", "add", clock, "--since", "2026-10-01")
    assert number in numbers(cli, "--country", country)
    sos = ok(cli, "sos", "--no-timer", "--country", country).stdout
    assert number in sos


def test_no_addiction_lines_for_other_clocks(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    found = numbers(cli, "--country", "US")
    assert "1-800-426-2537" not in found and "1-800-784-8669" not in found


def test_setting_a_country_without_lines_warns_and_says_what_is_shown(cli: Any) -> None:
    result = ok(cli, "config", "set", "country", "FR")
    assert "country = FR" in result.stdout
    assert "no helplines for FR" in result.stderr
    assert "112" in result.stderr
    unknown = ok(cli, "config", "set", "country", "XQ")
    assert "does not know the country 'XQ'" in unknown.stderr
    quiet = ok(cli, "config", "set", "country", "IE")
    assert quiet.stderr == ""


def test_the_settings_help_lists_every_shipped_country(cli: Any, home: Path) -> None:
    countries = shipped_crisis_lines().countries
    about = json.loads(ok(cli, "config", "show", "--format", "json").stdout)
    assert about["country"] == "US"
    shown = ok(cli, "config", "show", "--format", "plain").stdout
    for code in countries:
        assert code in shown
