"""The meeting list on two computers through git: it is not merged but travels whole;
imported on both, each computer keeps its own and sync says so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two clones of one bare repository, with git as on a new computer."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    folders = (tmp_path / "laptop", tmp_path / "desktop")
    for folder in folders:
        subprocess.run(["git", "clone", "--quiet", str(bare), str(folder)], check=True)
    return folders


def on(cli: Any, monkeypatch: pytest.MonkeyPatch, folder: Path, time: str, *args: str) -> Any:
    monkeypatch.setenv("RECOVERYLOG_HOME", str(folder))
    monkeypatch.setenv("RECOVERYLOG_NOW", f"2026-12-06T{time}:00+00:00")
    return ok(cli, *args)


def names(cli: Any, monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    shown = on(cli, monkeypatch, folder, "12:00", "meetings", "next", "-n", "20", "-f", "json")
    return sorted({meeting["name"] for meeting in json.loads(shown.stdout)["next"]})


def test_a_list_imported_on_one_computer_reaches_the_other(
    cli: Any, monkeypatch: pytest.MonkeyPatch, clones: tuple[Path, Path], tmp_path: Path
) -> None:
    laptop, desktop = clones
    guide = str(FIXTURES / "meeting_guide.json")
    on(cli, monkeypatch, laptop, "09:00", "meetings", "import", guide)
    on(cli, monkeypatch, laptop, "09:01", "sync")
    on(cli, monkeypatch, desktop, "09:02", "sync")
    assert names(cli, monkeypatch, desktop) == names(cli, monkeypatch, laptop)
    assert "Evening Reflections" in names(cli, monkeypatch, desktop)
    own = tmp_path / "own.csv"
    own.write_text("name,day,time\nDesk group,Tue,18:00\n", encoding="utf-8")
    on(cli, monkeypatch, desktop, "10:00", "meetings", "import", str(own))
    on(cli, monkeypatch, laptop, "10:01", "meetings", "import", str(FIXTURES / "meetings.csv"))
    on(cli, monkeypatch, laptop, "10:02", "sync")
    synced = json.loads(on(cli, monkeypatch, desktop, "10:03", "sync", "-f", "json").stdout)
    assert synced["kept"] == ["meetings.json"]
    assert names(cli, monkeypatch, desktop) == ["Desk group"]
