"""recoverylog encrypt / decrypt: encryption at rest, with a passphrase."""

from __future__ import annotations

import typer

from recoverylog.cli import state
from recoverylog.cli.common import say
from recoverylog.environment import PASSPHRASE_ENV
from recoverylog.errors import InvalidInput
from recoverylog.services import safety


def encrypt() -> None:
    """Encrypt your journal, backups included, with a passphrase.

    The passphrase is asked for (twice) on the terminal, or read from
    $RECOVERYLOG_PASSPHRASE in scripts; never from the command line.
    Forgetting it means losing the journal: keep it somewhere safe.

    Example: recoverylog encrypt
    """
    ws = state.workspace()
    passphrase = ws.environment.passphrase or ask_new_passphrase(PASSPHRASE_ENV)
    count = safety.encrypt_home(ws, passphrase)
    say(f"Encrypted {count} files. Every command now needs your passphrase (or ${PASSPHRASE_ENV}).")


def ask_new_passphrase(env: str) -> str:
    """A new passphrase typed twice on the terminal (``env`` is for scripts)."""
    if not state.environment().stdin_is_tty:  # it could not be typed unseen
        raise InvalidInput(f"no terminal to ask for a passphrase; set {env}")
    first = typer.prompt("New passphrase", hide_input=True)
    again = typer.prompt("Same passphrase again", hide_input=True)
    if first != again:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return safety.check_new_passphrase(str(first))


def decrypt() -> None:
    """Turn an encrypted journal back into plain files.

    Example: RECOVERYLOG_PASSPHRASE=... recoverylog decrypt
    """
    count = safety.decrypt_home(state.workspace())
    say(f"Decrypted {count} files. Your journal is stored as plain files again.")
