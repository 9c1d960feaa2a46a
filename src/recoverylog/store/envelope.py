"""A report sealed for one reader: with the age format for an age public key (through
pyrage, or the age program when it is installed), or with GPG for any other recipient
(a key id, a fingerprint or an address in the person's GPG keyring). Opened again with
the reader's own key. No network: the programs run locally, without a shell."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from recoverylog.errors import DataError, InvalidInput

AGE_HEADER = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
GPG_ARMOR = b"-----BEGIN PGP MESSAGE-----"
SECONDS = 120  # gpg may wait for its agent to ask the reader's passphrase
NO_AGE = "install pyrage (pip install pyrage) or the age program"


def is_age_recipient(recipient: str) -> bool:
    return recipient.startswith("age1")


def seal(data: bytes, recipient: str) -> bytes:
    """``data`` encrypted so that only ``recipient`` can read it."""
    if is_age_recipient(recipient):
        return _age_seal(data, recipient)
    return _gpg(["--encrypt", "--recipient", recipient], data, f"encrypt for {recipient}")


def is_sealed(data: bytes) -> bool:
    return data.startswith((AGE_HEADER, AGE_ARMOR, GPG_ARMOR)) or _gpg_binary(data)


def open_sealed(data: bytes, identity: Path | None) -> bytes:
    """The plain contents: an age file with the reader's identity file, a GPG one with
    the reader's keyring."""
    if data.startswith((AGE_HEADER, AGE_ARMOR)):
        if identity is None:
            raise InvalidInput(
                "this report is encrypted with age: give your key file",
                hint="recoverylog report view FILE --identity ~/.config/age/keys.txt",
            )
        return _age_open(data, identity)
    return _gpg(["--decrypt"], data, "open it")


def _gpg_binary(data: bytes) -> bool:
    # An OpenPGP message starts with a packet tag: bit 7 set (0x84/0x85 session key
    # packets in old format, 0xC1 in the new one).
    return bool(data) and data[0] in (0x84, 0x85, 0x8C, 0xC1, 0xC3)


def _age_seal(data: bytes, recipient: str) -> bytes:
    try:
        import pyrage
        from pyrage import x25519
    except ImportError:
        return _program(["age", "--encrypt", "--recipient", recipient], data, "age")
    try:
        key = x25519.Recipient.from_str(recipient)
    except Exception as exc:  # pyrage raises its own error types
        raise InvalidInput(f"{recipient} is not an age public key ({exc})") from exc
    return bytes(pyrage.encrypt(data, [key]))


def _age_open(data: bytes, identity: Path) -> bytes:
    try:
        import pyrage
        from pyrage import x25519
    except ImportError:
        return _program(["age", "--decrypt", "--identity", str(identity)], data, "age")
    try:
        lines = identity.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InvalidInput(f"cannot read the key file {identity}: {exc.strerror}") from exc
    keys = [x25519.Identity.from_str(k.strip()) for k in lines if k.startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise InvalidInput(f"{identity} holds no age secret key (AGE-SECRET-KEY-…)")
    try:
        return bytes(pyrage.decrypt(data, keys))
    except Exception as exc:  # the wrong key, or damage
        raise DataError(f"the report does not open with the key in {identity} ({exc})") from exc


# Keys come from the person's keyring only: gpg is told never to look one up elsewhere
# (its default also asks web key directories, over the network).
_GPG = ["gpg", "--batch", "--quiet", "--auto-key-locate", "clear,local", "--no-auto-key-retrieve"]


def _gpg(arguments: list[str], data: bytes, doing: str) -> bytes:
    return _program([*_GPG, "--output", "-", *arguments], data, "gpg", doing)


def _program(command: list[str], data: bytes, name: str, doing: str = "") -> bytes:
    if shutil.which(command[0]) is None:
        hint = NO_AGE if name == "age" else "install GnuPG, or use an age key (age1…)"
        raise InvalidInput(f"{name} is not installed here", hint=hint)
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise DataError(f"{name} did not finish within {SECONDS} seconds") from exc
    if done.returncode != 0:
        said = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise InvalidInput(f"{name} could not {doing or 'do it'}: {said}")
    return done.stdout
