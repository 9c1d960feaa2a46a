"""The arrows between the layers (docs/architecture.md, "The rules between them"):
every import of a recoverylog module, at the top of a file or inside a function, goes
the way the table allows, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import recoverylog

SRC = Path(recoverylog.__file__).parent

# Layer -> the layers it may import. Every layer may use its own modules, `errors`,
# `messages` (the words said in more than one place) and the package itself.
ANYONE = {"errors", "messages", "__init__", "__version__"}
ALLOWED: dict[str, set[str]] = {
    "cli": {
        "services",
        "render",
        "reports",
        "domain",
        "config",
        "paths",
        "environment",
        "variables",
        "folders",
    },
    "services": {
        "domain",
        "store",
        "reports",
        "config",
        "paths",
        "environment",
        "variables",
        "folders",
    },
    "reports": {"domain"},
    "render": {"domain"},
    "store": {"domain", "paths"},
    "config": {"store", "domain", "paths"},
    "domain": set(),
    "paths": {"folders"},
    "environment": {"variables"},
    # Names only, loading nothing: the prompt's quick start uses them (cli/quick.py).
    "folders": set(),
    "variables": set(),
    "data": set(),
    "__main__": {"cli"},
}
# The few crossings allowed to named modules only, each with its reason.
ONLY: dict[tuple[str, str], set[str]] = {
    ("reports", "render"): {"recoverylog.render.width"},  # text width, nothing else
    # The CLI names the passphrase variables, hands the editor its scratch file and
    # reads back what the editor left there.
    ("cli", "store"): {
        "recoverylog.store.files",
        "recoverylog.store.scratch",
        "recoverylog.store.atomic.read_bytes",
    },
    # The insights JSON carries the sentences insights writes, which live with the views.
    ("services", "render"): {"recoverylog.render.observations"},
}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{a.name}" for a in node.names]
    return [m for m in found if m.startswith("recoverylog.")]


def _allowed(here: str, there: str, target: str) -> bool:
    if (here, there) in ONLY:
        return any(target == m or target.startswith(m + ".") for m in ONLY[here, there])
    return there in ANYONE or there == here or there in ALLOWED.get(here, set())


def crossings(src: Path = SRC) -> list[str]:
    wrong = set()
    for path in sorted(src.rglob("*.py")):
        here = _layer("recoverylog." + ".".join(path.relative_to(src).with_suffix("").parts))
        for target in _imports(path):
            if not _allowed(here, _layer(target), target):
                wrong.add(f"{path.relative_to(src)} imports {target}")
    return sorted(wrong)


def test_every_import_goes_the_way_the_arrows_allow() -> None:
    assert crossings() == []


def test_the_check_sees_an_import_against_the_arrows(tmp_path: Path) -> None:
    """The control: a domain module that imports the store is caught."""
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "bad.py").write_text("from recoverylog.store.files import FileIO\n")
    assert crossings(tmp_path) == ["domain/bad.py imports recoverylog.store.files.FileIO"]
