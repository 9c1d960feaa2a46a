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


def test_imports_reports_and_support_writes_leave_private_files(
    cli, home: Path, tmp_path: Path, open_umask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """import, people, checkin, goal, plan (from $EDITOR), doctor --fix, and files
    written with --output (those outside the home are 0600 too)."""
    editor = tmp_path / "plan_editor.py"
    editor.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text.replace('= []', '= [\"my kids\"]', 1))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    outputs = tmp_path / "shared"
    outputs.mkdir(mode=0o755)

    def run(*args: str) -> str:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert_private(home, " ".join(args))
        return result.stdout

    run("clock", "add", "alcohol", "--since", "2026-10-01")
    jrnl = Path(__file__).parent.parent / "fixtures" / "jrnl_export.json"
    run("import", "--from", "jrnl", str(jrnl))
    assert any(p.name.endswith("-import") for p in (home / "backups").iterdir())
    run("people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")
    run("people", "edit", "Sam", "--note", "call after 6pm")
    run("checkin", "--clean", "yes", "--difficulty", "hard", "--mood", "3")
    run("goal", "set", "meetings", "90", "--days", "90")
    run("plan", "edit")
    assert "my kids" in run("plan", "show")

    for args in (
        ("report", "--output", str(outputs / "week.md")),
        ("report", "--output", str(outputs / "week.html")),
        ("export", "--output", str(outputs / "export.json")),
        ("export", "--output", str(outputs / "export.toml")),
        ("milestones", "--output", str(outputs / "milestones.ics")),
    ):
        run(*args)
        written = Path(args[-1])
        assert mode_of(written) == 0o600, f"{written}: {oct(mode_of(written))}"
    run("import", str(outputs / "export.json"))

    # doctor --fix moves a damaged month aside into a new quarantine/ folder.
    damaged = home / "entries" / "2026-09.json"
    damaged.write_bytes(b'{"schema_version": 2, "entries": [ cut off')
    damaged.chmod(0o600)
    assert not (home / "quarantine").exists()
    run("doctor", "--fix")
    assert (home / "quarantine").is_dir() and not damaged.exists()


def test_a_migration_leaves_private_files(cli, home: Path, open_umask) -> None:
    """Older files brought up to date (after a backup) are rewritten 0600."""
    import shutil

    fixtures = Path(__file__).parent.parent / "fixtures" / "schema_v1"
    shutil.copytree(fixtures, home)
    for path in [home, *walk_all(home)]:
        path.chmod(0o700 if path.is_dir() else 0o600)  # as the older version left them
    before = {p: p.read_bytes() for p in walk_all(home) if p.is_file()}

    result = cli("list")

    assert result.exit_code == 0, result.stderr
    assert all(p.read_bytes() != data for p, data in before.items())  # all migrated
    assert any("before-migration" in p.name for p in (home / "backups").iterdir())
    assert_private(home, "migration")
