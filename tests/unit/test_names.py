"""Words that look like someone's name, so the preview of a report can point them out."""

from __future__ import annotations

import pytest

from recoverylog.domain.names import name_like, phrase_pattern


def marked(text: str, hidden: tuple[str, ...] = ()) -> list[str]:
    return [m.word for m in name_like(text, hidden)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("fight with Jon about money", ["Jon"]),
        ("my ex Bob texted", ["Bob"]),
        ("Home group at Maria's", ["Maria"]),
        ("St Marys basement", ["Marys"]),
        ("Mike's birthday", ["Mike"]),  # a possessive, even first in the sentence
        ("lunch at mike's", ["mike"]),  # typed in lower case, still a possessive
        ("Saw Dana. Then Lee called", ["Dana", "Lee"]),
        ("argument with JO", ["JO"]),
        ("a row with O'Brien", ["O'Brien"]),
    ],
)
def test_names_are_marked(text: str, names: list[str]) -> None:
    assert marked(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Payday",  # the first word of the text
        "long day. Payday again! Tired? Very",  # the first word of each sentence
        "first line\nSecond line",  # and of each line
        "I think I'm tired and I'll call",
        "every Friday in December, and on Mon 3 May",
        "AA and SMART meetings; HALT",
        "then Recovery Dharma, Al-Anon, Nar-Anon, CMA, LifeRing and Celebrate Recovery",
        "a Refuge Recovery group",
        "it's late, that's all, let's go",
        "today's meeting and my mum's house",
        "after work",
        "a person's birthday, with people",  # what a hidden name becomes
        "",
    ],
)
def test_ordinary_words_are_not_marked(text: str) -> None:
    assert marked(text) == []


def test_words_already_hidden_are_not_marked_again() -> None:
    assert marked("Home group at Maria's in St Marys with Jon", ("maria", "St Marys")) == ["Jon"]


def test_a_mark_gives_where_the_name_is_without_its_possessive() -> None:
    text = "dinner at Maria's"
    (mark,) = name_like(text)
    assert text[mark.start : mark.end] == "Maria"


def test_a_phrase_pattern_matches_whole_words_in_any_case_and_spacing() -> None:
    pattern = phrase_pattern(["St Marys", "jo"])
    assert pattern is not None
    assert pattern.sub("X", "st  marys with Jo, jogging, JO's") == "X with X, jogging, X's"
    assert phrase_pattern([]) is None
    assert phrase_pattern(["", "  "]) is None
