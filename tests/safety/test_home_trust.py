"""A home nobody else can steer: like ssh's StrictModes, a home (or a folder in it) owned
by another account or writable by others is refused with the fix; links inside the
home are written through, but never followed to remove, move or create a file elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

NOBODY = 65534  # the usual uid and gid of 'nobody'
needs_root = pytest.mark.skipif(os.getuid() != 0, reason="giving a folder away needs root")


def ok(cli: Any, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _private_file(folder: Path, text: str) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    secret = folder / "important.conf"
    secret.write_text(text)
    secret.chmod(0o600)
    return secret


@needs_root
def test_a_home_planted_by_another_account_is_refused(cli: Any, tmp_path: Path) -> None:
    """The reproduction: another account makes the home with a link to a private file
    in it; doctor --fix must refuse the home, never move that file away."""
    secret = _private_file(tmp_path / "private", "SECRET\n")
    home = tmp_path / "shared" / "home"
    (home / "entries").mkdir(parents=True)
    (home / "entries" / "2026-08.json").symlink_to(secret)
    for folder in (home, home / "entries"):
        os.lchown(folder, NOBODY, NOBODY)
        folder.chmod(0o777)

    for command in (["doctor", "--fix"], ["log", "note", "hi"], ["list"]):
        result = cli("--home", str(home), *command)
        assert result.exit_code == 4, (command, result.stdout, result.stderr)
        assert f"{home} belongs to another account" in result.stderr
        assert "chown" in result.stderr
    assert secret.read_text() == "SECRET\n"
    assert not (home / "quarantine").exists()


@needs_root
def test_a_folder_inside_the_home_owned_by_another_account_is_refused(cli: Any, home: Path) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "note", "mine")
    os.lchown(home / "entries", NOBODY, NOBODY)
    result = cli("list")
    assert result.exit_code == 4
    assert f"{home / 'entries'} belongs to another account" in result.stderr
    os.lchown(home / "entries", os.getuid(), os.getgid())
    assert "mine" in ok(cli, "list")


@needs_root
def test_a_linked_folder_whose_target_belongs_to_another_account_is_refused(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    elsewhere = tmp_path / "theirs"
    elsewhere.mkdir(mode=0o700)
    os.lchown(elsewhere, NOBODY, NOBODY)
    (home / "backups").symlink_to(elsewhere, target_is_directory=True)
    result = cli("backup", "create")
    assert result.exit_code == 4
    assert "belongs to another account" in result.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_home_others_can_write_to_is_refused_with_the_chmod(
    cli: Any, tmp_path: Path, mode: int
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(mode)
    result = cli("--home", str(home), "log", "note", "hi")
    assert result.exit_code == 4
    assert f"{home} can be changed by other accounts" in result.stderr
    assert f"chmod 700 '{home}'" in result.stderr
    assert list(home.iterdir()) == []
    home.chmod(0o700)
    ok(cli, "--home", str(home), "clock", "add", "alcohol", "--since", "2026-10-01")


def test_crisis_help_still_shows_the_lines_but_never_the_planted_ones(
    cli: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "crisis.toml").write_text(
        'schema_version = 1\n[[crisis_lines]]\nname = "Planted line"\nphone = "555 0100"\n'
    )
    home.chmod(0o777)
    for command in (["help-now"], ["sos", "--no-timer"]):
        result = cli("--home", str(home), *command)
        assert result.exit_code == 0, (command, result.stderr)
        assert "988" in result.stdout
        assert "555 0100" not in result.stdout and "Planted" not in result.stdout
        assert "can be changed by other accounts" in result.stdout + result.stderr


def _entries_month(home: Path, name: str) -> Path:
    return home / "entries" / name


def test_a_dangling_link_never_creates_a_file_where_it_points(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "note", "november")
    nowhere = tmp_path / "elsewhere" / "made-by-a-link.json"
    nowhere.parent.mkdir()
    _entries_month(home, "2026-10.json").symlink_to(nowhere)
    result = cli("log", "note", "october", "--at", "2026-10-10")
    assert result.exit_code == 4
    assert "2026-10.json is a link to" in result.stderr and "does not exist" in result.stderr
    assert not nowhere.exists()


def test_doctor_fix_on_a_damaged_linked_month_leaves_the_linked_file_alone(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    """Same account, no second user: a link under entries/ to a file elsewhere (say a
    shell profile) that does not read as a month. doctor --fix keeps a copy of its
    words and moves the link aside; the file it points to is untouched."""
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "note", "november")
    profile = _private_file(tmp_path / "me", "export PATH=$PATH:~/bin\n")
    link = _entries_month(home, "2026-08.json")
    link.symlink_to(profile)

    fixed = cli("doctor", "--fix", "--format", "json")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert profile.read_text() == "export PATH=$PATH:~/bin\n"
    assert not os.path.lexists(link)
    kept = [p for p in (home / "quarantine").rglob("*") if p.is_file() and not p.is_symlink()]
    assert [p.read_text() for p in kept] == [profile.read_text()]
    assert cli("doctor").exit_code == 0
    assert [e["note"] for e in json.loads(ok(cli, "list", "--format", "json"))] == ["november"]


def test_restore_removes_a_linked_month_by_its_link_never_the_file_elsewhere(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "note", "november")
    backup = Path(ok(cli, "backup", "create").split()[-1]).name
    synced = tmp_path / "synced"
    synced.mkdir(mode=0o700)
    ok(cli, "log", "note", "october", "--at", "2026-10-10")
    month = _entries_month(home, "2026-10.json")
    month.rename(synced / "2026-10.json")
    month.symlink_to(synced / "2026-10.json")
    assert "october" in ok(cli, "list")

    ok(cli, "backup", "restore", backup, "--yes")
    assert "october" in (synced / "2026-10.json").read_text()  # the file elsewhere stays
    assert not os.path.lexists(month)
    assert "october" not in ok(cli, "list")


def test_writing_through_a_link_to_a_file_of_another_account_is_refused(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    if os.getuid() != 0:
        pytest.skip("giving a file away needs root")
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    ok(cli, "log", "note", "november")
    theirs = tmp_path / "theirs.json"
    month = json.loads(_entries_month(home, "2026-11.json").read_text())
    theirs.write_text(json.dumps({**month, "entries": []}))
    before = theirs.read_text()
    os.lchown(theirs, NOBODY, NOBODY)
    _entries_month(home, "2026-10.json").symlink_to(theirs)
    result = cli("log", "note", "october", "--at", "2026-10-10")
    assert result.exit_code == 4
    assert "belongs to another account" in result.stderr
    assert theirs.read_text() == before
