"""Note templates: text files of your own in the home's templates/ folder, each a
starting text for the editor ('log note --template NAME'). Written by hand, so read as
plain UTF-8 even in an encrypted home."""

from __future__ import annotations

from pathlib import Path

from recoverylog.errors import InvalidInput, NotFound
from recoverylog.paths import Layout
from recoverylog.store.atomic import read_bytes

ENDINGS = ("", ".md", ".txt")
MAX_TEMPLATE_BYTES = 64 * 1024  # a starting text, not a book


def template_names(layout: Layout) -> list[str]:
    """The templates there are, by the name 'log note --template' takes, sorted."""
    folder = layout.templates_dir
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = {
        _name_of(path)
        for path in folder.iterdir()
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
    }
    return sorted(found, key=str.casefold)


def _name_of(path: Path) -> str:
    return path.stem if path.suffix in ENDINGS else path.name


def read_template(layout: Layout, name: str) -> str:
    """The text of template ``name`` (NAME, NAME.md or NAME.txt in templates/)."""
    if not name.strip() or "/" in name or "\\" in name or name.startswith("."):
        raise InvalidInput(
            f"'{name}' is not a template name", hint="give a file's name, e.g. daily"
        )
    folder = layout.templates_dir
    for ending in ENDINGS:
        path = folder / f"{name}{ending}"
        if path.is_symlink() or folder.is_symlink():
            continue
        data = read_bytes(path, MAX_TEMPLATE_BYTES + 1)
        if data is not None:
            return _text(data, path)
    raise _missing(layout, name)


def _text(data: bytes, path: Path) -> str:
    if len(data) > MAX_TEMPLATE_BYTES:
        raise InvalidInput(f"the template {path.name} is too long (64 KiB at most)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"the template {path.name} is not UTF-8 text", hint="save it as UTF-8"
        ) from None


def _missing(layout: Layout, name: str) -> NotFound:
    there = template_names(layout)
    folder = layout.templates_dir
    if there:
        return NotFound(
            f"there is no template named '{name}' (templates: {', '.join(there)})",
            hint=f"templates are text files in {folder}",
        )
    return NotFound(
        f"there is no template named '{name}': there are none yet",
        hint=f"put a text file such as {name}.md in {folder}",
    )
