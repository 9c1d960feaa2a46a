"""Top-level commands known by name and loaded on first use.

Each command is a plain entry: where it lives ("module:attribute", a command function or
a Typer group) and what the command list says of it. The list is drawn from these
entries alone, so `recoverylog --help` imports no command module, and running a
command imports its own module and no other.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
import typer.main
from typer.core import MarkupMode, TyperCommand
from typer.models import CommandInfo, TyperInfo


class LazyCommand:
    """One top-level command, known without importing it. (A plain class: a dataclass
    would cost every command's startup more than the rest of this module.)"""

    __slots__ = ("command_class", "hidden", "own_short_help", "summary", "target")

    def __init__(
        self,
        target: str,
        summary: str,
        *,
        own_short_help: bool = False,
        hidden: bool = False,
        command_class: str | None = None,
    ) -> None:
        # "package.module:attribute": a command function, or a Typer app for a group.
        self.target = target
        # Its line in the command list: the first sentence of its help (Click cuts it to
        # the screen), or with own_short_help, the short help it is given (never cut).
        self.summary = summary
        self.own_short_help = own_short_help
        self.hidden = hidden
        # "package.module:attribute" of the TyperCommand subclass that runs it, if not
        # the usual one.
        self.command_class = command_class

    def listed(self, limit: int) -> str:
        """The command list's line, cut to ``limit`` characters as Click cuts help."""
        if self.own_short_help:
            return TyperCommand(name=None, short_help=self.summary).get_short_help_str(limit)
        return TyperCommand(name=None, help=self.summary).get_short_help_str(limit)

    def load(self, name: str, markup: MarkupMode) -> Any:
        """The Click command, built as Typer builds it; ``markup`` as the main group's."""
        found = resolve(self.target)
        if isinstance(found, typer.Typer):
            return typer.main.get_group_from_info(
                TyperInfo(found, name=name),
                pretty_exceptions_short=found.pretty_exceptions_short,
                suggest_commands=found.suggest_commands,
                rich_markup_mode=markup,
            )
        info = CommandInfo(
            name,
            cls=resolve(self.command_class) if self.command_class else None,
            callback=found,
            short_help=self.summary if self.own_short_help else None,
            hidden=self.hidden,
        )
        return typer.main.get_command_from_info(
            info, pretty_exceptions_short=True, rich_markup_mode=markup
        )


def resolve(target: str) -> Any:
    """The object that "package.module:attribute" names, its module imported now."""
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)
