"""One recoverylog home: its journal, its entry shards, and its writer lock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from recoverylog.domain.model import Journal
from recoverylog.paths import Layout
from recoverylog.store.atomic import ensure_private_dir, writer_lock
from recoverylog.store.entries import EntryStore
from recoverylog.store.journal import load_journal, save_journal


class Store:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.entries = EntryStore(layout.entries_dir)

    def load_journal(self) -> Journal:
        return load_journal(self.layout.journal_file)

    def save_journal(self, journal: Journal) -> None:
        save_journal(self.layout.journal_file, journal)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writer lock around a read-modify-write (re-entrant in one process)."""
        ensure_private_dir(self.layout.data_dir)
        with writer_lock(self.layout.lock_file):
            yield

    def has_data(self) -> bool:
        return self.layout.journal_file.exists() or bool(self.entries.months())
