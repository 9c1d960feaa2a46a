"""Notes: an empty one is refused, the editor's words are never lost, the confirmation
line keeps a long note to its first words."""

from __future__ import annotations

import re
import stat
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


# --- an editor that fails keeps the words as a draft -----------------------------

WORDS = "the words I wrote before the editor gave up"


def _failing_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, f'printf "{WORDS}\\n" > "$1"\nexit 1')


def test_a_failing_editor_keeps_the_text_as_a_private_draft(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_editor(tmp_path, monkeypatch)
    result = fails(cli, 2, "log", "craving", "6", "--edit")

    assert entry_files(home) == {}
    [draft] = (home / "tmp" / "drafts").iterdir()
    assert re.fullmatch(r"note-\d{8}-\d{6}\.txt", draft.name)
    assert draft.read_text(encoding="utf-8") == WORDS + "\n"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    said = " ".join(result.stderr.split())
    assert "the editor exited with status 1, so nothing was saved" in said
    assert f"your text is kept as a draft: {draft}" in said
    assert f"--note - < {draft}" in said
    assert [p.name for p in (home / "tmp").iterdir()] == ["drafts"]  # no scratch file left

    logged = ok(cli, "log", "note", "-", input=draft.read_text(encoding="utf-8"))
    assert as_json(ok(cli, "show", logged_id(logged), "--format", "json"))["note"] == WORDS


def test_a_draft_from_log_note_says_how_to_log_it(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_editor(tmp_path, monkeypatch)
    result = fails(cli, 2, "log", "note")
    [draft] = (home / "tmp" / "drafts").iterdir()
    assert f"recoverylog log note - < {draft}" in " ".join(result.stderr.split())


def test_a_failing_editor_that_wrote_nothing_keeps_no_draft(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, "exit 3")
    result = fails(cli, 2, "log", "craving", "6", "--edit")
    assert "the editor exited with status 3, so nothing was saved" in result.stderr
    assert "draft" not in result.stderr
    assert not (home / "tmp" / "drafts").exists()


def test_drafts_can_be_listed_shown_and_deleted(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "No drafts" in ok(cli, "draft", "list").stdout
    _failing_editor(tmp_path, monkeypatch)
    fails(cli, 2, "log", "note")
    [draft] = (home / "tmp" / "drafts").iterdir()
    name = draft.stem

    assert name in ok(cli, "draft", "list").stdout
    assert ok(cli, "draft", "show", name).stdout == WORDS + "\n"
    fails(cli, 3, "draft", "show", "note-19990101-000000")
    fails(cli, 3, "draft", "show", "../journal.toml")
    ok(cli, "draft", "delete", name, "--yes")
    assert not draft.exists()
