"""One damaged month file: listings go on without it, totals and changes stop.

`list`, `list --search` and `show ID` leave out a month file that cannot be read, with
one warning line naming it (exit 0, nothing written). Commands whose numbers need every
entry in their range (status, insights, report, export) refuse with exit 4, and so does
any change that would touch the damaged month or could match an entry in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from safety_helpers import snapshot

NOVEMBER, OCTOBER = "entries/2026-11.json", "entries/2026-10.json"
DAMAGES = {
    "garbage": lambda data: b"\x00}{ this is not JSON [[\n",
    "truncated": lambda data: data[: len(data) // 2],
    "wrong-type": lambda data: data.replace(b'"intensity": 5', b'"intensity": "five"', 1),
    "newer-version": lambda data: data.replace(b'"schema_version": 2', b'"schema_version": 99'),
    "invalid-utf8": lambda data: data.replace(b"november", b"nov\xff\xfember", 1),
}


@pytest.fixture
def ids(cli) -> dict[str, str]:
    """A home with an entry in November (today's month) and one in October."""
    assert cli("clock", "add", "alcohol", "--since", "2026-09-01").exit_code == 0
    found = {}
    for month, args in (
        ("november", ("log", "craving", "5", "--note", "november words")),
        ("october", ("log", "craving", "3", "--at", "2026-10-05", "--note", "october words")),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        found[month] = result.stdout.split()[0]
    return found


def _damage(home: Path, name: str, how: str) -> Path:
    path = home / name
    original = path.read_bytes()
    damaged = DAMAGES[how](original)
    assert damaged != original
    path.write_bytes(damaged)
    return path


def _warning_lines(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if str(path) in line]


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_list_leaves_out_the_damaged_month_with_one_warning(
    cli, home: Path, ids: dict[str, str], how: str
) -> None:
    path = _damage(home, NOVEMBER, how)
    before = snapshot(home)

    result = cli("list", "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert [e["note"] for e in json.loads(result.stdout)] == ["october words"]
    [warning] = _warning_lines(result.stderr, path)
    assert warning.startswith("Warning: ") and "recoverylog doctor" in warning
    assert "Traceback" not in result.stderr
    assert snapshot(home) == before


def test_search_finds_text_in_the_readable_months(cli, home: Path, ids: dict[str, str]) -> None:
    path = _damage(home, OCTOBER, "garbage")
    before = snapshot(home)
    result = cli("list", "--search", "NOVEMBER", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [e["note"] for e in json.loads(result.stdout)] == ["november words"]
    assert len(_warning_lines(result.stderr, path)) == 1
    assert snapshot(home) == before


def test_list_within_readable_months_does_not_mention_the_damage(
    cli, home: Path, ids: dict[str, str]
) -> None:
    _damage(home, OCTOBER, "garbage")
    result = cli("list", "--since", "2026-11-20")
    assert result.exit_code == 0
    assert result.stderr == ""  # October was never needed, so never read


def test_show_finds_an_entry_in_a_readable_month(cli, home: Path, ids: dict[str, str]) -> None:
    path = _damage(home, NOVEMBER, "truncated")
    before = snapshot(home)

    result = cli("show", ids["october"], "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["note"] == "october words"
    assert len(_warning_lines(result.stderr, path)) == 1
    assert snapshot(home) == before


def test_show_of_an_entry_in_the_damaged_month_is_not_found(
    cli, home: Path, ids: dict[str, str]
) -> None:
    path = _damage(home, NOVEMBER, "garbage")
    result = cli("show", ids["november"])
    assert result.exit_code == 3
    assert len(_warning_lines(result.stderr, path)) == 1
    assert "left out" in result.stderr.splitlines()[-1]  # the hint says where it may be


def test_a_wrong_passphrase_is_never_turned_into_a_left_out_month(
    cli, home: Path, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "the right passphrase here")
    assert cli("encrypt").exit_code == 0
    november = home / NOVEMBER
    november.write_bytes(november.read_bytes()[:-7])
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "not the passphrase")
    result = cli("list")
    assert result.exit_code == 2 and "wrong passphrase" in result.stderr
    assert "Warning" not in result.stderr

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "the right passphrase here")
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    assert [e["note"] for e in json.loads(result.stdout)] == ["october words"]
    assert len(_warning_lines(result.stderr, home / NOVEMBER)) == 1


TOTALS = [
    ("status",),
    ("insights",),
    ("report", "--period", "month"),
    ("report", "--period", "month", "--output", "{tmp}/report.md"),
    ("export", "--output", "{tmp}/export.json"),
    ("export",),
]


@pytest.mark.parametrize("command", TOTALS, ids=lambda c: "-".join(c[:2]))
def test_totals_and_reports_still_refuse_a_damaged_month(
    cli, home: Path, tmp_path: Path, ids: dict[str, str], command: tuple[str, ...]
) -> None:
    path = _damage(home, NOVEMBER, "garbage")
    before = snapshot(home)

    result = cli(*(part.format(tmp=tmp_path) for part in command))

    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and str(path) in result.stderr
    assert snapshot(home) == before
    assert not (tmp_path / "report.md").exists() and not (tmp_path / "export.json").exists()


CHANGES = [
    ("log", "craving", "4"),  # into the damaged month
    ("edit", "{october}", "--intensity", "4"),  # the prefix could match in November
    ("delete", "{october}", "--yes"),
    ("edit", "{november}", "--intensity", "4"),
]


@pytest.mark.parametrize("command", CHANGES, ids=lambda c: "-".join(c[:2]))
def test_changes_still_refuse_while_a_month_is_damaged(
    cli, home: Path, ids: dict[str, str], command: tuple[str, ...]
) -> None:
    path = _damage(home, NOVEMBER, "garbage")
    before = snapshot(home)
    result = cli(*(part.format(**ids) for part in command))
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert str(path) in result.stderr
    assert snapshot(home) == before
