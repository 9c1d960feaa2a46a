"""The SOS timer never really sleeps in tests: ``ticks`` counts the seconds instead."""

from __future__ import annotations

import pytest
from support_helpers import Ticks

import recoverylog.cli.sos as sos_cli


@pytest.fixture
def ticks(monkeypatch: pytest.MonkeyPatch) -> Ticks:
    fake = Ticks()
    monkeypatch.setattr(sos_cli, "sleep", fake)
    return fake
