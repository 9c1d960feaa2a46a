"""Under umask 000, every kind of write leaves files 0600 and folders 0700."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from safety_helpers import mode_of, walk_all

PASSPHRASE = "a long passphrase for the permission test"


@pytest.fixture
def open_umask():
    """The most careless umask there is, for this test only."""
    previous = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(previous)


def assert_private(home: Path, after: str) -> None:
    assert mode_of(home) == 0o700, f"{home} after {after}"
    for path in walk_all(home):
        assert not path.is_symlink()
        if path.is_dir():
            assert mode_of(path) == 0o700, f"{path} after {after}: {oct(mode_of(path))}"
        else:
            assert stat.S_ISREG(path.lstat().st_mode)
            assert mode_of(path) == 0o600, f"{path} after {after}: {oct(mode_of(path))}"


def test_the_umask_really_is_open(open_umask, tmp_path: Path) -> None:
    """The control: without the program's care, a new file here would be world-readable."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    assert mode_of(probe) == 0o666


def test_every_write_leaves_private_files_and_folders(
    cli, home: Path, tmp_path: Path, open_umask, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor_log = tmp_path / "editor-saw.json"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, os, sys\n"
        "path = sys.argv[1]\n"
        "folder = os.path.dirname(path)\n"
        "modes = [oct(os.stat(p).st_mode & 0o777) for p in (path, folder)]\n"
        f"json.dump({{'path': path, 'modes': modes}}, open({str(editor_log)!r}, 'w'))\n"
        "open(path, 'a').write('written in the editor')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")

    def run(*args: str) -> str:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert_private(home, " ".join(args))
        return result.stdout

    run("clock", "add", "alcohol", "--since", "2026-10-01")
    first = run("log", "craving", "5", "--note", "first").split()[0]
    october = run("log", "craving", "3", "--at", "2026-10-05", "--coping", "walk").split()[0]
    run("edit", first, "--intensity", "6")
    run("delete", october, "--yes")
    run("log", "lapse", "alcohol", "--at", "2026-11-20 21:00")
    run("clock", "edit", "alcohol", "--cost-per-day", "10")
    run("clock", "rename", "alcohol", "drinking")
    run("config", "set", "currency", "EUR")
    run("log", "note", "--edit")
    saw = json.loads(editor_log.read_text())
    assert saw["modes"] == ["0o600", "0o700"]
    assert Path(saw["path"]).is_relative_to(home) and not Path(saw["path"]).exists()
    created = run("backup", "create")
    name = Path(created.split()[-1]).name
    run("backup", "restore", name, "--yes")
    run("doctor", "--fix")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    run("encrypt")
    run("log", "craving", "2", "--note", "sealed")
    run("decrypt")
    notes = json.loads(run("list", "--format", "json"))
    assert {e["note"] for e in notes} >= {"first", "sealed", "written in the editor"}
