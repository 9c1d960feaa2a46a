"""recoverylog backup ...: snapshots of your journal, and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, output_format, say
from recoverylog.cli.options import FormatOpt, YesOpt
from recoverylog.errors import DataError, InvalidInput
from recoverylog.render.backups import (
    BACKUP_COLUMNS,
    NO_BACKUPS,
    NOTHING_TO_BACK_UP,
    backed_up,
    copy_made,
    copy_opens,
    restored,
)
from recoverylog.render.lines import fit
from recoverylog.render.output import Format
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


ToOpt = Annotated[
    Path | None,
    typer.Option(
        "--to",
        help="Write a copy into a new dated folder inside this one (a USB stick, a "
        "mounted share), read back and checked, instead of a backup in the journal's folder.",
        file_okay=False,
    ),
]


@app.command("create")
def create(to: ToOpt = None, fmt: FormatOpt = None) -> None:
    """Take a backup now, or write a copy that leaves this computer.

    Examples: recoverylog backup create;  recoverylog backup create --to /media/sam/USB
    """
    chosen = output_format(fmt)
    if to is None:
        if chosen is Format.JSON:
            raise InvalidInput("'--format json' goes with '--to FOLDER'")
        info = safety.take_backup(state.workspace(), "manual")
        say(NOTHING_TO_BACK_UP if info is None else backed_up(len(info.files), info.path))
        return
    from recoverylog.services import offsite

    made = offsite.as_data(offsite.copy_to(state.workspace(), to))
    if chosen is Format.JSON:
        state.screen().emit_json(made)
        return
    for line in copy_made(made) if made["path"] is not None else [NOTHING_TO_BACK_UP]:
        say(fit(line, state.screen().width))


@app.command("verify")
def verify(
    folder: Annotated[
        Path,
        typer.Argument(
            help="A copy made with 'backup create --to', or the folder that holds it "
            "(its newest copy is checked)."
        ),
    ],
    fmt: FormatOpt = None,
) -> None:
    """Prove that a copy opens: every file as written, every entry read and counted.

    An encrypted copy asks for the passphrase the journal had when the copy was made.

    Example: recoverylog backup verify /media/sam/USB
    """
    from recoverylog.services import offsite

    checked = offsite.as_data(offsite.verify(state.workspace(), folder))
    if output_format(fmt) is Format.JSON:
        state.screen().emit_json(checked)
        return
    say(fit(copy_opens(checked), state.screen().width))


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
    name: Annotated[
        str | None, typer.Argument(help="Backup name (or a unique start of it).")
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Restore a copy made with 'backup create --to': its folder, or the one "
            "that holds it (its newest copy).",
            file_okay=False,
        ),
    ] = None,
    yes: YesOpt = False,
) -> None:
    """Restore a backup, or a copy made with --to. Your current state is backed up first.

    Examples: recoverylog backup restore 20261123-200000-manual;
    recoverylog backup restore --from /media/sam/USB
    """
    if (name is None) == (source is None):
        raise InvalidInput(
            "give a backup's name, or a copy's folder with --from",
            hint="'recoverylog backup list' shows the backups",
        )
    ws, settings_read = _workspace()
    if source is not None:
        from recoverylog.services import offsite

        confirm(f"Replace your current journal with the copy in {source}?", yes)
        chosen, before = offsite.restore_from(ws, source, settings_read=settings_read)
    else:
        confirm(f"Replace your current journal with backup '{name}'?", yes)
        chosen, before = safety.restore(ws, str(name), settings_read=settings_read)
    for line in restored(chosen.name, before.name if before is not None else None):
        say(line)
