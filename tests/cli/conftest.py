"""Fixtures for the CLI tests: a home with one clock, and entry ids chosen by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from cli_helpers import Cli, ok


@pytest.fixture
def alcohol(cli: Cli) -> str:
    """One clock: alcohol, clean since 2026-10-01 (53 days before the fixed now)."""
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01", "--cost-per-day", "10")
    return "alcohol"


@pytest.fixture
def chosen_ids(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], None]:
    """Make the next logged entries get these ids (then random ones again)."""

    def use(ids: list[str]) -> None:
        import recoverylog.services.entries as entries_service

        original = entries_service.new_id
        queue: Iterator[str] = iter(ids)

        def next_id() -> str:
            return next(queue, None) or original()

        monkeypatch.setattr(entries_service, "new_id", next_id)

    return use
