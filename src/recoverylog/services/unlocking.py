"""unlock and lock: an encrypted journal's key kept for a while, so that commands open
it without the passphrase and without deriving the key again (store/keycache.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from recoverylog.config import unlock_length
from recoverylog.environment import Environment
from recoverylog.errors import InvalidInput
from recoverylog.services.safety import FINISH_CHANGE_HINT, change_pending
from recoverylog.services.workspace import Workspace, home_files

NOT_ENCRYPTED_HINT = "'recoverylog encrypt' encrypts it"


@dataclass(frozen=True)
class Unlocked:
    until: datetime  # in the journal's time zone
    length: timedelta
    where: str  # where the key is kept, in words


def unlock_home(ws: Workspace, length_text: str | None) -> Unlocked:
    """Check the passphrase and keep the journal's key for ``length_text`` (else the
    unlock.for setting)."""
    io = ws.store.io
    if not io.encrypted():
        raise InvalidInput(
            "this journal is not encrypted, so there is nothing to unlock",
            hint=NOT_ENCRYPTED_HINT,
        )
    if change_pending(ws):
        raise InvalidInput(
            "a passphrase change was stopped half way", hint=FINISH_CHANGE_HINT + " first"
        )
    length = unlock_length(length_text or ws.settings.unlock_for)
    seconds = round(length.total_seconds())
    where = io.keep_key(seconds)
    if where is None:
        raise InvalidInput(
            "there is no private place here that a restart clears, so the key was not kept",
            hint="set XDG_RUNTIME_DIR to a private folder in memory (tmpfs), "
            "or keep giving the passphrase",
        )
    return Unlocked(ws.now + timedelta(seconds=seconds), length, where)


def lock_home(environment: Environment) -> bool:
    """Forget the key kept for the environment's journal at once (no passphrase, no
    setting read); False if none was kept."""
    return home_files(environment).forget_key()
