"""Backups: snapshots before anything destructive or bulk, and restoring one."""

from __future__ import annotations

from typing import Any

from recoverylog.services.workspace import Workspace
from recoverylog.store import backup


def take_backup(ws: Workspace, reason: str) -> backup.BackupInfo | None:
    """Snapshot the data files (None when there is nothing to back up yet)."""
    if not backup.data_files(ws.layout):
        return None
    with ws.store.writing():
        return backup.create_backup(ws.layout, reason, ws.now, ws.settings.backups_keep)


def list_backups(ws: Workspace) -> list[dict[str, Any]]:
    return [
        {"name": b.name, "created": b.created, "reason": b.reason, "files": len(b.files)}
        for b in reversed(backup.list_backups(ws.layout))
    ]


def restore(ws: Workspace, name: str) -> tuple[backup.BackupInfo, backup.BackupInfo | None]:
    """Restore a backup after backing up the current state; returns (restored, safety copy)."""
    with ws.store.writing():
        chosen = backup.find_backup(ws.layout, name)
        # Keep the chosen one even if pruning would drop it: back up with one extra slot.
        safety = None
        if backup.data_files(ws.layout):
            safety = backup.create_backup(
                ws.layout, "before-restore", ws.now, ws.settings.backups_keep + 1
            )
        backup.restore_backup(ws.layout, chosen)
        ws.reload_journal()
    return chosen, safety
