"""recoverylog passphrase change: a new passphrase for an encrypted journal."""

from __future__ import annotations

import typer

from recoverylog.cli import state
from recoverylog.cli.common import say
from recoverylog.cli.encryption import ask_new_passphrase
from recoverylog.services import safety
from recoverylog.variables import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV

app = typer.Typer(help="The passphrase of an encrypted journal: change it.", no_args_is_help=True)


@app.command("change")
def change() -> None:
    """Choose a new passphrase: every encrypted file, backups included, is sealed again.

    The current passphrase is asked for first (or read from $RECOVERYLOG_PASSPHRASE),
    then the new one twice (or read from $RECOVERYLOG_NEW_PASSPHRASE in scripts);
    never from the command line. If it is stopped half way, either passphrase opens
    the journal, and running it again finishes the change.

    Example: recoverylog passphrase change
    """
    ws = state.workspace()
    safety.check_current_passphrase(ws)
    if safety.change_pending(ws):
        count, damaged = safety.finish_passphrase_change(ws)
        say(
            f"Finished the passphrase change that was stopped half way ({count} files). "
            "Your journal now opens with the new passphrase chosen then."
        )
    else:
        new = ws.environment.new_passphrase or ask_new_passphrase(NEW_PASSPHRASE_ENV)
        count, damaged = safety.change_passphrase(ws, new)
        say(f"Sealed {count} files with your new passphrase. Use it from now on.")
    say(f"If ${PASSPHRASE_ENV} or your keyring holds the old one, update it there too.")
    if damaged:
        state.screen().message(
            f"Warning: {len(damaged)} damaged files could not be sealed again; "
            "'recoverylog doctor' lists them."
        )
