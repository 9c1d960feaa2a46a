"""What recoverylog says in more than one place is written once, in messages.py: no
other module spells out one of its texts, and every one of them is in use."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import recoverylog
from recoverylog import messages
from recoverylog.variables import PASSPHRASE_ENV

PACKAGE = Path(recoverylog.__file__).parent
TABLE = {
    name: value
    for name, value in vars(messages).items()
    if name.isupper() and isinstance(value, str)
}
FUNCTIONS = [
    name
    for name, value in vars(messages).items()
    if inspect.isfunction(value) and value.__module__ == messages.__name__
]


def _fixed_words(name: str) -> list[str]:
    """The words a message function always says, around what it names."""
    function = getattr(messages, name)
    marker = "\x00"
    said = function(*[marker] * len(inspect.signature(function).parameters))
    return [part for part in said.split(marker) if len(part.strip()) >= 8]


WORDS = {
    **{name: [text] for name, text in TABLE.items()},
    **{name: _fixed_words(name) for name in FUNCTIONS},
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The docstrings: help texts and explanations, not messages."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def literals(source: str) -> list[tuple[int, str]]:
    """Every string written in ``source`` (the fixed parts of f-strings included), with
    its line; docstrings left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def _modules() -> dict[str, str]:
    return {
        path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "messages.py"
    }


def test_the_scan_finds_a_message_written_out_again() -> None:
    """Control: a literal holding a message, alone or inside a longer text, is seen."""
    source = (
        '"""Stopped. Nothing was saved. (a docstring is not a message)"""\n'
        f"a = {messages.STOPPED!r}\n"
        f'b = f"{{name}}: {messages.CHECK_FILES}; or not"\n'
    )
    holding = [line for line, text in literals(source) if messages.STOPPED in text]
    assert holding == [2]
    assert [line for line, text in literals(source) if messages.CHECK_FILES in text] == [3]


def test_every_function_of_the_table_has_words_of_its_own() -> None:
    """Control: the check below has something to look for in each message function."""
    assert FUNCTIONS
    assert all(WORDS[name] for name in FUNCTIONS)


def test_no_other_module_writes_a_message_of_the_table() -> None:
    repeated = [
        f"{module}:{line}: {name}"
        for module, source in _modules().items()
        for line, text in literals(source)
        for name, words in WORDS.items()
        if any(part in text for part in words)
    ]
    assert repeated == []


def test_every_message_of_the_table_is_used() -> None:
    used: set[str] = set()
    for source in _modules().values():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module == messages.__name__:
                used |= {alias.name for alias in node.names}
    assert sorted({*TABLE, *FUNCTIONS} - used) == []


def test_the_passphrase_hints_name_the_variable_that_is_read() -> None:
    """The table uses nothing, so it spells the variable out: the same one."""
    assert f"set {PASSPHRASE_ENV} for scripts" in messages.NO_PASSPHRASE_HINT
    assert messages.CHECK_PASSPHRASE.startswith(f"check {PASSPHRASE_ENV} ")
