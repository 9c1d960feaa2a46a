"""The simulated sync tool does what the real ones do, so the convergence tests mean
something: changes travel, deletions too, and a file changed on both computers leaves
one live version and a copy named as that tool names them, on both computers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from synctool import NAMINGS, SyncTool, conflict_copies, synced_files

from recoverylog.domain.sync_conflicts import conflict_copy

WHEN = datetime.fromisoformat("2026-12-06T20:15:00+00:00")
EXPECTED_COPY = {
    "syncthing": "entries/2026-12.sync-conflict-20261206-201500-XYZ2345.json",
    "dropbox": "entries/2026-12 (Sam's conflicted copy 2026-12-06).json",
    "nextcloud": "entries/2026-12 (conflicted copy 2026-12-06 201500).json",
    "nextcloud-older": "entries/2026-12_conflict-20261206-201500.json",
    "icloud": "entries/2026-12 2.json",
}


def two_homes(tmp_path: Path, tool: str) -> SyncTool:
    homes = (tmp_path / "laptop", tmp_path / "desktop")
    for home in homes:
        (home / "entries").mkdir(parents=True)
    return SyncTool(tool, homes)


def write(sync: SyncTool, computer: int, name: str, text: str) -> None:
    (sync.homes[computer] / name).write_text(text, encoding="utf-8")
    sync.after_command(computer)


def test_a_change_on_one_computer_travels_and_so_does_a_deletion(tmp_path: Path) -> None:
    sync = two_homes(tmp_path, "syncthing")
    write(sync, 0, "journal.toml", "one")
    assert sync.sync(WHEN) == []
    assert (sync.homes[1] / "journal.toml").read_text(encoding="utf-8") == "one"
    (sync.homes[1] / "journal.toml").unlink()
    sync.after_command(1)
    sync.sync(WHEN)
    assert not (sync.homes[0] / "journal.toml").exists()


def test_per_computer_files_stay_where_they_are(tmp_path: Path) -> None:
    sync = two_homes(tmp_path, "dropbox")
    for name in ("glance.json", "greeted", "notices.txt", ".lock"):
        write(sync, 0, name, "here only")
    (sync.homes[0] / "backups").mkdir()
    write(sync, 0, "backups/b.json", "here only")
    sync.sync(WHEN)
    assert synced_files(sync.homes[1]) == {}


@pytest.mark.parametrize("tool", sorted(NAMINGS))
def test_both_changed_leaves_a_copy_named_the_tools_way_on_both(tmp_path: Path, tool: str) -> None:
    sync = two_homes(tmp_path, tool)
    write(sync, 0, "entries/2026-12.json", "first")
    sync.sync(WHEN)
    write(sync, 1, "entries/2026-12.json", "desktop's change")
    write(sync, 0, "entries/2026-12.json", "laptop's change, made later")
    assert sync.sync(WHEN) == [EXPECTED_COPY[tool]]
    laptop, desktop = (synced_files(home) for home in sync.homes)
    assert laptop == desktop
    newer, older = b"laptop's change, made later", b"desktop's change"
    live = newer if NAMINGS[tool].newer_stays_live else older
    assert laptop["entries/2026-12.json"] == live
    assert laptop[EXPECTED_COPY[tool]] == (older if live == newer else newer)
    name = EXPECTED_COPY[tool].removeprefix("entries/")
    assert conflict_copy(name, lambda original: original == "2026-12.json") is not None
    assert conflict_copies(sync.homes[0]) == [EXPECTED_COPY[tool]]


def test_a_second_copy_of_one_file_gets_a_name_of_its_own(tmp_path: Path) -> None:
    sync = two_homes(tmp_path, "dropbox")
    write(sync, 0, "journal.toml", "first")
    sync.sync(WHEN)
    for round_ in ("a", "b"):
        write(sync, 0, "journal.toml", f"laptop {round_}")
        write(sync, 1, "journal.toml", f"desktop {round_}")
        sync.sync(WHEN)
    assert sorted(conflict_copies(sync.homes[1])) == [
        "journal (Sam's desktop's conflicted copy 2026-12-06 (1)).toml",
        "journal (Sam's desktop's conflicted copy 2026-12-06).toml",
    ]
