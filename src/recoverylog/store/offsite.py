"""Copies of the journal that leave its folder: to a USB stick, a mounted share.

A copy is laid out as a backup in backups/ is (config.toml, journal.toml, meetings.json,
encryption.toml, entries/, and a backup.json), and holds the very bytes such a backup
would hold. In an encrypted journal every file stays sealed, and a sealed file in a
backup names its path inside its backup folder, never the folder's name: so a copy can
be brought back into backups/ byte for byte, and restored as any backup is. It never
holds the plain text of an encrypted journal.

Each copy gets a new folder named by date, never an earlier copy's. Every file is
written, flushed, read back and compared with the digest of what was written; the
files that hold entries are opened and counted; backup.json, with the digests, is
written last. A folder without it was cut off, and is never trusted or restored. Files
are 0600 and folders 0700 where the disk keeps modes; a FAT stick keeps none, and that
is no failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from recoverylog.domain.model import Entry
from recoverylog.errors import DataError, InvalidInput, NotFound
from recoverylog.paths import MEETINGS_FILE, Layout
from recoverylog.store import schema
from recoverylog.store.atomic import (
    DIR_MODE,
    FILE_MODE,
    atomic_write,
    fsync_dir,
    read_bytes,
)
from recoverylog.store.backup import MANIFEST, BackupInfo, data_files, new_backup_folder
from recoverylog.store.crypto import BACKUP, Place, Vault, is_encrypted
from recoverylog.store.entries import MONTH_FILE, check_month
from recoverylog.store.files import MARKER_NAME, FileIO

COPY_PREFIX = "recoverylog-"
_COPY_NAME = re.compile(r"^recoverylog-(\d{8}-\d{6})(?:-(\d+))?$")
_TOP_FILES = ("config.toml", "journal.toml", MARKER_NAME, MEETINGS_FILE)
BROUGHT_IN = "from a copy"
# When a copy last left this computer: beside its backups, which stay on each computer.
LAST_COPY_FILE = "offsite.json"


class CopyCheck(NamedTuple):
    """A copy that was read back whole: where it is, when it was made, what it holds."""

    path: Path
    created: str
    files: list[str]
    entries: int
    encrypted: bool


class CopyDamaged(DataError):
    """A copy whose files are not what was written."""


def write_copy(io: FileIO, destination: Path, now: datetime) -> CopyCheck:
    """Copy the home's data files into a new folder in ``destination``, read every one
    back, and finish it with backup.json; nothing is left of a copy that fails."""
    if not destination.is_dir():
        raise InvalidInput(
            f"there is no folder {destination}",
            hint="plug in the drive or mount the share, then give its folder",
        )
    if destination.resolve().is_relative_to(io.layout.data_dir.resolve()):
        raise InvalidInput(
            f"{destination} is inside the journal's own folder, so a copy there would not leave it",
            hint="give a folder on another drive: a USB stick, a mounted share",
        )
    folder = _new_copy_folder(destination, now)
    try:
        digests = {inner: _write_new(folder / inner, data) for inner, data in _sealed_copies(io)}
        compare_digests(folder, digests)
        entries = count_entries(folder, list(digests), io.vault() if io.encrypted() else None)
        manifest = {
            "created": now.isoformat(),
            "reason": "copy",
            "files": list(digests),
            "partial": False,
            "sha256": digests,
        }
        written = _write_new(folder / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
        compare_digests(folder, {MANIFEST: written})
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return CopyCheck(folder, now.isoformat(), list(digests), entries, MARKER_NAME in digests)


def _sealed_copies(io: FileIO) -> Iterator[tuple[str, bytes]]:
    """Each data file as a backup of it holds it: sealed for its place in a backup."""
    for inner, source in data_files(io.layout):
        data = read_bytes(source)
        if data is not None:
            yield inner, io.resealed_for(data, source, Place(BACKUP, inner))


def _new_copy_folder(destination: Path, now: datetime) -> Path:
    """A folder of its own, named by ``now``: an earlier copy is never written over."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        folder = destination / (f"{COPY_PREFIX}{stamp}" if n == 1 else f"{COPY_PREFIX}{stamp}-{n}")
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            n += 1
            continue
        _keep_private(folder, DIR_MODE)
        _flush_folder(destination)
        return folder


def _write_new(path: Path, data: bytes) -> str:
    """Write a file that must not exist yet, flushed to the disk; its SHA-256."""
    if not path.parent.is_dir():
        path.parent.mkdir(mode=DIR_MODE)
        _keep_private(path.parent, DIR_MODE)
        _flush_folder(path.parent.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    with os.fdopen(fd, "wb") as file:
        _keep_private(file.fileno(), FILE_MODE)
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
        _drop_cached(file.fileno())
    _flush_folder(path.parent)
    return hashlib.sha256(data).hexdigest()


def _keep_private(where: Path | int, mode: int) -> None:
    """Set the exact mode, whatever the umask; a disk that keeps no modes (FAT) refuses,
    and there is nothing to keep private there beyond the disk itself."""
    with contextlib.suppress(OSError):
        if isinstance(where, int):
            os.fchmod(where, mode)
        else:
            os.chmod(where, mode)


def _flush_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some shares cannot; each file was flushed itself
        fsync_dir(folder)


def _drop_cached(fd: int) -> None:
    """Forget the written pages, so that reading back asks the disk, not memory."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def compare_digests(folder: Path, digests: dict[str, str]) -> None:
    """Read every file back; each must be exactly what was written."""
    for inner, digest in digests.items():
        data = read_bytes(folder / inner)
        if data is None:
            raise CopyDamaged(f"{folder} is missing {inner}", hint=_DAMAGED_HINT)
        if hashlib.sha256(data).hexdigest() != digest:
            raise CopyDamaged(
                f"{inner} in {folder} is not what was written: the copy is damaged",
                hint=_DAMAGED_HINT,
            )


_DAMAGED_HINT = "make a new copy, on another drive if this one fails again"


def count_entries(folder: Path, files: list[str], vault: Vault | None) -> int:
    """Open every file of a copy as the journal would, and count its entries."""
    entries = 0
    for inner in files:
        if inner == MARKER_NAME:
            continue
        path = folder / inner
        data = _opened(read_bytes(path) or b"", path, inner, vault)
        text = _text(data, path)
        if inner.startswith("entries/"):
            entries += _entries_in(text, path)
        elif inner == MEETINGS_FILE:
            _meeting_list(text, path)
        else:
            _toml(text, path)
    return entries


def _opened(data: bytes, path: Path, inner: str, vault: Vault | None) -> bytes:
    if not is_encrypted(data):
        return data
    if vault is None:
        raise DataError(f"{path} is encrypted, and the copy holds no {MARKER_NAME}")
    return vault.open(data, str(path), Place(BACKUP, inner))


def _text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text: the copy is damaged") from None


def _entries_in(text: str, path: Path) -> int:
    return len(_month_entries(text, path))


def _month_entries(text: str, path: Path) -> list[Entry]:
    """A month file's entries, brought up to date in memory only: nothing is written."""
    try:
        doc = json.loads(text)
    except ValueError:
        raise DataError(f"{path} is not JSON: the copy is damaged") from None
    if not isinstance(doc, dict):
        raise DataError(f"{path}: expected a JSON object at the top")
    if schema.needs_migration(schema.ENTRIES, doc, path):
        doc = schema.migrate(schema.ENTRIES, doc, path)
    return check_month(doc, path)


def _meeting_list(text: str, path: Path) -> None:
    from recoverylog.store.meeting_list import check_meeting_list

    check_meeting_list(text, path)


def _toml(text: str, path: Path) -> None:
    from recoverylog.store.tomlfile import parse_toml

    parse_toml(text, path)


# --- reading a copy back -----------------------------------------------------------


def find_copy(where: Path) -> Path:
    """The copy in ``where``: the folder itself, or the newest copy inside it."""
    if (where / MANIFEST).is_file():
        return where
    if not where.is_dir():
        raise NotFound(f"there is no folder {where}", hint=_WHERE_HINT)
    copies = sorted(
        (_copy_order(match), folder)
        for folder in where.iterdir()
        if (match := _COPY_NAME.match(folder.name)) and folder.is_dir()
    )
    finished = [folder for _, folder in copies if (folder / MANIFEST).is_file()]
    if finished:
        return finished[-1]
    if _COPY_NAME.match(where.name) or copies:
        raise DataError(
            f"the copy in {where} was cut off before it was finished",
            hint="make a new one with 'recoverylog backup create --to FOLDER'",
        )
    raise NotFound(f"there is no recoverylog copy in {where}", hint=_WHERE_HINT)


_WHERE_HINT = "give the folder 'backup create --to' wrote, or the one that holds it"


def _copy_order(match: re.Match[str]) -> tuple[str, int]:
    return match.group(1), int(match.group(2) or 1)


class CopyManifest(NamedTuple):
    created: str
    files: list[str]
    digests: dict[str, str]


def read_manifest(folder: Path) -> CopyManifest:
    """A copy's backup.json, checked: only the files a copy holds, each with its digest,
    and every file still what was written."""
    try:
        doc = json.loads((read_bytes(folder / MANIFEST) or b"").decode("utf-8"))
    except ValueError:
        raise CopyDamaged(f"{folder / MANIFEST} is damaged", hint=_DAMAGED_HINT) from None
    digests = doc.get("sha256") if isinstance(doc, dict) else None
    if not isinstance(digests, dict) or not all(
        _copy_file_name(inner) and isinstance(digest, str) for inner, digest in digests.items()
    ):
        raise CopyDamaged(f"{folder / MANIFEST} does not list the copy's files", hint=_DAMAGED_HINT)
    compare_digests(folder, digests)
    return CopyManifest(str(doc.get("created", "")), list(digests), digests)


def _copy_file_name(inner: object) -> bool:
    """A name a copy may hold: never a path that leads out of it."""
    if not isinstance(inner, str):
        return False
    if inner in _TOP_FILES:
        return True
    folder, _, name = inner.partition("/")
    return folder == "entries" and MONTH_FILE.match(name) is not None


def bring_in(layout: Layout, folder: Path, manifest: CopyManifest, now: datetime) -> BackupInfo:
    """Put a copy into backups/, byte for byte, as the newest backup."""
    target = new_backup_folder(layout, BROUGHT_IN, now)
    try:
        for inner in manifest.files:
            data = read_bytes(folder / inner) or b""
            if hashlib.sha256(data).hexdigest() != manifest.digests[inner]:
                raise CopyDamaged(f"{inner} in {folder} changed while it was read")
            atomic_write(target / inner, data)
        record = {
            "created": now.isoformat(),
            "reason": BROUGHT_IN,
            "files": manifest.files,
            "partial": False,
            "copy_created": manifest.created,
        }
        atomic_write(target / MANIFEST, json.dumps(record, indent=2).encode("utf-8"))
    except (OSError, DataError):
        shutil.rmtree(target, ignore_errors=True)
        raise
    return BackupInfo(target.name, target, now.isoformat(), BROUGHT_IN, manifest.files)


def forget(info: BackupInfo) -> None:
    """Take a copy brought in back out of backups/ (its restore did not go ahead)."""
    shutil.rmtree(info.path, ignore_errors=True)


# --- when a copy last left ---------------------------------------------------------


def record_copy(layout: Layout, now: datetime) -> None:
    atomic_write(
        layout.backups_dir / LAST_COPY_FILE,
        json.dumps({"last_copy": now.isoformat()}).encode("utf-8"),
    )


def last_copy(layout: Layout) -> datetime | None:
    """When a copy last left this computer; None if never (or the record is unreadable)."""
    try:
        doc: Any = json.loads(read_bytes(layout.backups_dir / LAST_COPY_FILE) or b"{}")
        moment = datetime.fromisoformat(doc["last_copy"])
    except (DataError, ValueError, TypeError, KeyError):
        return None
    return moment if moment.tzinfo is not None else None


def oldest_data(layout: Layout) -> datetime | None:
    """When the month file changed least recently was last written: its entries have
    been on this disk alone since then, at least. None with no month files."""
    folder = layout.entries_dir
    months = [p for p in folder.iterdir() if MONTH_FILE.match(p.name)] if folder.is_dir() else []
    times = []
    for path in months:
        with contextlib.suppress(OSError):
            times.append(path.stat().st_mtime)
    return datetime.fromtimestamp(min(times), UTC) if times else None
