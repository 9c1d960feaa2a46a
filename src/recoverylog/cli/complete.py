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
    from recoverylog.services.workspace import open_workspace

    home = ctx.find_root().params.get("home") if ctx is not None else None
    try:
        journal = open_workspace(home, strict_settings=False).journal()
    except (RecoveryLogError, OSError, ValueError):
        return []
    return [name for name in pick(journal) if name.startswith(incomplete)]


def clock_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [c.name for c in journal.clocks], incomplete)


def people_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [str(p["name"]) for p in journal.people], incomplete)


def technique_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, lambda journal: [t.name for t in journal.toolkit], incomplete)
