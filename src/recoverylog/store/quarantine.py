"""Moving a file aside into quarantine/, byte for byte, so a repair never deletes words.

A link is acted on as a link: the words it leads to are copied, then the link itself is
removed. The file it points to, which may lie outside the home, is never removed,
moved or replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from recoverylog.errors import DataError
from recoverylog.store.atomic import atomic_write, ensure_private_dir, read_bytes, remove_file

Seal = Callable[[bytes, Path], bytes]  # a file's bytes, and where they are going


def move_aside(path: Path, root: Path, folder: Path, seal: Seal) -> bool:
    """Move ``path`` (a file, a link, or a folder file by file) from ``root`` into
    ``folder`` at the same relative place, passing each file's bytes through ``seal``.

    Returns False if a copy was made but the original could not be removed (it then
    needs a hand fix)."""
    if path.is_dir() and not path.is_symlink():
        done = True
        for top, _dirs, names in os.walk(path, followlinks=False):
            for name in sorted(names):
                done = move_aside(Path(top) / name, root, folder, seal) and done
        if done:
            _remove_empty_folders(path)
        return done
    try:
        copy_aside(path, root, folder, seal)
    except DataError:
        return False
    try:
        remove_file(path)
    except OSError:
        return False
    return True


def copy_aside(path: Path, root: Path, folder: Path, seal: Seal) -> Path | None:
    """Copy the words of the file ``path`` into ``folder`` at the same relative place,
    durably, and leave the original where it is. Returns where the copy is (None when
    there are no words to keep); a file that cannot be read is a DataError."""
    data = _words_in(path)
    if data is None:
        return None
    relative = _relative(path, root)
    copy = ensure_private_dir(folder / relative.parent) / relative.name
    atomic_write(copy, seal(data, copy))
    return copy


def _words_in(path: Path) -> bytes | None:
    """The bytes worth keeping: a FIFO, socket or device holds none (and reading one
    would wait), nor does a link to nothing."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DataError(f"{path} cannot be read: {exc.strerror}") from exc
    return read_bytes(path)


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return Path(path.name)


def _remove_empty_folders(top: Path) -> None:
    for folder, _dirs, _names in sorted(os.walk(top), key=lambda w: -len(w[0])):
        with contextlib.suppress(OSError):  # something stayed behind: keep its folder
            os.rmdir(folder)
