"""Notes kept as drafts when the editor did not end well: keep, list, show, delete."""

from __future__ import annotations

from pathlib import Path

from recoverylog.services.workspace import Workspace
from recoverylog.store import drafts


def keep(ws: Workspace, text: str) -> Path:
    with ws.store.writing():
        return drafts.keep_draft(ws.store.io, text, ws.now)


def names(ws: Workspace) -> list[str]:
    return [path.stem for path in drafts.draft_files(ws.layout)]


def text_of(ws: Workspace, name: str) -> str:
    return drafts.read_draft(ws.store.io, drafts.find_draft(ws.layout, name))


def delete(ws: Workspace, name: str) -> str:
    path = drafts.find_draft(ws.layout, name)
    with ws.store.writing():
        drafts.remove_draft(path)
    return path.stem
