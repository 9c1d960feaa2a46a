"""The SOS timer never really sleeps in tests: ``ticks`` counts the seconds instead."""

from __future__ import annotations

import pytest
from support_helpers import Ticks

import recoverylog.cli.support as support_cli


@pytest.fixture
def ticks(monkeypatch: pytest.MonkeyPatch) -> Ticks:
    fake = Ticks()
    monkeypatch.setattr(support_cli, "sleep", fake)
    return fake
