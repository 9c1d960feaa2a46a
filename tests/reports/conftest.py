"""Fixtures for the report, export and import tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_entries, fixture_journal


@pytest.fixture
def fixture_home(home: Path) -> Path:
    build_home(home, fixture_journal(), fixture_entries())
    return home


@pytest.fixture
def run(cli: Callable[..., Any]) -> Callable[..., Any]:
    """Run the CLI and insist that it succeeded."""

    def invoke(*args: str, input: str | None = None) -> Any:
        result = cli(*args, input=input)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return invoke
