"""recoverylog backup ...: snapshots of your journal, and restoring one."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, output_format, say
from recoverylog.cli.options import FormatOpt, YesOpt
from recoverylog.errors import DataError
from recoverylog.render.backups import (
    BACKUP_COLUMNS,
    NO_BACKUPS,
    NOTHING_TO_BACK_UP,
    backed_up,
    restored,
)
from recoverylog.services import safety
from recoverylog.services.workspace import Workspace

app = typer.Typer(help="Backups of your journal: create, list, restore.", no_args_is_help=True)


def _workspace() -> tuple[Workspace, bool]:
    """The workspace, and whether its settings were read.

    When encryption.toml is lost or damaged, the encrypted config.toml cannot be read;
    listing backups and restoring one (which can put encryption.toml back) still work,
    with the default settings. Any other damage stops the command as usual."""
    try:
        return state.workspace(), True
    except DataError:
        ws = state.workspace(strict_settings=False)
        if safety.marker_trouble(ws) is None:
            raise
        return ws, False


@app.command("create")
def create() -> None:
    """Take a backup now.

    Example: recoverylog backup create
    """
    info = safety.take_backup(state.workspace(), "manual")
    if info is None:
        say(NOTHING_TO_BACK_UP)
        return
    say(backed_up(len(info.files), info.path))


@app.command("list")
def list_(fmt: FormatOpt = None) -> None:
    """List backups, newest first.

    Example: recoverylog backup list
    """
    state.screen().emit_rows(
        safety.list_backups(_workspace()[0]),
        BACKUP_COLUMNS,
        output_format(fmt),
        empty=NO_BACKUPS,
    )


@app.command("restore")
def restore(
    name: Annotated[str, typer.Argument(help="Backup name (or a unique start of it).")],
    yes: YesOpt = False,
) -> None:
    """Restore a backup. Your current state is backed up first.

    Example: recoverylog backup restore 20261123-200000-manual
    """
    ws, settings_read = _workspace()
    confirm(f"Replace your current journal with backup '{name}'?", yes)
    chosen, before = safety.restore(ws, name, settings_read=settings_read)
    for line in restored(chosen.name, before.name if before is not None else None):
        say(line)
