"""One door to the disk: only store/ reads, writes, moves or removes files, so the
rules there (regular files only, no link followed to nothing or to another account's
file, links acted on as links, private modes) hold for every command."""

from __future__ import annotations

import ast
from pathlib import Path

import recoverylog

PACKAGE = Path(recoverylog.__file__).parent
# Methods and functions that touch a file's contents, name or mode.
TOUCHING = {
    "read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rename", "replace",
    "mkdir", "rmdir", "chmod", "touch", "rmtree", "remove", "open", "fdopen",
}  # fmt: skip
# The places that may, and why.
ALLOWED = {
    ("services/crisis.py", "read_text"),  # the shipped crisis lines, inside the package
    ("services/schemas.py", "read_text"),  # the shipped JSON Schemas, inside the package
    ("cli/edge.py", "open"),  # /dev/null in place of a closed stdout
}


def _receiver(func: ast.Attribute) -> str:
    return ast.unparse(func.value)


def _touches(tree: ast.AST) -> set[str]:
    """Method calls that touch a file (path.unlink(), os.replace(...)); calls of the
    store's own readers (read_bytes(path), ws.store.io.read_text(path)) are the door."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id == "open":
            found.add("open")  # the builtin
        if not isinstance(node.func, ast.Attribute):
            continue
        name, receiver = node.func.attr, _receiver(node.func)
        if name not in TOUCHING or receiver.endswith((".io", ".store")):
            continue
        if name == "replace" and receiver != "os":
            continue  # str.replace and dataclasses.replace are not the disk
        found.add(name)
    return found


def test_only_the_store_touches_files() -> None:
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        for name in _touches(ast.parse(path.read_text(encoding="utf-8"))):
            if (relative, name) not in ALLOWED:
                strays.append(f"{relative}: {name}()")
    assert strays == []
