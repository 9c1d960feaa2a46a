"""Mood by week, and what goes with days of better or worse mood, on a journal whose
numbers were worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from insights_helpers import craving, entry

from recoverylog.domain.insights.build import build_insights
from recoverylog.domain.insights.mood import (
    MIN_DAYS,
    MoodComparison,
    MoodTally,
    comparison_text,
)
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry, EntryType

# Thirty days, Sunday 1 to Monday 30 November 2026: a mood on days 0 to 27 only.
MONTH = Period(date(2026, 11, 1), date(2026, 11, 30))


def _at(day: int, hour: int = 20) -> str:
    return f"{MONTH.since + timedelta(days=day)}T{hour:02d}:00"


def _checkin(day: int, mood: int, **data: object) -> Entry:
    return entry(EntryType.CHECKIN, _at(day, 21), None, mood=mood, **data)


def _tagged(found: Entry, *tags: str) -> Entry:
    return replace(found, tags=list(tags))


def mood_journal() -> list[Entry]:
    """Days 0-13: a meeting and mood 4 (day 0 also a note with mood 5: 4.5 that day);
    days 14-27: mood 2. Cravings: two of 3 on meeting days, seven of 6 on days 14-20.
    Contacts on days 0-4; coping on even days; 8 hours slept on days 0-7, 6 on days
    14-20; the tag 'work' on days 18-27; meetings with no mood on days 28 and 29."""
    found: list[Entry] = []
    for day in range(28):
        slept = 8 if day < 8 else 6 if 14 <= day <= 20 else None
        extra = {} if slept is None else {"slept": slept}
        checkin = _checkin(day, 4 if day < 14 else 2, **extra)
        found.append(_tagged(checkin, "Work") if day >= 18 else checkin)
        if day % 2 == 0:
            found.append(entry(EntryType.COPING, _at(day, 12), None, technique="breathing"))
    for day in (*range(14), 28, 29):
        found.append(entry(EntryType.MEETING, _at(day, 19), None, name="Home group"))
    for day in range(5):
        found.append(entry(EntryType.CONTACT, _at(day, 10), None, person="Sam", via="call"))
    found.append(entry(EntryType.NOTE, _at(0, 9), None, mood=5))
    found += [craving(_at(day, 15), 3) for day in (1, 2)]
    found += [craving(_at(day, 15), 6) for day in range(14, 21)]
    return found


def _mood(entries: list[Entry]) -> dict[str, MoodComparison]:
    mood = build_insights(entries, MONTH, UTC).mood
    return {c.tag or c.factor: c for c in mood.comparisons}


def test_mood_on_days_with_and_without_each_factor_by_hand() -> None:
    found = _mood(mood_journal())
    meeting = found["meeting"]
    # 4.5 and thirteen 4s over 14 days; fourteen 2s. Days 28 and 29 have no mood.
    assert (meeting.with_side.days, meeting.without_side.days) == (14, 14)
    assert (meeting.with_side.mood, meeting.without_side.mood) == (4.0, 2.0)
    assert (meeting.with_side.cravings_per_day, meeting.without_side.cravings_per_day) == (
        0.1,  # 2 / 14
        0.5,  # 7 / 14
    )
    assert (meeting.with_side.average_intensity, meeting.without_side.average_intensity) == (
        3.0,
        6.0,
    )
    assert meeting.enough
    # Coping among the 9 days with a craving: on days 2, 14, 16, 18 and 20 (4, then four
    # 2s: 2.4), not on days 1, 15, 17 and 19 (4, then three 2s: 2.5).
    coping = found["coping"]
    assert (coping.with_side.days, coping.without_side.days) == (5, 4)
    assert (coping.with_side.mood, coping.without_side.mood) == (2.4, 2.5)
    assert not coping.enough
    sleep = found["sleep"]  # only days where hours slept were given count
    assert (sleep.with_side.days, sleep.without_side.days) == (8, 7)
    assert (sleep.with_side.mood, sleep.without_side.mood) == (4.1, 2.0)  # 32.5 / 8
    work = found["Work"]
    assert (work.factor, work.with_side.days, work.without_side.days) == ("tag", 10, 18)
    assert (work.with_side.mood, work.without_side.mood) == (2.0, 3.6)  # 64.5 / 18


def test_too_few_days_on_one_side_says_so() -> None:
    contact = _mood(mood_journal())["contact"]
    assert (contact.with_side.days, contact.without_side.days) == (5, 23)
    assert not contact.enough
    assert comparison_text(contact) == (
        "Not enough days yet to compare contacts: 5 days with a contact, 23 without; "
        f"{MIN_DAYS} each are needed."
    )


def test_coping_is_compared_among_the_days_with_a_craving() -> None:
    """Coping is logged with cravings, on harder days: over every day it would seem to go
    with a lower mood. Calm days (no craving, mood 4) are left out of its comparison."""
    days = [_checkin(day, 4) for day in range(14)]  # calm days
    for day in range(14, 28):  # a craving each day, coping on the first ten
        days.append(_checkin(day, 3 if day < 24 else 2))
        days.append(craving(_at(day, 15), 6, coping=["breathing"] if day < 24 else []))
    coping = _mood(days)["coping"]
    assert (coping.with_side.days, coping.without_side.days) == (10, 4)
    assert (coping.with_side.mood, coping.without_side.mood) == (3.0, 2.0)
    assert not coping.enough  # 4 days without: the words say so
    assert comparison_text(coping) == (
        "Not enough days yet to compare coping techniques on days with a craving: "
        "10 days with a craving and a coping technique, 4 with a craving and none; "
        f"{MIN_DAYS} each are needed."
    )


def test_the_sentence_says_goes_with_never_causes() -> None:
    meeting = _mood(mood_journal())["meeting"]
    said = comparison_text(meeting)
    assert said == (
        "On days with a meeting your mood averaged 4.0, without 2.0 (14 and 14 days). "
        "Cravings: 0.1 a day with, 0.5 without."
    )
    for word in ("cause", "because", "help"):
        assert word not in said.casefold()


def test_days_without_a_mood_are_not_counted() -> None:
    mood = build_insights(mood_journal(), MONTH, UTC).mood
    assert mood.days_with_mood == 28
    assert mood.average == 3.0  # (4.5 + 13 x 4 + 14 x 2) / 28 = 84.5 / 28


def test_sleep_and_rare_tags_are_left_out_when_there_is_nothing_to_compare() -> None:
    plain = [_checkin(day, 3) for day in range(10)]
    plain += [_tagged(_checkin(day, 3), "once") for day in (10, 11)]
    found = _mood(plain)
    assert set(found) == {"meeting", "contact", "coping"}


def test_mood_by_week_from_the_first_week_with_a_mood() -> None:
    mood = build_insights(mood_journal(), MONTH, UTC).mood
    # Sunday 1 Nov is a week of its own (from Monday 26 Oct, clipped to the period).
    first, second = mood.weeks[0], mood.weeks[1]
    assert (first.start, first.end, first.days_with_mood, first.average) == (
        date(2026, 11, 1),
        date(2026, 11, 1),
        1,
        4.5,
    )
    assert (second.start, second.days_with_mood, second.average) == (date(2026, 11, 2), 7, 4.0)
    last = mood.weeks[-1]
    assert (last.start, last.end, last.days_with_mood, last.average) == (
        date(2026, 11, 30),
        date(2026, 11, 30),
        0,
        None,
    )
    assert [(m.start, m.days_with_mood, m.average) for m in mood.months] == [
        (date(2026, 11, 1), 28, 3.0)
    ]


def test_no_mood_means_no_weeks_and_no_comparisons() -> None:
    mood = build_insights([craving(_at(3), 5)], MONTH, UTC).mood
    assert (mood.days_with_mood, mood.weeks, mood.comparisons) == (0, (), ())


def test_an_entry_near_midnight_counts_on_its_local_day() -> None:
    new_york = ZoneInfo("America/New_York")
    late = entry(EntryType.CHECKIN, "2026-11-15T23:30-05:00", None, mood=5)  # 04:30 UTC on the 16th
    meeting = entry(EntryType.MEETING, "2026-11-15T19:00-05:00", None, name="Home group")
    early = entry(EntryType.CHECKIN, "2026-11-16T00:30-05:00", None, mood=1)
    mood = build_insights([late, meeting, early], MONTH, new_york).mood
    found = {c.factor: c for c in mood.comparisons}
    assert (found["meeting"].with_side.days, found["meeting"].with_side.mood) == (1, 5.0)
    assert (found["meeting"].without_side.days, found["meeting"].without_side.mood) == (1, 1.0)


def test_two_tallies_merged_count_as_one() -> None:
    found = mood_journal()
    whole = MoodTally(MONTH)
    first, second = MoodTally(MONTH), MoodTally(MONTH)
    for i, item in enumerate(found):
        whole.add(item, item.at)
        (first if i % 2 else second).add(item, item.at)
    first.merge(second)
    assert first.__dict__ == whole.__dict__
