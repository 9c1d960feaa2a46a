"""Rich consoles, created on first use, on the screen the Environment describes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from recoverylog.render.output import Screen


def stdout_console(screen: Screen) -> Console:
    """A console drawing on the screen's stdout at its width (Rich reads colour rules
    such as NO_COLOR from the screen's variables)."""
    from rich.console import Console

    return Console(
        file=screen.stdout,
        width=screen.width,
        highlight=False,
        soft_wrap=False,
        _environ=screen.variables,
    )
