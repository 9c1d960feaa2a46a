"""Top-level commands come from a plain table: the command list needs no command
loaded, and the table says of each command what the command says of itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperCommand

from recoverylog.cli.main import COMMANDS, app

# Every module a table entry names: none may load for the command list.
COMMAND_MODULES = sorted(
    {
        target.partition(":")[0]
        for entry in COMMANDS.values()
        for target in (entry.target, entry.command_class)
        if target
    }
)


def _modules_after(args: list[str], tmp_path: Path) -> tuple[str, set[str]]:
    """Run the app on ``args`` in a fresh interpreter: (what it printed, its modules)."""
    probe = (
        "import sys, json\n"
        "from recoverylog.cli.main import app\n"
        "try:\n"
        f"    app({args!r}, prog_name='recoverylog')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('recoverylog.'))))\n"
    )
    env = dict(os.environ, RECOVERYLOG_HOME=str(tmp_path / "home"), COLUMNS="80")
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    *printed, modules = result.stdout.strip().splitlines()
    return "\n".join(printed), set(json.loads(modules))


def test_the_probe_sees_a_command_module_when_a_command_runs(tmp_path: Path) -> None:
    """Control: running a command loads its module, and the probe sees it."""
    _, loaded = _modules_after(["status", "-f", "plain"], tmp_path)
    assert "recoverylog.cli.progress" in loaded


def test_the_command_list_loads_no_command_and_starts_with_crisis_help(tmp_path: Path) -> None:
    printed, loaded = _modules_after(["--help"], tmp_path)
    assert loaded & set(COMMAND_MODULES) == set()
    listed = [
        line.split()[0]
        for line in printed.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.split()
    ]
    assert listed[:2] == ["sos", "help-now"]
    assert listed == [name for name, entry in COMMANDS.items() if not entry.hidden]


def _loaded(name: str) -> Any:
    group: Any = typer.main.get_command(app)
    command = group.get_command(typer.Context(group), name)
    assert command is not None, f"{name} is in the table but does not load"
    return command


def _first_sentence(help_text: str) -> str:
    return TyperCommand(name=None, help=help_text).get_short_help_str(limit=10_000)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_entry_says_what_its_command_says(name: str) -> None:
    entry, command = COMMANDS[name], _loaded(name)
    assert command.name == name
    assert command.hidden == entry.hidden
    assert entry.summary == command.get_short_help_str(limit=10_000)
    # Its own short help only where its help's first sentence is not the line to show.
    assert entry.own_short_help == (entry.summary != _first_sentence(command.help or ""))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_line_is_cut_as_click_would_cut_the_command_itself(name: str) -> None:
    entry, command = COMMANDS[name], _loaded(name)
    for limit in range(20, 130, 7):
        assert entry.listed(limit) == command.get_short_help_str(limit), limit


def test_crisis_commands_keep_their_command_class() -> None:
    for name in ("sos", "help-now", "crisis", "emergency"):
        assert type(_loaded(name)).__name__ == "CrisisCommand"


def _complete(words: str, tmp_path: Path) -> list[str]:
    env = {
        **os.environ,
        "_RECOVERYLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "RECOVERYLOG_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "recoverylog"], env=env, capture_output=True, text=True, timeout=60
    )
    return done.stdout.split()


def test_command_names_and_subcommands_still_complete(tmp_path: Path) -> None:
    assert _complete("recoverylog he", tmp_path) == ["help-now"]
    assert _complete("recoverylog goal s", tmp_path) == ["set", "show"]
    assert _complete("recoverylog sos --co", tmp_path) == ["--country"]
