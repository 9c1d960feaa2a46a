"""The plain sentences the insights screen shows, from numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date
from zoneinfo import ZoneInfo

from insights_helpers import clock, craving, mixed_fixture

from recoverylog.domain.insights.build import build_insights
from recoverylog.domain.insights.period import Period
from recoverylog.render.observations import observations

LONDON = ZoneInfo("Europe/London")
WEEK = Period(date(2026, 11, 2), date(2026, 11, 8))  # Monday to Sunday


def test_lapses_are_mentioned_on_the_day_they_happened() -> None:
    c = clock(date(2026, 10, 1), ("2026-11-07T23:30+00:00", date(2026, 11, 9)))
    for viewer in (LONDON, ZoneInfo("Asia/Tokyo")):  # 08:30 on Sunday 8 Nov in Tokyo
        texts = [o.text for o in observations(build_insights([], WEEK, viewer, [c]))]
        assert "1 lapse recorded in these 7 days: alcohol on 7 Nov." in texts


def test_observations_are_plain_sentences_from_the_numbers() -> None:
    built = build_insights(mixed_fixture(), WEEK, UTC, clock="alcohol")
    texts = {o.section: [] for o in observations(built)}
    for o in observations(built):
        texts[o.section].append(o.text)
    # Six cravings at 5 and one at 8: 38 / 7 = 5.43.
    assert texts["cravings"] == [
        "7 cravings in these 7 days, average intensity 5.4, strongest 8.",
        "That is 6 more than the 7 days before (1). Average intensity fell from 9 to 5.4.",
    ]
    # Every weekday x time cell holds one craving: no busiest time; Friday has two.
    assert texts["when"] == ["Fridays had the most cravings: 2 of 7."]
    assert texts["triggers"] == ["'payday' came up most often: 2 times, average intensity 8."]
    assert texts["halt"] == ["Tired was part of 1 of 7 cravings."]
    assert texts["coping"][0].startswith("Too early to say what helps most")
    assert texts["outcomes"][0] == "4 of 6 cravings with an outcome passed without using."
    assert texts["selfcheck"] == ["Latest self-check: 8 of 30 (week of 2 Nov)."]
    for o in observations(built):
        assert "!" not in o.text


def test_a_period_of_one_day_reads_well() -> None:
    day = Period(date(2026, 11, 4), date(2026, 11, 4))
    built = build_insights([craving("2026-11-03T18:00", 5)], day, UTC)
    texts = [o.text for o in observations(built)]
    assert texts[0] == "No cravings logged on this day."
    assert texts[1] == "That is 1 fewer than the day before (1)."
    assert not any("these 1 day" in t for t in texts)


def test_a_clear_busiest_time_and_what_worked() -> None:
    entries = [
        craving("2026-10-27T12:00", 4),  # the week before: two at 4
        craving("2026-10-29T12:00", 4),
        # Five on Friday evening with a walk, all passed; one on Monday morning, used.
        *(
            craving(f"2026-11-06T20:{m}", 6, coping=["walk"], outcome="passed", duration_min=10)
            for m in ("00", "10", "20", "30", "40")
        ),
        craving("2026-11-02T09:00", 8, outcome="used", duration_min=20),
    ]
    texts = [o.text for o in observations(build_insights(entries, WEEK, UTC))]
    # (5 x 6 + 8) / 6 = 6.33; (5 x 10 + 20) / 6 = 11.67 minutes.
    assert texts == [
        "6 cravings in these 7 days, average intensity 6.3, strongest 8.",
        "That is 4 more than the 7 days before (2). Average intensity rose from 4 to 6.3.",
        "The busiest time was Friday evenings (20:00–24:00): 5 of 6 cravings.",
        "Fridays had the most cravings: 5 of 6.",
        "When you used 'walk', the craving passed 5 of 5 times.",
        "5 of 6 cravings with an outcome passed without using.",
        "On average a craving lasted 11.7 minutes.",
        "Cravings that passed started at intensity 6 on average; those that ended in using "
        "started at 8.",
    ]


def test_the_same_number_as_a_partly_tracked_period_before() -> None:
    entries = [craving("2026-10-31T18:00", 5), craving("2026-11-03T18:00", 5)]
    built = build_insights(
        entries, WEEK, UTC, [clock(date(2026, 11, 2))], tracked_since=date(2026, 10, 30)
    )
    said = [o.text for o in observations(built) if o.section == "cravings"]
    assert said[1] == (
        "The same number as the 7 days before (tracked from 30 Oct). Average intensity stayed at 5."
    )
