"""Read and write TOML documents safely (tomllib and tomli_w are imported lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recoverylog.errors import DataError
from recoverylog.store.atomic import atomic_write, read_text


def load_toml(path: Path) -> dict[str, Any] | None:
    """The parsed document, None if the file does not exist; damage is a DataError."""
    text = read_text(path)
    if text is None:
        return None
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(
            f"{path} is not valid TOML: {exc}",
            hint="fix the file by hand, or run 'recoverylog doctor'; nothing was changed",
        ) from exc


def dump_toml(doc: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(_without_none(doc))


def save_toml(path: Path, doc: dict[str, Any], header: str = "") -> None:
    atomic_write(path, (header + dump_toml(doc)).encode("utf-8"))


def _without_none(value: Any) -> Any:
    """TOML has no null: drop None values (they mean "not set")."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value
