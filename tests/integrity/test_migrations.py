"""Older files are migrated once, after a backup, and lose nothing."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "schema_v1"


@pytest.fixture
def v1_home(home: Path) -> Path:
    shutil.copytree(FIXTURES, home)
    return home


def test_journal_v1_is_migrated_after_a_backup(cli, v1_home: Path) -> None:
    result = cli("clock", "show", "alcohol", "--format", "json")
    assert result.exit_code == 0, result.stderr
    detail = json.loads(result.stdout)
    # The lapse dated 2026-09-10 ends the first run (40 days) and a new run starts next day.
    assert detail["runs"][0] == {
        "start": "2026-08-01",
        "end": "2026-09-10",
        "days": 40,
        "current": False,
    }
    assert detail["current_run_start"] == "2026-09-11"
    assert detail["lapse_history"][0]["note"] == "wedding"

    journal = tomllib.loads((v1_home / "journal.toml").read_text())
    assert journal["schema_version"] == 2
    assert journal["toolkit"] == [{"name": "urge surfing"}, {"name": "call sponsor"}]
    assert journal["favourite_colour"] == "teal"  # unknown keys survive the migration

    backups = list((v1_home / "backups").iterdir())
    assert len(backups) == 1 and "before-migration" in backups[0].name
    saved = tomllib.loads((backups[0] / "journal.toml").read_text())
    assert saved["schema_version"] == 1  # the backup holds the file as it was


def test_entries_v1_lists_become_lists(cli, v1_home: Path) -> None:
    result = cli("list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_type = {e["type"]: e for e in json.loads(result.stdout)}
    craving = by_type["craving"]
    assert craving["tags"] == ["evening", "home"]
    assert craving["halt"] == ["hungry", "tired"]
    assert craving["triggers"] == ["football"]
    assert craving["coping"] == ["call sponsor"]
    assert by_type["note"]["tags"] == []
    assert by_type["note"]["weather"] == "rain"  # unknown entry keys are kept

    stored = json.loads((v1_home / "entries" / "2026-11.json").read_text())
    assert stored["schema_version"] == 2


def test_migration_runs_once(cli, v1_home: Path) -> None:
    assert cli("status").exit_code == 0
    after_first = (v1_home / "journal.toml").read_bytes()
    assert cli("status").exit_code == 0
    assert cli("list").exit_code == 0
    assert (v1_home / "journal.toml").read_bytes() == after_first
    assert len(list((v1_home / "backups").iterdir())) == 1


def test_newer_version_is_refused_and_untouched(cli, home: Path) -> None:
    home.mkdir(parents=True)
    original = b'schema_version = 99\n[[clocks]]\nname = "x"\nclean_since = 2026-01-01\n'
    (home / "journal.toml").write_bytes(original)
    result = cli("status")
    assert result.exit_code == 4
    assert "journal.toml" in result.stderr and "newer" in result.stderr
    assert (home / "journal.toml").read_bytes() == original
    assert not (home / "backups").exists()
