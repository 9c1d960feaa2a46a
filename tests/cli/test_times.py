"""Times in and out: what the program writes, every time option reads back as the same
instant, kept in the person's own zone."""

from __future__ import annotations

from datetime import datetime

import pytest
from cli_helpers import Cli, as_json, fails, ok


@pytest.fixture(autouse=True)
def new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "America/New_York")


def _notes(cli: Cli) -> list[dict]:
    return [e for e in as_json(ok(cli, "list", "--format", "json")) if e["type"] == "note"]


def test_the_time_a_list_shows_logs_the_same_instant(cli: Cli) -> None:
    ok(cli, "log", "note", "first", "--at", "yesterday 21:30")
    written = _notes(cli)[0]["at"]
    ok(cli, "log", "note", "second", "--at", written)
    ok(cli, "log", "note", "third", "--at", written.replace("T", " "))
    assert [e["at"] for e in _notes(cli)] == [written] * 3


def test_a_time_from_another_zone_is_kept_in_the_persons_zone(cli: Cli) -> None:
    ok(cli, "log", "note", "from a server log", "--at", "2026-11-21T03:05:00Z")
    assert _notes(cli)[0]["at"] == "2026-11-20T22:05:00-05:00"
    assert datetime.fromisoformat(_notes(cli)[0]["at"]) == datetime.fromisoformat(
        "2026-11-21T03:05:00+00:00"
    )


def test_list_since_and_until_take_the_program_output(cli: Cli) -> None:
    for at in ("2026-11-20 09:00", "2026-11-20 21:00", "2026-11-21 09:00"):
        ok(cli, "log", "note", at, "--at", at)
    middle = _notes(cli)[1]["at"]
    assert middle == "2026-11-20T21:00:00-05:00"
    since = as_json(ok(cli, "list", "--since", middle, "--until", middle, "--format", "json"))
    assert [e["note"] for e in since] == ["2026-11-20 21:00"]


def test_phrases_reach_every_kind_of_time_option(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "Oct 1")
    ok(cli, "log", "note", "friday", "--at", "last friday 9pm")
    ok(cli, "log", "note", "yesterday", "--at", "last night")
    ok(cli, "log", "lapse", "alcohol", "--at", "20 Nov 10pm", "--restart", "Nov 21")
    assert [e["at"] for e in _notes(cli)] == [  # newest first
        "2026-11-22T21:00:00-05:00",
        "2026-11-20T21:00:00-05:00",
    ]
    listed = as_json(ok(cli, "list", "--since", "yesterday", "--format", "json"))
    assert [e["note"] for e in listed] == ["yesterday"]
    clock = as_json(ok(cli, "status", "--format", "json"))["clocks"][0]
    assert clock["current_run_start"] == "2026-11-21"


def test_a_time_that_cannot_be_read_names_the_option_and_the_forms(cli: Cli) -> None:
    result = fails(cli, 2, "log", "note", "x", "--at", "tomorow")
    assert "--at: could not read 'tomorow' as a time; try: now, 21:30, 9pm," in result.stderr


def test_a_time_that_comes_twice_is_the_first_and_the_person_is_told(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-02T17:00:00+00:00")
    first = ok(cli, "log", "note", "first", "--at", "2026-11-01 01:30")
    assert first.stderr == (
        "Note: --at: 01:30 comes twice on Sun 1 Nov 2026 in America/New_York (the clocks went "
        "back): using the first, 2026-11-01T01:30-04:00; for the second, give "
        "2026-11-01T01:30-05:00\n"
    )
    second = ok(cli, "log", "note", "second", "--at", "2026-11-01T01:30-05:00")
    assert second.stderr == ""
    assert [e["at"] for e in _notes(cli)] == [
        "2026-11-01T01:30:00-05:00",
        "2026-11-01T01:30:00-04:00",
    ]


def test_a_time_the_clocks_skip_is_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-03-10T17:00:00+00:00")
    result = fails(cli, 2, "log", "note", "x", "--at", "2026-03-08 02:30")
    assert result.stderr.startswith(
        "Error: --at: 02:30 does not exist on Sun 8 Mar 2026 in America/New_York: "
        "the clocks went forward; try 03:30\n"
    )
    assert _notes(cli) == []


def _time_options() -> dict[str, str]:
    """Every time option of every command, with its help: {'log note --at': '...'}."""
    import typer
    import typer.main

    from recoverylog.cli.main import app

    found: dict[str, str] = {}
    pending = [((), typer.main.get_command(app))]
    while pending:
        path, command = pending.pop()
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            pending += [
                ((*path, n), command.get_command(ctx, n)) for n in command.list_commands(ctx)
            ]
        for param in command.params:
            name = param.opts[0]
            if name in {"--at", "--since", "--until", "--day", "--start", "--restart"}:
                found[" ".join((*path, name))] = param.help or ""
    return found


def test_every_time_option_lists_the_forms_it_takes() -> None:
    options = _time_options()
    assert {"log note --at", "report --until", "checkin --day", "goal set --start"} <= set(options)
    for name, help_text in options.items():
        assert "20 Nov" in help_text and "2026-11-20" in help_text, name
    for name in ("log note --at", "edit --at", "list --since", "clock add --since"):
        for form in ("9pm", "last night", "2h ago", "2026-11-20T21:30:00+00:00"):
            assert form in options[name], (name, form)
