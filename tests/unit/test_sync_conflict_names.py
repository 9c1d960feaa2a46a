"""The names sync tools give the copies they keep when two computers changed one file."""

from __future__ import annotations

import pytest

from recoverylog.domain.sync_conflicts import ConflictCopy, conflict_copy

OURS = {"journal.toml", "config.toml", "2026-11.json"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-11.sync-conflict-20261123-201500-ABCDEF1.json", ("2026-11.json", "Syncthing")),
        ("journal (Sam's conflicted copy 2026-11-23).toml", ("journal.toml", "Dropbox")),
        ("journal (Sam's conflicted copy 2026-11-23 (1)).toml", ("journal.toml", "Dropbox")),
        (
            "config (conflicted copy 2026-11-23 201500).toml",
            ("config.toml", "Dropbox or Nextcloud"),
        ),
        ("journal_conflict-20261123-201500.toml", ("journal.toml", "Nextcloud")),
        ("2026-11 2.json", ("2026-11.json", "iCloud Drive")),
        ("journal 12.toml", ("journal.toml", "iCloud Drive")),
    ],
)
def test_each_tools_copy_is_known_by_its_name(name: str, expected: tuple[str, str]) -> None:
    assert conflict_copy(name, OURS.__contains__) == ConflictCopy(*expected)


@pytest.mark.parametrize(
    "name",
    [
        "journal.toml",  # the file itself
        "notes 2.txt",  # a copy, but of nothing recoverylog keeps
        "journal 1.toml",  # iCloud counts from 2
        "2026-11.sync-conflict-2026-ABC.json",  # not Syncthing's form
        "journal (copy).toml",
    ],
)
def test_anything_else_is_no_copy(name: str) -> None:
    assert conflict_copy(name, OURS.__contains__) is None
