"""encrypt leaves no plain journal text behind: the leftovers of an interrupted write
and of an editor session are sealed with everything else."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SECRET = b"a very private line"


def test_encrypt_seals_leftovers(cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    assert cli("log", "note", "plain", "--at", "2026-11-05 10:00").exit_code == 0
    orphan = home / "entries" / ".2026-11.json.4242.abcd1234.tmp"
    orphan.write_bytes(b'{"entries": [{"note": "' + SECRET + b'"}]}')
    (home / "tmp").mkdir(mode=0o700, exist_ok=True)
    scratch = home / "tmp" / f"note-{os.getpid()}.txt"  # as if an edit were still open
    scratch.write_bytes(SECRET)
    dead = home / "tmp" / "note-999999999.txt"  # a session whose process is gone
    dead.write_bytes(SECRET)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long enough passphrase")
    result = cli("encrypt")
    assert result.exit_code == 0, result.stderr
    leaking = [p for p in home.rglob("*") if p.is_file() and SECRET in p.read_bytes()]
    assert leaking == []
    assert orphan.read_bytes().startswith(b"RLENC") and scratch.read_bytes().startswith(b"RLENC")
    assert not dead.exists()  # removed before anything else
    assert cli("doctor", "--fix").exit_code == 0  # moved aside, sealed, as before
    assert not orphan.exists()
