"""Journal prompts as pure rules: which question on which day, and what of the
editor's text is the answer."""

from __future__ import annotations

from datetime import date, timedelta

from recoverylog.domain import questions
from recoverylog.domain.questions import BUILT_IN

DAY = date(2026, 11, 23)


def test_the_same_day_and_history_give_the_same_question() -> None:
    assert questions.todays_question(DAY, (), None) == questions.todays_question(DAY, (), None)


def test_each_day_of_a_cycle_asks_a_different_question() -> None:
    days = [DAY + timedelta(days=n) for n in range(len(BUILT_IN))]
    assert sorted(questions.todays_question(d, (), None) for d in days) == sorted(BUILT_IN)


def test_the_last_question_answered_is_passed_over() -> None:
    today = questions.todays_question(DAY, (), None)
    again = questions.todays_question(DAY, (), f"  {today.upper()} ")
    assert again != today
    assert questions.todays_question(DAY, ["only mine"], None) in questions.pool(["only mine"])


def test_your_own_questions_come_after_the_built_in_ones_each_once() -> None:
    mine = ["Who did I help?", "who did I  help?", BUILT_IN[0].lower()]
    assert questions.pool(mine) == [*BUILT_IN, "Who did I help?"]


def test_the_answer_leaves_out_the_header_and_nothing_written_is_none() -> None:
    head = questions.header("What helped?")
    assert questions.answer(head + "A walk.\n", head, head) == "A walk."
    assert questions.answer(head, head, head) is None
    assert questions.answer(head + "  \n\n", head, head) is None
    assert questions.answer("", head, head) is None
    assert questions.answer("# What helped?\nmine\n", head, head) == "# What helped?\nmine"


def test_a_template_is_filled_by_plain_replacement() -> None:
    assert questions.filled("{prompt} {0} {prompt.__class__}", "Why?") == (
        "Why? {0} {prompt.__class__}"
    )
    assert questions.answer("Start\nmore", "Start", "") == "Start\nmore"
    assert questions.answer("Start\n", "Start", "") is None


def test_after_the_check_in_its_own_questions_are_left_out() -> None:
    days = [DAY + timedelta(days=n) for n in range(12)]
    asked = {questions.todays_question(d, (), None, questions.CHECKIN_ASKS) for d in days}
    assert asked == set(BUILT_IN) - set(questions.CHECKIN_ASKS)
    assert (BUILT_IN[0], BUILT_IN[-1]) == questions.CHECKIN_ASKS  # gratitude, tomorrow
