"""People keep journals in synced folders: a linked entries folder or journal.toml is
written through (the data lands in the target) and the link itself stays a link."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from safety_helpers import MONTH_FILE, mode_of

PASSPHRASE = "a long passphrase for the symlink test"


def ok(cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _notes(cli) -> set[str]:
    return {e["note"] for e in json.loads(ok(cli, "list", "--format", "json", "--limit", "1000"))}


def test_linked_entries_folder_keeps_working_and_stays_a_link(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "synced" / "entries"
    target.mkdir(parents=True, mode=0o700)
    home.mkdir(mode=0o700)
    link = home / "entries"
    link.symlink_to(target, target_is_directory=True)

    def still_linked() -> None:
        assert link.is_symlink() and Path(os.readlink(link)) == target
        assert sorted(p.name for p in target.iterdir() if MONTH_FILE.match(p.name))

    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    first = ok(cli, "log", "craving", "5", "--note", "november").split()[0]
    still_linked()
    october = ok(cli, "log", "craving", "3", "--at", "2026-10-05", "--note", "october").split()[0]
    assert {p.name for p in target.iterdir()} == {"2026-10.json", "2026-11.json"}
    assert all(mode_of(p) == 0o600 for p in target.iterdir())
    ok(cli, "edit", first, "--note", "november, edited")
    still_linked()
    month = json.loads((target / "2026-11.json").read_text())
    assert [e["note"] for e in month["entries"]] == ["november, edited"]

    backup = Path(ok(cli, "backup", "create").split()[-1]).name
    ok(cli, "delete", october, "--yes")
    still_linked()
    assert (
        not (target / "2026-10.json").exists()
        or "october" not in (target / "2026-10.json").read_text()
    )
    assert _notes(cli) == {"november, edited"}

    ok(cli, "backup", "restore", backup, "--yes")
    still_linked()
    assert "october" in (target / "2026-10.json").read_text()
    assert _notes(cli) == {"november, edited", "october"}

    doctor = cli("doctor")
    assert doctor.exit_code == 0, doctor.stdout + doctor.stderr

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    still_linked()
    assert b"october" not in (target / "2026-10.json").read_bytes()
    ok(cli, "decrypt")
    still_linked()
    assert "october" in (target / "2026-10.json").read_text()


def test_linked_journal_file_keeps_working_and_stays_a_link(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    synced = tmp_path / "synced"
    synced.mkdir(mode=0o700)
    target = synced / "journal.toml"
    (home / "journal.toml").rename(target)
    link = home / "journal.toml"
    relative = os.path.join("..", "synced", "journal.toml")  # as sync tools often make them
    link.symlink_to(relative)

    def journal() -> dict:
        assert link.is_symlink() and os.readlink(link) == relative
        assert mode_of(target) == 0o600
        return tomllib.loads(target.read_text(encoding="utf-8"))

    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    assert [c["name"] for c in journal()["clocks"]] == ["alcohol", "nicotine"]
    ok(cli, "log", "lapse", "nicotine", "--at", "2026-11-10 21:00")
    assert len(journal()["clocks"][1]["lapses"]) == 1
    ok(cli, "log", "craving", "4", "--clock", "alcohol", "--coping", "cold water")
    assert [t["name"] for t in journal()["toolkit"]] == ["cold water"]
    backup = Path(ok(cli, "backup", "create").split()[-1]).name
    ok(cli, "clock", "edit", "alcohol", "--cost-per-day", "12")
    assert journal()["clocks"][0]["cost_per_day"] == 12
    ok(cli, "clock", "remove", "nicotine", "--yes")
    assert [c["name"] for c in journal()["clocks"]] == ["alcohol"]

    ok(cli, "backup", "restore", backup, "--yes")
    assert [c["name"] for c in journal()["clocks"]] == ["alcohol", "nicotine"]
    assert "cost_per_day" not in journal()["clocks"][0]

    doctor = cli("doctor")
    assert doctor.exit_code == 0, doctor.stdout + doctor.stderr

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    ok(cli, "encrypt")
    assert link.is_symlink() and b"nicotine" not in target.read_bytes()
    assert "alcohol" in ok(cli, "clock", "list")
    ok(cli, "decrypt")
    assert [c["name"] for c in journal()["clocks"]] == ["alcohol", "nicotine"]
    assert sorted(p.name for p in home.iterdir() if p.name.endswith(".toml")) == ["journal.toml"]


def _linked_journal(cli, home: Path, tmp_path: Path) -> tuple[Path, Path]:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    synced = tmp_path / "synced"
    synced.mkdir(mode=0o700)
    target = synced / "journal.toml"
    (home / "journal.toml").rename(target)
    link = home / "journal.toml"
    link.symlink_to(os.path.join("..", "synced", "journal.toml"))
    return link, target


def test_doctor_fix_on_a_damaged_linked_journal_moves_the_link_not_the_file(
    cli, home: Path, tmp_path: Path
) -> None:
    """The file a link points to may lie outside the home: doctor --fix keeps a copy of
    its words and moves the link aside, and never removes or replaces that file."""
    link, target = _linked_journal(cli, home, tmp_path)
    damaged = b'schema_version = 2\n[[clocks]]\nname = "alc'
    target.write_bytes(damaged)

    check = cli("doctor")
    assert check.exit_code == 4 and "journal.toml" in check.stdout
    fixed = cli("doctor", "--fix", "--format", "json")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert "Traceback" not in fixed.stdout + fixed.stderr
    assert f"{target}, where it pointed, was left as it is" in fixed.stdout

    assert target.read_bytes() == damaged
    assert not os.path.lexists(link)
    kept = [p for p in (home / "quarantine").rglob("*") if p.is_file() and not p.is_symlink()]
    assert [p.read_bytes() for p in kept] == [damaged]  # the words, not a broken link
    assert all(mode_of(p) == 0o600 for p in kept)

    # The journal starts afresh in the home.
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    assert [c["name"] for c in tomllib.loads(link.read_text())["clocks"]] == ["nicotine"]
    assert target.read_bytes() == damaged
    assert cli("doctor").exit_code == 0
