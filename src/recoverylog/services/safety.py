"""Backups: snapshots before anything destructive or bulk, and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoverylog.errors import DataError, InvalidInput
from recoverylog.services.workspace import Workspace
from recoverylog.store import backup
from recoverylog.store.atomic import read_bytes, remove_file

if TYPE_CHECKING:
    from recoverylog.store.crypto import Vault


def take_backup(
    ws: Workspace, reason: str, only: list[Path] | None = None
) -> backup.BackupInfo | None:
    """Snapshot the data files, or only the affected ones (None if nothing to back up)."""
    present = [path for _, path in backup.data_files(ws.layout)]
    if only is not None:
        present = [p for p in only if p.exists()]
    if not present:
        return None
    with ws.store.writing():
        io = ws.store.io
        return backup.create_backup(io, reason, ws.now, ws.settings.backups_keep, only)


def list_backups(ws: Workspace) -> list[dict[str, Any]]:
    return [
        {
            "name": b.name,
            "created": b.created,
            "reason": b.reason,
            "files": len(b.files),
            "partial": b.partial,
        }
        for b in reversed(backup.list_backups(ws.layout))
    ]


def restore(
    ws: Workspace, name: str, *, settings_read: bool = True
) -> tuple[backup.BackupInfo, backup.BackupInfo | None]:
    """Restore a backup after backing up the current state; returns (restored, safety copy).

    In an encrypted home the passphrase is checked first, against the encryption.toml
    that will be in force afterwards (the backup's copy, if it holds one): nothing is
    written with a wrong passphrase. A backup that holds a good copy also puts back a
    lost or damaged encryption.toml. With ``settings_read=False`` (config.toml could
    not be read without encryption.toml) no backup is pruned, as how many to keep is
    not known."""
    with ws.store.writing():
        chosen = backup.find_backup(ws.layout, name)
        io = ws.store.io
        if io.encrypted() and marker_trouble(ws) is None:
            if change_pending(ws):
                # The backups' copies of encryption.toml may still name the old key.
                raise InvalidInput(
                    "a passphrase change was stopped half way; nothing was restored",
                    hint=FINISH_CHANGE_HINT + " first",
                )
            io.vault()  # asked for once: the backup's copy usually names the same key
            io.forget_key()  # the backup's encryption.toml may name another key
        vault = _unlock_for(ws, chosen)
        keep = ws.settings.backups_keep
        if not settings_read:
            keep = max(keep, len(backup.list_backups(ws.layout)))
        # Keep the chosen one even if pruning would drop it: back up with one extra slot.
        safety = None
        if backup.data_files(ws.layout):
            safety = backup.create_backup(io, "before-restore", ws.now, keep + 1)
        io.use_vault(vault)
        backup.restore_backup(io, chosen)
        ws.reload_journal()
    return chosen, safety


def _unlock_for(ws: Workspace, chosen: backup.BackupInfo) -> Vault | None:
    """The key the home will need after restoring ``chosen``, its passphrase checked;
    None if the home will not be encrypted."""
    from recoverylog.store.crypto import WrongPassphrase
    from recoverylog.store.files import MARKER_NAME

    io = ws.store.io
    if MARKER_NAME in chosen.files:
        copy = chosen.path / MARKER_NAME
        try:
            return io.unlock(copy)
        except DataError as exc:
            raise DataError(
                f"backup {chosen.name} holds a damaged copy of encryption.toml ({exc.message}); "
                "nothing was restored",
                hint=_marker_copies_hint(ws),
            ) from None
        except WrongPassphrase:
            raise WrongPassphrase(
                f"wrong passphrase for backup {chosen.name}; nothing was restored",
                hint="a backup opens with the passphrase the journal had when it was made",
            ) from None
    trouble = marker_trouble(ws)
    if trouble is not None:
        raise DataError(
            f"{trouble.message}, and backup {chosen.name} holds no copy of it; "
            "nothing was restored",
            hint=_marker_copies_hint(ws),
        )
    return io.vault() if io.encrypted() else None


def marker_trouble(ws: Workspace) -> DataError | None:
    """What is wrong with encryption.toml: damaged, or missing while files are encrypted."""
    from recoverylog.store.files import MARKER_NAME, is_sealed_file, read_marker

    io = ws.store.io
    if io.marker.exists() or io.marker.is_symlink():
        try:
            read_marker(io.marker)
        except DataError as exc:
            return exc
        return None
    for inner, path in backup.data_files(ws.layout):
        if inner != MARKER_NAME and is_sealed_file(path):
            return DataError(f"{io.marker} is missing, and this journal's files are encrypted")
    return None


def _marker_copies_hint(ws: Workspace) -> str:
    copies = [b.name for b in backup.list_backups(ws.layout) if backup.has_readable_marker(b.path)]
    if not copies:
        return "no backup holds a good copy of encryption.toml"
    return f"backups with a good copy of encryption.toml: {', '.join(reversed(copies[-3:]))}"


# --- encryption at rest ----------------------------------------------------------


def sensitive_files(ws: Workspace) -> list[Path]:
    """Every file holding journal data: live files, backups (finished or not),
    quarantine and drafts. Not encryption.toml (or its copies): it is needed to read
    the rest."""
    from recoverylog.store.drafts import draft_files
    from recoverylog.store.files import MARKER_NAME

    files = [path for name, path in backup.data_files(ws.layout) if name != MARKER_NAME]
    folders = [info.path for info in backup.list_backups(ws.layout)]
    folders += backup.incomplete_backups(ws.layout)
    for folder in folders:
        files.extend(
            p
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name not in (backup.MANIFEST, MARKER_NAME)
        )
    if ws.layout.quarantine_dir.is_dir():
        files.extend(p for p in sorted(ws.layout.quarantine_dir.rglob("*")) if p.is_file())
    return files + draft_files(ws.layout)


def leftover_files(ws: Workspace) -> list[Path]:
    """Files left by an interrupted write (*.tmp) or an editor session (tmp/): they
    may hold journal text, so encrypt seals them and doctor moves them aside."""
    from recoverylog.store.atomic import TEMP_SUFFIX

    layout = ws.layout
    found = []
    for folder in {layout.config_dir, layout.data_dir, layout.entries_dir, layout.private_tmp_dir}:
        if folder.is_dir():
            found += [
                p
                for p in folder.iterdir()
                if p.is_file()
                and (p.name.endswith(TEMP_SUFFIX) or folder == layout.private_tmp_dir)
            ]
    if layout.backups_dir.is_dir():
        found += [p for p in layout.backups_dir.rglob(f"*{TEMP_SUFFIX}") if p.is_file()]
    return sorted(set(found))


MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str) -> str:
    """The rules for a new passphrase, wherever it comes from (a prompt or the
    environment): not empty, not only spaces, at least MIN_PASSPHRASE characters."""
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise InvalidInput(
            f"use a passphrase of at least {MIN_PASSPHRASE} characters (not only spaces); "
            "nothing was changed"
        )
    return passphrase


def encrypt_home(ws: Workspace, passphrase: str) -> int:
    """Encrypt every data file (crisis.toml stays plain: it holds only the country and
    your own crisis lines); returns how many files were converted.

    If an earlier run was stopped after writing encryption.toml, this finishes it: the
    passphrase must be the one that run used, and whatever is still plain is encrypted."""
    from recoverylog import config
    from recoverylog.store.atomic import atomic_write
    from recoverylog.store.crypto import KdfParams, Vault, is_encrypted
    from recoverylog.store.files import read_marker, write_marker
    from recoverylog.store.tallycache import TallyCache

    io = ws.store.io
    with ws.store.writing():
        # Counts kept in plain text would tell what the encrypted files hold.
        TallyCache(io).clear()
        if io.encrypted():
            params, check = read_marker(io.marker)
            vault = Vault(passphrase, params)
            vault.verify(check)  # the passphrase the home is already encrypted with
            everything = [*sensitive_files(ws), *leftover_files(ws)]
            plain = [p for p in everything if not is_encrypted(read_bytes(p) or b"")]
            if not plain:
                raise InvalidInput("this journal is already encrypted")
        else:
            vault = Vault(check_new_passphrase(passphrase), KdfParams.new())
            vault.verified = True  # the home's key from now on, by definition
            take_backup(ws, "before-encrypt")
            # Crisis help must read the country and your own lines without the passphrase.
            config.move_crisis_settings(ws.layout.config_file, io)
            # The marker goes first: a home interrupted half way reads fine (plain and
            # sealed files are both understood) and running encrypt again finishes it.
            write_marker(io.marker, vault)
            plain = [*sensitive_files(ws), *leftover_files(ws)]
        io.use_vault(vault)
        count = 0
        for path in plain:
            data = read_bytes(path)
            if data is not None and not is_encrypted(data):
                atomic_write(path, vault.seal(data, io.place(path)))
                count += 1
    return count


def decrypt_home(ws: Workspace) -> int:
    """Decrypt every data file back to plain text; returns how many were converted."""
    from recoverylog.store.atomic import atomic_write
    from recoverylog.store.crypto import is_encrypted
    from recoverylog.store.files import MARKER_NAME

    io = ws.store.io
    if not io.encrypted():
        raise InvalidInput("this journal is not encrypted")
    vault = io.vault()  # checks the passphrase before anything changes
    with ws.store.writing():
        take_backup(ws, "before-decrypt")
        count = 0
        for path in sensitive_files(ws):
            data = read_bytes(path)
            if data is not None and is_encrypted(data):
                atomic_write(path, io.open_sealed(path, data, vault))
                count += 1
        # Backups are plain now too: their copies of the settings no longer apply.
        for info in backup.list_backups(ws.layout):
            if MARKER_NAME in info.files or (info.path / MARKER_NAME).exists():
                backup.forget_file(info, MARKER_NAME)
        io.forget_key()
        remove_file(io.marker)
        io.use_vault(None)
    return count


def change_pending(ws: Workspace) -> bool:
    """Was a passphrase change stopped half way (either passphrase opens the journal)?"""
    from recoverylog.store.files import read_change

    io = ws.store.io
    return io.encrypted() and read_change(io.marker) is not None


def check_current_passphrase(ws: Workspace) -> None:
    """The passphrase in use, checked before a new one is asked for."""
    io = ws.store.io
    if not io.encrypted():
        raise InvalidInput(
            "this journal is not encrypted, so it has no passphrase to change",
            hint="'recoverylog encrypt' sets one",
        )
    io.vault()


def change_passphrase(ws: Workspace, new_passphrase: str) -> tuple[int, list[Path]]:
    """Seal every encrypted file (backups included) with a key from the new passphrase,
    with a new salt at today's cost. Returns how many files were sealed again, and the
    damaged ones that could not be.

    encryption.toml records the change first (the new key's settings, and each key
    sealed with the other): from then on either passphrase opens every file, and a run
    that was stopped is finished by finish_passphrase_change. Only when every file is
    sealed with the new key does encryption.toml name the new key alone."""
    from recoverylog.store.crypto import KdfParams, Vault
    from recoverylog.store.files import write_marker

    check_current_passphrase(ws)
    if change_pending(ws):
        raise InvalidInput("a passphrase change was stopped half way", hint=FINISH_CHANGE_HINT)
    io = ws.store.io
    with ws.store.writing():
        current = io.vault()
        fresh = Vault(check_new_passphrase(new_passphrase), KdfParams.new())
        fresh.verified = True  # the home's key from now on, by definition
        write_marker(io.marker, fresh, changing_from=current)
        fresh.also_opens_with(current)
        io.use_vault(fresh)
        return _finish_change(ws)


FINISH_CHANGE_HINT = "run 'recoverylog passphrase change' to finish it"


def finish_passphrase_change(ws: Workspace) -> tuple[int, list[Path]]:
    """Finish a passphrase change that was stopped (see change_passphrase)."""
    with ws.store.writing():
        return _finish_change(ws)


def _finish_change(ws: Workspace) -> tuple[int, list[Path]]:
    from recoverylog.store.atomic import atomic_write
    from recoverylog.store.files import MARKER_NAME, marker_text

    io = ws.store.io
    vault = io.vault()  # seals with the new key, opens with both
    io.forget_key()  # the key kept by `unlock` is the old one
    count, damaged = _seal_with(vault, ws)
    final = marker_text(vault)
    # Backups' copies first: the home's own copy names the old key until the very end.
    for folder in [info.path for info in backup.list_backups(ws.layout)]:
        if (folder / MARKER_NAME).is_file():
            atomic_write(folder / MARKER_NAME, final)
    atomic_write(io.marker, final)
    return count, damaged


def _seal_with(vault: Vault, ws: Workspace) -> tuple[int, list[Path]]:
    """Seal every encrypted file again with ``vault``'s key. A file keeps the place it
    names (one found in the wrong place stays refused); one sealed the old way gets its
    own. Damaged files are left as they are, and returned."""
    from recoverylog.store.atomic import atomic_write
    from recoverylog.store.crypto import is_encrypted

    count, damaged = 0, []
    for path in [*sensitive_files(ws), *leftover_files(ws)]:
        data = read_bytes(path)
        if data is None or not is_encrypted(data):
            continue
        try:
            plaintext, place = vault.open_anywhere(data, str(path))
        except DataError:
            damaged.append(path)
            continue
        atomic_write(path, vault.seal(plaintext, place or ws.store.io.place(path)))
        count += 1
    return count, damaged
