"""Read and write TOML documents safely (tomllib and tomli_w are imported lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recoverylog.errors import DataError
from recoverylog.messages import FIX_BY_HAND_HINT, NOT_UNICODE, not_utf8
from recoverylog.store.files import FileIO


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(
            f"{path} is not valid TOML: {exc}",
            hint=FIX_BY_HAND_HINT,
        ) from exc


def load_toml(path: Path, io: FileIO) -> dict[str, Any] | None:
    """The parsed document, None if the file does not exist; damage is a DataError."""
    text = io.read_text(path)
    return None if text is None else parse_toml(text, path)


def dump_toml(doc: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(_without_none(doc))


def save_toml(path: Path, doc: dict[str, Any], io: FileIO, header: str = "") -> None:
    io.write(path, encode_text(header + dump_toml(doc)))


def update_toml(
    path: Path, io: FileIO, changes: dict[tuple[str, ...], Any], header: str = ""
) -> None:
    """Set keys (dotted, as tuples) of a TOML file, or remove those given None, keeping
    the rest of the file as it was written: comments, blank lines, order. A new file
    starts with ``header``. tomlkit is loaded here only, never at startup."""
    import tomlkit

    text = io.read_text(path)
    doc = tomlkit.parse(header if text is None else text)
    for keys, value in changes.items():
        *parents, leaf = keys
        node: Any = doc
        for part in parents:
            if part not in node:
                node[part] = tomlkit.table()
            node = node[part]
        if value is None:
            node.pop(leaf, None)
        elif node.get(leaf) != value:  # an unchanged value keeps its own spelling
            node[leaf] = value
    io.write(path, encode_text(tomlkit.dumps(doc)))


def encode_text(text: str) -> bytes:
    from recoverylog.errors import InvalidInput

    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(NOT_UNICODE) from exc


def _without_none(value: Any) -> Any:
    """TOML has no null: drop None values (they mean "not set")."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def load_plain_toml(path: Path) -> dict[str, Any] | None:
    """A file that is never encrypted (crisis.toml): None if it does not exist."""
    from recoverylog.store.atomic import read_bytes
    from recoverylog.store.crypto import is_encrypted

    data = read_bytes(path)
    if data is None:
        return None
    if is_encrypted(data):
        raise DataError(
            f"{path} is encrypted, but it is meant to stay readable without the passphrase",
            hint="remove it and set the country again: recoverylog config set country UK",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(not_utf8(path, exc.start)) from exc
    return parse_toml(text, path)


def save_plain_toml(path: Path, doc: dict[str, Any], header: str = "") -> None:
    """Write a file that stays plain even in an encrypted home (0600, atomically)."""
    from recoverylog.store.atomic import atomic_write

    atomic_write(path, encode_text(header + dump_toml(doc)))
