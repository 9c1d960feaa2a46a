"""Snapshots of the home's data files in backups/, newest kept, oldest pruned.

In an encrypted home the backups are encrypted too (and each holds a copy of
encryption.toml, without which they could not be read). Each encrypted file names its
place, so a backup's copy is sealed again on its way in and out: it names its path
inside the backup folder, and a copy put into the home by hand is refused.

Backups are ordered by the UTC time in their backup.json, then by the number a second
backup in the same second gets in its name: a change of time zone never reorders them.
A backup folder without a backup.json was cut off while it was being made; it is never
listed or restored, and pruning (which runs under the writer lock) removes it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recoverylog.errors import DataError, InvalidInput, NotFound
from recoverylog.paths import Layout
from recoverylog.store.atomic import (
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    read_bytes,
    real_target,
    remove_file,
)
from recoverylog.store.entries import MONTH_FILE
from recoverylog.store.files import MARKER_NAME, FileIO

MANIFEST = "backup.json"
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?-[a-z0-9-]+$")


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    created: str
    reason: str
    files: list[str]
    partial: bool = False


def data_files(layout: Layout) -> list[tuple[str, Path]]:
    """Every file a backup holds, as (name inside the backup, current path)."""
    files = [
        ("config.toml", layout.config_file),
        ("journal.toml", layout.journal_file),
        (layout.meetings_file.name, layout.meetings_file),
        (MARKER_NAME, layout.data_dir / MARKER_NAME),
    ]
    if layout.entries_dir.is_dir():
        for path in sorted(layout.entries_dir.iterdir()):
            if MONTH_FILE.match(path.name):
                files.append((f"entries/{path.name}", path))
    return [(name, path) for name, path in files if path.is_file()]


def create_backup(
    io: FileIO,
    reason: str,
    now: datetime,
    keep: int,
    only: list[Path] | None = None,
    also: Sequence[Path] = (),
) -> BackupInfo:
    """Copy the data files (or ``only`` those affected) into a new backup folder, and
    ``also`` these other files, byte for byte, into its copies/ folder (never restored:
    kept for a person to look at)."""
    layout = io.layout
    folder = new_backup_folder(layout, reason, now)
    name = folder.name
    try:
        copied = _copy_into(folder, io, only)
        manifest: dict[str, object] = {
            "created": now.isoformat(),
            "reason": reason,
            "files": copied,
            "partial": only is not None,
        }
        if also:
            manifest["copies"] = _copy_as_they_are(folder / "copies", also)
        atomic_write(folder / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
    except OSError:
        # A full disk (or any failed write): no half-written backup is left behind.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    prune(layout, keep)
    return BackupInfo(name, folder, now.isoformat(), reason, copied, only is not None)


def new_backup_folder(layout: Layout, reason: str, now: datetime) -> Path:
    """A new, empty folder in backups/, named by ``now`` and ``reason``."""
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    root = ensure_private_dir(layout.backups_dir)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # A later backup in the same second, whatever its reason, gets the next number.
    taken = [
        int(match.group(2) or 1)
        for other in root.iterdir()
        if (match := _NAME.match(other.name)) and match.group(1) == stamp
    ]
    n = max(taken, default=0) + 1
    name = f"{stamp}-{slug}" if n == 1 else f"{stamp}-{n}-{slug}"
    while (root / name).exists():  # a name left by a backup cut off half way
        n += 1
        name = f"{stamp}-{n}-{slug}"
    return ensure_private_dir(root / name)


def _copy_into(folder: Path, io: FileIO, only: list[Path] | None) -> list[str]:
    copied = []
    wanted = None if only is None else {real_target(p) for p in only}
    for inner, source in data_files(io.layout):
        if wanted is None or real_target(source) in wanted:
            copy = folder / inner
            atomic_write(copy, io.resealed(source.read_bytes(), source, copy))
            copied.append(inner)
    return copied


def _copy_as_they_are(folder: Path, paths: Sequence[Path]) -> list[str]:
    ensure_private_dir(folder)
    kept = []
    for path in paths:
        data = read_bytes(path)
        if data is not None:
            atomic_write(folder / path.name, data)
            kept.append(path.name)
    return kept


def list_backups(layout: Layout) -> list[BackupInfo]:
    """Complete backups, oldest first."""
    found: list[tuple[tuple[datetime, int, str], BackupInfo]] = []
    for folder in _backup_folders(layout):
        manifest = _manifest(folder)
        if manifest is None:
            continue  # an incomplete backup (interrupted) is not listed or restored
        created = str(manifest.get("created", ""))
        info = BackupInfo(
            folder.name,
            folder,
            created,
            str(manifest.get("reason", "")),
            [str(f) for f in manifest.get("files", [])],
            bool(manifest.get("partial", False)),
        )
        found.append((_order(folder.name, created), info))
    return [info for _, info in sorted(found, key=lambda pair: pair[0])]


def incomplete_backups(layout: Layout) -> list[Path]:
    """Backup folders cut off before their backup.json was written."""
    return [folder for folder in _backup_folders(layout) if _manifest(folder) is None]


def _backup_folders(layout: Layout) -> list[Path]:
    if not layout.backups_dir.is_dir():
        return []
    return [
        folder
        for folder in sorted(layout.backups_dir.iterdir())
        if folder.is_dir() and not folder.is_symlink() and _NAME.match(folder.name)
    ]


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _order(name: str, created: str) -> tuple[datetime, int, str]:
    """When a backup was made, in UTC (its name's local time only if backup.json has
    none), then its same-second number: the first of a second has none, so it is 1."""
    match = _NAME.match(name)
    assert match is not None
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(created)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        moment = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    return moment.astimezone(UTC), int(match.group(2) or 1), name


def prune(layout: Layout, keep: int) -> None:
    """Keep the newest ``keep`` backups; remove older ones and any cut off half way.

    The newest backup holding a readable encryption.toml is always kept: if the home's
    copy is lost or damaged, it may be the only way to read the encrypted files again.

    Backups are made under the writer lock, as this runs: a folder still without its
    backup.json belongs to a command that was stopped, never to one still running."""
    for folder in incomplete_backups(layout):
        shutil.rmtree(folder, ignore_errors=True)
    backups = list_backups(layout)
    cut = max(0, len(backups) - keep)
    older, kept = backups[:cut], backups[cut:]
    if older and not any(has_readable_marker(info.path) for info in kept):
        spared = next((i for i in reversed(older) if has_readable_marker(i.path)), None)
        older = [info for info in older if info is not spared]
    for old in older:
        shutil.rmtree(old.path, ignore_errors=True)


def forget_file(info: BackupInfo, inner: str) -> None:
    """Take one file out of a backup (and out of its backup.json)."""
    (info.path / inner).unlink(missing_ok=True)
    manifest = _manifest(info.path)
    if manifest is not None:
        files = manifest.get("files", [])
        manifest["files"] = [f for f in files if f != inner] if isinstance(files, list) else []
        atomic_write(info.path / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))


def has_readable_marker(folder: Path) -> bool:
    """A backup's copy of encryption.toml that can be read (not a copy of the damage)."""
    from recoverylog.store.files import read_marker

    copy = folder / MARKER_NAME
    if not copy.is_file():
        return False
    try:
        read_marker(copy)
    except DataError:
        return False
    return True


def find_backup(layout: Layout, name: str) -> BackupInfo:
    backups = list_backups(layout)
    matches = [b for b in backups if b.name == name] or [
        b for b in backups if b.name.startswith(name)
    ]
    if not matches:
        raise NotFound(f"no backup named '{name}'", hint="'recoverylog backup list' shows them")
    if len(matches) > 1:
        raise InvalidInput(f"'{name}' matches {len(matches)} backups; give more of the name")
    return matches[0]


def restore_backup(io: FileIO, info: BackupInfo) -> None:
    """Make the home's data files exactly what the backup holds (caller backs up first,
    and gives ``io`` the key of the encryption.toml in force afterwards)."""
    layout = io.layout
    for inner in info.files:
        if not (info.path / inner).is_file():
            raise DataError(f"backup {info.name} is missing {inner}; nothing was restored")
    wanted = set(info.files)
    for inner, current in data_files(layout):
        # A full backup is the whole state; a partial one only the files it holds.
        if not info.partial and inner not in wanted and inner.startswith("entries/"):
            remove_file(current)
    for inner in info.files:
        target = layout.config_dir / inner if inner == "config.toml" else layout.data_dir / inner
        copy = info.path / inner
        atomic_write(target, io.resealed(copy.read_bytes(), copy, target))
    if layout.entries_dir.is_dir():
        fsync_dir(real_target(layout.entries_dir))
    # Counts kept from the files replaced, and any words of theirs, go with them.
    from recoverylog.store.tallycache import TallyCache

    TallyCache(io).clear()
