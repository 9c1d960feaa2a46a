"""import reads the kind of file from its extension when --from does not say."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_entries, fixture_journal

Run = Callable[..., Any]
JRNL = Path(__file__).parent.parent / "fixtures" / "jrnl_export.json"


def imported(run: Run, path: Path, *options: str) -> dict[str, Any]:
    return json.loads(run("import", *options, str(path), "-f", "json").stdout)


def test_import_reads_the_format_from_the_extension(
    home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_home(home, fixture_journal(), fixture_entries())
    (tmp_path / "e").mkdir()
    files = {ext: tmp_path / "e" / f"all.{ext}" for ext in ("json", "toml", "CSV")}
    for ext in ("json", "toml"):
        run("export", "--format", ext, "--output", str(files[ext]))
    files["CSV"].write_text("type,at,note\nnote,2026-11-20 10:00,hello\n", encoding="utf-8")
    sources = {}
    for ext, path in files.items():
        monkeypatch.setenv("RECOVERYLOG_HOME", str(tmp_path / f"into-{ext}"))
        result = imported(run, path)
        assert result["problems"] == [] and result["added"], ext
        sources[ext] = result["source"]
    assert sources == {"json": "recoverylog", "toml": "recoverylog", "CSV": "csv"}


def test_from_wins_over_the_extension(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("type,at,note\nnote,2026-11-20 10:00,hello\n", encoding="utf-8")
    result = imported(run, notes, "--from", "csv")
    assert result["source"] == "csv" and result["added"] == {"entries": 1}
    result = imported(run, JRNL, "--from", "jrnl")
    assert result["source"] == "jrnl" and result["added"] == {"entries": 3}


def test_a_jrnl_file_without_from_says_to_add_it(cli: Callable[..., Any]) -> None:
    result = cli("import", str(JRNL))
    assert result.exit_code == 4
    assert "--from jrnl" in result.stderr


def test_an_unknown_extension_names_the_choices(cli: Callable[..., Any], tmp_path: Path) -> None:
    sheet = tmp_path / "journal.xlsx"
    sheet.write_bytes(b"PK")
    result = cli("import", str(sheet))
    assert result.exit_code == 2
    assert "journal.xlsx" in result.stderr
    for choice in (".json", ".toml", ".csv", "--from recoverylog", "--from jrnl", "--from csv"):
        assert choice in result.stderr, choice
