"""`recoverylog checkin`: by options, by questions (scripted input), and Ctrl-C.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from support_helpers import ok


def checkins(cli: Any) -> list[dict[str, Any]]:
    out = ok(cli, "list", "--type", "checkin", "--format", "json").stdout
    return json.loads(out)


@pytest.fixture
def alcohol(cli: Any) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")


def test_checkin_by_options_then_again_edits_the_same_day(cli: Any, alcohol: None) -> None:
    first = ok(
        cli,
        "checkin",
        "--clean", "yes",
        "--difficulty", "questionable",
        "--mood", "3",
        "--halt", "tired,lonely",
        "-g", "my sister called",
        "-g", "sunshine",
        "--resentful",
        "--not-afraid",
        "--tomorrow", "eat lunch",
    )  # fmt: skip
    assert "Saved your check-in for today." in first.stdout
    (entry,) = checkins(cli)
    assert entry["clock"] == "alcohol"
    assert entry["clean"] is True and entry["lapsed"] == []
    assert (entry["difficulty"], entry["mood"], entry["halt"]) == (
        "questionable",
        3,
        ["lonely", "tired"],
    )
    assert entry["gratitude"] == ["my sister called", "sunshine"]
    assert (entry["resentful"], entry["dishonest"], entry["afraid"]) == (True, None, False)
    assert entry["tomorrow"] == "eat lunch"
    again = ok(cli, "checkin", "--mood", "4", "--difficulty", "very hard")
    assert f"{entry['id'][:8]}  Updated your check-in for today." in again.stdout
    assert "Hard days count too." in again.stdout
    (edited,) = checkins(cli)
    assert edited["id"] == entry["id"]
    assert (edited["mood"], edited["difficulty"]) == (4, "very hard")
    assert edited["gratitude"] == ["my sister called", "sunshine"]  # kept
    assert edited["updated"] == "2026-11-23T20:00:00+00:00"
    listed = ok(cli, "list", "--type", "checkin").stdout
    assert "clean · very hard · mood 4/5" in listed


def test_checkin_questions_in_a_terminal(cli: Any, alcohol: None) -> None:
    answers = "\n".join(
        [
            "yes",  # clean today
            "hard",
            "2",  # mood
            "tired lonely",
            "my dog",
            "the sun",
            "",  # no third gratitude
            "y",  # resentful
            "n",  # dishonest
            "",  # afraid: the default, no
            "phone Sam earlier",
        ]
    )
    result = ok(cli, "checkin", input=answers + "\n")
    assert "Saved your check-in for today." in result.stdout
    assert "Clean today from alcohol? (yes / lapse) [yes]" in result.stderr
    assert "Was I resentful today?" in result.stderr
    (entry,) = checkins(cli)
    assert entry["clean"] is True
    assert (entry["difficulty"], entry["mood"], entry["halt"]) == ("hard", 2, ["lonely", "tired"])
    assert entry["gratitude"] == ["my dog", "the sun"]
    assert (entry["resentful"], entry["dishonest"], entry["afraid"]) == (True, False, False)
    assert entry["tomorrow"] == "phone Sam earlier"


def test_asking_again_offers_the_earlier_answers(cli: Any, alcohol: None) -> None:
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "hard", "--mood", "2", "-g", "my dog")
    # Enter keeps each earlier answer; the gratitude is kept (Y), nothing added.
    result = ok(cli, "checkin", input="\n" * 12)
    assert "How was today: easy, ok, questionable, hard or very hard? [hard]" in result.stderr
    assert "Grateful for: my dog. Keep these?" in result.stderr
    assert "Updated your check-in for today." in result.stdout
    (entry,) = checkins(cli)
    assert (entry["difficulty"], entry["mood"], entry["gratitude"]) == ("hard", 2, ["my dog"])


def test_a_wrong_answer_is_asked_again(cli: Any, alcohol: None) -> None:
    answers = ["maybe", "yes", "awful", "ok", "9", "4", "", "", "", "", "", ""]
    result = ok(cli, "checkin", input="\n".join(answers) + "\n")
    assert "'maybe' is not an answer to 'clean today?'" in result.stderr
    assert "'awful' is not how hard the day was" in result.stderr
    assert "mood must be from 1 to 5, not 9" in result.stderr
    (entry,) = checkins(cli)
    assert (entry["difficulty"], entry["mood"]) == ("ok", 4)


def test_ctrl_c_or_end_of_input_saves_nothing(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cut_short = cli("checkin", input="yes\nhard\n")
    assert cut_short.exit_code == 130
    assert "Stopped. Nothing was saved." in cut_short.stderr
    assert checkins(cli) == []

    asked = []

    def ctrl_c(question: str, **_: Any) -> str:
        asked.append(question)
        if len(asked) == 3:
            raise KeyboardInterrupt
        return "yes" if len(asked) == 1 else "ok"

    monkeypatch.setattr(typer, "prompt", ctrl_c)
    interrupted = cli("checkin")
    assert interrupted.exit_code == 130
    assert "Nothing was saved" in interrupted.stderr
    assert len(asked) == 3
    assert checkins(cli) == []


def test_without_a_terminal_options_are_needed(
    cli: Any, cli_without_terminal: Any, alcohol: None
) -> None:
    result = cli_without_terminal("checkin")
    assert result.exit_code == 2
    assert "no terminal to ask the check-in questions on" in result.stderr
    assert "--clean yes --difficulty ok --mood 3" in result.stderr
    ok(cli_without_terminal, "checkin", "--clean", "yes")  # options work without a terminal
    assert checkins(cli)[0]["clean"] is True


def test_clean_per_clock_and_a_gentle_note_about_the_clock(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    result = ok(cli, "checkin", "--clean", "alcohol=lapse", "--clean", "nicotine=yes")
    assert "Thank you for being honest" in result.stdout
    assert "Your alcohol clock does not show a lapse on Mon 23 Nov 2026" in result.stderr
    assert "recoverylog log lapse alcohol --at 2026-11-23" in result.stderr
    (entry,) = checkins(cli)
    assert entry["clock"] is None  # about the day, with every clock
    assert (entry["clean"], entry["lapsed"]) == (False, ["alcohol"])
    # Once the lapse is recorded, the note is not repeated.
    ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-23 13:00")
    again = ok(cli, "checkin", "--clean", "alcohol=lapse", "--clean", "nicotine=yes")
    assert "does not show a lapse" not in again.stderr
    unknown = cli("checkin", "--clean", "coffee=yes")
    assert unknown.exit_code == 2 and "no clock named 'coffee'" in unknown.stderr


def test_one_checkin_per_day_and_clock(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    ok(cli, "checkin", "--clock", "alcohol", "--clean", "yes")
    ok(cli, "checkin", "--clock", "nicotine", "--clean", "lapse")
    ok(cli, "checkin", "--clock", "alcohol", "--mood", "4")
    found = {e["clock"]: e for e in checkins(cli)}
    assert set(found) == {"alcohol", "nicotine"}
    assert (found["alcohol"]["clean"], found["alcohol"]["mood"]) == (True, 4)
    assert (found["nicotine"]["clean"], found["nicotine"]["lapsed"]) == (False, ["nicotine"])


def test_morning_intention_then_evening_review_share_the_day(cli: Any, alcohol: None) -> None:
    morning = ok(cli, "checkin", "--morning", "--intention", "call Sam before lunch")
    assert "Saved your intention for today." in morning.stdout
    assert "Today: call Sam before lunch" in morning.stdout
    asked = ok(cli, "checkin", "--morning", input="\n")  # Enter keeps it
    assert "Your intention for today, in one line [call Sam before lunch]" in asked.stderr
    ok(cli, "checkin", "--clean", "yes", "--mood", "4")
    (entry,) = checkins(cli)
    assert (entry["intention"], entry["clean"], entry["mood"]) == ("call Sam before lunch", True, 4)
    mixed = cli("checkin", "--morning", "--mood", "3")
    assert mixed.exit_code == 2 and "--morning takes only --intention" in mixed.stderr


def test_checkin_for_yesterday_and_not_for_tomorrow(cli: Any, alcohol: None) -> None:
    result = ok(cli, "checkin", "--day", "yesterday", "--clean", "yes")
    assert "Saved your check-in for Sun 22 Nov 2026." in result.stdout
    (entry,) = checkins(cli)
    assert entry["at"] == "2026-11-22T21:00:00+00:00"
    ok(cli, "checkin", "--clean", "yes")  # today's is a different check-in
    assert len(checkins(cli)) == 2
    future = cli("checkin", "--day", "2026-11-24", "--clean", "yes")
    assert future.exit_code == 2 and "has not happened yet" in future.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--difficulty", "awful"), "not how hard the day was"),
        (("--mood", "6"), "mood must be from 1 to 5"),
        (("-g", "a", "-g", "b", "-g", "c", "-g", "d"), "up to 3"),
        (("--halt", "sleepy"), "not a HALT state"),
        (("--clean", "perhaps"), "yes or lapse"),
    ],
)
def test_bad_answers_are_refused(
    cli: Any, alcohol: None, args: tuple[str, ...], words: str
) -> None:
    result = cli("checkin", *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert checkins(cli) == []


def test_checkins_survive_a_csv_export_and_import(cli: Any, alcohol: None, home: Path) -> None:
    ok(
        cli, "checkin", "--clean", "lapse", "--difficulty", "hard", "--mood", "2",
        "-g", "my dog", "-g", "tea", "--resentful", "--not-dishonest", "--tomorrow", "rest",
    )  # fmt: skip
    (before,) = checkins(cli)
    csv_text = ok(cli, "list", "--type", "checkin", "--format", "csv").stdout
    exported = home.parent / "checkins.csv"
    exported.write_text(csv_text)
    ok(cli, "delete", before["id"][:8], "--yes")
    assert checkins(cli) == []
    ok(cli, "import", "--from", "csv", str(exported))
    (after,) = checkins(cli)
    for key in ("clean", "lapsed", "difficulty", "mood", "gratitude", "resentful", "dishonest"):
        assert after[key] == before[key], key
    assert after["tomorrow"] == "rest"


def test_a_checkin_for_one_clock_edits_the_day_s_checkin(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    day = ok(cli, "checkin", "--clean", "yes", "--mood", "3", "-g", "a quiet evening")
    later = ok(cli, "checkin", "--clock", "nicotine", "--clean", "lapse", "--mood", "2")
    assert f"{day.stdout.split()[0]}  Updated your check-in for today." in later.stdout
    (entry,) = checkins(cli)  # one check-in: no second, contradictory one for nicotine
    assert entry["clock"] is None
    assert (entry["clean"], entry["lapsed"], entry["mood"]) == (False, ["nicotine"], 2)
    assert entry["gratitude"] == ["a quiet evening"]
    asked = ok(cli, "checkin", "--clock", "nicotine", input="yes\n\n\n\n\n\n\n\n\n\n")
    assert "Clean today from nicotine? (yes / lapse) [lapse]" in asked.stderr
    (entry,) = checkins(cli)
    assert (entry["clean"], entry["lapsed"]) == (True, [])


def test_a_checkin_for_the_day_takes_in_the_ones_for_single_clocks(cli: Any, alcohol: None) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    ok(cli, "checkin", "--clock", "alcohol", "--clean", "yes", "--mood", "4")
    ok(cli, "checkin", "--clock", "nicotine", "--clean", "lapse", "--tomorrow", "walk")
    assert len(checkins(cli)) == 2
    ok(cli, "checkin", "--difficulty", "hard")
    (entry,) = checkins(cli)
    assert entry["clock"] is None
    assert (entry["clean"], entry["lapsed"]) == (False, ["nicotine"])
    assert (entry["mood"], entry["tomorrow"], entry["difficulty"]) == (4, "walk", "hard")
    ok(cli, "checkin", "--clean", "yes")  # the whole day again: every clock clean
    (entry,) = checkins(cli)
    assert (entry["clean"], entry["lapsed"]) == (True, [])


def test_show_says_yes_and_no(cli: Any, alcohol: None) -> None:
    saved = ok(cli, "checkin", "--clean", "yes", "--resentful", "--not-afraid")
    shown = ok(cli, "show", saved.stdout.split()[0]).stdout
    assert "clean: yes" in shown and "resentful: yes" in shown and "afraid: no" in shown
    assert "True" not in shown and "False" not in shown


def test_a_checkin_for_the_day_keeps_the_notes_of_the_ones_it_takes_in(
    cli: Any, alcohol: None
) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    ok(cli, "checkin", "--clock", "alcohol", "--clean", "yes", "--note", "first words")
    ok(cli, "checkin", "--clock", "nicotine", "--clean", "yes", "--note", "second words")
    said = ok(cli, "checkin", "--difficulty", "easy", "--note", "third words").stdout
    assert "now holds the day's check-ins for single clocks too" in said
    (entry,) = checkins(cli)
    assert entry["clock"] is None
    assert entry["note"] == "first words\n\nsecond words\n\nthird words"
    again = ok(cli, "checkin", "--difficulty", "hard", "--note", "changed my mind")
    assert "now holds" not in again.stdout  # nothing left to fold in
    (entry,) = checkins(cli)
    assert entry["note"] == "changed my mind"
