"""Notes: an empty one is refused, the editor's words are never lost, the confirmation
line keeps a long note to its first words."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, entry_files, fails, logged_id, ok, run_without_terminal

# --- an empty note ---------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", "   ", " \n\t "])
def test_an_empty_note_option_is_refused(cli: Cli, alcohol: str, home: Path, empty: str) -> None:
    result = fails(cli, 2, "log", "craving", "5", "--note", empty)
    assert "the note is empty, so nothing was saved" in result.stderr
    assert entry_files(home) == {}


def test_an_empty_note_from_standard_input_is_refused(cli: Cli, alcohol: str, home: Path) -> None:
    result = fails(cli, 2, "log", "craving", "5", "--note", "-", input="  \n\n")
    assert "the note is empty" in result.stderr
    fails(cli, 2, "log", "note", "-", input="")
    fails(cli, 2, "log", "note", "  ")
    assert entry_files(home) == {}


def test_an_empty_note_is_refused_wherever_a_note_is_added(cli: Cli, alcohol: str) -> None:
    fails(cli, 2, "log", "lapse", "--note", " ")
    fails(cli, 2, "people", "add", "Sam", "--note", "")
    assert ok(cli, "people", "list", "--format", "json").stdout.strip() == "[]"


def test_an_empty_note_still_clears_one_when_editing(cli: Cli, alcohol: str) -> None:
    short = logged_id(ok(cli, "log", "craving", "5", "--note", "was here"))
    ok(cli, "edit", short, "--note", "")
    assert as_json(ok(cli, "show", short, "--format", "json"))["note"] is None
    fails(cli, 2, "edit", short, "--note", "-", input="")  # empty input is a slip, not a wish


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))


def test_an_editor_left_empty_saves_nothing_and_says_so(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, 'printf "  \\n" > "$1"')
    for args in (("log", "note"), ("log", "craving", "5", "--edit")):
        result = ok(cli, *args)
        assert "The note was empty, so nothing was saved." in result.stderr
    assert entry_files(home) == {}


# --- no editor, no terminal ------------------------------------------------------


def test_without_an_editor_or_a_terminal_edit_says_what_to_do(
    alcohol: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = run_without_terminal("log", "craving", "5", "--edit")
    assert result.returncode == 2, result.stderr
    assert "no editor: set $EDITOR, or use --note -" in result.stderr
    assert entry_files(home) == {}
    result = run_without_terminal("log", "note")
    assert result.returncode == 2
    assert "recoverylog log note -" in result.stderr


# --- the confirmation line -------------------------------------------------------

LONG = "Today I told my sister the whole story and she listened without judging"


def test_the_confirmation_shows_only_the_first_words_of_a_long_note(cli: Cli, alcohol: str) -> None:
    result = ok(cli, "log", "craving", "5", "--note", LONG)
    assert "Today I told my sister the…" in result.stdout
    assert "judging" not in result.stdout
    result = ok(cli, "log", "note", LONG)
    assert result.stdout.rstrip().endswith("Today I told my sister the…")
    shown = as_json(ok(cli, "show", logged_id(result), "--format", "json"))
    assert shown["note"] == LONG  # only the line is short: the note is kept whole


def test_a_short_note_is_confirmed_as_written(cli: Cli, alcohol: str) -> None:
    result = ok(cli, "log", "craving", "5", "--note", "rode it out")
    assert "“rode it out”" in result.stdout
