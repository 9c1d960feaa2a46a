"""One journal on two computers: merging two versions of the home's files.

A sync tool that finds a file changed on both computers keeps one version and leaves
the other beside it as a copy ("2026-12.sync-conflict-....json"). Every command that
opens the home merges such copies into their files first (``merge_copies``), and
`recoverylog sync` merges the versions git fetched (``merge_versions``). The rules are
in domain/sync_merge.py; a backup of every version merged is kept.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoverylog.domain.sync_conflicts import CRISIS, JOURNAL, MONTH, SETTINGS
from recoverylog.errors import DataError
from recoverylog.store.sync_copies import find_copies, kind_of

if TYPE_CHECKING:
    from recoverylog.domain.sync_merge import Brought, CopiesMerged, Merged, MergedCopy, Version
    from recoverylog.services.workspace import Workspace
    from recoverylog.store.sync_copies import FoundCopy

# Only find_copies is needed by a command that finds no copy: the rest loads when one is.

BACKUP_REASON = "before merging copies"


def has_copies(ws: Workspace) -> bool:
    return bool(find_copies(ws.layout))


def merge_copies(ws: Workspace, *, ask: bool = False) -> CopiesMerged | None:
    """Merge every copy a sync tool left into the file it is a copy of, under the writer
    lock, after a backup of both; None when there is none. In an encrypted home the key
    must be at hand without asking, unless ``ask``."""
    from recoverylog.domain.sync_merge import CopiesMerged, LeftCopy

    if not find_copies(ws.layout):
        return None
    io = ws.store.io
    if not ask and not io.open_without_asking():
        return CopiesMerged(waiting=len(find_copies(ws.layout)))
    result = CopiesMerged()
    with ws.store.writing():
        copies = find_copies(ws.layout)  # again: another command may have merged them
        if copies:
            result.backup = _backup(ws, copies)
        for copy in copies:
            try:
                result.merged.append(_merge_copy(ws, copy))
            except DataError as exc:
                result.left.append(LeftCopy(copy.tool, copy.path.name, exc.message))
        if any(m.kind == MONTH for m in result.merged):
            with contextlib.suppress(DataError):  # a damaged month: doctor will say
                settle_moved_entries(ws)
    ws.forget_journal()
    if any(m.kind in (SETTINGS, CRISIS) for m in result.merged):
        ws.reload_settings()
    return result


def _backup(ws: Workspace, copies: list[FoundCopy]) -> str:
    from recoverylog.store.backup import create_backup

    originals = [c.original for c in copies if kind_of(ws.layout, c.original) != CRISIS]
    raw = [c.path for c in copies] + [c.original for c in copies if c.original not in originals]
    info = create_backup(
        ws.store.io, BACKUP_REASON, ws.now, ws.settings.backups_keep, originals, raw
    )
    return info.name


def _merge_copy(ws: Workspace, copy: FoundCopy) -> MergedCopy:
    from recoverylog.domain.sync_merge import Brought, Merged, MergedCopy
    from recoverylog.store.atomic import read_bytes, remove_file
    from recoverylog.store.sync_copies import read_version

    kind = kind_of(ws.layout, copy.original)
    assert kind is not None  # find_copies finds copies of these files only

    theirs = read_bytes(copy.path) or b""
    ours = read_bytes(copy.original)
    if ours is None:  # the file itself is gone: the copy, if it reads, is all there is
        read_version(ws.store.io, kind, copy.original, theirs, copy.path)
        merged = Merged(theirs, Brought(added=1))
    else:
        merged = merged_file(ws, copy.original, ours, theirs, copy.path)
    _write(ws, copy.original, merged.data)
    remove_file(copy.path)
    return MergedCopy(copy.tool, kind, copy.original.name, merged.brought)


def _write(ws: Workspace, path: Path, data: bytes) -> None:
    from recoverylog.store.atomic import atomic_write

    atomic_write(path, data)
    kind = kind_of(ws.layout, path)
    if kind == MONTH:
        ws.store.entries.replaced(path.stem)
    elif kind == JOURNAL:
        ws.store.forget_journal()
        ws.store.saved_journal = ws.store.load_journal()  # for the glance


def settle_moved_entries(ws: Workspace) -> None:
    """After month files were merged one by one: each entry in one month only, as its
    latest change left it (see domain/sync_merge.settle_moves). Reads every month, so
    it runs only after a merge; the caller holds the writer lock."""
    from recoverylog.domain.sync_merge import month_doc, month_version, settle_moves

    store = ws.store.entries
    docs = {month: store.read_doc(month) for month in store.months()}
    versions = {month: month_version(doc) for month, doc in docs.items()}
    for month, version in sorted(settle_moves(versions).items()):
        store.write_doc(month, month_doc(docs[month], version))


def merge_versions(ws: Workspace, path: Path, ours: bytes, theirs: bytes) -> bytes:
    """The merged contents of two stored versions of the home's file at ``path`` (a
    month file, journal.toml, config.toml or crisis.toml), as the file stores them."""
    return merged_file(ws, path, ours, theirs).data


def merged_file(
    ws: Workspace, path: Path, ours: bytes, theirs: bytes, theirs_at: Path | None = None
) -> Merged:
    """Two stored versions of the home's file at ``path`` merged, and what ``theirs``
    (found at ``theirs_at``, if not in a file of its own) brought; a version that
    cannot be read is a DataError."""
    from recoverylog.domain.sync_merge import (
        Brought,
        Merged,
        month_doc,
        month_version,
        settings_merged,
    )
    from recoverylog.domain.sync_merge import merge_versions as merged_items
    from recoverylog.store.entries import encode_month
    from recoverylog.store.sync_copies import read_version
    from recoverylog.store.tomlfile import dump_toml, encode_text

    kind = kind_of(ws.layout, path)
    if kind is None:
        raise DataError(f"{path} is not a file recoverylog knows how to merge")
    io = ws.store.io
    mine = read_version(io, kind, path, ours)
    other = read_version(io, kind, path, theirs, theirs_at)
    if kind == MONTH:
        merged, brought = merged_items(month_version(mine), month_version(other))
        plain = encode_month(month_doc(mine, merged))
    elif kind == JOURNAL:
        plain, brought = _merged_journal(path, mine, other)
    else:
        settings, added = settings_merged(mine, other)
        plain, brought = encode_text(_settings_header(kind) + dump_toml(settings)), Brought(added)
    return Merged(plain if kind == CRISIS else io.sealed(path, plain), brought)


def _merged_journal(
    path: Path, mine: dict[str, Any], other: dict[str, Any]
) -> tuple[bytes, Brought]:
    from recoverylog.domain.codec import SchemaError, journal_from_dict
    from recoverylog.domain.sync_merge import journal_doc, keep_clocks_of_lapses, latest_celebrated
    from recoverylog.domain.sync_merge import merge_versions as merged_items
    from recoverylog.messages import FIX_BY_HAND
    from recoverylog.store.journal import journal_bytes

    ours, theirs = (_journal_version(path, doc) for doc in (mine, other))
    merged, brought = merged_items(ours, theirs)
    keep_clocks_of_lapses(merged, ours, theirs)
    doc = journal_doc(merged, latest_celebrated(mine, other))
    try:
        journal = journal_from_dict(doc)
    except SchemaError as exc:
        raise DataError(
            f"{path}: the merged journal is not right: {exc}", hint=FIX_BY_HAND
        ) from exc
    return journal_bytes(journal, merged), brought


def _journal_version(path: Path, doc: dict[str, Any]) -> Version:
    from recoverylog.domain.sync_merge import history_of
    from recoverylog.store.journal import items_of, journal_from_doc

    version = history_of(doc)
    version.items = items_of(journal_from_doc(doc, path))
    return version


def _settings_header(kind: str) -> str:
    from recoverylog.config import CONFIG_HEADER, CRISIS_HEADER

    return CRISIS_HEADER if kind == CRISIS else CONFIG_HEADER
