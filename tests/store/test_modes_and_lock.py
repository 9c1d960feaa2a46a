"""Private files and folders whatever the umask, and one writer at a time."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_helpers import craving, open_store, sample_journal

from recoverylog.errors import Busy
from recoverylog.store.atomic import atomic_write, writer_lock


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_files_are_0600_and_folders_0700_even_with_umask_0(home: Path) -> None:
    with _umask(0):
        store = open_store(home)
        with store.writing():
            store.save_journal(sample_journal())
            store.entries.append(craving(1, datetime(2026, 11, 20, tzinfo=UTC)))
            store.entries.append_many([craving(2, datetime(2026, 10, 20, tzinfo=UTC))])
            # A rewrite of an existing file keeps it private too.
            store.save_journal(sample_journal())

    folders = [home, home / "entries"]
    files = [
        home / "journal.toml",
        home / ".lock",
        home / "entries" / "2026-11.json",
        home / "entries" / "2026-10.json",
    ]
    assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}
    assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}


def test_a_rewrite_makes_a_file_left_readable_by_others_private_again(home: Path) -> None:
    store = open_store(home)
    store.save_journal(sample_journal())
    (home / "journal.toml").chmod(0o644)

    with _umask(0):
        store.save_journal(sample_journal())

    assert _mode(home / "journal.toml") == 0o600


def test_missing_parent_folders_are_created_private(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "file.json"
    with _umask(0):
        atomic_write(target, b"{}")

    assert target.read_bytes() == b"{}"
    assert _mode(tmp_path / "deep") == 0o700
    assert _mode(tmp_path / "deep" / "er") == 0o700
    assert _mode(target) == 0o600


def test_an_existing_open_home_folder_is_tightened_when_written_to(home: Path) -> None:
    home.mkdir(mode=0o755)
    home.chmod(0o755)

    store = open_store(home)
    with store.writing():
        store.save_journal(sample_journal())

    assert _mode(home) == 0o700


def test_no_temp_files_are_left_after_writes(home: Path) -> None:
    store = open_store(home)
    for number in range(5):
        store.save_journal(sample_journal())
        store.entries.append(craving(number, datetime(2026, 11, 20, tzinfo=UTC)))

    leftovers = [p.name for p in home.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def _other_holder_can_lock(lock_file: Path) -> bool:
    """flock locks belong to an open file: a second open conflicts even in this process."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        assert exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def test_the_writer_lock_is_re_entrant_in_one_process(home: Path) -> None:
    store = open_store(home)
    lock_file = home / ".lock"

    with store.writing():
        assert not _other_holder_can_lock(lock_file)
        with store.writing():  # nested use must not wait for itself
            store.save_journal(sample_journal())
            with open_store(home).writing():  # a second Store on the same home, too
                store.entries.append(craving(1, datetime(2026, 11, 20, tzinfo=UTC)))
        # Leaving the inner block keeps the outer one's lock.
        assert not _other_holder_can_lock(lock_file)

    assert _other_holder_can_lock(lock_file)
    assert open_store(home).load_journal() == sample_journal()


def test_the_lock_is_released_when_the_block_raises(home: Path) -> None:
    store = open_store(home)
    with pytest.raises(RuntimeError), store.writing(), store.writing():
        raise RuntimeError("boom")

    assert _other_holder_can_lock(home / ".lock")


def test_a_lock_held_by_another_open_file_means_busy(home: Path) -> None:
    home.mkdir()
    lock_file = home / ".lock"
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(Busy), writer_lock(lock_file, timeout=0.05):
            pytest.fail("the lock was taken twice")
    finally:
        os.close(fd)


def test_a_new_folder_is_made_durable_in_its_parent(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file fsynced into a folder whose own name never reached the disk can vanish
    in a power cut: every folder made on the way is fsynced into its parent."""
    from recoverylog.store import atomic

    synced: list[Path] = []
    real = atomic.fsync_dir
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: (synced.append(folder), real(folder)))
    home.mkdir()
    atomic_write(home / "backups" / "20261123-200000-manual" / "entries" / "2026-11.json", b"{}")
    made = home / "backups" / "20261123-200000-manual" / "entries"
    assert {made.parent.parent.parent, made.parent.parent, made.parent} <= set(synced)
    assert made in synced  # and the file itself, into its folder
