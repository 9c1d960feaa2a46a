"""Backups in words: the list's columns, and what create and restore did."""

from __future__ import annotations

from pathlib import Path

from recoverylog.render.output import Column

BACKUP_COLUMNS = [
    Column("name", "Name"),
    Column("reason", "Reason"),
    Column("files", "Files", justify="right"),
]
NO_BACKUPS = "No backups yet. 'recoverylog backup create' makes one."
NOTHING_TO_BACK_UP = "Nothing to back up yet."


def backed_up(files: int, folder: Path) -> str:
    return f"Backed up {files} files to {folder}"


def restored(name: str, before: str | None) -> list[str]:
    """The backup put back, and where the state it replaced was kept."""
    lines = [f"Restored {name}."]
    if before is not None:
        lines.append(f"Your previous state is saved as {before}.")
    return lines
