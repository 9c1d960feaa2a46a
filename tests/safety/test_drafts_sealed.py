"""A draft holds a private note: in an encrypted home it is sealed, so no plain text of
it stays on disk; encrypt seals a plain one, decrypt opens it, doctor knows of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from safety_helpers import PASSPHRASE

from recoverylog.store.crypto import MAGIC

WORDS = "a draft nobody else may read 77ab"


@pytest.fixture
def failing_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "editor.sh"
    script.write_text(f'#!/bin/sh\nprintf "{WORDS}" > "$1"\nexit 1\n', encoding="utf-8")
    script.chmod(0o700)
    runtime = tmp_path / "runtime"  # the scratch file's RAM folder, kept apart
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))


def _plain_copies(*roots: Path) -> list[Path]:
    return [
        p
        for root in roots
        for p in root.rglob("*")
        if p.is_file() and WORDS.encode() in p.read_bytes()
    ]


def _drafts(home: Path) -> list[Path]:
    return sorted((home / "tmp" / "drafts").glob("note-*.txt"))


def test_in_an_encrypted_home_a_draft_is_sealed(
    cli: Any, encrypted: Path, tmp_path: Path, failing_editor: None
) -> None:
    result = cli("log", "craving", "6", "--edit")
    assert result.exit_code == 2, result.stderr

    [draft] = _drafts(encrypted)
    assert draft.read_bytes().startswith(MAGIC)
    assert _plain_copies(encrypted, tmp_path / "runtime") == []
    said = " ".join(result.stderr.split())
    assert f"your text is kept as a sealed draft: {draft.stem}" in said
    assert f"recoverylog draft show {draft.stem}" in said

    shown = cli("draft", "show", draft.stem)
    assert shown.exit_code == 0 and shown.stdout == WORDS + "\n"
    assert draft.stem in cli("draft", "list").stdout
    assert cli("doctor").exit_code == 0  # a draft is no problem


def test_encrypt_seals_a_draft_and_decrypt_opens_it(
    cli: Any, home: Path, tmp_path: Path, failing_editor: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    assert cli("log", "note").exit_code == 2
    [draft] = _drafts(home)
    assert draft.read_text(encoding="utf-8") == WORDS
    doctor = cli("doctor")
    assert doctor.exit_code == 0 and "draft" in doctor.stdout  # known, and said

    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
    assert cli("encrypt").exit_code == 0
    assert draft.read_bytes().startswith(MAGIC)
    assert _plain_copies(home) == []
    assert cli("draft", "show", draft.stem).stdout == WORDS + "\n"

    assert cli("decrypt").exit_code == 0
    assert draft.read_text(encoding="utf-8") == WORDS


def test_doctor_seals_a_plain_draft_found_in_an_encrypted_home(cli: Any, encrypted: Path) -> None:
    drafts = encrypted / "tmp" / "drafts"
    drafts.mkdir(parents=True, mode=0o700)
    (encrypted / "tmp").chmod(0o700)
    draft = drafts / "note-20261101-090000.txt"
    draft.write_text(WORDS, encoding="utf-8")
    draft.chmod(0o600)

    found = cli("doctor")
    assert found.exit_code != 0 and "plain text" in found.stdout
    assert cli("doctor", "--fix").exit_code == 0
    assert draft.read_bytes().startswith(MAGIC)
    assert cli("draft", "show", draft.stem).stdout == WORDS + "\n"
