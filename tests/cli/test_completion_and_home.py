"""Tab completes the journal's own names; --home works wherever it is typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from recoverylog.cli.main import globals_first


def _complete(home: Path, words: str) -> list[str]:
    env = {
        **os.environ,
        "_RECOVERYLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "RECOVERYLOG_HOME": str(home),
    }
    done = subprocess.run(
        [sys.executable, "-m", "recoverylog"], env=env, capture_output=True, text=True
    )
    return [line for line in done.stdout.splitlines() if line]


def test_clock_people_and_names_complete(cli: Any, home: Path) -> None:
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("clock", "add", "gambling", "--since", "2026-10-01"),
        ("people", "add", "Sam", "--role", "sponsor"),
        ("coping", "add", "urge surfing"),
    ):
        assert cli(*args).exit_code == 0
    assert _complete(home, "recoverylog clock show a") == ["alcohol"]
    assert _complete(home, "recoverylog clock show ") == ["alcohol", "gambling"]
    assert _complete(home, "recoverylog log craving 5 --clock g") == ["gambling"]
    assert _complete(home, "recoverylog people remove S") == ["Sam"]
    assert _complete(home, "recoverylog log coping u") == ["urge surfing"]
    assert _complete(home, "recoverylog log craving 4 --coping u") == ["urge surfing"]


def test_an_encrypted_journal_completes_nothing_and_asks_nothing(
    cli: Any, home: Path, monkeypatch: Any
) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long enough passphrase")
    assert cli("encrypt").exit_code == 0
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert _complete(home, "recoverylog clock show ") == []


def test_home_after_the_command_is_the_same_home(cli: Any, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert (
        cli("clock", "add", "alcohol", "--since", "2026-10-01", "--home", str(elsewhere)).exit_code
        == 0
    )
    assert cli("log", "note", "hi", f"--home={elsewhere}").exit_code == 0
    listed = cli("--home", str(elsewhere), "list")
    assert "hi" in listed.stdout
    assert not (tmp_path / "home").exists()  # the default home was never used


def test_globals_first_moves_only_the_global_options() -> None:
    assert globals_first(["log", "note", "x", "--home", "/h"]) == [
        "--home",
        "/h",
        "log",
        "note",
        "x",
    ]
    assert globals_first(["--home", "/h", "status"]) == ["--home", "/h", "status"]
    assert globals_first(["log", "note", "--", "--home", "x"]) == [
        "log",
        "note",
        "--",
        "--home",
        "x",
    ]
    assert globals_first(["status", "--home=/h"]) == ["--home=/h", "status"]
    assert globals_first(["insights", "--a11y", "-p", "all"]) == ["--a11y", "insights", "-p", "all"]
    assert globals_first(["demo", "--home", "/d", "--a11y"]) == ["--a11y", "demo", "--home", "/d"]
    assert globals_first(["log", "note", "--", "--a11y"]) == ["log", "note", "--", "--a11y"]


def test_the_demo_keeps_its_own_home_option() -> None:
    assert globals_first(["demo", "--home", "/d"]) == ["demo", "--home", "/d"]


def test_the_demo_keeps_its_own_home_after_a_global_one() -> None:
    args = ["--home", "/h", "demo", "--home", "/d"]
    assert globals_first(args) == args
    assert globals_first(["--home", "/h", "list", "--home", "/x"]) == [
        "--home", "/x", "--home", "/h", "list",
    ]  # fmt: skip
