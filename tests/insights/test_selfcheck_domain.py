"""The weekly self-check: wording, answers and the stored entry."""

from __future__ import annotations

import pytest
from insights_helpers import selfcheck

from recoverylog.domain import selfcheck as sc
from recoverylog.domain.codec import entry_from_dict, entry_to_dict
from recoverylog.domain.model import TYPE_FIELDS, EntryType
from recoverylog.errors import InvalidInput


def test_five_questions_with_seven_answers_each() -> None:
    questions = sc.questions("alcohol")
    assert len(questions) == sc.QUESTION_COUNT == 5
    assert all(len(q.choices) == sc.HIGHEST + 1 == 7 for q in questions)
    assert [q.key for q in questions] == ["frequency", "peak", "time", "resist", "overall"]
    assert sc.MAX_TOTAL == 30


@pytest.mark.parametrize(
    ("clock", "topic", "act"),
    [
        ("alcohol", "drinking", "drink"),
        ("Nicotine", "smoking", "smoke"),
        ("gambling", "gambling", "gamble"),
        ("cannabis", "using cannabis", "use cannabis"),
        (None, "using", "use"),
    ],
)
def test_questions_speak_about_the_clock(clock: str | None, topic: str, act: str) -> None:
    questions = sc.questions(clock)
    assert topic in questions[0].text
    assert f"urge to {act}" in questions[1].text
    assert f"not to {act}?" in questions[3].text


@pytest.mark.parametrize("text", ["2,3,1,0,2", "2 3 1 0 2", " 2, 3 ,1,0 ,2 "])
def test_parse_answers(text: str) -> None:
    assert sc.parse_answers(text) == [2, 3, 1, 0, 2]
    assert sc.total([2, 3, 1, 0, 2]) == 8


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2,3,1,0", "4 answers were given"),
        ("2,3,1,0,2,1", "6 answers were given"),
        ("2,3,7,0,2", "answer 3 must be from 0 to 6, not 7"),
        ("2,3,-1,0,2", "answer 3 must be from 0 to 6"),
        ("2,three,1,0,2", "'three' is not a number"),
        ("", "0 answers were given"),
    ],
)
def test_bad_answers_are_explained(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        sc.parse_answers(text)


def test_totals_cover_0_to_30() -> None:
    assert sc.total([0] * 5) == 0
    assert sc.total([6] * 5) == 30


def test_a_selfcheck_entry_survives_the_codec() -> None:
    assert TYPE_FIELDS[EntryType.SELFCHECK] == ("answers", "total")
    original = selfcheck("2026-11-23T19:00", [2, 3, 1, 0, 2])
    raw = entry_to_dict(original)
    assert raw["type"] == "selfcheck"
    assert (raw["answers"], raw["total"]) == ([2, 3, 1, 0, 2], 8)
    back = entry_from_dict(raw)
    assert back == original
    assert back.extra == {}
