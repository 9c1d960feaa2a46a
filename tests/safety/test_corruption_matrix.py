"""Every kind of file, damaged every way: exit 4, the file is named, nothing is written.

The damage is done by hand to a real home, then a command that reads the file runs.
The bytes of every file in the home (and the list of files) must be the same afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers import snapshot

Damage = Callable[[bytes], bytes]


def _cut_after(marker: bytes) -> Damage:
    """Truncate in the middle of a quoted value, so the rest of the file is gone."""
    return lambda data: data[: data.index(marker) + len(marker)]


def _cut_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbage(data: bytes) -> bytes:
    """Overwrite the middle with junk (valid UTF-8, so this is a parse error)."""
    junk = b"\x00@#}{][=\x07 garbage ==\x00"
    middle = len(data) // 2
    return data[:middle] + junk + data[middle + len(junk) :]


def _replace(old: bytes, new: bytes) -> Damage:
    def damage(data: bytes) -> bytes:
        assert old in data, (old, data)
        return data.replace(old, new, 1)

    return damage


def _newer(data: bytes) -> bytes:
    return re.sub(rb"(schema_version\"?\s*[=:]\s*)\d+", rb"\g<1>99", data, count=1)


JOURNAL, ENTRIES, CONFIG = "journal.toml", "entries/2026-11.json", "config.toml"

DAMAGES: dict[str, dict[str, Damage]] = {
    JOURNAL: {
        "truncated": _cut_after(b'name = "alco'),
        "garbage": _garbage,
        "invalid-utf8": _replace(b'"alcohol"', b'"alc\xff\xfehol"'),
        "newer-version": _newer,
        "wrong-type-date": _replace(b"clean_since = 2026-10-01", b"clean_since = 42"),
        "wrong-type-lapses": _replace(b"lapses = []", b'lapses = "none"'),
    },
    ENTRIES: {
        "truncated": _cut_half,
        "garbage": _garbage,
        "invalid-utf8": _replace(b'"hello"', b'"hel\xff\xfelo"'),
        "newer-version": _newer,
        "wrong-type-tags": _replace(b'"tags": ["x"]', b'"tags": "x"'),
        "wrong-type-intensity": _replace(b'"intensity": 5', b'"intensity": "five"'),
        "wrong-type-entries": _replace(b'"entries": [', b'"entries": {"x": ['),
        "wrong-type-id": _replace(b'"id": "', b'"id": 7, "was": "'),
        "missing-type": _replace(b'"type": "craving", ', b""),
        "missing-at": _replace(b'"at": "', b'"when": "'),
        "bad-at": _replace(b'"at": "2026', b'"at": "not a time 2026'),
        "unknown-type": _replace(b'"type": "craving"', b'"type": "cravings"'),
        "entry-not-object": _replace(b'"entries": [', b'"entries": [42, '),
    },
    CONFIG: {
        "truncated": _cut_after(b'currency = "E'),
        "garbage": _garbage,
        "invalid-utf8": _replace(b'"EUR"', b'"E\xffUR"'),
        "newer-version": _newer,
        "wrong-type-currency": _replace(b'currency = "EUR"', b'currency = ["EUR"]'),
        "wrong-type-keep": lambda data: data + b'\n[backups]\nkeep = "many"\n',
    },
}

COMMANDS: dict[str, list[tuple[str, ...]]] = {
    JOURNAL: [("status",), ("clock", "list"), ("log", "craving", "4")],
    ENTRIES: [("status",), ("insights",), ("log", "craving", "4")],
    CONFIG: [("status",), ("list",), ("log", "craving", "4")],
}

CASES = [
    pytest.param(kind, damage, command, id=f"{kind}-{damage}-{'-'.join(command)}")
    for kind, damages in DAMAGES.items()
    for damage in damages
    for command in COMMANDS[kind]
]


def _build_home(cli) -> None:
    for args in (
        ("clock", "add", "alcohol", "--since", "2026-10-01"),
        ("config", "set", "currency", "EUR"),
        ("log", "craving", "5", "--note", "hello", "--tag", "x"),
        ("log", "craving", "3", "--at", "2026-10-05", "--note", "october"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(("kind", "damage", "command"), CASES)
def test_damaged_file_stops_the_command_and_changes_nothing(
    cli, home: Path, kind: str, damage: str, command: tuple[str, ...]
) -> None:
    _build_home(cli)
    path = home / kind
    original = path.read_bytes()
    damaged = DAMAGES[kind][damage](original)
    assert damaged != original
    path.write_bytes(damaged)
    before = snapshot(home)

    result = cli(*command)

    assert result.exit_code == 4, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ")
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(home) == before


@pytest.mark.parametrize("damage", sorted(DAMAGES[ENTRIES]))
def test_a_listing_leaves_out_a_damaged_month_and_changes_nothing(
    cli, home: Path, damage: str
) -> None:
    """A listing is safe without one month: the others are shown, with a warning."""
    _build_home(cli)
    path = home / ENTRIES
    path.write_bytes(DAMAGES[ENTRIES][damage](path.read_bytes()))
    before = snapshot(home)

    result = cli("list")

    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "october" in result.stdout and "hello" not in result.stdout
    [warning] = result.stderr.splitlines()
    assert warning.startswith("Warning: ") and str(path) in warning
    assert snapshot(home) == before


@pytest.mark.parametrize("kind", [JOURNAL, ENTRIES, CONFIG])
def test_the_undamaged_home_works_with_every_command(cli, home: Path, kind: str) -> None:
    """The control case: the same commands succeed when nothing is damaged."""
    _build_home(cli)
    for command in COMMANDS[kind]:
        result = cli(*command)
        assert result.exit_code == 0, (command, result.stderr)
