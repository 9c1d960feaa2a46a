"""The shipped crisis-line data, and `recoverylog help-now`, which must work when
nothing else does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok

from recoverylog.config import KEYS
from recoverylog.domain.crisis import NotACrisisLine, crisis_line, shipped_lines
from recoverylog.errors import InvalidInput
from recoverylog.services.crisis import shipped_crisis_lines


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_every_shipped_line_has_a_number_and_the_date_it_was_checked() -> None:
    data = shipped_crisis_lines()
    assert data.lines
    for line in data.lines:
        assert line.name and line.contact, line
        assert line.number and re.fullmatch(r"[0-9 +\-]+", line.number), line
        assert digits(line.number) in digits(line.contact), line  # the words say the number
        assert isinstance(line.verified_on, date), line
        assert line.verified_on <= date.today(), line  # checked, not planned
        assert line.country in data.countries


def test_every_country_the_settings_offer_has_lines_and_an_emergency_number() -> None:
    data = shipped_crisis_lines()
    offered = re.findall(r"\b[A-Z]{2}\b", KEYS["country"].help)
    assert set(offered) == set(data.countries)
    assert {"US", "UK", "CA", "AU", "IE", "NZ", "IN", "ZA", "DE"} <= set(data.countries)
    for code in data.countries:
        names = [line.name for line in data.lines if line.country == code]
        assert len(names) >= 2, code
        assert "Emergency services" in names, code


def test_help_now_defaults_to_the_us(cli: Any) -> None:
    result = ok(cli, "help-now")
    assert result.stdout.startswith(
        "If you are in danger or need to talk to someone now (United States)\n"
    )
    assert "  988 Suicide & Crisis Lifeline: call or text 988\n" in result.stdout
    assert "1-800-662-4357" in result.stdout
    assert result.stderr == ""


def test_help_now_json_and_other_countries(cli: Any) -> None:
    data = json.loads(ok(cli, "help-now", "--country", "gb", "--format", "json").stdout)
    assert (data["country"], data["country_name"]) == ("UK", "United Kingdom")
    samaritans = data["lines"][0]
    assert samaritans == {
        "name": "Samaritans",
        "contact": "call 116 123",
        "number": "116 123",
        "about": "free, any time, day or night",
        "verified_on": "2026-11-24",
        "own": False,
        "rechecked": False,
        "addiction": None,
        "source": "Samaritans",
    }
    unknown = " ".join(ok(cli, "help-now", "--country", "XQ").stdout.split())
    assert "recoverylog does not know the country 'XQ'" in unknown
    assert "call your local emergency number" in unknown


def test_help_now_needs_no_journal(cli: Any, home: Path) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "config", "set", "country", "CA")
    (home / "journal.toml").write_text("[[[ damaged")
    (home / "entries").mkdir(exist_ok=True)
    (home / "entries" / "2026-11.json").write_text("{ damaged")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in home.rglob("*"))
    result = ok(cli, "help-now")
    assert "9-8-8 Suicide Crisis Helpline: call or text 988" in result.stdout
    assert result.stderr == ""
    assert sorted((p.name, p.stat().st_mtime_ns) for p in home.rglob("*")) == before
    assert cli("status").exit_code == 4  # the journal really is unreadable


def test_help_now_with_damaged_settings_falls_back_and_says_so(cli: Any, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("country = = 'UK'")
    result = ok(cli, "help-now")
    assert "(United States)" in result.stdout
    assert "your settings could not be read" in result.stderr
    assert "--country" in result.stderr
    chosen = ok(cli, "help-now", "--country", "UK")
    assert "Samaritans" in chosen.stdout and chosen.stderr == ""


def test_your_own_lines_come_first(cli: Any, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        "schema_version = 1\n"
        'country = "UK"\n'
        "[[crisis_lines]]\n"
        'name = "My counsellor\'s out-of-hours line"\n'
        'contact = "call 020 7946 0000"\n'
        "[[crisis_lines]]\n"
        'name = "Only in Australia"\n'
        'contact = "call 1800 000 000"\n'
        'country = "AU"\n'
        "[[crisis_lines]]\n"
        'contact = "no name"\n'
    )
    result = ok(cli, "help-now")
    lines = result.stdout.splitlines()
    assert lines[1] == "  My counsellor's out-of-hours line: call 020 7946 0000"
    assert lines[2] == "    your own line"
    assert "Only in Australia" not in result.stdout
    assert "Samaritans" in result.stdout
    assert "your crisis line 3 in config.toml: 'name' is missing" in result.stderr
    sos = ok(cli, "sos", "--no-timer").stdout
    assert "My counsellor's out-of-hours line" in sos


def test_a_line_of_your_own_that_cannot_be_used_is_your_input_in_words() -> None:
    with pytest.raises(NotACrisisLine, match=r"^'contact' is missing$") as refused:
        crisis_line({"name": "My counsellor"}, own=True)
    assert isinstance(refused.value, InvalidInput)
    with pytest.raises(NotACrisisLine, match=r"^'rechecked' must be true or false$"):
        crisis_line({"name": "Mine", "contact": "call 1", "rechecked": "no"}, own=True)


def test_a_shipped_line_that_cannot_be_used_is_a_fault_of_the_package() -> None:
    doc = {"countries": {"UK": "United Kingdom"}, "lines": [{"name": "x", "country": "UK"}]}
    with pytest.raises(ValueError, match=r"^crisis line 1: 'contact' is missing$"):
        shipped_lines(doc)


def run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECOVERYLOG_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "recoverylog", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_real_processes_without_a_terminal(home: Path) -> None:
    """stdin from /dev/null: sos prints the resources and asks nothing; help-now works."""
    sos = run(["sos"], home)
    assert sos.returncode == 0, sos.stderr
    assert "988 Suicide & Crisis Lifeline" in sos.stdout
    assert "How strong" not in sos.stderr and "Next:" not in sos.stdout
    help_now = run(["help-now", "--country", "AU"], home)
    assert help_now.returncode == 0
    assert "National Alcohol and Other Drug Hotline: call 1800 250 015" in help_now.stdout
    checkin = run(["checkin"], home)
    assert checkin.returncode == 2
    assert "no terminal to ask the check-in questions on" in checkin.stderr


def test_a_line_checked_with_the_service_shows_the_date() -> None:
    from recoverylog.render.lines import Look, as_plain
    from recoverylog.render.sos import crisis_lines

    line = {"name": "Line", "contact": "call 1", "about": None, "verified_on": "2026-12-01"}
    crisis = {"country": "US", "country_name": "United States"}
    checked = as_plain(
        crisis_lines({**crisis, "lines": [{**line, "rechecked": True}]}, look=Look.PLAIN)
    )
    assert "checked 1 Dec 2026" in checked
    listed = as_plain(
        crisis_lines({**crisis, "lines": [{**line, "rechecked": False}]}, look=Look.PLAIN)
    )
    assert "checked" not in listed
