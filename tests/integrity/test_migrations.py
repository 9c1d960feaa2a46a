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


def _private(root: Path) -> None:
    """Modes as recoverylog makes them, so doctor has only the files to talk about."""
    for path in [root, *root.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


def _files(root: Path) -> dict[str, bytes]:
    """Every file's bytes (the writer's empty lock file aside: it holds no data)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != ".lock"
    }


V1_MONTH_HEAD = b'{"schema_version": 1, "month": "2026-11"'
BROKEN_V1 = {
    "entries-as-object": (
        "entries/2026-11.json",
        V1_MONTH_HEAD + b', "entries": {"0123456789abcdef0123456789abcdef": '
        b'{"type": "note", "at": "2026-11-20T21:00:00+00:00"}}}',
    ),
    "entries-missing": ("entries/2026-11.json", V1_MONTH_HEAD + b"}"),
    "entry-without-type": (
        "entries/2026-11.json",
        V1_MONTH_HEAD + b', "entries": [{"id": "0123456789abcdef0123456789abcdef", '
        b'"at": "2026-11-20T21:00:00+00:00", "tags": "a, b"}]}',
    ),
    "toolkit-as-text": ("journal.toml", b'schema_version = 1\ntoolkit = "urge surfing"\n'),
    "lapse-date-not-a-date": (
        "journal.toml",
        b'schema_version = 1\n[[clocks]]\nname = "alcohol"\nclean_since = 2026-08-01\n'
        b'[[clocks.lapses]]\ndate = "not a date"\n',
    ),
    "clocks-as-number": ("journal.toml", b"schema_version = 1\nclocks = 3\n"),
    "lapses-as-text": (
        "journal.toml",
        b'schema_version = 1\n[[clocks]]\nname = "alcohol"\nclean_since = 2026-08-01\n'
        b'lapses = "none"\n',
    ),
}


READERS = {
    "journal.toml": [("status",), ("clock", "list"), ("log", "note", "hi")],
    "entries/2026-11.json": [("status",), ("insights",), ("log", "note", "hi")],
}


@pytest.mark.parametrize(
    ("case", "command"),
    [(case, command) for case in sorted(BROKEN_V1) for command in READERS[BROKEN_V1[case][0]]],
)
def test_a_damaged_old_file_is_refused_and_never_rewritten(
    cli, v1_home: Path, case: str, command: tuple[str, ...]
) -> None:
    name, data = BROKEN_V1[case]
    (v1_home / name).write_bytes(data)
    for other in READERS:  # the other old file would be (rightly) updated: leave it out
        if other != name:
            (v1_home / other).unlink()
    before = _files(v1_home)

    result = cli(*command)

    assert result.exit_code == 4, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and str(v1_home / name) in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(v1_home) == before
    assert not (v1_home / "backups").exists()


@pytest.mark.parametrize(
    "case", sorted(case for case in BROKEN_V1 if BROKEN_V1[case][0].startswith("entries/"))
)
def test_a_listing_leaves_out_a_damaged_old_month_and_never_rewrites_it(
    cli, v1_home: Path, case: str
) -> None:
    name, data = BROKEN_V1[case]
    (v1_home / name).write_bytes(data)
    (v1_home / "journal.toml").unlink()
    before = _files(v1_home)

    result = cli("list")

    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr.startswith("Warning: ") and str(v1_home / name) in result.stderr
    assert _files(v1_home) == before
    assert not (v1_home / "backups").exists()


def test_plain_doctor_reports_old_files_without_updating_them(cli, v1_home: Path) -> None:
    _private(v1_home)
    before = _files(v1_home)
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert _files(v1_home) == before
    assert not (v1_home / "backups").exists()


def test_plain_doctor_finds_damage_inside_an_old_file(cli, v1_home: Path) -> None:
    name, data = BROKEN_V1["entry-without-type"]
    (v1_home / name).write_bytes(data)
    name, data = BROKEN_V1["lapse-date-not-a-date"]
    (v1_home / name).write_bytes(data)
    _private(v1_home)
    before = _files(v1_home)
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 4
    problems = {p["file"]: p for p in json.loads(result.stdout)["problems"]}
    assert set(problems) == {"journal.toml", "entries/2026-11.json"}
    assert "not a date" in problems["journal.toml"]["problem"]
    assert "type" in problems["entries/2026-11.json"]["problem"]
    assert _files(v1_home) == before
