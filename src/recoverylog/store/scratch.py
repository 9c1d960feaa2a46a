"""Where the editor's scratch file lives while a note is being written.

In an encrypted journal the note should never reach the disk in plain text, so the
scratch file goes into a private folder on a RAM-backed filesystem when there is one:
the runtime folder ($XDG_RUNTIME_DIR, if it is the user's own, private folder), else
/dev/shm. Otherwise, and in a plain journal, it goes into the home's own private tmp/
folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from recoverylog.paths import Layout
from recoverylog.store.atomic import DIR_MODE, FILE_MODE, ensure_private_dir

SHARED_RAM = Path("/dev/shm")


def scratch_folder(layout: Layout, encrypted: bool, runtime: Path | None) -> Path:
    """The folder for the scratch file (private, 0700); ``runtime`` is the user's
    runtime folder, if there is one."""
    if encrypted:
        for folder in _ram_folders(runtime):
            mine = own_private_folder(folder)
            if mine is not None:
                return mine
    return ensure_private_dir(layout.private_tmp_dir)


def _ram_folders(runtime: Path | None) -> list[Path]:
    """Our folder in each RAM-backed place that can hold it, best first."""
    found = []
    if runtime is not None and is_private_to_me(runtime):
        found.append(runtime / "recoverylog")
    if SHARED_RAM.is_dir() and os.access(SHARED_RAM, os.W_OK | os.X_OK):
        found.append(SHARED_RAM / f"recoverylog-{os.getuid()}")  # shared: checked below
    return found


def is_private_to_me(folder: Path) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def own_private_folder(folder: Path) -> Path | None:
    """``folder``, made if missing, if it is a real folder of ours (never a link or one
    another user made first in a shared place), set to 0700; None if it cannot be."""
    with contextlib.suppress(FileExistsError, OSError):
        folder.mkdir(mode=DIR_MODE)
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        os.chmod(folder, DIR_MODE)
    except OSError:
        return None
    return folder


@contextlib.contextmanager
def scratch_file(
    layout: Layout, encrypted: bool, initial: str, runtime: Path | None
) -> Iterator[Path]:
    """A 0600 scratch file holding ``initial``, for an editor to change; removed when
    the block ends, and on SIGHUP or SIGTERM (a closed terminal, a kill). Scratch files
    left by editor sessions whose process is gone are removed first."""
    folder = scratch_folder(layout, encrypted, runtime)
    for place in {folder, layout.private_tmp_dir}:
        _remove_stale(place)
    path = folder / f"note-{os.getpid()}.txt"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, FILE_MODE)
    try:
        with _removed_on_signals(path):
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(initial)
            yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@contextlib.contextmanager
def _removed_on_signals(path: Path) -> Iterator[None]:
    """Remove the file on SIGHUP or SIGTERM too, then end the process as that signal
    would have. Ctrl-C (SIGINT) and a normal end remove it through scratch_file."""
    import signal

    def remove_then_die(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    caught = (signal.SIGHUP, signal.SIGTERM)
    before = {sig: signal.signal(sig, remove_then_die) for sig in caught}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def remove_stale_scratch(layout: Layout, runtime: Path | None) -> None:
    """Remove the scratch files of editor sessions whose process is gone, wherever
    they may be (each command does this first, so a note never waits for the next
    edit to be removed)."""
    for folder in [layout.private_tmp_dir, *_ram_folders(runtime)]:
        if is_private_to_me(folder) and not folder.is_symlink():
            _remove_stale(folder)


def _remove_stale(folder: Path) -> None:
    """Scratch files of an editor session that ended without cleaning up (a SIGKILL):
    their process is gone, so nothing will ever remove them but us."""
    if not folder.is_dir():
        return
    for stale in folder.glob("note-*.txt"):
        pid = stale.stem.removeprefix("note-")
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                stale.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
