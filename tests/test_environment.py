"""One Environment per command: the process (environment variables, standard input) is
read in one module, once, and what a command knows of it is handed down from there."""

from __future__ import annotations

import ast
import io
import json
from datetime import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import recoverylog
from recoverylog.cli.main import app
from recoverylog.domain.moments import day_starts
from recoverylog.environment import Environment, ScriptedInput, read_environment

PACKAGE = Path(recoverylog.__file__).parent
# The modules that read the process: environment.py for every command, and the console
# script's first module for the prompt, before anything else loads (see cli/quick.py).
READERS = {"environment.py", "cli/quick.py"}


def _reads_of_the_process(tree: ast.AST) -> set[str]:
    """os.environ, os.getenv (and their kind) and sys.stdin, however they are reached."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = f"{node.value.id}.{node.attr}"
            if name in {"os.environ", "os.environb", "os.getenv", "os.getenvb", "sys.stdin"}:
                found.add(name)
        if isinstance(node, ast.ImportFrom) and node.module in ("os", "sys"):
            wanted = {"environ", "environb", "getenv", "getenvb", "stdin"}
            found |= {f"from {node.module} import {a.name}" for a in node.names if a.name in wanted}
    return found


def test_only_the_environment_module_reads_the_process() -> None:
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in READERS:
            continue
        for read in _reads_of_the_process(ast.parse(path.read_text(encoding="utf-8"))):
            strays.append(f"{relative}: {read}")
    assert strays == []


def test_the_check_sees_each_way_of_reading_the_process() -> None:
    """Control: every form the check above looks for is found."""
    code = (
        "import os, sys\nfrom os import environ\n"
        "os.environ.get('X'); os.getenv('X'); sys.stdin.read()\n"
    )
    assert _reads_of_the_process(ast.parse(code)) == {
        "os.environ",
        "os.getenv",
        "sys.stdin",
        "from os import environ",
    }


def test_the_environment_is_read_from_variables_and_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "RECOVERYLOG_HOME": "/somewhere",
        "RECOVERYLOG_NOW": "2026-01-02T03:04:05+00:00",
        "RECOVERYLOG_TIMEZONE": "Europe/Dublin",
        "TZ": ":Pacific/Auckland",
        "VISUAL": "nano",
        "EDITOR": "vi",
        "RECOVERYLOG_PASSPHRASE": "old words",
        "RECOVERYLOG_NEW_PASSPHRASE": "new words",
        "RECOVERYLOG_COUNTRY": " UK ",
        "RECOVERYLOG_DEBUG": "1",
        "XDG_RUNTIME_DIR": "/run/user/1000",
        "NO_COLOR": "1",
    }.items():
        monkeypatch.setenv(name, value)
    piped = io.StringIO("an answer\n")
    monkeypatch.setattr("sys.stdin", piped)
    read = read_environment()
    assert (read.home, read.frozen_now) == ("/somewhere", "2026-01-02T03:04:05+00:00")
    assert (read.timezone, read.system_timezone) == ("Europe/Dublin", "Pacific/Auckland")
    assert (read.editor, read.country, read.debug, read.colour) == ("nano", "UK", True, False)
    assert (read.passphrase, read.new_passphrase) == ("old words", "new words")
    assert read.runtime_dir == Path("/run/user/1000")
    assert read.stdin is piped and not read.stdin_is_terminal and not read.stdin_is_tty
    assert "RECOVERYLOG_PASSPHRASE" not in read.shareable_variables()
    assert "RECOVERYLOG_NEW_PASSPHRASE" not in read.shareable_variables()
    assert read.shareable_variables()["XDG_RUNTIME_DIR"] == "/run/user/1000"
    assert "old words" not in repr(read)


def test_empty_variables_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RECOVERYLOG_HOME", "RECOVERYLOG_PASSPHRASE", "VISUAL", "EDITOR", "NO_COLOR"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("RECOVERYLOG_COUNTRY", "  ")
    read = read_environment()
    assert (read.home, read.passphrase, read.editor, read.country) == (None, None, None, None)
    assert read.colour


def test_scripted_input_is_answered_like_a_terminal_but_is_no_terminal_device() -> None:
    scripted = read_environment(scripted_input=True)
    assert scripted.stdin_is_terminal and not scripted.stdin_is_tty


def test_input_with_no_file_descriptor_is_not_taken_for_a_terminal(home: Path) -> None:
    """The test runner's input is piped input unless the caller says otherwise."""
    runner = CliRunner()
    assert runner.invoke(app, ["clock", "add", "alcohol", "--since", "2026-11-01"]).exit_code == 0
    piped = runner.invoke(app, ["clock", "remove", "alcohol"], input="y\n")
    assert piped.exit_code == 2 and "Add --yes" in piped.stderr
    asked = runner.invoke(app, ["clock", "remove", "alcohol"], input="y\n", obj=ScriptedInput())
    assert asked.exit_code == 0, asked.stderr


def test_an_environment_handed_to_the_app_is_the_one_used(tmp_path: Path) -> None:
    given = Environment(home=str(tmp_path / "given"))
    result = CliRunner().invoke(app, ["config", "path"], obj=given)
    assert f"journal: {tmp_path / 'given' / 'journal.toml'}" in result.stdout
    flagged = CliRunner().invoke(
        app, ["--home", str(tmp_path / "flag"), "config", "path"], obj=given
    )
    assert f"journal: {tmp_path / 'flag' / 'journal.toml'}" in flagged.stdout  # --home wins


def test_a_frozen_clock_comes_from_the_environment(home: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["status", "--format", "json"],
        obj=Environment(home=str(home), frozen_now="2027-03-04T05:06:07+00:00", timezone="UTC"),
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["today"] == "2027-03-04"


def test_when_days_start_stays_with_the_command_that_read_it(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("config", "set", "day_starts_at", "04:00").exit_code == 0
    assert cli("status").exit_code == 0
    assert day_starts() == time(0)  # the next command, or a test, starts at midnight again


def test_tables_or_plain_text_as_the_environment_says_the_output_is(home: Path) -> None:
    """A list is a table on a terminal and plain lines when piped: the Environment says
    which, whatever stream the test runner puts in front of the command."""
    runner = CliRunner()
    added = runner.invoke(
        app, ["people", "add", "Sam", "--role", "sponsor"], obj=Environment(home=str(home))
    )
    assert added.exit_code == 0, added.stderr
    on_terminal = Environment(home=str(home), stdout_is_terminal=True, colour=False)
    table = runner.invoke(app, ["people", "list"], obj=on_terminal).stdout
    plain = runner.invoke(app, ["people", "list"], obj=Environment(home=str(home))).stdout
    assert "Sam" in table and "Sam" in plain
    assert "┃" in table or "│" in table  # drawn as a table
    assert "┃" not in plain and "│" not in plain


# The process, and its entries: the application's, and the console script's quick one.
THE_EDGE = {"environment.py", "cli/edge.py", "cli/main.py", "cli/quick.py"}


def _writes_to_the_process(tree: ast.AST) -> set[str]:
    """sys.stdout and sys.stderr, and typer.echo (which writes to sys.stdout)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = f"{node.value.id}.{node.attr}"
            if name in {"sys.stdout", "sys.stderr", "typer.echo"}:
                found.add(name)
        if isinstance(node, ast.ImportFrom) and node.module in ("sys", "typer"):
            wanted = {"stdout", "stderr", "echo"}
            found |= {f"from {node.module} import {a.name}" for a in node.names if a.name in wanted}
    return found


def test_commands_write_to_the_streams_of_their_environment_only() -> None:
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in THE_EDGE:
            continue
        for write in _writes_to_the_process(ast.parse(path.read_text(encoding="utf-8"))):
            strays.append(f"{relative}: {write}")
    assert strays == []


def test_the_write_check_sees_each_way_of_writing_to_the_process() -> None:
    """Control: every form the check above looks for is found."""
    code = "import sys, typer\nfrom sys import stderr\nsys.stdout.write('x'); typer.echo('x')\n"
    assert _writes_to_the_process(ast.parse(code)) == {
        "sys.stdout",
        "typer.echo",
        "from sys import stderr",
    }


def test_output_goes_to_the_environments_streams_at_its_width(home: Path) -> None:
    """Data, tables and messages reach the streams the Environment holds, and a table is
    drawn at the Environment's width, whatever the process has in front of it."""
    runner = CliRunner()
    given = Environment(home=str(home))
    note = "a long reason " * 8
    added = runner.invoke(
        app, ["people", "add", "Sam", "--role", "sponsor", "--note", note], obj=given
    )
    assert added.exit_code == 0, added.stderr
    out, err = io.StringIO(), io.StringIO()
    narrow = given._replace(stdout=out, stderr=err, stdout_is_terminal=True, colour=False, width=40)
    result = runner.invoke(app, ["people", "list"], obj=narrow)
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    drawn = out.getvalue().splitlines()
    assert "Sam" in out.getvalue() and any("│" in line or "┃" in line for line in drawn)
    assert max(len(line) for line in drawn) <= 40
    wide = given._replace(stdout=io.StringIO(), stdout_is_terminal=True, colour=False, width=200)
    runner.invoke(app, ["people", "list"], obj=wide)
    assert max(len(line) for line in wide.stdout.getvalue().splitlines()) > 40  # type: ignore[union-attr]
    said = runner.invoke(app, ["people", "remove", "Nobody"], obj=narrow)
    assert said.exit_code != 0 and said.stderr == ""
    assert "Nobody" in err.getvalue() or "Nobody" in said.output


def test_the_width_comes_from_COLUMNS_when_it_is_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "52")
    assert read_environment().width == 52
    monkeypatch.setenv("COLUMNS", "wide")
    assert read_environment().width == 80  # no terminal under the test runner: 80
