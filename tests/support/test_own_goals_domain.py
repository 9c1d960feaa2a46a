"""Goals of your own, as pure rules: check-ins, self-checks, a coping technique's uses
and entries with a tag; and the fellowships a meeting can name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from recoverylog.domain import fields
from recoverylog.domain import goals as goals_rules
from recoverylog.domain.model import Entry, EntryType
from recoverylog.errors import InvalidInput

START = date(2026, 11, 16)  # a Monday
TODAY = date(2026, 11, 20)


def entry(
    kind: EntryType, day: int, ident: str = "", tags: tuple[str, ...] = (), **data: object
) -> Entry:
    at = datetime(2026, 11, day, 12, tzinfo=UTC)
    return Entry(ident or f"{kind}-{day}-{len(data)}", kind, at, tags=list(tags), data=dict(data))


def progress(goal: goals_rules.Goal, entries: list[Entry]) -> int:
    uses = [u for e in entries if (u := goals_rules.goal_use(goal, e)) is not None]
    return goals_rules.uses_progress(goal, uses, TODAY).done


def test_what_is_typed_becomes_a_kind_a_name_and_a_count() -> None:
    read = goals_rules.goal_request
    assert read("meetings", ["90"]) == ("meetings", None, 90)
    assert read("Check-ins", ["1"]) == ("checkins", None, 1)
    assert read("self-check", ["1"]) == ("selfchecks", None, 1)
    assert read("coping", ["urge  surfing", "3"]) == ("coping", "urge surfing", 3)
    assert read("tag", ["#gym", "3"]) == ("tag", "gym", 3)
    assert read("tag:gym", ["3"]) == ("tag", "gym", 3)
    with pytest.raises(InvalidInput, match="technique"):
        read("coping", ["3"])
    with pytest.raises(InvalidInput, match="whole number"):
        read("meetings", ["ninety"])
    with pytest.raises(InvalidInput, match="just a count"):
        read("meetings", ["AA", "3"])
    with pytest.raises(InvalidInput, match="space"):
        read("tag", ["gym time", "3"])
    with pytest.raises(InvalidInput, match=r"not a goal \(choose from meetings, contacts\)"):
        read("sleep", ["8"])


def test_goals_of_your_own_are_stored_under_their_own_keys() -> None:
    goal = goals_rules.new_goal("coping", 3, 7, START, True, name="urge surfing")
    assert goal.key == "coping:urge surfing"
    stored = goals_rules.goal_to_dict(goal)
    assert goals_rules.goal_from_dict(goal.key, stored) == goal
    assert goals_rules.goal_from_dict("tag:gym", stored) == goals_rules.Goal(
        "tag", 3, 7, START, True, "gym"
    )
    assert goals_rules.goal_from_dict("meetings", stored).key == "meetings"  # type: ignore[union-attr]
    # A kind this version does not know (a newer one wrote it) is left alone.
    assert goals_rules.goal_from_dict("sleep", stored) is None
    assert goals_rules.goal_from_dict("tag:", stored) is None


def test_checkins_and_selfchecks_count_their_entries() -> None:
    entries = [
        entry(EntryType.CHECKIN, 15),  # the week before
        entry(EntryType.CHECKIN, 16),
        entry(EntryType.CHECKIN, 19),
        entry(EntryType.SELFCHECK, 17),
        entry(EntryType.MEETING, 18),
    ]
    checkins = goals_rules.new_goal("checkins", 7, 7, START, True)
    selfchecks = goals_rules.new_goal("selfchecks", 1, 7, START, True)
    assert (progress(checkins, entries), progress(selfchecks, entries)) == (2, 1)


def test_a_technique_counts_once_per_craving_however_it_is_spelled() -> None:
    goal = goals_rules.new_goal("coping", 3, 7, START, True, name="Urge surfing")
    entries = [
        entry(EntryType.CRAVING, 16, "c1", coping=["urge  SURFING", "call Sam"]),
        # The same craving, told again by a coping entry: still one use.
        entry(EntryType.COPING, 16, "k1", technique="urge surfing", craving_id="c1"),
        entry(EntryType.COPING, 17, "k2", technique="Urge Surfing"),  # on its own
        entry(EntryType.CRAVING, 18, "c2", coping=["walk"]),
        # Linked to a craving that did not name it: a use, once for that craving.
        entry(EntryType.COPING, 18, "k3", technique="urge surfing", craving_id="c2"),
        entry(EntryType.COPING, 18, "k4", technique="urge surfing", craving_id="c2"),
        entry(EntryType.COPING, 19, "k5", technique="walk"),
    ]
    assert progress(goal, entries) == 3


def test_a_tag_goal_counts_entries_with_the_tag_in_any_case() -> None:
    goal = goals_rules.new_goal("tag", 3, 7, START, True, name="gym")
    entries = [
        entry(EntryType.NOTE, 16, tags=("gym",)),
        entry(EntryType.CRAVING, 17, tags=("Gym", "evening")),
        entry(EntryType.NOTE, 18, tags=("gymnastics",)),
        entry(EntryType.NOTE, 21, tags=("gym",)),  # after today
    ]
    assert progress(goal, entries) == 2


def test_goal_words_for_every_kind() -> None:
    words = goals_rules.goal_words
    assert words("meetings", 90, 90) == "90 meetings in 90 days"
    assert words("contacts", 1, 7, True) == "1 contact every 7 days"
    assert words("checkins", 1, 1, True) == "1 check-in every 1 day"
    assert words("selfchecks", 1, 7, True) == "1 self-check every 7 days"
    assert words("coping", 3, 7, True, "urge surfing") == "3 uses of urge surfing every 7 days"
    assert words("tag", 1, 7, False, "gym") == "1 entry tagged gym in 7 days"


def test_more_fellowships_in_any_case_with_a_fixed_spelling() -> None:
    assert fields.fellowship("cma") == "CMA"
    assert fields.fellowship("al-anon") == "Al-Anon"
    assert fields.fellowship("AL ANON") == "Al-Anon"
    assert fields.fellowship("nar-anon") == "Nar-Anon"
    assert fields.fellowship("recovery dharma") == "Recovery Dharma"
    assert fields.fellowship("Lifering") == "LifeRing"
    assert fields.fellowship("refuge recovery") == "Refuge Recovery"
    assert fields.fellowship("celebrate recovery") == "Celebrate Recovery"
    assert fields.fellowship("aa") == "AA" and fields.fellowship("Other") == "other"
    assert fields.fellowship("other: Women  for Sobriety") == "other:Women for Sobriety"
    assert fields.fellowship("OTHER:HAMS") == "other:HAMS"
    for bad in ("other:", "other:  ", "other:a\x1bb", "book club"):
        with pytest.raises(InvalidInput):
            fields.fellowship(bad)
