"""A command that promises to write nothing (a dry run) writes nothing, even when a
milestone celebration is due, which would otherwise mark the milestone as shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, files_under, ok


def test_import_dry_run_leaves_a_pending_celebration_alone(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-17")
    export = tmp_path / "export.json"
    ok(cli, "export", "--output", str(export))
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T09:00:00+00:00")  # 1 week is due
    before = files_under(home)

    dry = ok(cli, "import", str(export), "--dry-run")
    assert "Milestone" not in dry.stderr
    assert files_under(home) == before

    # Control: the celebration was really due, and the next ordinary command shows it.
    assert "1 week without alcohol" in ok(cli, "status").stderr
    assert files_under(home) != before
