"""--output never replaces an existing file silently: a terminal is asked, anything
else is refused unless --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, ok, run_without_terminal

COMMANDS = [
    ("report", "report.md"),
    ("export", "export.json"),
    ("milestones", "milestones.txt"),
]


@pytest.fixture(autouse=True)
def a_clock(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")


@pytest.mark.parametrize(("command", "name"), COMMANDS)
def test_an_existing_file_is_kept_when_the_answer_is_no(
    cli: Cli, tmp_path: Path, command: str, name: str
) -> None:
    target = tmp_path / name
    target.write_text("mine")
    result = cli(command, "--output", str(target), input="n\n")
    assert result.exit_code == 2
    assert "already exists. Replace it?" in result.stderr
    assert target.read_text() == "mine"
    replaced = cli(command, "--output", str(target), input="y\n")
    assert replaced.exit_code == 0, replaced.stderr
    assert target.read_text() != "mine"


@pytest.mark.parametrize(("command", "name"), COMMANDS)
def test_without_a_terminal_it_is_refused_unless_force(
    tmp_path: Path, command: str, name: str
) -> None:
    target = tmp_path / name
    target.write_text("mine")
    refused = run_without_terminal(command, "--output", str(target))
    assert refused.returncode == 2
    assert "already exists; nothing was written" in refused.stderr
    assert "--force" in refused.stderr
    assert target.read_text() == "mine"
    forced = run_without_terminal(command, "--output", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text() != "mine"


def test_a_new_file_needs_no_question(cli: Cli, tmp_path: Path) -> None:
    result = ok(cli, "report", "--output", str(tmp_path / "new.md"))
    assert "Replace it?" not in result.stderr
