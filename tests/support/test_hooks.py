"""Hooks: a program of the person's own, run when a lapse is recorded, a check-in saved,
a milestone reached or sos opened. It gets only what a sponsor report would share, never
through a shell, never with a passphrase, and it never stops the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support_helpers import Ticks, ok

SECRET = "the party at Jordan's flat"


@pytest.fixture
def received(tmp_path: Path) -> Path:
    return tmp_path / "received"


def program(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o700)
    return path


@pytest.fixture
def recorder(tmp_path: Path, received: Path) -> Path:
    """A hook that keeps what it read, and the variables it was given."""
    return program(
        tmp_path,
        "tell my sponsor",  # a space and no shell: the path is run as it is
        f'cat > "{received}.json"\nenv > "{received}.env"\n',
    )


def document(received: Path) -> dict[str, Any]:
    return dict(json.loads(Path(f"{received}.json").read_text()))


def test_a_lapse_hook_gets_the_date_and_clock_and_none_of_the_words(
    cli: Any, recorder: Path, received: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "never for a hook")
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "config", "set", "hooks.on_lapse", str(recorder))
    ok(
        cli,
        "log",
        "lapse",
        "alcohol",
        "--at",
        "2026-11-22 21:00",
        "--trigger",
        SECRET,
        "--note",
        SECRET,
    )
    assert document(received) == {
        "kind": "recoverylog-event",
        "version": 1,
        "event": "lapse",
        "at": "2026-11-23T20:00:00+00:00",
        "clock": "alcohol",
        "lapse_date": "2026-11-22",
        "new_start": "2026-11-23",
    }
    variables = Path(f"{received}.env").read_text()
    assert "RECOVERYLOG_PASSPHRASE" not in variables and "never for a hook" not in variables


def test_a_checkin_hook_gets_the_day_and_whether_it_was_clean(
    cli: Any, recorder: Path, received: Path
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "config", "set", "hooks.on_checkin", str(recorder))
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "hard", "--grateful", SECRET)
    got = document(received)
    assert {k: got[k] for k in ("event", "date", "clean", "clocks_lapsed")} == {
        "event": "checkin",
        "date": "2026-11-23",
        "clean": True,
        "clocks_lapsed": [],
    }
    assert SECRET not in json.dumps(got)


def test_a_milestone_hook_gets_the_milestone_once(
    cli: Any, recorder: Path, received: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-22T20:00:00+00:00")
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-24")  # 30 days on the 23rd
    ok(cli, "config", "set", "hooks.on_milestone", str(recorder))
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-23T20:00:00+00:00")
    ok(cli, "status")
    got = document(received)
    assert (got["event"], got["clock"], got["date"]) == ("milestone", "alcohol", "2026-11-23")
    assert got["milestone"] == "30 days"
    Path(f"{received}.json").unlink()
    ok(cli, "status")
    assert not Path(f"{received}.json").exists()


def test_an_sos_hook_gets_only_the_moment(
    cli: Any, recorder: Path, received: Path, ticks: Ticks
) -> None:
    ok(cli, "config", "set", "hooks.on_sos", str(recorder))
    ok(cli, "sos", "--no-timer", "--intensity", "8")
    got = document(received)
    assert set(got) == {"kind", "version", "event", "at"} and got["event"] == "sos"


def test_a_failing_hook_is_said_and_stops_nothing(cli: Any, tmp_path: Path) -> None:
    failing = program(tmp_path, "fails", "exit 3\n")
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "config", "set", "hooks.on_lapse", str(failing))
    result = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-22 21:00")
    assert "Your on_lapse hook ended with exit code 3; nothing else was affected." in result.stderr
    assert ok(cli, "clock", "show", "alcohol", "--format", "json").stdout.count('"lapses": 1')


def test_a_hook_that_hangs_is_stopped_at_its_time_limit(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("recoverylog.services.hooks.HOOK_SECONDS", 0.5)
    hanging = program(tmp_path, "hangs", "exec sleep 30\n")
    ok(cli, "config", "set", "hooks.on_checkin", str(hanging))
    result = ok(cli, "checkin", "--clean", "yes")
    assert "did not finish within 0.5 seconds and was stopped" in result.stderr


def test_a_hook_moved_away_later_never_stops_a_command(
    cli: Any, recorder: Path, received: Path
) -> None:
    ok(cli, "config", "set", "hooks.on_checkin", str(recorder))
    recorder.unlink()
    result = ok(cli, "checkin", "--clean", "yes")
    assert "was not found" in result.stderr
    ok(cli, "status")


@pytest.mark.parametrize(
    ("given", "said"),
    [("relative/path", "full path"), ("/no/such/program", "is not a program that can be run")],
)
def test_only_a_program_that_can_be_run_is_taken(cli: Any, given: str, said: str) -> None:
    result = cli("config", "set", "hooks.on_lapse", given)
    assert result.exit_code != 0 and said in result.stderr


def test_a_file_that_cannot_be_run_is_refused(cli: Any, tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("not a program")
    result = cli("config", "set", "hooks.on_lapse", str(plain))
    assert result.exit_code != 0 and "chmod +x" in result.stderr
