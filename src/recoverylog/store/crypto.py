"""Encryption at rest with the `cryptography` package (imported only when needed).

Construction (standard parts only, nothing invented):
- A home key: scrypt(passphrase, home salt; n=2**17, r=8, p=1) -> 32 bytes, derived once
  per command. The home salt and scrypt parameters live in encryption.toml (not secret),
  so a home made with other settings (n=2**15 in earlier versions) keeps opening.
- A per-file key: HKDF-SHA256(home key, salt = a random 16-byte salt of that file).
- AES-256-GCM with a random 12-byte nonce; the header is authenticated as associated data.
File layout: MAGIC (5) | version (1) | file salt (16) | nonce (12) | ciphertext and tag.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from recoverylog.errors import CHECK_FILES_HINT, DataError, InvalidInput

MAGIC = b"RLENC"
VERSION = 1
SALT_BYTES = 16
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES
TAG_BYTES = 16
CHECK_PLAINTEXT = b"recoverylog passphrase check"
# The cost of a new key: about 128 MiB and a third of a second on a laptop, each time
# a command opens the journal. Homes keep the settings they were sealed with.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1


class WrongPassphrase(InvalidInput):
    """The passphrase does not open the check token (or a file before that check)."""


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def looks_like_check_token(token: bytes) -> bool:
    """A sealed CHECK_PLAINTEXT has exactly this shape, whatever the passphrase: one of
    another shape is damaged (it can be told apart from a wrong passphrase)."""
    return (
        len(token) == HEADER_BYTES + len(CHECK_PLAINTEXT) + TAG_BYTES
        and is_encrypted(token)
        and token[len(MAGIC)] == VERSION
    )


def _missing_library() -> InvalidInput:
    return InvalidInput(
        "encryption needs the 'cryptography' package",
        hint="install it with: pip install 'recoverylog[encryption]'",
    )


@dataclass(frozen=True)
class KdfParams:
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

    def _file_key(self, file_salt: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        hkdf = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=file_salt, info=b"recoverylog file key v1"
        )
        return hkdf.derive(self._home_key)

    def seal(self, plaintext: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        file_salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
        header = MAGIC + bytes([VERSION]) + file_salt + nonce
        return header + AESGCM(self._file_key(file_salt)).encrypt(nonce, plaintext, header)

    def open(self, data: bytes, what: str) -> bytes:
        """Decrypt; a wrong passphrase or tampering is a clear error, never garbage."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(data) < HEADER_BYTES + TAG_BYTES or not is_encrypted(data):
            raise DataError(
                f"{what} is damaged: it is not a complete encrypted file",
                hint=CHECK_FILES_HINT,
            )
        version = data[len(MAGIC)]
        if version != VERSION:
            raise DataError(
                f"{what} uses encryption format {version}; this version reads {VERSION}",
                hint="upgrade recoverylog",
            )
        header = data[:HEADER_BYTES]
        file_salt = header[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_BYTES]
        nonce = header[-NONCE_BYTES:]
        try:
            return AESGCM(self._file_key(file_salt)).decrypt(nonce, data[HEADER_BYTES:], header)
        except InvalidTag:
            if self.verified:
                raise DataError(
                    f"{what} is damaged: it does not decrypt with your passphrase, "
                    "which is the right one",
                    hint=CHECK_FILES_HINT,
                ) from None
            raise WrongPassphrase(
                f"could not decrypt {what}: wrong passphrase, or the file was changed",
                hint="check RECOVERYLOG_PASSPHRASE or the passphrase you typed",
            ) from None

    def check_token(self) -> bytes:
        return self.seal(CHECK_PLAINTEXT)

    def verify(self, token: bytes) -> None:
        """Fail early, and clearly, on a wrong passphrase (before any data is read)."""
        try:
            matches = self.open(token, "the passphrase check") == CHECK_PLAINTEXT
        except (InvalidInput, DataError):
            matches = False
        self.verified = matches
        if not matches:
            raise WrongPassphrase(
                "wrong passphrase for this journal",
                hint="check RECOVERYLOG_PASSPHRASE or the passphrase you typed",
            )
