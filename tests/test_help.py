"""Every command, subcommand, option and argument explains itself, and --help works."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
import typer.main

from recoverylog.cli.main import app


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command as the help screens and completion see it: groups load lazily."""
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join((*path, name))} is listed but does not load"
            yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(typer.main.get_command(app)))
PATHS = list(COMMANDS)


def test_the_tree_has_the_core_commands() -> None:
    """Control: the walk really reaches groups and their subcommands."""
    core = {
        ("clock", "add"),
        ("clock", "list"),
        ("clock", "show"),
        ("clock", "edit"),
        ("clock", "rename"),
        ("clock", "remove"),
        ("log", "craving"),
        ("log", "trigger"),
        ("log", "coping"),
        ("log", "meeting"),
        ("log", "note"),
        ("log", "lapse"),
        ("coping", "add"),
        ("coping", "list"),
        ("list",),
        ("show",),
        ("edit",),
        ("delete",),
        ("status",),
        ("milestones",),
        ("config", "show"),
        ("config", "get"),
        ("config", "set"),
        ("config", "path"),
        ("demo",),
    }
    assert core <= set(PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "recoverylog")
def test_every_command_has_help_text(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    assert (command.get_short_help_str() or "").strip()
    if not hasattr(command, "commands"):
        assert "Example" in command.help, f"{' '.join(path)} shows no example"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "recoverylog")
def test_every_option_and_argument_has_help_text(path: tuple[str, ...]) -> None:
    missing = [
        param.name
        for param in COMMANDS[path].params
        if not (getattr(param, "help", None) or "").strip()
    ]
    assert missing == [], f"{' '.join(path)}: no help for {missing}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "recoverylog")
def test_help_exits_0_and_shows_usage(cli: Any, path: tuple[str, ...]) -> None:
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Usage: {' '.join(('recoverylog', *path))}")
    assert COMMANDS[path].help.strip().splitlines()[0][:30] in " ".join(result.stdout.split())
    assert result.stderr == ""


def test_short_help_flag_works_too(cli: Any) -> None:
    assert cli("log", "craving", "-h").exit_code == 0
