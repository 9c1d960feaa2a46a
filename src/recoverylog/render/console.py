"""Rich consoles, created on first use, on the screen the Environment describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


class Screen:
    """What Rich needs to know of the terminal: the environment variables it reads
    (COLUMNS, NO_COLOR, FORCE_COLOR, TERM...), as the Environment read them, so that
    Rich follows its own rules without looking at the process itself."""

    __slots__ = ("variables",)

    def __init__(self, variables: Mapping[str, str] | None = None) -> None:
        self.variables: Mapping[str, str] = variables if variables is not None else {}


def stdout_console(screen: Screen) -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, _environ=screen.variables)
