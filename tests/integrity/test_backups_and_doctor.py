"""Backups before destructive operations, restore, pruning, and doctor's repairs."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest


def _setup(cli) -> list[str]:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    ids = []
    for at in ("2026-10-05 10:00", "2026-11-02 10:00", "2026-11-20 10:00"):
        result = cli("log", "craving", "5", "--at", at, "--note", f"note {at}")
        assert result.exit_code == 0, result.stderr
        ids.append(result.stdout.split()[0])
    return ids


def _backups(cli) -> list[dict]:
    return json.loads(cli("backup", "list", "--format", "json").stdout)


def test_delete_backs_up_only_the_affected_month(cli, home: Path) -> None:
    ids = _setup(cli)
    assert cli("delete", ids[0], "--yes").exit_code == 0
    [taken] = _backups(cli)
    assert taken["reason"] == "delete" and taken["partial"] is True
    folder = home / "backups" / taken["name"]
    assert sorted(p.name for p in (folder / "entries").iterdir()) == ["2026-10.json"]
    assert "note 2026-10-05 10:00" in (folder / "entries" / "2026-10.json").read_text()


def test_restoring_a_partial_backup_brings_back_the_entry_and_keeps_the_rest(cli) -> None:
    ids = _setup(cli)
    assert cli("delete", ids[0], "--yes").exit_code == 0
    name = _backups(cli)[0]["name"]
    assert cli("log", "craving", "2").exit_code == 0  # something new after the delete
    assert cli("backup", "restore", name, "--yes").exit_code == 0
    listed = json.loads(cli("list", "--format", "json").stdout)
    assert len(listed) == 4  # the three from setup plus the newer one
    assert ids[0] in {e["id"][:8] for e in listed}


def test_full_restore_returns_exactly_to_the_snapshot(cli) -> None:
    _setup(cli)
    assert cli("backup", "create").exit_code == 0
    name = _backups(cli)[0]["name"]
    assert cli("log", "craving", "9", "--at", "2026-09-15 10:00").exit_code == 0
    assert cli("backup", "restore", name, "--yes").exit_code == 0
    assert len(json.loads(cli("list", "--format", "json").stdout)) == 3
    reasons = [b["reason"] for b in _backups(cli)]
    assert "before-restore" in reasons


def test_backups_are_pruned_to_the_configured_number(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _setup(cli)
    assert cli("config", "set", "backups.keep", "3").exit_code == 0
    for minute in range(5):
        monkeypatch.setenv("RECOVERYLOG_NOW", f"2026-11-23T20:0{minute}:00+00:00")
        assert cli("backup", "create").exit_code == 0
    names = [b["name"] for b in _backups(cli)]
    assert len(names) == 3
    assert names[0].startswith("20261123-200400")


def test_restore_unknown_backup_is_not_found(cli) -> None:
    _setup(cli)
    result = cli("backup", "restore", "nope", "--yes")
    assert result.exit_code == 3
    assert "backup list" in result.stderr


def test_doctor_quarantines_damage_and_never_deletes_text(cli, home: Path) -> None:
    _setup(cli)
    damaged = home / "entries" / "2026-10.json"
    damaged.write_text('{"schema_version": 2, "entries": [ {"id": "truncated')
    leftover = home / "entries" / ".2026-11.json.999.abcd.tmp"
    leftover.write_text("half written")
    os.chmod(home / "journal.toml", 0o644)

    check = cli("doctor", "--format", "json")
    assert check.exit_code == 4
    kinds = sorted(p["kind"] for p in json.loads(check.stdout)["problems"])
    assert kinds == ["damaged", "orphan", "permissions", "permissions"]
    assert damaged.exists()  # checking changes nothing

    fixed = cli("doctor", "--fix", "--format", "json")
    assert fixed.exit_code == 0, fixed.stdout
    report = json.loads(fixed.stdout)
    assert report["backup"] and all(p["fixed"] for p in report["problems"])
    quarantined = {p.name: p.read_text() for p in (home / "quarantine").rglob("*") if p.is_file()}
    assert quarantined[".2026-11.json.999.abcd.tmp"] == "half written"
    assert quarantined["2026-10.json"].startswith('{"schema_version": 2')
    assert stat.S_IMODE((home / "journal.toml").stat().st_mode) == 0o600
    assert cli("doctor").exit_code == 0
    assert len(json.loads(cli("list", "--format", "json").stdout)) == 2


def test_doctor_moves_misplaced_entries_and_resolves_duplicate_ids(cli, home: Path) -> None:
    _setup(cli)
    path = home / "entries" / "2026-11.json"
    doc = json.loads(path.read_text())
    first, second = doc["entries"]
    misplaced = {**second, "at": "2026-10-25T09:00:00+00:00"}
    different_copy = {**first, "note": "a different text under the same id"}
    doc["entries"] = [first, misplaced, first, different_copy]
    path.write_text(json.dumps(doc))

    assert cli("doctor").exit_code == 4
    assert cli("doctor", "--fix").exit_code == 0
    entries = json.loads(cli("list", "--format", "json").stdout)
    notes = sorted(e["note"] for e in entries)
    assert "a different text under the same id" in notes  # kept, under a new id
    assert len(entries) == 4 and len({e["id"] for e in entries}) == 4
    october = json.loads((home / "entries" / "2026-10.json").read_text())["entries"]
    assert second["id"] in {e["id"] for e in october}


def test_doctor_runs_with_a_damaged_config(cli, home: Path) -> None:
    _setup(cli)
    (home / "config.toml").write_text("timezone = [unclosed")
    assert cli("status").exit_code == 4
    result = cli("doctor")
    assert result.exit_code == 4
    assert "config.toml" in result.stdout


def _backup_at(cli, monkeypatch: pytest.MonkeyPatch, utc: str, zone: str) -> str:
    monkeypatch.setenv("RECOVERYLOG_NOW", utc)
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", zone)
    created = cli("backup", "create")
    assert created.exit_code == 0, created.stderr
    return Path(created.stdout.split()[-1]).name


def test_backups_are_ordered_by_utc_time_across_a_time_zone_change(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(cli)
    assert cli("config", "set", "backups.keep", "2").exit_code == 0
    # Tokyo's local clock reads later than New York's for hours after: the names mislead.
    first = _backup_at(cli, monkeypatch, "2026-11-23T20:00:00+00:00", "Asia/Tokyo")
    second = _backup_at(cli, monkeypatch, "2026-11-23T20:10:00+00:00", "America/New_York")
    third = _backup_at(cli, monkeypatch, "2026-11-23T20:20:00+00:00", "America/New_York")
    assert first > third > second  # as text, the oldest sorts last
    assert [b["name"] for b in _backups(cli)] == [third, second]  # newest first; first pruned


def test_a_second_backup_in_the_same_second_counts_as_newer(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(cli)
    assert cli("config", "set", "backups.keep", "2").exit_code == 0
    names = [_backup_at(cli, monkeypatch, "2026-11-23T20:00:00+00:00", "UTC") for _ in range(3)]
    assert names[1].endswith("-2-manual") and names[2].endswith("-3-manual")
    assert [b["name"] for b in _backups(cli)] == [names[2], names[1]]


def test_pruning_removes_a_backup_cut_off_half_way(cli, home: Path) -> None:
    _setup(cli)
    half_made = home / "backups" / "20261120-100000-edit"
    (half_made / "entries").mkdir(parents=True)
    (half_made / "entries" / ".2026-11.json.7.0a0b0c0d.tmp").write_text('{"schema_ver')
    assert cli("backup", "create").exit_code == 0
    assert not half_made.exists()
    assert len(_backups(cli)) == 1


def test_a_later_backup_in_the_same_second_for_another_reason_is_newer(cli) -> None:
    ids = _setup(cli)
    assert cli("backup", "create").exit_code == 0
    assert cli("delete", ids[0], "--yes").exit_code == 0  # its own backup, same second
    newest_first = [b["reason"] for b in _backups(cli)]
    assert newest_first == ["delete", "manual"]


def test_an_interrupted_move_never_drops_the_entry(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed right after its first month write, doctor --fix has still lost nothing:
    the destination month is written before the entry leaves its source."""
    from recoverylog.store.entries import EntryStore

    _setup(cli)
    path = home / "entries" / "2026-11.json"
    doc = json.loads(path.read_text())
    moved = {**doc["entries"][1], "at": "2026-10-25T09:00:00+00:00"}
    doc["entries"][1] = moved
    path.write_text(json.dumps(doc))
    real_write = EntryStore.write_doc

    def write_then_die(self, month, document):  # type: ignore[no-untyped-def]
        real_write(self, month, document)
        raise SystemExit("killed")

    with monkeypatch.context() as killed:
        killed.setattr(EntryStore, "write_doc", write_then_die)
        assert cli("doctor", "--fix").exit_code != 0  # stopped half way
    on_disk = [
        e["id"]
        for month in (home / "entries").glob("*.json")
        for e in json.loads(month.read_text())["entries"]
    ]
    assert moved["id"] in on_disk
    assert cli("doctor", "--fix").exit_code == 0  # and the next run tidies up
    ids = [e["id"] for e in json.loads(cli("list", "--format", "json").stdout)]
    assert ids.count(moved["id"]) == 1


def test_doctor_names_the_copies_a_sync_tool_kept(cli, home: Path) -> None:
    """Two computers changed one file: the sync tool kept the other version beside it.
    Its entries are not in the journal, so doctor says so, names the tool, and leaves
    the copy where it is, even with --fix."""
    _setup(cli)
    month = next((home / "entries").glob("*.json"))
    copies = {
        home / "entries" / f"{month.stem}.sync-conflict-20261123-201500-ABCDEF1.json": "Syncthing",
        home / "journal (Sam's conflicted copy 2026-11-23).toml": "Dropbox",
        home / "config 2.toml": "iCloud Drive",
    }
    for path in copies:
        path.write_text("the other computer's version")
        path.chmod(0o600)  # as private as the rest: only the copy is in question
    check = cli("doctor", "--format", "json")
    assert check.exit_code == 4
    found = {p["file"]: p for p in json.loads(check.stdout)["problems"]}
    for path, tool in copies.items():
        finding = found[str(path.relative_to(home))]
        assert finding["kind"] == "sync-conflict" and finding["repair"] is None
        assert (
            tool in finding["problem"]
            and path.name.split(" ")[0].split(".")[0] in (finding["problem"])
        )
    shown = cli("doctor").stdout
    assert "not in your journal" in shown and "Syncthing" in shown
    cli("doctor", "--fix")
    assert all(path.exists() for path in copies)
