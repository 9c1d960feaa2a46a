"""`log contact Jo` finds Jo Bloggs: a first name offers the one person it starts."""

from __future__ import annotations

import json

from cli_helpers import Cli, fails, ok, run_without_terminal


def _contacts(cli: Cli) -> list[str]:
    listed = json.loads(ok(cli, "list", "--type", "contact", "--format", "json").stdout)
    return [entry["person"] for entry in listed]


def _people(cli: Cli) -> list[str]:
    return [p["name"] for p in json.loads(ok(cli, "people", "list", "--format", "json").stdout)]


def test_on_a_terminal_it_asks_and_yes_logs_that_person(cli: Cli) -> None:
    ok(cli, "people", "add", "Jo Bloggs", "--role", "sponsor")
    result = ok(cli, "log", "contact", "jo", "--via", "call", input="\n")
    assert "Did you mean Jo Bloggs (sponsor)? [Y/n]" in result.stderr
    assert _contacts(cli) == ["Jo Bloggs"]
    assert _people(cli) == ["Jo Bloggs"]


def test_on_a_terminal_no_means_as_before(cli: Cli) -> None:
    ok(cli, "people", "add", "Jo Bloggs", "--role", "sponsor")
    result = fails(cli, 3, "log", "contact", "Jo", input="n\n")
    assert "'Jo' is not in your support network" in result.stderr
    assert _contacts(cli) == []


def test_without_a_terminal_the_only_match_is_used_and_said(cli: Cli) -> None:
    ok(cli, "people", "add", "Jo Bloggs", "--role", "sponsor")
    ok(cli, "people", "add", "Joanna")  # 'Jo' is a whole word of a name, not its letters
    result = run_without_terminal("log", "contact", "JO")
    assert result.returncode == 0, result.stderr
    assert "Logged a contact with Jo Bloggs." in result.stderr
    assert _contacts(cli) == ["Jo Bloggs"]


def test_several_matches_are_refused_and_listed(cli: Cli) -> None:
    ok(cli, "people", "add", "Jo Bloggs", "--role", "sponsor")
    ok(cli, "people", "add", "Jo Smith", "--role", "peer")
    result = fails(cli, 2, "log", "contact", "Jo")
    assert "Jo Bloggs" in result.stderr and "Jo Smith" in result.stderr
    assert _contacts(cli) == []


def test_with_new_someone_new_is_added_and_the_other_mentioned(cli: Cli) -> None:
    ok(cli, "people", "add", "Jo Bloggs", "--role", "sponsor")
    result = ok(cli, "log", "contact", "Jo", "--new")
    assert "Added Jo to your support network (there is also Jo Bloggs)" in result.stderr
    assert _people(cli) == ["Jo Bloggs", "Jo"]
