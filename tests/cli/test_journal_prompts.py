"""Journal prompts: 'log note --prompt' opens the editor under a question of the day,
'--template NAME' starts from a file of your own, and the answer keeps its question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, entry_files, fails, logged_id, ok

from recoverylog.domain import questions
from recoverylog.domain.questions import BUILT_IN

TODAY = date(2026, 11, 23)  # the frozen clock's day
TODAYS = BUILT_IN[TODAY.toordinal() % len(BUILT_IN)]
ANSWER = "A walk after work, and Sam picked up the phone."


def _editor(folder: Path, monkeypatch: pytest.MonkeyPatch, writes: str | None) -> Path:
    """$EDITOR: a script that keeps a copy of the text it was given (returned), then
    adds ``writes`` below it (None: leaves the file as it was)."""
    seen = folder / "seen.txt"
    script = folder / "editor.sh"
    add = f"printf '%s\\n' '{writes}' >> \"$1\"\n" if writes is not None else ""
    script.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\n{add}', encoding="utf-8")
    script.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return seen


def _shown(cli: Cli, result: object) -> dict[str, object]:
    shown = as_json(ok(cli, "show", logged_id(result), "--format", "json"))
    assert isinstance(shown, dict)
    return shown


# --- log note --prompt -----------------------------------------------------------------


def test_a_prompt_opens_the_editor_under_the_question_of_the_day(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _editor(tmp_path, monkeypatch, ANSWER)
    result = ok(cli, "log", "note", "--prompt", "--mood", "4")

    assert seen.read_text(encoding="utf-8") == questions.header(TODAYS)
    shown = _shown(cli, result)
    assert shown["note"] == ANSWER  # the person's own words, without the question
    assert shown["prompt"] == TODAYS
    assert shown["mood"] == 4
    plain = ok(cli, "show", logged_id(result)).stdout.splitlines()
    assert plain[-3:] == [f"  question: {TODAYS}", "  note:", f"    {ANSWER}"]


def test_an_unanswered_prompt_saves_nothing_and_says_so_kindly(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, None)
    result = ok(cli, "log", "note", "--prompt")
    assert "Nothing new was written, so nothing was saved. That is all right." in result.stderr
    _editor(tmp_path, monkeypatch, "   ")
    ok(cli, "log", "note", "--prompt")
    assert entry_files(home) == {}


def test_the_answer_is_kept_when_the_question_was_deleted_in_the_editor(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "only my words\\n" > "$1"\n', encoding="utf-8")
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    shown = _shown(cli, ok(cli, "log", "note", "--prompt"))
    assert shown["note"] == "only my words"
    assert shown["prompt"] == TODAYS


def test_the_question_never_repeats_the_one_answered_last(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, ANSWER)
    first = _shown(cli, ok(cli, "log", "note", "--prompt"))["prompt"]
    second = _shown(cli, ok(cli, "log", "note", "--prompt"))["prompt"]
    third = _shown(cli, ok(cli, "log", "note", "--prompt"))["prompt"]
    assert first == TODAYS
    assert second == BUILT_IN[0]  # the next one along
    assert third == TODAYS  # the day's own again: only the last one is passed over


def test_the_question_changes_from_day_to_day(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, ANSWER)
    asked = []
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        monkeypatch.setenv("RECOVERYLOG_NOW", f"{day}T20:00:00+00:00")
        asked.append(_shown(cli, ok(cli, "log", "note", "--prompt"))["prompt"])
    assert len(set(asked)) == 3
    assert all(question in BUILT_IN for question in asked)


def test_your_own_questions_from_config_join_the_set(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = "What am I proud of today, even a little?"
    said = ok(cli, "config", "set", "prompts.questions", f"Who did I help? | {mine}")
    assert said.stdout.strip() == f"prompts.questions = Who did I help?|{mine}"
    assert ok(cli, "config", "get", "prompts.questions").stdout == f"Who did I help?|{mine}\n"
    _editor(tmp_path, monkeypatch, ANSWER)
    # Six built-in and two of yours: the frozen day falls on the eighth.
    assert _shown(cli, ok(cli, "log", "note", "--prompt"))["prompt"] == mine


def test_a_question_of_your_own_for_one_note(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _editor(tmp_path, monkeypatch, ANSWER)
    result = ok(cli, "log", "note", "--question", "What did the meeting give me?")
    assert seen.read_text(encoding="utf-8").startswith("# What did the meeting give me?\n")
    assert _shown(cli, result)["prompt"] == "What did the meeting give me?"


def test_a_prompt_with_the_text_given_needs_no_editor(cli: Cli) -> None:
    result = ok(cli, "log", "note", ANSWER, "--prompt")
    shown = _shown(cli, result)
    assert (shown["note"], shown["prompt"]) == (ANSWER, TODAYS)
    shown = _shown(cli, ok(cli, "log", "note", "-", "--question", "Why?", input="Because.\n"))
    assert (shown["note"], shown["prompt"]) == ("Because.", "Why?")


def test_a_note_without_a_prompt_is_as_before(cli: Cli) -> None:
    shown = _shown(cli, ok(cli, "log", "note", "Just a day.", "--mood", "3"))
    assert "prompt" not in shown
    assert "prompt" not in ok(cli, "export", "--format", "json").stdout


def test_a_failing_editor_keeps_the_answer_as_a_draft(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "half an answer\\n" >> "$1"\nexit 1\n', encoding="utf-8")
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    result = fails(cli, 2, "log", "note", "--prompt")
    assert "kept as a draft" in result.stderr
    [draft] = (home / "tmp" / "drafts").iterdir()
    assert "half an answer" in draft.read_text(encoding="utf-8")
    assert entry_files(home) == {}
    # Logged as the hint says, the draft keeps its question and leaves its header out.
    hint = result.stderr.split("log it with: ", 1)[1].split()
    assert hint[:4] == ["recoverylog", "log", "note", "-"]
    logged = cli("log", "note", "-", input=draft.read_text(encoding="utf-8"))
    assert (_shown(cli, logged)["note"], _shown(cli, logged)["prompt"]) == (
        "half an answer",
        TODAYS,
    )


# --- templates -------------------------------------------------------------------------


def _template(home: Path, name: str, text: str) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_template_starts_the_editor_and_holds_the_question(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "note", "first")  # the home exists
    _template(home, "evening.md", "Evening pages\n\n{prompt}\n")
    seen = _editor(tmp_path, monkeypatch, ANSWER)
    result = ok(cli, "log", "note", "--template", "evening")
    assert seen.read_text(encoding="utf-8") == f"Evening pages\n\n{TODAYS}\n"
    shown = _shown(cli, result)
    assert shown["note"] == f"Evening pages\n\n{TODAYS}\n{ANSWER}"
    assert shown["prompt"] == TODAYS


def test_a_template_without_a_question_keeps_no_prompt(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "note", "first")
    _template(home, "gym.txt", "Workout:\n")
    _editor(tmp_path, monkeypatch, "squats")
    shown = _shown(cli, ok(cli, "log", "note", "--template", "gym.txt"))
    assert (shown["note"], "prompt" in shown) == ("Workout:\nsquats", False)
    _template(home, "plain", "{prompt.__class__} {0} {}\n")
    shown = _shown(cli, ok(cli, "log", "note", "--template", "plain"))
    assert shown["note"] == "{prompt.__class__} {0} {}\nsquats"  # nothing read as a format


def test_a_template_left_as_it_was_saves_nothing(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli, "log", "note", "first")
    before = entry_files(home)
    _template(home, "evening.md", "Evening pages\n{prompt}\n")
    _editor(tmp_path, monkeypatch, None)
    result = ok(cli, "log", "note", "--template", "evening")
    assert "nothing was saved" in result.stderr
    assert entry_files(home) == before


def test_a_missing_template_names_the_ones_there_are_and_where(cli: Cli, home: Path) -> None:
    ok(cli, "log", "note", "first")
    result = fails(cli, 3, "log", "note", "--template", "morning")
    said = " ".join(result.stderr.split())
    assert "there is no template named 'morning': there are none yet" in said
    assert str(home / "templates") in said
    _template(home, "evening.md", "x")
    _template(home, "gym.txt", "y")
    said = " ".join(fails(cli, 3, "log", "note", "--template", "morning").stderr.split())
    assert "(templates: evening, gym)" in said
    assert f"templates are text files in {home / 'templates'}" in said
    fails(cli, 2, "log", "note", "--template", "../journal.toml")


# --- the check-in can end with a question ----------------------------------------------

CHECKIN = ("checkin", "--clean", "yes", "--difficulty", "ok", "--mood", "3")


def _notes(cli: Cli) -> list[dict[str, object]]:
    listed = as_json(ok(cli, "list", "--type", "note", "--format", "json"))
    assert isinstance(listed, list)
    return listed


# The check-in asks for gratitude and about tomorrow itself: its question is another.
AFTER_CHECKIN = BUILT_IN[1:5][TODAY.toordinal() % 4]


def test_checkin_prompt_asks_one_question_and_keeps_the_answer_as_a_note(cli: Cli) -> None:
    result = ok(cli, *CHECKIN, "--prompt", input="A walk helped.\n")
    assert f"One more, if you like: {AFTER_CHECKIN}" in result.stderr
    assert "Kept your answer as a note of the day." in result.stdout
    [note] = _notes(cli)
    [checkin] = as_json(ok(cli, "list", "--type", "checkin", "--format", "json"))
    assert (note["note"], note["prompt"]) == ("A walk helped.", AFTER_CHECKIN)
    assert note["at"] == checkin["at"]


def test_checkin_prompt_for_an_earlier_day_is_a_note_of_that_day(cli: Cli) -> None:
    ok(cli, *CHECKIN, "--day", "yesterday", "--prompt", input="Rest.\n")
    [note] = _notes(cli)
    assert str(note["at"]).startswith("2026-11-22T21:00")


def test_checkin_prompt_skipped_with_enter_saves_only_the_checkin(cli: Cli) -> None:
    result = ok(cli, *CHECKIN, "--prompt", input="\n")
    assert "nothing was saved. That is all right." in result.stderr
    assert _notes(cli) == []
    assert len(as_json(ok(cli, "list", "--type", "checkin", "--format", "json"))) == 1


def test_checkin_prompt_can_open_the_editor(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _editor(tmp_path, monkeypatch, ANSWER)
    ok(cli, *CHECKIN, "--prompt", input="edit\n")
    assert seen.read_text(encoding="utf-8") == questions.header(AFTER_CHECKIN)
    [note] = _notes(cli)
    assert (note["note"], note["prompt"]) == (ANSWER, AFTER_CHECKIN)


def test_the_checkin_prompt_setting_asks_at_a_terminal_only(
    cli: Cli, cli_without_terminal: Cli
) -> None:
    result = ok(cli, *CHECKIN, input="Sleep.\n")  # off by default
    assert "One more" not in result.stderr
    assert _notes(cli) == []
    ok(cli, "config", "set", "checkin.prompt", "true")
    result = ok(cli_without_terminal, *CHECKIN)  # a script is never asked
    assert "One more" not in result.stderr
    assert _notes(cli) == []
    ok(cli, *CHECKIN, input="Sleep.\n")
    assert [n["note"] for n in _notes(cli)] == ["Sleep."]


def test_checkin_prompt_in_a_script_uses_the_editor(
    cli_without_terminal: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, ANSWER)
    ok(cli_without_terminal, *CHECKIN, "--prompt")
    [note] = _notes(cli_without_terminal)
    assert note["note"] == ANSWER


# --- the report's journal section ------------------------------------------------------


def test_a_report_that_shares_the_journal_shows_each_question(cli: Cli) -> None:
    ok(cli, "log", "note", ANSWER, "--question", "What helped today?", "--mood", "4")
    ok(cli, "log", "note", "No question here.")
    shared = ("report", "--period", "week", "--include", "journal")
    journal = as_json(ok(cli, *shared, "--format", "json"))["journal"]
    assert [j.get("prompt") for j in journal] == ["What helped today?", None]
    assert "prompt" not in journal[1]  # a note without a question reads as before
    text = ok(cli, *shared, "--format", "txt").stdout
    assert "(mood 4 of 5) · What helped today?" in text
    markdown = ok(cli, *shared, "--format", "md").stdout
    assert "(mood 4 of 5) · What helped today?**" in markdown
    assert "What helped today?" not in ok(cli, "report", "--period", "week").stdout


def test_the_kept_report_counts_keep_the_question(cli: Cli, home: Path) -> None:
    ok(cli, "log", "note", ANSWER, "--question", "Why?", "--at", "2026-10-10 12:00")
    shared = ("report", "--since", "2026-10-01", "--include", "journal", "--format", "json")
    first = as_json(ok(cli, *shared))["journal"]
    assert list((home / "cache").iterdir())  # October is closed: its counts are kept
    assert as_json(ok(cli, *shared))["journal"] == first
    assert first[0]["prompt"] == "Why?"
