"""A damaged journal stops every command group with exit 4, the file named, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, files_under, ok

COMMANDS = [
    ("clock", "list"),
    ("clock", "add", "nicotine"),
    ("clock", "show", "alcohol"),
    ("clock", "edit", "alcohol", "--cost-per-day", "3"),
    ("clock", "rename", "alcohol", "drinking"),
    ("clock", "remove", "alcohol", "--yes"),
    ("log", "craving", "5"),
    ("log", "coping", "breathing"),
    ("log", "lapse", "alcohol", "--at", "yesterday"),
    ("coping", "add", "breathing"),
    ("coping", "list"),
    ("status",),
    ("milestones",),
    ("list", "--clock", "alcohol"),
]

DAMAGES = {
    "garbage": lambda data: b"\x00\x01 }}} not toml {{{" + data[40:],
    "truncated": lambda data: data[: data.index(b'"alco') + 4],
    "invalid-utf8": lambda data: data.replace(b'"alcohol"', b'"alc\xff\xfehol"', 1),
    "wrong-type": lambda data: data.replace(b"clean_since = 2026-10-01", b"clean_since = 5", 1),
    "newer": lambda data: data.replace(b"schema_version = 2", b"schema_version = 99", 1),
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_damaged_journal_exits_4_and_changes_nothing(
    cli: Cli, alcohol: str, home: Path, damage: str, command: tuple[str, ...]
) -> None:
    path = home / "journal.toml"
    damaged = DAMAGES[damage](path.read_bytes())
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    before = files_under(home)

    result = cli(*command)

    assert result.exit_code == 4, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ")
    assert str(path) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert files_under(home) == before


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_undamaged_home_runs_the_command(
    cli: Cli, alcohol: str, command: tuple[str, ...]
) -> None:
    """The control case for the test above: each command works on the undamaged home."""
    ok(cli, *command)
