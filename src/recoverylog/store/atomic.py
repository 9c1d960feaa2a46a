"""Safe file primitives: private folders, atomic replacement, one writer at a time.

Every write goes to a temp file in the target's own folder, is fsynced, then
``os.replace``d over the target, and the folder is fsynced. A symlinked file or
folder is written through: the link's target is replaced, the link stays. A link is
never followed to nothing (a dangling link would create a file wherever it points) or
onto another account's file, and removing a file removes the link, not its target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time

from recoverylog.errors import Busy, DataError

TYPE_CHECKING = False
if TYPE_CHECKING:  # not loaded: `prompt` reads through this module (see cli/quick.py)
    from collections.abc import Iterable, Iterator
    from pathlib import Path
    from typing import BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 5.0


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and missing parents) as 0700, whatever the umask; each new
    folder is made durable in its parent."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            pass  # another process made it first
        else:
            fsync_dir(folder.parent)  # the new folder's name is on disk before any file in it
        os.chmod(folder, DIR_MODE)
    return path


def real_target(path: Path) -> Path:
    """Follow symlinks so that a linked file or folder is updated, not replaced."""
    from pathlib import Path

    return Path(os.path.realpath(path))


def write_target(path: Path) -> Path:
    """Where a write to ``path`` lands: through a link the person made to a file of
    theirs, never through a dangling link or onto another account's file."""
    target = real_target(path)
    if not os.path.islink(path):
        return target
    try:
        owner = os.stat(target).st_uid
    except FileNotFoundError:
        raise DataError(
            f"{path} is a link to {target}, which does not exist; nothing was written",
            hint=f"remove the link (rm '{path}') or point it at your file",
        ) from None
    if owner != os.getuid():
        raise DataError(
            f"{path} is a link to {target}, which belongs to another account; nothing was written",
            hint=f"remove the link (rm '{path}')",
        )
    return target


def remove_file(path: Path) -> None:
    """Remove ``path`` itself (a link, not the file it points to), durably."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(path: Path, data: bytes) -> None:
    """Durably replace ``path`` with ``data`` (0600); readers see old or new, never half."""
    atomic_write_chunks(path, [data])


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """``atomic_write`` of data made piece by piece (an export of any size), so that it
    is never held whole; if making a piece fails, the file is left as it was."""
    target = write_target(path)
    ensure_private_dir(target.parent)
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have masked bits off; set exactly
        for chunk in chunks:
            _write_all(fd, chunk)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_bytes(path: Path | str, limit: int | None = None) -> bytes | None:
    """The file's bytes (at most ``limit`` of them), or None if it does not exist.

    Only a regular file is read: a FIFO, socket or device where a data file should be
    is refused at once (it is opened without blocking and checked before any read), so
    no command can hang on one."""
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        chunks = []
        left = limit
        while left is None or left > 0:
            chunk = os.read(fd, 1 << 20 if left is None else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left = None if left is None else left - len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_bytes(path: Path) -> BinaryIO | None:
    """The file opened for reading a piece at a time (refused as ``read_bytes`` refuses
    it), or None if it does not exist. The caller closes it."""
    fd = _open_regular(path)
    return None if fd is None else os.fdopen(fd, "rb")


def _open_regular(path: Path | str) -> int | None:
    """A descriptor of the regular file ``path``, or None if it does not exist."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except IsADirectoryError as exc:
        raise DataError(f"{path} is a folder, not a file") from exc
    except PermissionError as exc:
        raise DataError(f"{path} cannot be read: permission denied") from exc
    except OSError as exc:
        raise DataError(f"{path} cannot be read: {exc.strerror}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(f"{path} is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise DataError(
                f"{path} is not a regular file (it is {_kind_of(mode)}); recoverylog "
                "reads only regular files",
                hint="move it out of the way; 'recoverylog doctor --fix' can do it",
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


# The writer locks this process holds, by lock file, with how deeply each is nested. It
# belongs to the process, as the lock itself does: flock() refuses a second open file in
# the same process, so a nested use, or a second Store on the same home, must join the
# lock held rather than wait for it. Empty whenever nothing is being written.
_held: dict[Path, int] = {}


@contextlib.contextmanager
def writer_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the home's advisory writer lock; wait up to ``timeout`` seconds, then Busy."""
    key = real_target(lock_path)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    with _exclusive(lock_path, timeout):
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)


@contextlib.contextmanager
def _exclusive(lock_path: Path, timeout: float) -> Iterator[None]:
    import fcntl

    ensure_private_dir(lock_path.parent)
    fd = os.open(real_target(lock_path), os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise Busy(
                        "the journal is busy: another recoverylog command is writing to it",
                        hint="wait a moment and try again",
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
