"""The JSON Schemas of every JSON output, shipped inside the package (data/schemas)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from recoverylog.errors import NotFound

SUFFIX = ".schema.json"


def _folder() -> Traversable:
    return files("recoverylog.data").joinpath("schemas")


def schema_names() -> list[str]:
    """Every schema's name, sorted: mostly the command whose output it describes."""
    return sorted(
        item.name.removesuffix(SUFFIX) for item in _folder().iterdir() if item.name.endswith(SUFFIX)
    )


def schema_text(name: str) -> str:
    """One schema, exactly as shipped."""
    wanted = name.strip().lower()
    names = schema_names()
    if wanted not in names:
        raise NotFound(
            f"there is no schema named '{name}'", hint=f"the schemas are: {', '.join(names)}"
        )
    return _folder().joinpath(wanted + SUFFIX).read_text(encoding="utf-8")
