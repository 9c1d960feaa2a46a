"""A home in a synced folder, used from two computers: the copies a sync tool keeps
when both changed one file are merged by the next command, and nothing is lost."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import as_json, ok

OTHER = "other computer"


@pytest.fixture
def on(cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """on(folder, time, *args): a command on the computer whose home is ``folder``."""

    def run(folder: Path, time: str, *args: str) -> Any:
        monkeypatch.setenv("RECOVERYLOG_HOME", str(folder))
        monkeypatch.setenv("RECOVERYLOG_NOW", f"2026-12-06T{time}:00+00:00")
        return ok(cli, *args)

    return run


@pytest.fixture
def two(on: Callable[..., Any], home: Path, tmp_path: Path) -> Path:
    """The home with a clock, an entry and a person, and the other computer's copy."""
    on(home, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(home, "09:01", "log", "note", "a first note")
    on(home, "09:02", "people", "add", "Sam", "--role", "sponsor")
    other = tmp_path / OTHER
    shutil.copytree(home, other)
    return other


def conflict(home: Path, other: Path, name: str, copy_name: str) -> Path:
    """The sync tool keeps this home's file and the other computer's beside it."""
    copy = (home / name).parent / copy_name
    shutil.copyfile(other / name, copy)
    return copy


def notes(cli_json: Any) -> list[str]:
    return sorted(e.get("note") or "" for e in cli_json)


@pytest.mark.parametrize(
    "copy_name",
    [
        "2026-12.sync-conflict-20261206-120000-ABCDEF1.json",
        "2026-12 (Sam's conflicted copy 2026-12-06).json",
        "2026-12 (conflicted copy 2026-12-06 120000).json",
        "2026-12_conflict-20261206-120000.json",
        "2026-12 2.json",
    ],
)
def test_the_next_command_merges_the_copy_and_says_so_once(
    on: Callable[..., Any], home: Path, two: Path, copy_name: str
) -> None:
    on(home, "10:00", "log", "note", "written here")
    on(two, "10:05", "log", "note", "written there")
    copy = conflict(home, two, "entries/2026-12.json", copy_name)
    listed = on(home, "12:00", "list", "--format", "json")
    assert notes(as_json(listed)) == ["a first note", "written here", "written there"]
    assert "1 added" in listed.stderr and "from your other computer" in listed.stderr
    assert not copy.exists()
    again = on(home, "12:01", "list", "--format", "json")
    assert again.stderr == ""


def test_both_versions_are_kept_in_a_backup(on: Callable[..., Any], home: Path, two: Path) -> None:
    on(home, "10:00", "log", "note", "written here")
    on(two, "10:05", "log", "note", "written there")
    before = (home / "entries/2026-12.json").read_bytes()
    copy = conflict(home, two, "entries/2026-12.json", "2026-12 2.json")
    theirs = copy.read_bytes()
    said = on(home, "12:00", "status").stderr
    backup = next((home / "backups").glob("*before-merging-copies"))
    assert backup.name in said
    assert (backup / "entries/2026-12.json").read_bytes() == before
    assert (backup / "copies" / "2026-12 2.json").read_bytes() == theirs


def test_a_deletion_on_one_computer_is_not_undone_by_the_others_copy(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    first = next(e for e in as_json(on(home, "10:00", "list", "--format", "json")))
    on(home, "10:01", "delete", first["id"][:8], "--yes")
    month = json.loads((home / "entries/2026-12.json").read_text())
    assert first["id"] in month["deleted"]  # the tombstone: id and time, no words
    on(two, "10:05", "log", "note", "written there")
    conflict(home, two, "entries/2026-12.json", "2026-12.sync-conflict-20261206-120000-B.json")
    listed = as_json(on(home, "12:00", "list", "--format", "json"))
    assert notes(listed) == ["written there"]


def test_an_edit_after_the_deletion_wins_over_it(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    first = next(e for e in as_json(on(home, "10:00", "list", "--format", "json")))
    on(home, "10:01", "delete", first["id"][:8], "--yes")
    on(two, "10:05", "edit", first["id"][:8], "--note", "changed later")
    conflict(home, two, "entries/2026-12.json", "2026-12 2.json")
    listed = as_json(on(home, "12:00", "list", "--format", "json"))
    assert notes(listed) == ["changed later"]
    assert "deleted" not in json.loads((home / "entries/2026-12.json").read_text())


def test_the_journal_merges_item_by_item(on: Callable[..., Any], home: Path, two: Path) -> None:
    on(home, "10:00", "people", "add", "Alex", "--role", "peer")
    on(home, "10:01", "plan", "add", "reasons", "my health")
    on(home, "10:02", "clock", "edit", "alcohol", "--cost-per-day", "12")
    on(two, "10:05", "people", "edit", "Sam", "--phone", "555 0100")
    on(two, "10:06", "log", "lapse", "alcohol", "--at", "2026-12-05 21:00")
    on(two, "10:07", "goal", "set", "meetings", "3", "--days", "7")
    conflict(home, two, "journal.toml", "journal.sync-conflict-20261206-120000-B.toml")
    said = on(home, "12:00", "status").stderr
    assert "journal.toml" in said
    people = {
        p["name"]: p for p in as_json(on(home, "12:01", "people", "list", "--format", "json"))
    }
    assert set(people) == {"Sam", "Alex"} and people["Sam"]["phone"] == "555 0100"
    clock = as_json(on(home, "12:02", "clock", "show", "alcohol", "--format", "json"))
    assert clock["cost_per_day"] == 12 and clock["lapses"] == 1
    shown = on(home, "12:03", "plan", "show").stdout
    assert "my health" in shown
    assert "meetings" in on(home, "12:04", "goal", "show").stdout


def test_a_person_removed_on_one_computer_stays_removed(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    on(home, "10:00", "people", "remove", "Sam", "--yes")
    on(two, "10:05", "people", "add", "Alex", "--role", "peer")
    conflict(home, two, "journal.toml", "journal 2.toml")
    people = as_json(on(home, "12:00", "people", "list", "--format", "json"))
    assert [p["name"] for p in people] == ["Alex"]


def test_settings_merge_key_by_key_keeping_this_computers_values(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    on(home, "10:00", "config", "set", "currency", "EUR")
    on(two, "10:05", "config", "set", "currency", "GBP")
    on(two, "10:06", "config", "set", "backups.keep", "4")
    conflict(home, two, "config.toml", "config (conflicted copy 2026-12-06 120000).toml")
    on(home, "12:00", "status")
    assert on(home, "12:01", "config", "get", "currency").stdout == "EUR\n"
    assert on(home, "12:02", "config", "get", "backups.keep").stdout == "4\n"


def test_a_copy_that_cannot_be_read_is_left_for_a_person(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    copy = home / "entries" / "2026-12 2.json"
    copy.write_text("{not json")
    copy.chmod(0o600)
    said = on(home, "12:00", "status").stderr
    assert "2026-12 2.json was left as it is" in said and "doctor" in said
    assert copy.exists()
