"""Pure rules for peer support: goals, check-in answers, the plan, SOS suggestions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain import checkin, sos
from recoverylog.domain import goals as goals_rules
from recoverylog.domain import people as people_rules
from recoverylog.domain import plan as plan_rules
from recoverylog.domain.codec import entry_from_dict, entry_to_dict
from recoverylog.domain.insights.coping import CopingEffect, coping_effectiveness
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry, EntryType
from recoverylog.errors import InvalidInput

# --- people --------------------------------------------------------------------------


def test_roles_and_ways_of_reaching_out_accept_common_spellings() -> None:
    assert people_rules.role("Sponsor") == "sponsor"
    assert people_rules.role("counselor") == "counsellor"
    assert people_rules.via("in person") == "in-person"
    assert people_rules.via("Phone") == "call"
    with pytest.raises(InvalidInput, match="not a role"):
        people_rules.role("boss")
    with pytest.raises(InvalidInput, match="call, text, in-person, video, online"):
        people_rules.via("carrier pigeon")


def test_phone_and_email_are_checked() -> None:
    assert people_rules.phone("  +44 (0)20  7946 0000 ") == "+44 (0)20 7946 0000"
    assert people_rules.phone("1-800-662-HELP") == "1-800-662-HELP"
    for bad in ("call me", "12", "555\x1b0100", "x" * 50):
        with pytest.raises(InvalidInput):
            people_rules.phone(bad)
    assert people_rules.email("sam@example.org") == "sam@example.org"
    for bad in ("sam", "@example.org", "sam@", "s am@example.org"):
        with pytest.raises(InvalidInput):
            people_rules.email(bad)


def test_person_names_include_old_names() -> None:
    person = {"name": "Sam", "aliases": ["Samuel", 3]}
    assert people_rules.person_names(person) == ["Sam", "Samuel"]


# --- goals -----------------------------------------------------------------------------

START = date(2026, 11, 1)


def test_one_off_goal_counts_days_in_its_window_up_to_today() -> None:
    goal = goals_rules.new_goal("meetings", 90, 90, START)
    days = [
        date(2026, 10, 31),  # before the goal: not counted
        START,
        date(2026, 11, 10),
        date(2026, 11, 10),  # two meetings on one day are two meetings
        date(2026, 11, 23),
        date(2026, 11, 24),  # after "today": not counted
    ]
    progress = goals_rules.goal_progress(goal, days, date(2026, 11, 23))
    assert (progress.done, progress.day) == (4, 23)  # 1 Nov is day 1, 23 Nov day 23
    assert progress.window_end == date(2027, 1, 29)  # 90 days from 1 Nov, both ends included
    assert not progress.finished and not progress.reached


def test_goal_before_it_starts_and_after_it_ends() -> None:
    goal = goals_rules.new_goal("contacts", 3, 7, START)
    before = goals_rules.goal_progress(goal, [START], date(2026, 10, 30))
    assert (before.day, before.done, before.finished) == (0, 0, False)
    last_day = goals_rules.goal_progress(goal, [START], date(2026, 11, 7))
    assert (last_day.day, last_day.finished) == (7, False)
    after = goals_rules.goal_progress(
        goal, [START, date(2026, 11, 3), date(2026, 11, 7)], date(2026, 11, 9)
    )
    assert (after.day, after.done, after.finished, after.reached) == (7, 3, True, True)


def test_repeating_goal_starts_again_every_n_days() -> None:
    goal = goals_rules.new_goal("meetings", 3, 7, date(2026, 11, 2), repeat=True)  # a Monday
    today = date(2026, 11, 18)  # Wednesday of the third week
    days = [date(2026, 11, 9), date(2026, 11, 15), date(2026, 11, 16), date(2026, 11, 18)]
    progress = goals_rules.goal_progress(goal, days, today)
    assert progress.window_start == date(2026, 11, 16)
    assert progress.window_end == date(2026, 11, 22)
    assert (progress.done, progress.day, progress.finished) == (2, 3, False)


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(1, 50),
    days=st.integers(1, 120),
    repeat=st.booleans(),
    offset=st.integers(-30, 400),
    entry_offsets=st.lists(st.integers(-60, 500), max_size=40),
)
def test_goal_progress_properties(
    count: int, days: int, repeat: bool, offset: int, entry_offsets: list[int]
) -> None:
    goal = goals_rules.new_goal("meetings", count, days, START, repeat)
    today = START + timedelta(days=offset)
    entry_days = [START + timedelta(days=o) for o in entry_offsets]
    p = goals_rules.goal_progress(goal, entry_days, today)
    assert 0 <= p.day <= days
    assert (p.window_end - p.window_start).days == days - 1
    assert p.done == sum(1 for d in entry_days if p.window_start <= d <= min(today, p.window_end))
    if repeat and today >= START:
        assert p.window_start <= today <= p.window_end and not p.finished
    assert p.finished == (not repeat and today > p.window_end)


def test_goal_validation_and_stored_goals() -> None:
    with pytest.raises(InvalidInput, match="not a goal"):
        goals_rules.new_goal("sleep", 3, 7, START)
    with pytest.raises(InvalidInput, match="--days"):
        goals_rules.new_goal("meetings", 3, 0, START)
    with pytest.raises(InvalidInput, match="at least 1"):
        goals_rules.new_goal("meetings", 0, 7, START)
    stored = goals_rules.goal_to_dict(goals_rules.new_goal("meeting", 90, 90, START))
    assert stored == {"count": 90, "days": 90, "start": START}
    assert goals_rules.goal_from_dict("meetings", stored) == goals_rules.Goal(
        "meetings", 90, 90, START
    )
    # Hand edits that make no sense are ignored rather than crashing status.
    for bad in ({"count": True, "days": 9, "start": START}, {"count": 3, "days": 7}, "90", None):
        assert goals_rules.goal_from_dict("meetings", bad) is None


def test_week_starts_are_mondays_covering_the_range() -> None:
    weeks = goals_rules.week_starts(date(2026, 11, 4), date(2026, 11, 23))
    assert weeks == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert all(w.weekday() == 0 for w in weeks)


# --- check-in answers --------------------------------------------------------------------


def test_difficulty_words_numbers_and_aliases() -> None:
    assert checkin.difficulty("Very  Hard") == "very hard"
    assert checkin.difficulty("not bad") == "ok"
    assert checkin.difficulty("1") == "easy"
    assert checkin.difficulty("5") == "very hard"
    for bad in ("6", "terrible", ""):
        with pytest.raises(InvalidInput, match="how hard the day was"):
            checkin.difficulty(bad)


def test_clean_answers_per_clock() -> None:
    clocks = ["alcohol", "nicotine"]
    assert checkin.clean_answer("Yes") is True
    assert checkin.clean_answer("lapse") is False
    answers = checkin.clean_options(["Alcohol=lapse", "nicotine=yes"], clocks)
    assert answers == {"alcohol": False, "nicotine": True}
    assert checkin.clean_by_clock(answers, clocks) == (False, ["alcohol"])
    # A plain answer is for every clock; a clock named after it wins for that clock.
    mixed = checkin.clean_options(["lapse", "nicotine=yes"], clocks)
    assert checkin.clean_by_clock(mixed, clocks) == (False, ["alcohol"])
    assert checkin.clean_by_clock({"": True}, clocks) == (True, [])
    assert checkin.clean_by_clock({"": False}, []) == (False, [])
    with pytest.raises(InvalidInput, match="no clock named 'coffee'"):
        checkin.clean_options(["coffee=yes"], clocks)
    with pytest.raises(InvalidInput, match="yes or lapse"):
        checkin.clean_answer("maybe")


def test_gratitude_and_halt_text() -> None:
    assert checkin.gratitude(["  my  dog ", "", "the sun"]) == ["my dog", "the sun"]
    with pytest.raises(InvalidInput, match="up to 3"):
        checkin.gratitude(["a", "b", "c", "d"])
    assert checkin.halt_text("tired, Lonely") == ["lonely", "tired"]  # HALT order
    assert checkin.halt_text("h t") == ["hungry", "tired"]
    assert checkin.halt_text("") == []


def test_checkin_checks_read_csv_cells_too() -> None:
    checks = checkin.CHECKIN_CHECKS
    assert checks["resentful"]("false") is False
    assert checks["afraid"](True) is True
    assert checks["gratitude"]("my dog;the sun") == ["my dog", "the sun"]
    assert checks["lapsed"](["alcohol"]) == ["alcohol"]
    assert checks["mood"]("4") == 4
    with pytest.raises(InvalidInput):
        checks["mood"](6)
    with pytest.raises(InvalidInput):
        checks["dishonest"]("perhaps")


def test_a_full_checkin_round_trips_through_the_codec() -> None:
    entry = Entry(
        id="c" * 32,
        type=EntryType.CHECKIN,
        at=datetime(2026, 11, 23, 21, 0, tzinfo=UTC),
        data={
            "clean": False,
            "difficulty": "hard",
            "mood": 2,
            "halt": ["tired"],
            "lapsed": ["alcohol"],
            "gratitude": ["my dog"],
            "resentful": True,
            "dishonest": False,
            "afraid": False,
            "tomorrow": "call earlier",
            "intention": "one day at a time",
        },
    )
    assert entry_from_dict(entry_to_dict(entry)) == entry


# --- the plan ------------------------------------------------------------------------


def test_clean_plan_keeps_known_sections_as_lists() -> None:
    plan = plan_rules.clean_plan(
        {"reasons": ["my kids", "  ", "my  health"], "call": "Sam 555 0100", "instead": []}
    )
    assert plan == {"reasons": ["my kids", "my health"], "call": ["Sam 555 0100"]}
    with pytest.raises(InvalidInput, match="'resons' is not a section"):
        plan_rules.clean_plan({"resons": ["typo"]})
    with pytest.raises(InvalidInput, match="list of text"):
        plan_rules.clean_plan({"reasons": [1, 2]})


def test_stored_plan_is_read_leniently() -> None:
    assert plan_rules.stored_plan({"reasons": ["a", 3, ""], "call": 7, "other": ["x"]}) == {
        "reasons": ["a"]
    }


# --- SOS suggestions -------------------------------------------------------------------


def stat(
    name: str, used: int, passed: int = 0, known: int = 0, helped: float | None = None
) -> CopingEffect:
    return CopingEffect(name, used, used, passed, known, 0, 0, helped, 1 if helped else 0)


def _craving(day: int, coping: list[str], outcome: str) -> Entry:
    return Entry(
        f"{day:032x}",
        EntryType.CRAVING,
        datetime(2026, 11, day, 20, tzinfo=UTC),
        data={"intensity": 5, "coping": coping, "outcome": outcome},
    )


def test_top_techniques_follow_the_insights_ranking() -> None:
    # walk: 5 uses, passed 4 of 5 (enough data); call sponsor: 3 of 3, too few uses to
    # say; scrolling: never passed. The insights put walk first, and so does SOS.
    log = [_craving(d, ["walk"], "passed") for d in range(1, 5)]
    log += [_craving(5, ["walk", "scrolling"], "used"), _craving(6, ["scrolling"], "used")]
    log += [_craving(d, ["call sponsor"], "passed") for d in (7, 8, 9)]
    effects = coping_effectiveness(log, Period(date(2026, 11, 1), date(2026, 11, 30)), UTC)
    assert [e.name for e in effects] == ["walk", "call sponsor", "scrolling"]
    chosen = sos.top_techniques(effects, [("scrolling", None), ("journal", "write it down")])
    assert [(c.name, c.source) for c in chosen] == [
        ("walk", "log"),
        ("call sponsor", "log"),
        ("journal", "toolkit"),  # scrolling never helped: left out
    ]
    assert (chosen[0].passed, chosen[0].with_outcome, chosen[0].times_used) == (4, 5, 5)


def test_top_techniques_falls_back_to_toolkit_then_defaults() -> None:
    stats = [stat("walk", 2, helped=4.0), stat("Urge Surfing", 0)]
    toolkit = [("Urge Surfing", None), ("walk", "round the block")]
    chosen = sos.top_techniques(stats, toolkit)
    assert [(c.name, c.source) for c in chosen] == [
        ("walk", "log"),
        ("Urge Surfing", "toolkit"),
        ("call someone", "suggested"),  # "urge surfing" is already there, in any case
    ]
    assert chosen[0].description == "round the block"
    nothing = sos.top_techniques([], [])
    assert [c.name for c in nothing] == ["urge surfing", "call someone", "play the tape through"]


def test_top_techniques_never_suggests_what_was_rated_unhelpful() -> None:
    stats = [stat("urge surfing", 3, helped=1.5)]
    chosen = sos.top_techniques(stats, [("urge surfing", None)])
    assert "urge surfing" not in [c.name for c in chosen]
    assert len(chosen) == 3


def test_calls_already_listed_are_not_repeated() -> None:
    lines = ["Sam 555 0100", "the night line at work", "Samantha after 6pm"]
    assert sos.calls_not_listed(lines, ["sam"]) == [
        "the night line at work",
        "Samantha after 6pm",
    ]
    assert sos.calls_not_listed(lines, []) == lines


def test_timer_helpers() -> None:
    assert sos.minutes_from_seconds(89) == 1
    assert sos.minutes_from_seconds(90) == 2
    assert sos.minutes_from_seconds(900) == 15
    assert sos.breathing_prompt(0) == sos.breathing_prompt(len(sos.BREATHING_PROMPTS))
    assert sos.breathing_prompt(0) != sos.breathing_prompt(1)
    with pytest.raises(InvalidInput):
        sos.timer_minutes(0)
    with pytest.raises(InvalidInput):
        sos.timer_minutes(61)


# --- goal wording ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "count", "days", "repeat", "words"),
    [
        ("meetings", 90, 90, False, "90 meetings in 90 days"),
        ("meetings", 1, 1, False, "1 meeting in 1 day"),
        ("contacts", 1, 7, True, "1 contact every 7 days"),
        ("contacts", 3, 1, True, "3 contacts every 1 day"),
    ],
)
def test_a_goal_in_words(kind: str, count: int, days: int, repeat: bool, words: str) -> None:
    assert goals_rules.goal_words(kind, count, days, repeat) == words


def test_the_cli_and_the_report_word_a_goal_the_same_way() -> None:
    from recoverylog.reports.build import goal_label

    for count, days, repeat in [(1, 1, False), (3, 7, True), (90, 90, False)]:
        goal = {"count": count, "days": days, "repeat": repeat}
        for kind in goals_rules.GOAL_KINDS:
            assert goal_label(goal, kind) == goals_rules.goal_words(kind, count, days, repeat)
