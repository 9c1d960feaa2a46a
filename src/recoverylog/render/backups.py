"""Backups in words: the list's columns, and what create and restore did."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from recoverylog.domain.text import plural
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


def copy_made(copy: Mapping[str, Any]) -> list[str]:
    """A copy written with --to, read back and checked."""
    lines = [f"Copied {_holding(copy)} to {copy['path']}; every file was read back and checked."]
    if copy["encrypted"]:
        lines.append("The copy is encrypted: it opens with your passphrase as it is today.")
    lines.append(
        "Keep it away from this computer. 'recoverylog backup verify' checks it later, "
        "and 'recoverylog backup restore --from' brings it back."
    )
    return lines


def copy_opens(copy: Mapping[str, Any]) -> str:
    made = str(copy["created"] or "")[:16].replace("T", " ")
    when = f", made {made}" if made else ""
    return f"The copy in {copy['path']} opens: {_holding(copy)}{when}."


def _holding(copy: Mapping[str, Any]) -> str:
    return f"{plural(copy['files'], 'file')} ({plural(copy['entries'], 'entry', 'entries')})"
