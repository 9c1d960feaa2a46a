"""Every command's examples in --help are one command per line, ready to copy."""

from __future__ import annotations

import shlex

import pytest
import typer

from recoverylog.cli.helptext import examples_as_lines
from recoverylog.cli.main import COMMANDS, app


def _all_helps(command, path):  # type: ignore[no-untyped-def]
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _all_helps(sub, [*path, name])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_example_is_a_whole_line_that_parses(cli, name: str) -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    top = group.get_command(ctx, name)
    for path, command in _all_helps(top, [name]):
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        lines = result.stdout.splitlines()
        starts = [i for i, line in enumerate(lines) if line.strip() in ("Example:", "Examples:")]
        if not command.help or "xample" not in command.help:
            continue
        assert starts, (path, "no examples block")
        block = []
        for line in lines[starts[0] + 2 :]:
            if not line.strip():
                break
            block.append(line.strip())
        assert block, path
        for example in block:
            assert example.startswith(("recoverylog ", "RECOVERYLOG_")), (path, example)
            words = shlex.split(example)
            assert words.count("recoverylog") == 1, (path, example)  # one command a line
            shlex.split(example)  # quotes balanced: it can be pasted into a shell


def test_examples_split_on_semicolons_outside_quotes() -> None:
    text = "Do it.\n\nExamples: recoverylog a ; recoverylog b --x 'p; q'"
    assert examples_as_lines(text) == (
        "Do it.\n\nExamples:\n\n\b\n  recoverylog a\n  recoverylog b --x 'p; q'"
    )
