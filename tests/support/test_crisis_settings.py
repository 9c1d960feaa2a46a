"""crisis.toml: the country and your own crisis lines, kept where sos and help-now can
read them without a passphrase, written by `config set country`, checked by doctor."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok

PASSPHRASE = "a long passphrase for the settings test"


def test_config_set_country_writes_crisis_toml(cli: Any, home: Path) -> None:
    ok(cli, "config", "set", "country", "nz")
    path = home / "crisis.toml"
    assert tomllib.loads(path.read_text())["country"] == "NZ"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not (home / "config.toml").exists()  # nothing else was needed
    assert ok(cli, "config", "get", "country").stdout == "NZ\n"
    assert "Need to talk?: call or text 1737" in ok(cli, "help-now").stdout


def test_a_country_in_crisis_toml_wins_over_config_toml(cli: Any, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('schema_version = 1\ncountry = "AU"\n')
    assert ok(cli, "config", "get", "country").stdout == "AU\n"
    ok(cli, "config", "set", "country", "IE")
    assert ok(cli, "config", "get", "country").stdout == "IE\n"
    assert "(Ireland)" in ok(cli, "sos", "--no-timer").stdout


def test_in_an_encrypted_home_crisis_toml_stays_plain(
    cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    ok(cli, "config", "set", "country", "DE")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert tomllib.loads((home / "crisis.toml").read_text())["country"] == "DE"
    result = ok(cli, "help-now", "--format", "json")
    assert json.loads(result.stdout)["country"] == "DE"
    assert result.stderr == ""
    doctor = cli("doctor", "--format", "json")
    assert "crisis.toml" not in doctor.stdout  # plain by design, not a leak


def test_doctor_names_a_damaged_crisis_toml_and_fix_moves_it_aside(cli: Any, home: Path) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    (home / "crisis.toml").write_text("country = = 'UK'")
    (home / "crisis.toml").chmod(0o600)
    assert cli("status").exit_code == 4
    help_now = ok(cli, "help-now")  # crisis help still works, and says why it is the US
    assert "(United States)" in help_now.stdout
    assert "crisis.toml could not be read" in help_now.stderr
    found = cli("doctor")
    assert found.exit_code != 0 and "crisis.toml" in found.stdout
    ok(cli, "doctor", "--fix")
    assert not (home / "crisis.toml").exists()
    ok(cli, "status")


def test_no_passphrase_is_asked_just_to_show_a_milestone(
    cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recoverylog.cli.state as cli_state

    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    asked: list[str] = []
    monkeypatch.setattr(cli_state, "ask_passphrase", lambda prompt: asked.append(prompt) or "")
    ok(cli, "config", "set", "country", "UK")
    assert asked == []


def test_a_crisis_toml_from_a_newer_version_is_refused_and_left_alone(cli: Any, home: Path) -> None:
    home.mkdir(parents=True)
    newer = 'schema_version = 9\ncountry = "UK"\n'
    (home / "crisis.toml").write_text(newer)
    result = cli("config", "set", "country", "IE")
    assert result.exit_code == 4 and "newer recoverylog" in result.stderr
    assert (home / "crisis.toml").read_text() == newer
    assert "(United States)" in ok(cli, "help-now").stdout  # crisis help still works
