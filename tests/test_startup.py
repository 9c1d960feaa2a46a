"""Startup stays light: heavy modules load only in the commands that need them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recoverylog import __version__

HEAVY = (
    *("rich.console", "rich.table", "rich.text", "tomllib", "tomli_w", "tomlkit"),
    *("platformdirs", "jinja2"),
)


def _loaded_after(code: str, env: dict[str, str] | None = None) -> list[str]:
    """Run ``code`` in a fresh interpreter; return which HEAVY modules it left loaded."""
    probe = (
        "import sys, json\n"
        f"{code}\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_the_probe_sees_heavy_modules_when_they_are_loaded() -> None:
    """Control: the check below would notice if these modules were imported."""
    modules = ["rich.console", "rich.table", "tomllib", "tomli_w", "tomlkit", "platformdirs"]
    assert set(_loaded_after(f"import {', '.join(modules)}")) >= set(modules)


def test_importing_the_cli_loads_no_heavy_module() -> None:
    assert _loaded_after("import recoverylog.cli.main") == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["log", "craving", "--help"],
        ["list", "--format", "json"],
        ["status", "-f", "plain"],
    ],
    ids=" ".join,
)
def test_help_and_plain_output_need_no_rich(args: list[str], tmp_path: Path) -> None:
    env = dict(os.environ, RECOVERYLOG_HOME=str(tmp_path / "home"))
    code = (
        "from recoverylog.cli.main import app\n"
        "try:\n"
        f"    app({args!r}, prog_name='recoverylog', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print()\n"
    )
    loaded = _loaded_after(code, env)
    assert [m for m in loaded if m.startswith("rich")] == []


def test_python_dash_m_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recoverylog", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"recoverylog {__version__}\n"
    assert __version__.count(".") >= 1


def _modules_status_loads(tmp_path: Path) -> set[str]:
    """Every module loaded once `status` has run, in a fresh interpreter."""
    env = dict(os.environ, RECOVERYLOG_HOME=str(tmp_path / "home"))
    probe = (
        "import sys, json\n"
        "from recoverylog.cli.main import app\n"
        "try:\n"
        "    app(['status', '-f', 'plain'], prog_name='recoverylog', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "recoverylog.cli.progress" in loaded  # control: the probe ran status
    return loaded


def test_a_command_loads_only_its_own_group(tmp_path: Path) -> None:
    """Commands load lazily: status does not pay for reports, insights or the SOS screen."""
    loaded = _modules_status_loads(tmp_path)
    unwanted = {
        "recoverylog.cli.sos",
        "recoverylog.cli.checkin",
        "recoverylog.cli.entries",
        "recoverylog.cli.report",  # the report command's options; milestones prints apart
        "recoverylog.domain.insights",
        "recoverylog.reports.writers",
        "recoverylog.services.reports",
        "recoverylog.services.shapes",  # typed dictionaries, for the type checker only
    }
    assert loaded & unwanted == set()


def test_the_console_entry_point_keeps_exit_codes_and_flushes_output(tmp_path: Path) -> None:
    """run() ends the process without interpreter teardown: nothing printed may be lost."""
    env = dict(os.environ, RECOVERYLOG_HOME=str(tmp_path / "home"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "recoverylog", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    added = run("clock", "add", "alcohol", "--since", "2026-01-01")
    assert added.returncode == 0, added.stderr
    listed = run("clock", "list", "--format", "json")
    assert listed.returncode == 0 and json.loads(listed.stdout)[0]["name"] == "alcohol"
    refused = run("log", "craving", "11")
    assert refused.returncode == 2
    assert refused.stderr.startswith("Error: ") and refused.stdout == ""
    unknown = run("no-such-command")
    assert unknown.returncode == 2 and "No such command" in unknown.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """Output piped to a reader that has gone (| head): no 'unexpected' error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with a broken pipe
    env = dict(os.environ, RECOVERYLOG_HOME=str(tmp_path / "home"))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "recoverylog", "help-now"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_typo_in_a_command_name_gets_a_suggestion() -> None:
    from typer.testing import CliRunner

    from recoverylog.cli.main import app

    result = CliRunner().invoke(app, ["stauts"])
    assert result.exit_code == 2
    assert "No such command 'stauts'. Did you mean 'status'?" in result.stderr


def test_milestones_after_a_lapse_loads_no_report_code(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    """The terminal view of earlier runs must not pay for the printed summary's code."""
    assert cli("clock", "add", "alcohol", "--since", "2026-09-01").exit_code == 0
    assert cli("log", "lapse", "alcohol", "--at", "2026-10-20 21:00").exit_code == 0
    probe = (
        "import sys, json\n"
        "from recoverylog.cli.main import app\n"
        "try:\n"
        "    app(['milestones', '-f', 'plain'], prog_name='recoverylog', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('recoverylog.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Reached in earlier runs" in result.stdout  # control: the view showed them
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    heavy = {"build", "document", "blocks", "words", "sections", "milestones", "writers", "sharing"}
    assert loaded & {f"recoverylog.reports.{name}" for name in heavy} == set()
    assert "recoverylog.domain.insights" not in loaded


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["log", "--help"]], ids=" ".join)
def test_a_full_disk_outside_any_command_is_one_line_not_a_traceback(args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "recoverylog", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 4
    assert result.stderr.startswith("Error: the disk is full")
    assert "Traceback" not in result.stderr


def test_a_plain_home_never_loads_the_unlock_key_cache(tmp_path: Path) -> None:
    """Keys kept by `unlock` concern encrypted homes only: a plain home's status loads
    neither their module nor ctypes."""
    loaded = _modules_status_loads(tmp_path)
    assert loaded & {"recoverylog.store.keycache", "ctypes"} == set()


@pytest.mark.parametrize("command", ["prompt", "greet"])
def test_prompt_and_greet_answer_without_typer(
    command: str, cli: Any, home: Path, tmp_path: Path
) -> None:
    """The bare forms are answered from the glance file before the application loads:
    no Typer, no Click, nothing heavy, and no journal read."""
    assert cli("clock", "add", "alcohol", "--since", "2026-09-22").exit_code == 0
    probe = (
        "import sys, json\n"
        "from recoverylog.cli.quick import _answered, quick_request\n"
        f"assert _answered(quick_request([{command!r}]))\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    answer, modules = result.stdout.strip().splitlines()
    assert answer.startswith("62d" if command == "prompt" else "Day 62")  # control
    loaded = set(json.loads(modules))
    heavy = {"typer", "click", "rich", "tomllib", "platformdirs", "recoverylog.store.home"}
    assert loaded & heavy == set()
    assert not any(name.startswith("recoverylog.cli.main") for name in loaded)


# What the prompt may load beyond Python's own start: it runs before every shell prompt.
NOT_FOR_THE_PROMPT = {
    "typing",
    "pathlib",
    "zoneinfo",
    "platformdirs",
    "recoverylog.environment",
    "recoverylog.paths",
    "recoverylog.services.glance",
}


@pytest.mark.parametrize("where", ["home", "platform folders"])
def test_the_prompt_loads_the_least_it_can(
    where: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the glance, `prompt` loads no typing, pathlib, time zone calendar or
    platformdirs, whether its home is given or in the platform's folders, and no
    datetime unless the clock is frozen."""
    from datetime import UTC, date, datetime, timedelta

    monkeypatch.delenv("RECOVERYLOG_NOW")
    if where == "platform folders":
        monkeypatch.delenv("RECOVERYLOG_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "account"))
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    since = (date.today() - timedelta(days=10)).isoformat()
    assert cli("clock", "add", "alcohol", "--since", since).exit_code == 0
    probe = (
        "import sys, json\n"
        "from recoverylog.cli.quick import _answered, quick_request\n"
        "assert _answered(quick_request(['prompt']))\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    for frozen in (None, datetime.now(UTC).replace(microsecond=0).isoformat()):
        env = dict(os.environ)
        if frozen:
            env["RECOVERYLOG_NOW"] = frozen
        result = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        answer, modules = result.stdout.strip().splitlines()
        assert answer in ("10d", "11d")  # control: it answered (around midnight, either)
        loaded = set(json.loads(modules))
        assert loaded & NOT_FOR_THE_PROMPT == set()
        assert ("datetime" in loaded) == (frozen is not None)
