"""Reading and writing the home's files, encrypted at rest when the home is encrypted.

Every data file passes through here, so an encrypted home behaves exactly like a plain
one. The passphrase is asked for lazily: commands that read no data never need it.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverylog.errors import DataError, InvalidInput
from recoverylog.messages import CHECK_FILES, NO_PASSPHRASE_HINT, UPGRADE, not_utf8
from recoverylog.paths import Layout
from recoverylog.store.atomic import atomic_write, read_bytes
from recoverylog.store.crypto import (
    BACKUP,
    HOME,
    QUARANTINE,
    SALT_BYTES,
    VERSION,
    KdfParams,
    Place,
    Vault,
    WrongPassphrase,
    is_encrypted,
    looks_like_check_token,
    sealed_version,
)

if TYPE_CHECKING:
    from recoverylog.store.keycache import HomeIdentity, KeyCache

KEYRING_SERVICE = "recoverylog"
MARKER_NAME = "encryption.toml"

AskPassphrase = Callable[[str], str]


class FileIO:
    def __init__(
        self,
        layout: Layout,
        ask: AskPassphrase | None = None,
        *,
        passphrase: str | None = None,
        kept_keys: Callable[[], KeyCache] | None = None,
    ) -> None:
        """A key kept by `unlock` (in ``kept_keys()``, made only in an encrypted home) is
        used first; else a passphrase:
        ``passphrase``, the one given for scripts ($RECOVERYLOG_PASSPHRASE), then the
        keyring, then ``ask``."""
        self.layout = layout
        self._ask = ask
        self._given = passphrase
        self._key_cache = kept_keys
        self._vault: Vault | None = None
        self._vault_was_kept = False  # opened with a key kept by `unlock`

    @property
    def marker(self) -> Path:
        return self.layout.encryption_file

    def encrypted(self) -> bool:
        return self.marker.exists()

    def locked(self) -> bool:
        """Encrypted, and no passphrase given yet in this command."""
        return self._vault is None and self.encrypted()

    def vault(self) -> Vault:
        if self._vault is None:
            no_core_dumps()  # decrypted journal text must never land in a core file
            self._vault = self._kept_vault() or self.unlock(self.marker)
        return self._vault

    @property
    def _kept_keys(self) -> KeyCache | None:
        return None if self._key_cache is None else self._key_cache()

    def _identity(self, params: KdfParams) -> HomeIdentity:
        from recoverylog.store.keycache import HomeIdentity

        return HomeIdentity(str(self.layout.data_dir.resolve()), params.salt)

    def _kept_vault(self) -> Vault | None:
        """The home's vault from a key kept by `unlock`, if one is kept for this home
        and still opens its passphrase check; one that does not is removed. Not used
        while a passphrase change is under way (the vault then needs both keys)."""
        kept_keys = self._kept_keys
        if kept_keys is None or read_change(self.marker) is not None:
            return None
        params, check = read_marker(self.marker)
        identity = self._identity(params)
        key = kept_keys.find(identity)
        if key is None:
            return None
        vault = Vault.with_key(key, params)
        try:
            vault.verify(check)
        except WrongPassphrase:  # the passphrase changed since, or another home's key
            kept_keys.forget(identity)
            return None
        self._vault_was_kept = True
        return vault

    def passphrase_vault(self) -> Vault:
        """The home's vault, opened with the passphrase in this command, never with a
        kept key (the passphrase is asked for now if the vault came from one)."""
        if self._vault is None or self._vault_was_kept:
            no_core_dumps()
            self._vault, self._vault_was_kept = None, False
            self._vault = self.unlock(self.marker)
        return self._vault

    def keep_key(self, seconds: int) -> str | None:
        """Keep the home's key for ``seconds``, opened with the passphrase first; where
        it is kept, or None if this system has no place that a restart clears."""
        vault = self.passphrase_vault()
        kept_keys = self._kept_keys
        if kept_keys is None:
            return None
        return kept_keys.keep(self._identity(vault.params), vault.home_key, seconds)

    def forget_key(self) -> bool:
        """Forget the key kept for this home, if there is one; True if there was."""
        kept_keys = self._kept_keys
        if kept_keys is None or not self.encrypted():
            return False
        params, _ = read_marker(self.marker)
        return kept_keys.forget(self._identity(params))

    def unlock(self, marker: Path) -> Vault:
        """A vault for the settings in ``marker`` (this home's, or a backup's copy), with
        the passphrase checked against its token before anything is read or written."""
        params, check = read_marker(marker)
        change = read_change(marker)
        wanted = change.params if change is not None else params
        if self._vault is not None and self._vault.params == wanted:
            vault = self._vault  # the same key: no need to ask again
        else:
            passphrase = self._passphrase("Passphrase for your recoverylog journal: ")
            vault = Vault(passphrase, params)
            if change is not None:
                vault = _either_passphrase(vault, passphrase, check, change)
        vault.verify(check)
        return vault

    def use_vault(self, vault: Vault | None) -> None:
        if vault is not None:
            no_core_dumps()
        self._vault = vault

    def _passphrase(self, prompt: str) -> str:
        if self._given:
            return self._given
        from_keyring = keyring_passphrase(self.layout)
        if from_keyring:
            return from_keyring
        if self._ask is None:
            raise InvalidInput(
                "this journal is encrypted and no passphrase was given",
                hint=NO_PASSPHRASE_HINT,
            )
        return self._ask(prompt)

    def ask_new_passphrase(self) -> str:
        return self._passphrase("New passphrase: ")

    def read_text(self, path: Path, stored: bytes | None = None) -> str | None:
        """The file's text; ``stored``: its bytes as on disk, when already read."""
        data = self.read_plain(path) if stored is None else self.opened(path, stored)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(
                not_utf8(path, exc.start),
                hint=CHECK_FILES,
            ) from exc

    def read_plain(self, path: Path) -> bytes | None:
        """The file's bytes, opened first if it is sealed; None if it does not exist."""
        data = read_bytes(path)
        return None if data is None else self.opened(path, data)

    def opened(self, path: Path, stored: bytes) -> bytes:
        """``stored``, the bytes of the file at ``path``, opened first if sealed."""
        return self.open_sealed(path, stored) if is_encrypted(stored) else stored

    def write(self, path: Path, data: bytes) -> None:
        """Durably replace the file; sealed first when the home is encrypted."""
        atomic_write(path, self.sealed(path, data))

    def sealed(self, path: Path, data: bytes) -> bytes:
        """``data`` as the file at ``path`` stores it: sealed when the home is encrypted."""
        if self._vault is not None or self.encrypted():
            return self.vault().seal(data, self.place(path))
        return data

    def open_without_asking(self) -> bool:
        """Open the home's key if it is at hand without asking anyone (kept by `unlock`,
        given for scripts, in the keyring); True when it is open or not needed."""
        if self._vault is not None or not self.encrypted():
            return True
        ask, self._ask = self._ask, None
        try:
            self.vault()
        except (InvalidInput, DataError):
            return False
        finally:
            self._ask = ask
        return True

    def place(self, path: Path) -> Place:
        return place_of(self.layout, path)

    def open_sealed(self, path: Path, data: bytes, vault: Vault | None = None) -> bytes:
        """The plain contents of the sealed file at ``path``, refused if it belongs
        elsewhere; a file set aside in quarantine/ may hold anything."""
        place = self.place(path)
        expected = None if place.kind == QUARANTINE else place
        return (vault or self.vault()).open(data, str(path), expected)

    def resealed(self, data: bytes, source: Path, target: Path) -> bytes:
        """The bytes of ``source`` made ready to be kept at ``target`` (a backup's copy,
        or a restored file): a file bound to its place is opened and sealed for the new
        one. A plain file, one sealed the old way (bound to no place) and one that does
        not open (damage, for doctor to judge) are copied as they are."""
        return self.resealed_for(data, source, self.place(target))

    def resealed_for(self, data: bytes, source: Path, place: Place) -> bytes:
        """``resealed``, for a copy kept at ``place`` (one outside the home names the
        place it will have once brought back into backups/)."""
        if sealed_version(data) != VERSION:
            return data
        try:
            plaintext = self.open_sealed(source, data)
        except DataError:
            return data
        return self.vault().seal(plaintext, place)


def _either_passphrase(current: Vault, passphrase: str, check: bytes, change: KeyChange) -> Vault:
    """During a passphrase change either passphrase opens the journal: the key it gives
    unseals the other one. The vault seals with the new key and opens with both."""
    try:
        current.verify(check)
    except WrongPassphrase:
        new = Vault(passphrase, change.params)
        new.verify(change.check)
        old = new.unseal_key(change.old_key, current.params)
    else:
        new = current.unseal_key(change.new_key, change.params)
        old = current
    new.also_opens_with(old)
    return new


def place_of(layout: Layout, path: Path) -> Place:
    """Where the file at ``path`` belongs, as its sealed contents name it: a backup's
    copy by its path inside its backup folder, the others by their path in the home."""
    roots = [
        (layout.backups_dir, BACKUP),
        (layout.quarantine_dir, QUARANTINE),
        (layout.data_dir, HOME),
        (layout.config_dir, HOME),
    ]
    for root, kind in roots:
        if path.is_relative_to(root):
            inside = path.relative_to(root)
            if kind == BACKUP:
                inside = Path(*inside.parts[1:])  # the backup folder's name may change
            return Place(kind, inside.as_posix())
    return Place(HOME, path.name)


MARKER_VERSION = 1
# scrypt settings this version accepts: new homes get n=2**17, r=8, p=1 (earlier ones
# n=2**15); far larger ones would take minutes and gigabytes, so they can only be damage.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


def read_marker(marker: Path) -> tuple[KdfParams, bytes]:
    """The key settings and the passphrase check token, both checked for damage.

    A check token of the wrong shape is damage (DataError), never a wrong passphrase:
    only a well-formed token that does not open means the passphrase is wrong."""
    return _key_settings(_marker_doc(marker), marker)


class KeyChange(NamedTuple):
    """A passphrase change under way: the new key's settings and check, and each key
    sealed with the other, so that either passphrase opens every file until it ends."""

    params: KdfParams
    check: bytes
    new_key: bytes  # sealed with the current key
    old_key: bytes  # sealed with the new key


CHANGE_TABLE = "passphrase_change"


def read_change(marker: Path) -> KeyChange | None:
    """The passphrase change recorded in ``marker``, if one is under way."""
    table = _marker_doc(marker).get(CHANGE_TABLE)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise DataError(f"{marker} is damaged: '{CHANGE_TABLE}' is not a table", hint=_MARKER_HINT)
    params, check = _key_settings(table, marker)
    with _read_in(marker):
        keys = [base64.b64decode(_text(table, k), validate=True) for k in ("new_key", "old_key")]
    return KeyChange(params, check, *keys)


@contextlib.contextmanager
def _read_in(marker: Path) -> Iterator[None]:
    """A missing or malformed key of encryption.toml is damage, named with the file."""
    import binascii

    try:
        yield
    except KeyError as exc:
        raise DataError(
            f"{marker} is damaged: '{exc.args[0]}' is missing", hint=_MARKER_HINT
        ) from exc
    except (ValueError, TypeError, binascii.Error) as exc:
        raise DataError(f"{marker} is damaged: {exc}", hint=_MARKER_HINT) from exc


def _marker_doc(marker: Path) -> dict[str, Any]:
    import tomllib

    if not marker.is_file() and not marker.is_symlink():
        raise DataError(
            f"{marker} is missing, and this journal's files are encrypted",
            hint="'recoverylog doctor' names a backup that holds a copy of it",
        )
    try:
        doc = tomllib.loads((read_bytes(marker) or b"").decode("utf-8"))
        version = doc.get("schema_version", MARKER_VERSION)
        if not isinstance(version, int) or version < 1:
            raise ValueError(f"schema_version {version!r} is not a version number")
    except DataError:
        raise
    except (OSError, ValueError) as exc:
        raise DataError(f"{marker} is damaged: {exc}", hint=_MARKER_HINT) from exc
    if version > MARKER_VERSION:
        raise DataError(
            f"{marker} was written by a newer recoverylog "
            f"(version {version}; this one reads {MARKER_VERSION})",
            hint=UPGRADE,
        )
    return doc


def _key_settings(doc: dict[str, Any], marker: Path) -> tuple[KdfParams, bytes]:
    with _read_in(marker):
        salt = bytes.fromhex(_text(doc, "salt"))
        n, r, p = (_whole(doc, key) for key in ("n", "r", "p"))
        check = base64.b64decode(_text(doc, "check"), validate=True)
    if len(salt) != SALT_BYTES:
        raise DataError(
            f"{marker} is damaged: the salt is not {SALT_BYTES} bytes", hint=_MARKER_HINT
        )
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise DataError(
            f"{marker} is damaged: n = {n}, r = {r}, p = {p} are not usable scrypt settings",
            hint=_MARKER_HINT,
        )
    if not looks_like_check_token(check):
        raise DataError(
            f"{marker} is damaged: its passphrase check is not a complete check token",
            hint=_MARKER_HINT,
        )
    return KdfParams(salt, n, r, p), check


_MARKER_HINT = "'recoverylog doctor' names a backup that holds a good copy; nothing was changed"


def _text(doc: dict[str, object], key: str) -> str:
    value = doc[key]
    if not isinstance(value, str):
        raise TypeError(f"'{key}' must be text")
    return value


def _whole(doc: dict[str, object], key: str) -> int:
    value = doc[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{key}' must be a whole number")
    return value


def no_core_dumps() -> None:
    """Switch core dumps off for this process (and its children) once keys are in use."""
    import resource

    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except (OSError, ValueError):
        pass  # a platform that does not allow it: nothing more can be done here


def is_sealed_file(path: Path) -> bool:
    """Does the file start as an encrypted file does (False if it cannot be read)?"""
    from recoverylog.store.crypto import MAGIC

    try:
        return is_encrypted(read_bytes(path, len(MAGIC)) or b"")
    except DataError:
        return False


def write_marker(marker: Path, vault: Vault, changing_from: Vault | None = None) -> None:
    atomic_write(marker, marker_text(vault, changing_from))


def marker_text(vault: Vault, changing_from: Vault | None = None) -> bytes:
    """encryption.toml for ``vault``'s key; with ``changing_from``, for a passphrase
    change under way from that vault's key (still the one named first) to this one."""
    import tomli_w

    named = changing_from or vault
    doc: dict[str, Any] = {
        "schema_version": 1,
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        **_settings_of(named),
    }
    if changing_from is not None:
        doc[CHANGE_TABLE] = {
            **_settings_of(vault),
            "new_key": _b64(changing_from.sealed_key(vault)),
            "old_key": _b64(vault.sealed_key(changing_from)),
        }
    header = "# recoverylog encryption settings: not secret, but needed to read your data.\n"
    return (header + tomli_w.dumps(doc)).encode("utf-8")


def _settings_of(vault: Vault) -> dict[str, Any]:
    return {
        "n": vault.params.n,
        "r": vault.params.r,
        "p": vault.params.p,
        "salt": vault.params.salt.hex(),
        "check": _b64(vault.check_token()),
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def keyring_passphrase(layout: Layout) -> str | None:
    """The system keyring's passphrase for this home, if the keyring package is installed."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, str(layout.data_dir))
        return found if isinstance(found, str) else None
    except Exception:  # any keyring backend failure just means "not available"
        return None
