"""A note written under a journal question, in an encrypted home: the editor's file is
in memory (the runtime folder), never under the home, and the answer and its question
are sealed like every other note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ANSWER = "what I would never leave in plain text"
QUESTION = "What am I keeping to myself?"


def test_a_prompted_note_in_an_encrypted_home_never_reaches_the_disk_in_plain_text(
    cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    where = tmp_path / "where.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\necho "$1" > "{where}"\necho "{ANSWER}" >> "$1"\n')
    editor.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))

    result = cli("log", "note", "--question", QUESTION)
    assert result.exit_code == 0, result.stderr

    assert where.read_text().startswith(str(runtime / "recoverylog"))
    for path in encrypted.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert ANSWER.encode() not in data and QUESTION.encode() not in data, path
    [note] = json.loads(cli("list", "--type", "note", "--format", "json").stdout)
    assert (note["note"], note["prompt"]) == (ANSWER, QUESTION)
