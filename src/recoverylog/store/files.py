"""Reading and writing the home's files, encrypted at rest when the home is encrypted.

Every data file passes through here, so an encrypted home behaves exactly like a plain
one. The passphrase is asked for lazily: commands that read no data never need it.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path

from recoverylog.errors import DataError, InvalidInput
from recoverylog.paths import Layout
from recoverylog.store.atomic import atomic_write, read_bytes
from recoverylog.store.crypto import KdfParams, Vault, is_encrypted

PASSPHRASE_ENV = "RECOVERYLOG_PASSPHRASE"
KEYRING_SERVICE = "recoverylog"
MARKER_NAME = "encryption.toml"

AskPassphrase = Callable[[str], str]


class FileIO:
    def __init__(self, layout: Layout, ask: AskPassphrase | None = None) -> None:
        self.layout = layout
        self._ask = ask
        self._vault: Vault | None = None

    @property
    def marker(self) -> Path:
        return self.layout.data_dir / MARKER_NAME

    def encrypted(self) -> bool:
        return self.marker.exists()

    def vault(self) -> Vault:
        if self._vault is None:
            params, check = read_marker(self.marker)
            vault = Vault(self._passphrase("Passphrase for your recoverylog journal: "), params)
            vault.verify(check)
            self._vault = vault
        return self._vault

    def use_vault(self, vault: Vault | None) -> None:
        self._vault = vault

    def _passphrase(self, prompt: str) -> str:
        from_env = os.environ.get(PASSPHRASE_ENV)
        if from_env:
            return from_env
        from_keyring = keyring_passphrase(self.layout)
        if from_keyring:
            return from_keyring
        if self._ask is None:
            raise InvalidInput(
                "this journal is encrypted and no passphrase was given",
                hint=f"run it in a terminal to be asked, or set {PASSPHRASE_ENV}",
            )
        return self._ask(prompt)

    def ask_new_passphrase(self) -> str:
        return self._passphrase("New passphrase: ")

    def read_text(self, path: Path) -> str | None:
        data = read_bytes(path)
        if data is None:
            return None
        if is_encrypted(data):
            data = self.vault().open(data, str(path))
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(
                f"{path} is not valid UTF-8 text (byte {exc.start})",
                hint="run 'recoverylog doctor' to check your files",
            ) from exc

    def write(self, path: Path, data: bytes) -> None:
        """Durably replace the file; sealed first when the home is encrypted."""
        if self._vault is not None or self.encrypted():
            data = self.vault().seal(data)
        atomic_write(path, data)


def read_marker(marker: Path) -> tuple[KdfParams, bytes]:
    import tomllib

    try:
        doc = tomllib.loads(marker.read_text(encoding="utf-8"))
        params = KdfParams(bytes.fromhex(doc["salt"]), int(doc["n"]), int(doc["r"]), int(doc["p"]))
        return params, base64.b64decode(doc["check"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{marker} is damaged: {exc}") from exc


def write_marker(marker: Path, vault: Vault) -> None:
    import tomli_w

    doc = {
        "schema_version": 1,
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": vault.params.n,
        "r": vault.params.r,
        "p": vault.params.p,
        "salt": vault.params.salt.hex(),
        "check": base64.b64encode(vault.check_token()).decode("ascii"),
    }
    header = "# recoverylog encryption settings: not secret, but needed to read your data.\n"
    atomic_write(marker, (header + tomli_w.dumps(doc)).encode("utf-8"))


def keyring_passphrase(layout: Layout) -> str | None:
    """The system keyring's passphrase for this home, if the keyring package is installed."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(layout.data_dir))
    except Exception:  # any keyring backend failure just means "not available"
        return None
