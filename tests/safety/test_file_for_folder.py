"""A file where a folder should be (--home naming a file, an 'entries' file) is a clear
error with the fix, never a traceback; crisis help still shows the lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_a_home_that_is_a_file(cli: Any, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "journal.txt"
    not_a_folder.write_text("mine")
    result = cli("--home", str(not_a_folder), "status")
    assert result.exit_code == 4
    assert "is a file, but recoverylog keeps a folder there" in result.stderr
    assert "mv " in result.stderr and "unexpected" not in result.stderr
    help_now = cli("--home", str(not_a_folder), "help-now")
    assert help_now.exit_code == 0
    assert "988 Suicide & Crisis Lifeline" in help_now.stdout
    assert not_a_folder.read_text() == "mine"


def test_an_entries_file(cli: Any, home: Path) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    (home / "entries").write_text("not a folder")
    for command in (["list"], ["log", "note", "hi"], ["doctor"]):
        result = cli(*command)
        assert result.exit_code == 4, command
        assert "entries is a file" in result.stderr, command
    sos = cli("sos", "--no-timer")
    assert sos.exit_code == 0 and "988" in sos.stdout
