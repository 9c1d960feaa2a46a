"""Encryption at rest with the `cryptography` package (imported only when needed).

Construction (standard parts only, nothing invented):
- A home key: scrypt(passphrase, home salt; n=2**17, r=8, p=1) -> 32 bytes, derived once
  per command. The home salt and scrypt parameters live in encryption.toml (not secret),
  so a home made with other settings (n=2**15 in earlier versions) keeps opening.
- A per-file key: HKDF-SHA256(home key, salt = a random 16-byte salt of that file).
- AES-256-GCM with a random 12-byte nonce; the header is authenticated as associated data.
- The header names the file's place (what it is, and its path inside the home or inside
  its backup folder), so a file copied over another is refused instead of read as that one.
File layout: MAGIC (5) | version (1) | file salt (16) | nonce (12) | place length (2,
big-endian) | place (UTF-8) | ciphertext and tag. Version 1 files, from earlier versions,
have no place in their header; they are still read, and sealed again when written.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from recoverylog.errors import DataError, InvalidInput
from recoverylog.messages import CHECK_FILES_HINT, CHECK_PASSPHRASE, UPGRADE

MAGIC = b"RLENC"
VERSION = 2
UNBOUND_VERSION = 1  # sealed without a place, by earlier versions
SALT_BYTES = 16
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES  # before the place
PLACE_LENGTH_BYTES = 2
TAG_BYTES = 16
CHECK_PLAINTEXT = b"recoverylog passphrase check"
# The cost of a new key: about 128 MiB and a third of a second on a laptop, each time
# a command opens the journal. Homes keep the settings they were sealed with.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1

# What a sealed file is: one of the journal's own files, a backup's copy, a file set
# aside by doctor, or the passphrase check or a key kept in encryption.toml.
HOME, BACKUP, QUARANTINE, CHECK, KEY = "home", "backup", "quarantine", "check", "key"


class Place(NamedTuple):
    """Where a sealed file belongs. ``path`` is POSIX and relative: to the home, or to
    its backup folder for a backup's copy; e.g. Place("home", "entries/2026-10.json")."""

    kind: str
    path: str

    def encode(self) -> bytes:
        return f"{self.kind}:{self.path}".encode("utf-8", "surrogateescape")

    @classmethod
    def decode(cls, raw: bytes) -> Place:
        kind, _, path = raw.decode("utf-8", "surrogateescape").partition(":")
        return cls(kind, path)

    def describe(self) -> str:
        if self.kind == HOME:
            return f"the journal's {self.path}"
        if self.kind == BACKUP:
            return f"a backup's copy of {self.path}"
        if self.kind == QUARANTINE:
            return "a file set aside in quarantine/"
        if self.kind == KEY:
            return "a key kept in encryption.toml"
        return "the passphrase check of encryption.toml"


CHECK_PLACE = Place(CHECK, "encryption.toml")
KEY_PLACE = Place(KEY, "encryption.toml")


class WrongPassphrase(InvalidInput):
    """The passphrase does not open the check token (or a file before that check)."""


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def sealed_version(data: bytes) -> int | None:
    """The format of a sealed file (None for a plain one): UNBOUND_VERSION or VERSION."""
    return data[len(MAGIC)] if is_encrypted(data) and len(data) > len(MAGIC) else None


def looks_like_check_token(token: bytes) -> bool:
    """A sealed CHECK_PLAINTEXT has exactly this shape, whatever the passphrase: one of
    another shape is damaged (it can be told apart from a wrong passphrase)."""
    try:
        sealed = _take_apart(token, "the passphrase check")
    except DataError:
        return False
    return (
        sealed.place in (None, CHECK_PLACE) and len(sealed.body) == len(CHECK_PLAINTEXT) + TAG_BYTES
    )


class _Sealed(NamedTuple):
    """A sealed file taken apart; ``header`` is authenticated along with the body."""

    header: bytes
    file_salt: bytes
    nonce: bytes
    place: Place | None  # None: sealed the old way, bound to no place
    body: bytes


def _take_apart(data: bytes, what: str) -> _Sealed:
    damaged = DataError(
        f"{what} is damaged: it is not a complete encrypted file", hint=CHECK_FILES_HINT
    )
    if len(data) < HEADER_BYTES + TAG_BYTES or not is_encrypted(data):
        raise damaged
    version = data[len(MAGIC)]
    if version not in (UNBOUND_VERSION, VERSION):
        raise DataError(
            f"{what} uses encryption format {version}; this version reads up to {VERSION}",
            hint=UPGRADE,
        )
    file_salt = data[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_BYTES]
    nonce = data[HEADER_BYTES - NONCE_BYTES : HEADER_BYTES]
    if version == UNBOUND_VERSION:
        return _Sealed(data[:HEADER_BYTES], file_salt, nonce, None, data[HEADER_BYTES:])
    start = HEADER_BYTES + PLACE_LENGTH_BYTES
    end = start + int.from_bytes(data[HEADER_BYTES:start], "big")
    if len(data) < end + TAG_BYTES:
        raise damaged
    place = Place.decode(data[start:end])
    return _Sealed(data[:end], file_salt, nonce, place, data[end:])


def _missing_library() -> InvalidInput:
    return InvalidInput(
        "encryption needs the 'cryptography' package",
        hint="install it with: pip install 'recoverylog[encryption]'",
    )


class KdfParams(NamedTuple):
    salt: bytes
    n: int
    r: int
    p: int

    @classmethod
    def new(cls) -> KdfParams:
        """A fresh salt, at today's cost (read at call time, so tests can lower it)."""
        return cls(os.urandom(SALT_BYTES), SCRYPT_N, SCRYPT_R, SCRYPT_P)


class Vault:
    """Seals and opens file contents with a key derived from the passphrase."""

    def __init__(self, passphrase: str, params: KdfParams) -> None:
        if not passphrase:
            raise InvalidInput("the passphrase is empty")
        try:
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
        except ImportError as exc:
            raise _missing_library() from exc
        kdf = Scrypt(salt=params.salt, length=32, n=params.n, r=params.r, p=params.p)
        self._home_key = kdf.derive(passphrase.encode("utf-8"))
        self.params = params
        # Once the passphrase has opened the home's check token, a file that does not
        # open is damaged, not a sign of a wrong passphrase.
        self.verified = False
        # While a passphrase change is under way, files sealed with the other key open too.
        self._other_keys: list[bytes] = []

    @classmethod
    def _from_key(cls, home_key: bytes, params: KdfParams) -> Vault:
        vault = cls.__new__(cls)
        vault._home_key, vault.params, vault.verified = home_key, params, True
        vault._other_keys = []
        return vault

    @classmethod
    def with_key(cls, home_key: bytes, params: KdfParams) -> Vault:
        """A vault for a key derived earlier (kept by `unlock`): nothing is derived, so
        it must be checked with verify() before it is trusted."""
        vault = cls._from_key(home_key, params)
        vault.verified = False
        return vault

    @property
    def home_key(self) -> bytes:
        """The key itself, for `unlock` to keep for a while."""
        return self._home_key

    def sealed_key(self, other: Vault) -> bytes:
        """The other vault's key, sealed with this one (kept during a passphrase change)."""
        return self.seal(other._home_key, KEY_PLACE)

    def unseal_key(self, sealed: bytes, params: KdfParams) -> Vault:
        """The vault whose key ``sealed_key`` sealed with this one."""
        return Vault._from_key(self.open(sealed, "a key in encryption.toml", KEY_PLACE), params)

    def also_opens_with(self, other: Vault) -> None:
        self._other_keys.append(other._home_key)

    def _file_key(self, file_salt: bytes, home_key: bytes | None = None) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        hkdf = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=file_salt, info=b"recoverylog file key v1"
        )
        return hkdf.derive(home_key or self._home_key)

    def seal(self, plaintext: bytes, place: Place) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        file_salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
        named = place.encode()
        header = MAGIC + bytes([VERSION]) + file_salt + nonce
        header += len(named).to_bytes(PLACE_LENGTH_BYTES, "big") + named
        return header + AESGCM(self._file_key(file_salt)).encrypt(nonce, plaintext, header)

    def open(self, data: bytes, what: str, place: Place | None) -> bytes:
        """Decrypt a file that belongs at ``place`` (None: wherever it says it belongs).

        A wrong passphrase, tampering or a file from another place is a clear error,
        never garbage and never another file's contents. A file sealed the old way
        names no place, so it opens anywhere."""
        plaintext, found = self.open_anywhere(data, what)
        if place is not None and found is not None and found != place:
            raise DataError(
                f"{what} holds {found.describe()}, so it belongs elsewhere and was not read",
                hint=f"it may have been copied or renamed by hand; {CHECK_FILES_HINT}",
            )
        return plaintext

    def open_anywhere(self, data: bytes, what: str) -> tuple[bytes, Place | None]:
        """Decrypt, whatever place the file names; returns the text and that place."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        sealed = _take_apart(data, what)
        for home_key in (self._home_key, *self._other_keys):
            key = self._file_key(sealed.file_salt, home_key)
            try:
                return AESGCM(key).decrypt(sealed.nonce, sealed.body, sealed.header), sealed.place
            except InvalidTag:
                continue
        if self.verified:
            raise DataError(
                f"{what} is damaged: it does not decrypt with your passphrase, "
                "which is the right one",
                hint=CHECK_FILES_HINT,
            )
        raise WrongPassphrase(
            f"could not decrypt {what}: wrong passphrase, or the file was changed",
            hint=CHECK_PASSPHRASE,
        )

    def check_token(self) -> bytes:
        return self.seal(CHECK_PLAINTEXT, CHECK_PLACE)

    def verify(self, token: bytes) -> None:
        """Fail early, and clearly, on a wrong passphrase (before any data is read)."""
        try:
            matches = self.open(token, "the passphrase check", CHECK_PLACE) == CHECK_PLAINTEXT
        except (InvalidInput, DataError):
            matches = False
        self.verified = matches
        if not matches:
            raise WrongPassphrase(
                "wrong passphrase for this journal",
                hint=CHECK_PASSPHRASE,
            )
