"""An encrypted home's key, kept for a while after `recoverylog unlock`.

While it is kept, commands open the home without asking for the passphrase and without
paying for scrypt again. It is kept where only this user can read it and where a
restart clears it, never in the home and never on a persistent disk:

- the kernel's user keyring, where the system allows it (containers often do not): the
  kernel itself forgets the key when its time is up;
- else a 0600 file in a private (0700) folder of the runtime folder ($XDG_RUNTIME_DIR),
  or of /dev/shm when that is a RAM-backed filesystem (tmpfs).

What is kept is the home key (scrypt's output), never the passphrase: whoever can read
it opens this home's files until the passphrase changes, and nothing else (not another
home, nor anything the same passphrase protects elsewhere). Each entry is named after
the home's salt and holds the home's folder: an entry for another folder (the home was
moved or copied) or one whose key no longer opens the home's passphrase check is
ignored and removed by the caller.
"""

from __future__ import annotations

import base64
import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Union

from recoverylog.store.atomic import atomic_write, read_bytes, remove_file
from recoverylog.store.scratch import SHARED_RAM, is_private_to_me, own_private_folder

ENTRY_VERSION = 1
NAME_PREFIX = "recoverylog-unlocked-"


# NamedTuples rather than dataclasses: this module loads with an encrypted home's
# every command, and they cost less to define.
class HomeIdentity(NamedTuple):
    """What a kept key belongs to: the home's data folder and its key's salt."""

    folder: str  # the data folder's real path
    salt: bytes

    @property
    def name(self) -> str:
        """The entry's name: the salt, which is no secret (encryption.toml shows it)."""
        return NAME_PREFIX + self.salt.hex()


class KeptKey(NamedTuple):
    """A key as it is kept: for which folder, until when (POSIX seconds), the key."""

    folder: str
    until: float
    key: bytes

    def encode(self) -> bytes:
        import json

        doc = {
            "version": ENTRY_VERSION,
            "folder": self.folder,
            "until": self.until,
            "key": base64.b64encode(self.key).decode("ascii"),
        }
        return json.dumps(doc).encode("utf-8")

    @classmethod
    def decode(cls, raw: bytes) -> KeptKey | None:
        """The entry in ``raw``; None if it is not one this version wrote."""
        import json

        try:
            doc = json.loads(raw)
            if doc["version"] != ENTRY_VERSION:
                return None
            key = base64.b64decode(doc["key"], validate=True)
            return cls(str(doc["folder"]), float(doc["until"]), key)
        except (ValueError, TypeError, KeyError):
            return None


# One place keys can be kept: put(name, payload, seconds), get(name), drop(name), and
# where it is, in words.
Shelf = Union["KernelKeyring", "FileShelf"]


class KeyCache:
    """The kept keys of this user, on the best shelf this system offers. ``clock`` is
    the command's "now" in POSIX seconds (the frozen one, when $RECOVERYLOG_NOW is set)."""

    def __init__(self, runtime: Path | None, clock: Callable[[], float]) -> None:
        self.runtime = runtime
        self.clock = clock

    def shelves(self) -> list[Shelf]:
        """Every shelf usable here, best first: the kernel keyring, then a private folder."""
        found: list[Shelf] = []
        kernel = kernel_keyring()
        if kernel is not None:
            found.append(kernel)
        folder = private_ram_folder(self.runtime)
        if folder is not None:
            found.append(FileShelf(folder))
        return found

    def keep(self, identity: HomeIdentity, key: bytes, seconds: int) -> str | None:
        """Keep ``key`` for ``seconds``; returns where, or None if this system has no
        place for it."""
        shelves = self.shelves()
        if not shelves:
            return None
        kept = KeptKey(identity.folder, self.clock() + seconds, key)
        shelves[0].put(identity.name, kept.encode(), seconds)
        return shelves[0].where

    def find(self, identity: HomeIdentity) -> bytes | None:
        """The key kept for this home, if it is still in time and for this folder; an
        entry that is not (expired, or kept for a home since moved) is removed."""
        for shelf in self.shelves():
            raw = shelf.get(identity.name)
            if raw is None:
                continue
            kept = KeptKey.decode(raw)
            if kept is not None and kept.folder == identity.folder and self.clock() < kept.until:
                return kept.key
            shelf.drop(identity.name)
        return None

    def forget(self, identity: HomeIdentity) -> bool:
        """Remove this home's kept key from every shelf; True if one was kept."""
        dropped = [shelf.drop(identity.name) for shelf in self.shelves()]
        return any(dropped)


# --- a private folder in memory -------------------------------------------------------


def private_ram_folder(runtime: Path | None) -> Path | None:
    """Our private folder in the runtime folder (if it is ours and private), else in
    /dev/shm when that is tmpfs; None if neither can hold one."""
    candidates = []
    if runtime is not None and is_private_to_me(runtime):
        candidates.append(runtime / "recoverylog")
    if _is_tmpfs(SHARED_RAM):
        candidates.append(SHARED_RAM / f"recoverylog-{os.getuid()}")
    for candidate in candidates:
        folder = own_private_folder(candidate)
        if folder is not None:
            return folder
    return None


def _is_tmpfs(folder: Path) -> bool:
    """Is ``folder`` the mount point of a tmpfs (so what it holds is gone at a restart)?"""
    try:
        mounts = (read_bytes(Path("/proc/mounts")) or b"").decode("utf-8", "replace")
    except Exception:  # no /proc (macOS) or it cannot be read: not known to be tmpfs
        return False
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[1] == str(folder) and fields[2] == "tmpfs":
            return True
    return False


class FileShelf:
    """Keys as 0600 files in a private (0700) folder in memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = f"a private file in {folder}"

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.key"

    def put(self, name: str, payload: bytes, seconds: int) -> None:
        atomic_write(self.path(name), payload)

    def get(self, name: str) -> bytes | None:
        """The entry, if it is a private regular file of ours (anything else is left)."""
        path = self.path(name)
        try:
            info = os.lstat(path)
        except OSError:
            return None
        mine = info.st_uid == os.getuid() and not info.st_mode & 0o077
        if not stat.S_ISREG(info.st_mode) or not mine:
            return None
        try:
            return read_bytes(path)
        except Exception:  # gone or changed since: as good as not kept
            return None

    def drop(self, name: str) -> bool:
        path = self.path(name)
        if not path.exists() and not path.is_symlink():
            return False
        with contextlib.suppress(OSError):
            remove_file(path)
        return True


# --- the kernel keyring ---------------------------------------------------------------

# keyctl(2) and add_key(2) have no Python API: they are called through libc's syscall().
_SYSCALLS = {"x86_64": (248, 250), "aarch64": (217, 219)}  # add_key, keyctl
KEY_SPEC_USER_KEYRING = -4
KEYCTL_GET_KEYRING_ID, KEYCTL_SETPERM, KEYCTL_SEARCH, KEYCTL_READ = 0, 5, 10, 11
KEYCTL_SET_TIMEOUT, KEYCTL_INVALIDATE = 15, 21
# Possessor: everything. The same user: view, read, write, search, set attributes (a
# recoverylog started from another login of the same user finds it). Nobody else.
KEY_PERMISSIONS = 0x3F000000 | 0x002F0000


def kernel_keyring() -> KernelKeyring | None:
    """The kernel's user keyring, if this system lets us use it."""
    numbers = _SYSCALLS.get(os.uname().machine)
    if numbers is None or os.uname().sysname != "Linux":
        return None
    keyring = KernelKeyring(*numbers)
    return keyring if keyring.usable() else None


class KernelKeyring:
    """Keys in the kernel's user keyring, each with a timeout the kernel enforces."""

    where = "the kernel keyring"

    def __init__(self, add_key_number: int, keyctl_number: int) -> None:
        import ctypes

        self._ctypes = ctypes
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._libc.syscall.restype = ctypes.c_long
        self._add_key, self._keyctl = add_key_number, keyctl_number

    def _call(self, *args: object) -> int:
        c = self._ctypes
        converted = [c.c_long(a) if isinstance(a, int) else a for a in args]
        result = int(self._libc.syscall(*converted))
        if result < 0:
            number = c.get_errno()
            raise OSError(number, os.strerror(number))
        return result

    def usable(self) -> bool:
        """Can this process reach its user keyring (a seccomp filter may forbid it)?"""
        try:
            self._call(self._keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0)
        except OSError:
            return False
        return True

    def _find(self, name: str) -> int | None:
        try:
            return self._call(
                self._keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, b"user", name.encode(), 0
            )
        except OSError:
            return None

    def put(self, name: str, payload: bytes, seconds: int) -> None:
        key = self._call(
            self._add_key, b"user", name.encode(), payload, len(payload), KEY_SPEC_USER_KEYRING
        )
        self._call(self._keyctl, KEYCTL_SETPERM, key, KEY_PERMISSIONS)
        self._call(self._keyctl, KEYCTL_SET_TIMEOUT, key, max(1, seconds))

    def get(self, name: str) -> bytes | None:
        key = self._find(name)
        if key is None:
            return None
        buffer = self._ctypes.create_string_buffer(4096)
        try:
            size = self._call(self._keyctl, KEYCTL_READ, key, buffer, len(buffer))
        except OSError:
            return None
        return buffer.raw[: min(size, len(buffer))]

    def drop(self, name: str) -> bool:
        key = self._find(name)
        if key is None:
            return False
        with contextlib.suppress(OSError):
            self._call(self._keyctl, KEYCTL_INVALIDATE, key)
        return True
