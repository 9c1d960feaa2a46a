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
    """on(folder, time, *args): a command on the computer whose home is ``folder``, at
    ``time`` (HH:MM on 6 December, or a day and time)."""

    def run(folder: Path, time: str, *args: str) -> Any:
        monkeypatch.setenv("RECOVERYLOG_HOME", str(folder))
        day = "" if "T" in time else "2026-12-06T"
        monkeypatch.setenv("RECOVERYLOG_NOW", f"{day}{time}:00+00:00")
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
    assert "from your other computer: 1 entry added." in listed.stderr
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


def test_an_encrypted_home_merges_with_the_passphrase_at_hand(
    on: Callable[..., Any], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoverylog.store.crypto import MAGIC

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long passphrase for two computers")
    on(home, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(home, "09:01", "encrypt")
    other = tmp_path / OTHER
    shutil.copytree(home, other)
    on(home, "10:00", "log", "note", "written here")
    on(other, "10:05", "log", "note", "written there")
    copy = conflict(
        home, other, "entries/2026-12.json", "2026-12.sync-conflict-20261206-120000-B.json"
    )
    assert copy.read_bytes().startswith(MAGIC)
    listed = as_json(on(home, "12:00", "list", "--format", "json"))
    assert notes(listed) == ["written here", "written there"]
    assert (home / "entries/2026-12.json").read_bytes().startswith(MAGIC)
    assert not copy.exists()


def test_without_the_passphrase_an_encrypted_homes_copies_wait(
    on: Callable[..., Any],
    cli_without_terminal: Any,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long passphrase for two computers")
    on(home, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(home, "09:01", "encrypt")
    other = tmp_path / OTHER
    shutil.copytree(home, other)
    on(other, "10:05", "log", "note", "written there")
    on(home, "10:06", "log", "note", "written here")
    copy = conflict(home, other, "entries/2026-12.json", "2026-12 2.json")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-12-06T12:00:00+00:00")
    said = cli_without_terminal("list").stderr  # no passphrase to be had
    assert "1 copy from your other computer waits to be merged" in said
    assert "recoverylog unlock" in said and copy.exists()


def test_tombstones_go_after_the_days_the_setting_keeps(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    on(home, "09:30", "config", "set", "sync.keep_deleted_days", "2")
    first = next(e for e in as_json(on(home, "10:00", "list", "--format", "json")))
    on(home, "10:01", "delete", first["id"][:8], "--yes")
    on(home, "10:02", "people", "remove", "Sam", "--yes")
    month = home / "entries/2026-12.json"
    assert first["id"] in json.loads(month.read_text())["deleted"]
    assert '"person:sam"' in (home / "journal.toml").read_text()
    on(home, "2026-12-08T10:00", "log", "note", "two days on")
    on(home, "2026-12-08T10:01", "people", "add", "Alex", "--role", "peer")
    assert first["id"] in json.loads(month.read_text())["deleted"]
    assert '"person:sam"' in (home / "journal.toml").read_text()
    on(home, "2026-12-08T10:02", "config", "set", "sync.keep_deleted_days", "1")
    on(home, "2026-12-08T10:03", "log", "note", "a day too many")
    on(home, "2026-12-08T10:04", "people", "edit", "Alex", "--phone", "555 0101")
    assert "deleted" not in json.loads(month.read_text())
    assert '"person:sam"' not in (home / "journal.toml").read_text()


def changed_at(home: Path) -> dict[str, str]:
    """journal.toml's record of when each thing in it was last changed."""
    import tomllib

    table = tomllib.loads((home / "journal.toml").read_text()).get("changed", {})
    return {key: when.strftime("%H:%M") for key, when in table.items()}


def test_every_thing_in_the_journal_says_when_it_was_last_changed(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    on(home, "10:00", "clock", "edit", "alcohol", "--cost-per-day", "9")
    on(home, "10:01", "log", "lapse", "alcohol", "--at", "2026-12-05 21:00")
    on(home, "10:02", "people", "edit", "Sam", "--phone", "555 0100")
    on(home, "10:03", "coping", "add", "urge surfing")
    on(home, "10:04", "goal", "set", "meetings", "3", "--days", "7")
    on(home, "10:05", "plan", "add", "reasons", "my health")
    stamps = changed_at(home)
    lapse = next(key for key in stamps if key.startswith("lapse:alcohol:"))
    assert {
        key: stamps[key]
        for key in (
            "clock:alcohol",
            lapse,
            "person:sam",
            "technique:urge surfing",
            "goal:meetings",
            "plan:reasons",
        )
    } == {
        "clock:alcohol": "10:00",
        lapse: "10:01",
        "person:sam": "10:02",
        "technique:urge surfing": "10:03",
        "goal:meetings": "10:04",
        "plan:reasons": "10:05",
    }
    lapse_id = lapse.rpartition(":")[2]
    on(home, "10:06", "edit", lapse_id[:8], "--note", "after the party")
    assert changed_at(home)[lapse] == "10:06" and changed_at(home)["clock:alcohol"] == "10:00"


def test_a_renamed_clock_takes_its_entries_along_on_the_other_computer_too(
    on: Callable[..., Any], home: Path, two: Path
) -> None:
    on(home, "10:00", "clock", "rename", "alcohol", "drinking")
    on(two, "10:05", "log", "note", "written there")
    conflict(home, two, "entries/2026-12.json", "2026-12 2.json")
    conflict(home, two, "journal.toml", "journal 2.toml")
    listed = as_json(on(home, "12:00", "list", "--format", "json"))
    clocks = {e["note"]: e.get("clock") for e in listed}
    assert clocks == {"a first note": "drinking", "written there": "alcohol"}
    names = [c["name"] for c in as_json(on(home, "12:01", "clock", "list", "--format", "json"))]
    assert names == ["drinking"]


@pytest.mark.parametrize(
    ("there", "left"),
    [(("edit", "--note", "changed later"), ["changed later"]), (("delete", "--yes"), [])],
)
def test_an_entry_moved_to_another_month_and_changed_later_elsewhere_ends_as_changed(
    on: Callable[..., Any], home: Path, two: Path, there: tuple[str, ...], left: list[str]
) -> None:
    first = next(e for e in as_json(on(home, "10:00", "list", "--format", "json")))
    short = first["id"][:8]
    on(home, "10:01", "edit", short, "--at", "2026-11-15 10:00")  # into November
    on(two, "10:05", there[0], short, *there[1:])
    conflict(home, two, "entries/2026-12.json", "2026-12 2.json")
    listed = as_json(on(home, "12:00", "list", "--all", "--format", "json"))
    assert [(e["id"], e.get("note")) for e in listed] == [(first["id"], note) for note in left]
