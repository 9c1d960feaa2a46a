"""recoverylog demo: a sample journal in a folder of its own, never the user's home."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, files_under, ok


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo's own temporary folder goes when no --home is given."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_demo_builds_into_the_given_folder(cli: Cli, home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"

    result = ok(cli, "demo", "--home", str(folder))

    assert (folder / "journal.toml").is_file()
    assert any((folder / "entries").glob("2026-*.json"))
    out = result.stdout
    for heading in ("== Status ==", "== Milestones ==", "== Recent entries =="):
        assert heading in out
    assert f"recoverylog --home {folder} list" in out
    assert not home.exists()  # RECOVERYLOG_HOME was not touched


def test_the_demo_journal_is_the_documented_sample(cli: Cli, tmp_path: Path) -> None:
    folder = str(tmp_path / "sample")
    ok(cli, "demo", "--home", folder)

    (clock,) = as_json(ok(cli, "--home", folder, "status", "-f", "json"))["clocks"]
    # 100 days before the fixed today (2026-11-23) is 2026-08-15; the lapse on day 38 is
    # 2026-09-22, so the current run starts 2026-09-23: 61 days, 38 + 61 = 99 in total.
    assert (clock["name"], clock["clean_since"]) == ("alcohol", "2026-08-15")
    assert (clock["lapses"], clock["days"], clock["total_clean_days"]) == (1, 61, 99)
    assert clock["longest_run_days"] == 61
    entries = as_json(ok(cli, "--home", folder, "list", "--limit", "1000", "-f", "json"))
    kinds = {e["type"] for e in entries}
    assert {"craving", "coping", "meeting", "note"} <= kinds
    assert all(e["at"] <= "2026-11-23T20:00:00+00:00" for e in entries)


def test_the_same_now_gives_the_same_demo(cli: Cli, tmp_path: Path) -> None:
    first = ok(cli, "demo", "--home", str(tmp_path / "a")).stdout
    second = ok(cli, "demo", "--home", str(tmp_path / "b")).stdout

    def without_ids_and_paths(text: str) -> list[str]:
        lines = [line for line in text.splitlines() if str(tmp_path) not in line]
        return [line[10:] if line[:8].isalnum() else line for line in lines]

    assert without_ids_and_paths(first) == without_ids_and_paths(second)


def test_demo_without_home_uses_a_new_temporary_folder(
    cli: Cli, home: Path, temp_root: Path
) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    ok(cli, "log", "note", "my own journal")
    before = files_under(home)

    result = ok(cli, "demo")

    (made,) = list(temp_root.iterdir())
    assert made.name.startswith("recoverylog-demo-")
    assert (made / "journal.toml").is_file()
    assert f"This sample journal is in {made}" in result.stdout
    assert files_under(home) == before
    # The user's own journal is still what it was.
    assert [c["name"] for c in as_json(ok(cli, "clock", "list", "-f", "json"))] == ["nicotine"]


def test_demo_without_home_creates_no_home_folder(cli: Cli, home: Path, temp_root: Path) -> None:
    ok(cli, "demo")
    assert not home.exists()


def test_demo_refuses_a_folder_that_already_has_a_journal(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    ok(cli, "demo", "--home", str(folder))
    before = files_under(folder)

    result = fails(cli, 2, "demo", "--home", str(folder))

    assert "already has a journal" in result.stderr
    assert files_under(folder) == before


def test_demo_into_the_users_own_home_is_refused(cli: Cli, home: Path, alcohol: str) -> None:
    before = files_under(home)
    fails(cli, 2, "demo", "--home", str(home))
    assert files_under(home) == before


@pytest.mark.parametrize("fmt", ["plain", "table", "json", "csv"])
def test_demo_output_is_readable_in_every_format(cli: Cli, tmp_path: Path, fmt: str) -> None:
    result = ok(cli, "demo", "--home", str(tmp_path / fmt), "--format", fmt)
    assert "alcohol" in result.stdout
    assert "61 days" in result.stdout
