"""Rich consoles, created on first use (rich honours NO_COLOR and detects terminals)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def stderr_console() -> Console:
    return _stderr()
