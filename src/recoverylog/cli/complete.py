"""Shell completion of the names in a journal: clocks, people, techniques.

Completion runs on every Tab, so it reads only journal.toml, never asks for a
passphrase (an encrypted journal completes nothing), and never fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from recoverylog.domain.model import Journal
from recoverylog.errors import RecoveryLogError


def _names(
    ctx: typer.Context | None, pick: Callable[[Journal], list[str]], incomplete: str
) -> list[str]:
    from recoverylog.cli.state import environment_of
    from recoverylog.environment import read_environment
    from recoverylog.services.workspace import open_workspace

    if ctx is None:
        environment = read_environment()
    else:
        environment = environment_of(ctx).with_home(ctx.find_root().params.get("home"))
    try:
        journal = open_workspace(environment, strict_settings=False).journal()
    except (RecoveryLogError, OSError, ValueError):
        return []
    return [name for name in pick(journal) if name.startswith(incomplete)]


def clock_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [c.name for c in journal.clocks], incomplete)


def people_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [str(p["name"]) for p in journal.people], incomplete)


def technique_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [t.name for t in journal.toolkit], incomplete)
