"""recoverylog encrypt / decrypt / unlock / lock: encryption at rest, with a passphrase."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import say
from recoverylog.errors import InvalidInput
from recoverylog.services import safety
from recoverylog.variables import PASSPHRASE_ENV


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


def unlock(
    length: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="How long: 15m, 1h, 90 (minutes); at most 24h. Default: the unlock.for "
            "setting (15m).",
            metavar="TIME",
        ),
    ] = None,
) -> None:
    """Open an encrypted journal for a while: commands then need no passphrase.

    The passphrase is asked for once (or read from $RECOVERYLOG_PASSPHRASE) and the key
    made from it is kept until the time is up, where only you can read it and a
    restart clears it: the kernel keyring, else a private file in memory
    ($XDG_RUNTIME_DIR). Never the passphrase itself. Making the key is the one slow
    step (a third of a second or more); while unlocked, commands skip it.
    'recoverylog lock' ends it at once.

    Examples: recoverylog unlock ; recoverylog unlock --for 1h
    """
    from recoverylog.services.unlocking import unlock_home

    unlocked = unlock_home(state.workspace(), length)
    say(
        f"Unlocked for {_length_in_words(unlocked.length)}, until "
        f"{unlocked.until:%H:%M}: commands need no passphrase until then."
    )
    say(f"The key is kept in {unlocked.where}; 'recoverylog lock' locks the journal now.")


def lock() -> None:
    """Lock an unlocked journal now: its key is forgotten, and commands ask for the
    passphrase again.

    Example: recoverylog lock
    """
    from recoverylog.services.unlocking import lock_home

    if lock_home(state.environment()):
        say("Locked: commands ask for your passphrase again.")
    else:
        say("The journal was not unlocked; nothing to do.")


def _length_in_words(length: timedelta) -> str:
    """'15 minutes', '1 hour', '1 hour 30 minutes'."""
    from recoverylog.domain.text import plural

    hours, minutes = divmod(round(length.total_seconds() / 60), 60)
    parts = [plural(hours, "hour")] if hours else []
    if minutes or not hours:
        parts.append(plural(minutes, "minute"))
    return " ".join(parts)
