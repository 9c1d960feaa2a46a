"""The nudge's rule: a clear hardest window, the person's own plan and technique, kind
words; nothing when there is not enough to go on."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from recoverylog.domain.insights.coping import ENOUGH_USES, CopingEffect
from recoverylog.domain.insights.craving_times import TimeOfDay
from recoverylog.domain.moments import days_start_at
from recoverylog.domain.nudge_window import due_nudge, in_window
from recoverylog.domain.nudges import make_nudge

FRIDAY, SATURDAY = 4, 5
PLAN = {"call": ["Sam 07700 900123"], "instead": ["Go for a walk"]}


def grid(*cells: tuple[int, int, int]) -> TimeOfDay:
    """Craving counts at (weekday, hour, count)."""
    rows = [[0] * 24 for _ in range(7)]
    for day, hour, count in cells:
        rows[day][hour] += count
    return TimeOfDay(tuple(tuple(row) for row in rows))


def technique(name: str, used: int, passed: int, known: int) -> CopingEffect:
    return CopingEffect(name, used, used, passed, known, 0, 0, None, 0)


FRIDAY_EVENINGS = grid((FRIDAY, 17, 3), (FRIDAY, 18, 2), (1, 9, 1))
SURFING = technique("urge surfing", 13, 13, 13)


def test_the_hardest_window_with_the_plan_and_what_helped() -> None:
    nudge = make_nudge(FRIDAY_EVENINGS, [SURFING], PLAN)
    assert nudge is not None
    assert (nudge.weekday, nudge.start, nudge.end) == (FRIDAY, 16, 20)
    assert nudge.text == (
        "Friday early evenings are often hardest: your plan says call Sam 07700 900123; "
        "'urge surfing' passed 13 of 13 times."
    )


def test_words_stay_kind() -> None:
    nudge = make_nudge(FRIDAY_EVENINGS, [SURFING], PLAN)
    assert nudge is not None
    assert "!" not in nudge.text
    for alarming in ("danger", "warning", "risk", "careful", "must", "don't"):
        assert alarming not in nudge.text.lower()


def test_not_enough_cravings_says_nothing() -> None:
    assert make_nudge(grid((FRIDAY, 17, 2)), [SURFING], PLAN) is None


def test_no_window_that_clearly_leads_says_nothing() -> None:
    tied = grid((FRIDAY, 17, 2), (SATURDAY, 21, 2), (1, 9, 1))
    assert make_nudge(tied, [SURFING], PLAN) is None
    scattered = grid((0, 1, 1), (1, 9, 1), (2, 13, 1), (3, 17, 1))
    assert make_nudge(scattered, [SURFING], PLAN) is None


def test_nothing_of_their_own_to_say_says_nothing() -> None:
    assert make_nudge(FRIDAY_EVENINGS, [], {}) is None


def test_a_technique_needs_enough_uses_as_insights_say() -> None:
    early = technique("urge surfing", ENOUGH_USES - 1, 4, 4)
    assert make_nudge(FRIDAY_EVENINGS, [early], {}) is None
    nudge = make_nudge(FRIDAY_EVENINGS, [technique("walk", ENOUGH_USES, 4, 5)], {})
    assert nudge is not None
    assert nudge.text.endswith(": 'walk' passed 4 of 5 times.")


def test_the_plan_alone_is_enough() -> None:
    nudge = make_nudge(FRIDAY_EVENINGS, [], {"call": ["Call Sam"]})
    assert nudge is not None
    assert nudge.text == "Friday early evenings are often hardest: your plan says call Sam."


def test_what_to_do_instead_when_there_is_no_one_to_call() -> None:
    nudge = make_nudge(FRIDAY_EVENINGS, [], {"instead": ["Go for a walk."]})
    assert nudge is not None
    assert nudge.text.endswith("hardest: your plan says: Go for a walk.")


def test_a_long_plan_line_is_shortened() -> None:
    nudge = make_nudge(FRIDAY_EVENINGS, [], {"instead": ["a" * 100]})
    assert nudge is not None
    assert len(nudge.text) < 100
    assert "…" in nudge.text


# --- when it is due ------------------------------------------------------------------

LONDON = ZoneInfo("Europe/London")
KEPT = {"made": "2026-11-23", "weekday": FRIDAY, "start": 16, "end": 20, "text": "Line."}


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        ("2026-11-27 14:59", False),
        ("2026-11-27 15:00", True),  # the hour before
        ("2026-11-27 16:00", True),
        ("2026-11-27 19:59", True),
        ("2026-11-27 20:00", False),
        ("2026-11-26 16:30", False),  # a Thursday
    ],
)
def test_due_inside_the_window_or_the_hour_before(moment: str, due: bool) -> None:
    now = datetime.fromisoformat(moment).replace(tzinfo=LONDON)
    assert (due_nudge(KEPT, now) == "Line.") is due


def test_nothing_kept_or_a_day_without_a_nudge_is_never_due() -> None:
    now = datetime(2026, 11, 27, 17, tzinfo=LONDON)
    assert due_nudge(None, now) is None
    assert due_nudge({"made": "2026-11-23"}, now) is None
    assert due_nudge({**KEPT, "weekday": "x"}, now) is None


def test_a_late_night_belongs_to_the_day_before() -> None:
    late_friday = {**KEPT, "start": 0, "end": 4}
    days_start_at(time(4))
    try:
        assert in_window(FRIDAY, 0, 4, datetime(2026, 11, 28, 1, tzinfo=LONDON))
        assert due_nudge(late_friday, datetime(2026, 11, 28, 1, tzinfo=LONDON)) == "Line."
        assert due_nudge(late_friday, datetime(2026, 11, 27, 1, tzinfo=LONDON)) is None
    finally:
        days_start_at(time(0))
