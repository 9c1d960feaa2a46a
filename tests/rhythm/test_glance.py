"""The glance file: made and kept up to date by every command that writes, private,
and empty in an encrypted home unless the person lets it hold their dates."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import glance, ok, said

PASSPHRASE = "a long passphrase for the glance tests"


def prompt(cli: Any, *args: str) -> str:
    return said(cli, "prompt", *args)


def test_adding_a_clock_makes_a_private_glance(cli: Any, home: Path, alcohol: None) -> None:
    path = home / "glance.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (clock,) = glance(home)["clocks"]
    assert (clock["name"], clock["since"], clock["run"]) == ("alcohol", "2026-09-22", "2026-09-22")
    assert prompt(cli) == "62d\n"


def test_a_lapse_and_its_correction_reach_the_glance(cli: Any, home: Path, alcohol: None) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-01 21:00")
    (clock,) = glance(home)["clocks"]
    assert (clock["run"], clock["earlier_days"], clock["lapses"]) == ("2026-11-02", 40, 1)
    assert prompt(cli) == "21d\n"
    lapse_id = json.loads(ok(cli, "list", "--type", "lapse", "-f", "json").stdout)[0]["id"]
    ok(cli, "delete", lapse_id[:8], "--yes")
    assert glance(home)["clocks"][0]["lapses"] == 0
    assert prompt(cli) == "62d\n"


def test_clock_changes_reach_the_glance(cli: Any, home: Path, alcohol: None) -> None:
    ok(cli, "clock", "edit", "alcohol", "--since", "2026-11-13")
    assert prompt(cli) == "10d\n"
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-20")
    assert prompt(cli, "--clock", "nicotine") == "3d\n"
    ok(cli, "config", "set", "prompt.format", "🌱{days} {clock}")
    assert prompt(cli) == "🌱10 alcohol\n"
    ok(cli, "config", "set", "prompt.clock", "nicotine")
    assert prompt(cli) == "🌱3 nicotine\n"


def test_a_check_in_moves_its_day_and_a_craving_leaves_the_glance_alone(
    cli: Any, home: Path, alcohol: None
) -> None:
    assert glance(home)["checkin"] is None
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "easy")
    assert glance(home)["checkin"] == {"day": "2026-11-23", "month": "2026-11"}
    before = (home / "glance.json").stat().st_mtime_ns
    ok(cli, "log", "craving", "4")
    assert (home / "glance.json").stat().st_mtime_ns == before
    checkin_id = json.loads(ok(cli, "list", "--type", "checkin", "-f", "json").stdout)[0]["id"]
    ok(cli, "delete", checkin_id[:8], "--yes")
    assert glance(home)["checkin"] is None


def test_an_import_reaches_the_glance(cli: Any, home: Path, tmp_path: Path, alcohol: None) -> None:
    ok(cli, "checkin", "--clean", "yes")
    exported = tmp_path / "export.json"
    ok(cli, "export", "--output", str(exported))
    other = tmp_path / "other"
    ok(cli, "--home", str(other), "import", str(exported))
    assert glance(other)["checkin"]["day"] == "2026-11-23"
    assert glance(other)["clocks"][0]["name"] == "alcohol"


def test_a_missing_or_damaged_glance_is_made_again(cli: Any, home: Path, alcohol: None) -> None:
    (home / "glance.json").unlink()
    assert prompt(cli) == "62d\n"
    assert glance(home)["clocks"][0]["name"] == "alcohol"
    (home / "glance.json").write_text("{not json")
    ok(cli, "log", "craving", "3")
    assert glance(home)["clocks"][0]["name"] == "alcohol"
    (home / "glance.json").write_text(json.dumps({"version": 999}))
    assert prompt(cli) == "62d\n"


def test_a_journal_changed_by_hand_is_seen(cli: Any, home: Path, alcohol: None) -> None:
    journal = home / "journal.toml"
    journal.write_text(journal.read_text().replace("2026-09-22", "2026-11-03"))
    assert prompt(cli) == "20d\n"


def test_an_encrypted_home_keeps_nothing_unless_allowed(
    cli: Any, home: Path, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    assert not (home / "glance.json").exists()
    ok(cli, "log", "craving", "5")
    assert not (home / "glance.json").exists()
    assert prompt(cli) == ""
    ok(cli, "config", "set", "prompt.in_encrypted", "true")
    assert glance(home)["clocks"][0]["name"] == "alcohol"
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert prompt(cli) == "62d\n"
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "config", "set", "prompt.in_encrypted", "false")
    assert not (home / "glance.json").exists()


def test_a_failing_refresh_never_fails_the_write(
    cli: Any, home: Path, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> None:
        raise OSError("disk trouble")

    monkeypatch.setattr("recoverylog.services.glance_refresh.write_glance", broken)
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-01 21:00")
    assert json.loads(ok(cli, "status", "-f", "json").stdout)["clocks"][0]["lapses"] == 1
