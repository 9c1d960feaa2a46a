"""The console entry point says what went wrong in one line and exits with the
documented code, whatever fails: the options before a command, --help and --version,
an option's value, the home folder, or the reader of the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NAME_TOO_LONG = "a" * 300  # longer than any file name may be


def _run(
    *args: str, home: Path | None = None, **streams: object
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RECOVERYLOG_DEBUG"}
    env["SHELL"] = "/bin/bash"  # the shell --show-completion writes for
    if home is not None:
        env["RECOVERYLOG_HOME"] = str(home)
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    options.update(streams)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "recoverylog", *args],
        text=True,
        env=env,
        timeout=60,
        check=False,
        **options,
    )


def _one_error(stderr: str) -> str:
    """The 'Error: ...' line, checking that nothing else went wrong on the way."""
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["log", "--help"], ["--show-completion", "bash"], ["help-now"]],
    ids=" ".join,
)
def test_a_reader_that_has_gone_ends_the_output_quietly(args: list[str], tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with a broken pipe
    try:
        result = _run(*args, home=tmp_path / "home", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_help_into_head_shows_its_first_line_and_nothing_else(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"'{sys.executable}' -m recoverylog --help | head -1; exit ${{PIPESTATUS[0]}}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: recoverylog")
    assert done.stderr == ""


@pytest.mark.parametrize(
    "args", [["status"], ["clock", "add", "alcohol", "--since", "2026-10-01"]], ids=" ".join
)
def test_a_home_that_cannot_be_opened_is_a_data_problem(args: list[str], tmp_path: Path) -> None:
    result = _run("--home", str(tmp_path / NAME_TOO_LONG), *args)
    assert result.returncode == 4, result.stderr
    error = _one_error(result.stderr)
    assert "cannot be used" in error and "file name too long" in error
    assert result.stderr.splitlines()[-1].startswith("Hint: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="an administrator may read any folder")
def test_a_home_inside_a_closed_folder_is_a_data_problem(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o000)
    try:
        result = _run("--home", str(closed / "home"), "clock", "add", "a", "--since", "2026-10-01")
    finally:
        closed.chmod(0o700)
    assert result.returncode == 4, result.stderr
    assert "permission denied" in _one_error(result.stderr)


def test_completion_that_cannot_be_installed_is_one_error_line(tmp_path: Path) -> None:
    """An eager option's own failure: the shell's files go where HOME is, here a file."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    env = {**os.environ, "HOME": str(not_a_folder), "SHELL": "/bin/bash"}
    env.pop("RECOVERYLOG_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "recoverylog", "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 4, result.stderr
    assert f"{not_a_folder} cannot be used" in _one_error(result.stderr)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["status", "--format", "yaml"], "'yaml' is not one of"),
        (["log", "craving", "abc"], "the intensity is a whole number from 0 to 10"),
        (["--home"], "Option '--home' requires an argument"),
        (["--hme", "x", "status"], "No such option: --hme"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_bad_option_value_is_one_error_line(args: list[str], said: str, tmp_path: Path) -> None:
    result = _run(*args, home=tmp_path / "home")
    assert result.returncode == 2, result.stderr
    assert said in _one_error(result.stderr)
    assert result.stdout == ""


def test_an_error_with_nowhere_to_be_said_still_gives_its_exit_code(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = _run("log", "craving", "11", home=tmp_path / "home", stderr=full)
    assert result.returncode == 2


@pytest.mark.parametrize("args", [[], ["log"]], ids=lambda args: " ".join(["recoverylog", *args]))
def test_a_command_given_nothing_to_do_shows_its_help_line_by_line(
    args: list[str], tmp_path: Path
) -> None:
    result = _run(*args, home=tmp_path / "home")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"Usage: {' '.join(['recoverylog', *args])} [OPTIONS] COMMAND [ARGS]..."
    assert "Commands:" in lines
    assert "Traceback" not in result.stderr
