"""One recoverylog home: its journal, its entry shards, its writer lock and migrations."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverylog.domain.model import Journal
from recoverylog.paths import Layout
from recoverylog.store import schema
from recoverylog.store.atomic import (
    DIR_MODE,
    LOCK_TIMEOUT_SECONDS,
    ensure_private_dir,
    writer_lock,
)
from recoverylog.store.entries import EntryStore
from recoverylog.store.files import FileIO
from recoverylog.store.journal import (
    HEADER,
    items_of,
    journal_bytes,
    journal_from_doc,
    journal_with_history,
)
from recoverylog.store.tomlfile import parse_toml, save_toml

if TYPE_CHECKING:
    from recoverylog.domain.sync_merge import Version

KEEP_DELETED_DAYS = 365  # the setting sync.keep_deleted_days, by default


class WriteLog(NamedTuple):
    """What one block of writes changed: the journal saved (None if it was not), and
    the check-ins' times (as stored) of each month file written."""

    journal: Journal | None
    months: dict[str, list[str]]


class Store:
    def __init__(
        self,
        layout: Layout,
        io: FileIO,
        now: datetime,
        backups_keep: int = 10,
        lock_wait: Callable[[], float] = lambda: LOCK_TIMEOUT_SECONDS,
        keep_deleted_days: int = KEEP_DELETED_DAYS,
    ) -> None:
        self.layout = layout
        self.io = io
        self.now = now
        self.backups_keep = backups_keep
        # Seconds a write waits for another command, then Busy: asked only when a write
        # needs the lock, so a wrong setting never stops a command that only reads.
        self.lock_wait = lock_wait
        self.keep_deleted_days = keep_deleted_days
        self.entries = EntryStore(
            layout.entries_dir,
            io,
            self._save_migrated,
            self._forget_kept_counts,
            tombstones=self._tombstones,
            now=lambda: self.now,
        )
        # journal.toml's text as last read or written (None: no file): what a save
        # compares with to know what changed. None until the journal is read.
        self._journal_read: tuple[str | None] | None = None
        self._backed_up_for_migration = False
        self._writing = 0  # writing() blocks open, nested in this process
        self.saved_journal: Journal | None = None  # the journal last saved, if any
        # Told what the outermost writing() block changed, before the lock is let go
        # (the glance's refresh); what it raises is never the write's failure.
        self.after_writes: Callable[[WriteLog], None] | None = None

    def load_journal(self) -> Journal:
        path = self.layout.journal_file
        text = self.io.read_text(path)
        self._journal_read = (text,)
        if text is None:
            return journal_from_doc(None, path)
        doc = parse_toml(text, path)
        if not schema.needs_migration(schema.JOURNAL, doc, path):
            return journal_from_doc(doc, path)
        migrated = schema.migrate(schema.JOURNAL, doc, path)
        journal = journal_from_doc(migrated, path)  # checked before anything is written
        self._save_migrated(schema.JOURNAL, path, migrated, text)
        return journal

    def save_journal(self, journal: Journal) -> None:
        """Save the journal, recording what changed since it was read: every clock,
        lapse, person, technique, goal and plan section new or changed is stamped with
        this moment, and every one removed leaves a tombstone."""
        from recoverylog.domain.sync_merge import pruned, record_changes

        if self._journal_read is None:
            self.load_journal()
        assert self._journal_read is not None
        before = self._history_of(self._journal_read[0])
        history = record_changes(before.items, items_of(journal), before, self.now)
        history.deleted = pruned(history.deleted, self.now, self.keep_deleted_days)
        data = journal_bytes(journal, history)
        self.io.write(self.layout.journal_file, data)
        self._journal_read = (data.decode("utf-8"),)
        self.saved_journal = journal

    def _history_of(self, text: str | None) -> Version:
        """The record of changes in journal.toml's ``text``, with its items. Read again
        from the text: the journal read from it may have been changed in place since."""
        path = self.layout.journal_file
        doc = None if text is None else schema.migrate(schema.JOURNAL, parse_toml(text, path), path)
        return journal_with_history(doc, path)[1]

    def forget_journal(self) -> None:
        """The journal file was replaced by a merge: read it again before saving."""
        self._journal_read = None

    def _forget_kept_counts(self, month: str) -> None:
        """A month file changed: the counts kept for it go at once, with any text of
        a deleted entry they held."""
        with contextlib.suppress(OSError):
            os.unlink(self.layout.kept_counts_file(month))

    def _save_migrated(self, kind: str, path: Path, migrated: dict[str, Any], text: str) -> None:
        """Save a file brought up to date (and checked) in memory, once, after a backup
        of the whole home. If another command changed the file since it was read, that
        command has already updated it: nothing is written."""
        from recoverylog.store.backup import create_backup
        from recoverylog.store.entries import encode_month

        with self.writing():
            if self.io.read_text(path) != text:
                return
            if not self._backed_up_for_migration:
                create_backup(self.io, "before-migration", self.now, self.backups_keep)
                self._backed_up_for_migration = True
            if kind == schema.JOURNAL:
                save_toml(path, migrated, self.io, HEADER)
            else:
                self.io.write(path, encode_month(migrated))

    def _tombstones(self, deleted: dict[str, str], present: set[str]) -> dict[str, str]:
        """A month file's tombstones as they are written: none for an entry it holds,
        none older than the setting keeps."""
        from recoverylog.domain.sync_merge import pruned, times

        kept = pruned(times(deleted), self.now, self.keep_deleted_days)
        return {key: deleted[key] for key in kept if key not in present}

    @contextlib.contextmanager
    def writing(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the writer lock around a read-modify-write (re-entrant in one process);
        wait up to ``timeout`` seconds (the store's lock_wait by default) for another
        command to finish, then Busy."""
        ensure_private_dir(self.layout.data_dir)
        _tighten(self.layout.data_dir)
        with writer_lock(self.layout.lock_file, self.lock_wait() if timeout is None else timeout):
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
                if not self._writing:
                    self._tell_after_writes()

    def _tell_after_writes(self) -> None:
        log = WriteLog(self.saved_journal, self.entries.written)
        self.saved_journal, self.entries.written = None, {}
        if self.after_writes is not None:
            with contextlib.suppress(Exception):  # a write stands even if this fails
                self.after_writes(log)

    def has_data(self) -> bool:
        return self.layout.journal_file.exists() or bool(self.entries.months())


def _tighten(folder: Path) -> None:
    """A home folder made by someone else (e.g. --home on an existing folder) becomes 0700."""
    with contextlib.suppress(OSError):
        if folder.stat().st_uid == os.getuid() and folder.stat().st_mode & 0o777 != DIR_MODE:
            os.chmod(folder, DIR_MODE)
