"""Copies that leave the computer: made, proved to open, restored from, and missed.

A copy on the same disk is lost with it, so `backup create --to` writes one elsewhere
(store/offsite.py says how it is laid out), and doctor says when none has left for
``backups.offsite_days``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recoverylog.errors import DataError, InvalidInput
from recoverylog.services import safety
from recoverylog.services.shapes import CopyJson
from recoverylog.services.workspace import Workspace
from recoverylog.store import backup, offsite
from recoverylog.store.files import MARKER_NAME

if TYPE_CHECKING:
    from recoverylog.store.crypto import Vault


def copy_to(ws: Workspace, destination: Path) -> offsite.CopyCheck | None:
    """Write a copy into a new folder in ``destination``, read back and counted; None
    when there is nothing to copy yet. Remembers when it was made (see ``overdue``)."""
    if not backup.data_files(ws.layout):
        return None
    if safety.change_pending(ws):
        raise InvalidInput(
            "a passphrase change was stopped half way; nothing was copied",
            hint=safety.FINISH_CHANGE_HINT + " first",
        )
    with ws.store.writing():  # no other command changes a file while it is copied
        io = ws.store.io
        if io.encrypted():
            io.vault()  # the passphrase is checked before anything is written
        made = offsite.write_copy(io, destination, ws.now)
        offsite.record_copy(ws.layout, ws.now)
    return made


def as_data(check: offsite.CopyCheck | None) -> CopyJson:
    """What create --to and verify say in JSON (all empty when nothing was copied)."""
    if check is None:
        return {"path": None, "created": None, "files": 0, "entries": 0, "encrypted": False}
    return {
        "path": str(check.path),
        "created": check.created,
        "files": len(check.files),
        "entries": check.entries,
        "encrypted": check.encrypted,
    }


def verify(ws: Workspace, where: Path) -> offsite.CopyCheck:
    """Prove that a copy opens: every file as written, and every entry read."""
    folder = offsite.find_copy(where)
    manifest = offsite.read_manifest(folder)
    vault = _unlock_copy(ws, folder) if MARKER_NAME in manifest.files else None
    entries = offsite.count_entries(folder, manifest.files, vault)
    return offsite.CopyCheck(folder, manifest.created, manifest.files, entries, vault is not None)


def _unlock_copy(ws: Workspace, folder: Path) -> Vault:
    """The copy's key, as the journal's is found: a key kept by `unlock` (when the copy
    has the journal's key), the passphrase given for scripts, the keyring, or asked."""
    from recoverylog.store.crypto import WrongPassphrase
    from recoverylog.store.files import read_marker

    io = ws.store.io
    marker = folder / MARKER_NAME
    with _damaged_copy(folder):
        params = read_marker(marker)[0]
    try:
        if io.encrypted() and _marker_params(io.marker) == params:
            io.open_without_asking()  # io.unlock below then needs no passphrase
        return io.unlock(marker)
    except WrongPassphrase:
        raise WrongPassphrase(
            f"wrong passphrase for the copy in {folder}",
            hint="a copy opens with the passphrase the journal had when it was made",
        ) from None


@contextlib.contextmanager
def _damaged_copy(folder: Path) -> Iterator[None]:
    """A damaged encryption.toml in a copy is the copy's damage, said as such."""
    try:
        yield
    except DataError as error:
        raise DataError(
            f"the copy in {folder} cannot be opened: {error.message}",
            hint="use another copy, or make a new one",
        ) from None


def _marker_params(marker: Path) -> object:
    from recoverylog.store.files import read_marker

    try:
        return read_marker(marker)[0]
    except DataError:
        return None


def restore_from(
    ws: Workspace, where: Path, *, settings_read: bool = True
) -> tuple[backup.BackupInfo, backup.BackupInfo | None]:
    """Bring a copy into backups/ as the newest backup, and restore it as any backup
    is restored (the current state backed up first). Returns (restored, safety copy)."""
    folder = offsite.find_copy(where)
    manifest = offsite.read_manifest(folder)
    with ws.store.writing():
        brought = offsite.bring_in(ws.layout, folder, manifest, ws.now)
        try:
            return safety.restore(ws, brought.name, settings_read=settings_read)
        except BaseException:
            offsite.forget(brought)  # the copy itself is where it was
            raise


def overdue(ws: Workspace, now: datetime) -> str | None:
    """What doctor says when no copy has left for ``backups.offsite_days`` days: since
    the last copy, or, before the first, since the oldest month file was last written.
    None with no entries yet."""
    oldest = offsite.oldest_data(ws.layout)
    if oldest is None:
        return None
    last = offsite.last_copy(ws.layout)
    days = (now - (last or oldest)).days
    if days <= ws.settings.backups_offsite_days:
        return None
    if last is None:
        return "no copy has left this computer yet"
    return f"the last copy left this computer {days} days ago"
