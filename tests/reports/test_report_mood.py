"""The mood section through the CLI: insights on screen and as JSON, in one's own report,
and not in a sponsor's unless asked for. Four weeks whose numbers were worked out by
hand: days 0-13 (26 Oct - 8 Nov) have a meeting and mood 4, days 14-27 (9-22 Nov) mood 2
and a craving of 6 each."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_journal, make_entry

from recoverylog.domain.model import Entry, EntryType

Run = Callable[..., Any]
FIRST = date(2026, 10, 26)
PERIOD = ("--since", "2026-10-26", "--until", "2026-11-22")
MEETING_TEXT = (
    "On days with a meeting your mood averaged 4.0, without 2.0 (14 and 14 days). "
    "Cravings: 0.0 a day with, 1.0 without."
)
NO_CONTACTS = (
    "Not enough days yet to compare contacts: 0 days with a contact, 28 without; 7 each are needed."
)


def _entries() -> list[Entry]:
    found = []
    for day in range(28):
        when = (FIRST + timedelta(days=day)).isoformat()
        found.append(
            make_entry(1000 + day, EntryType.CHECKIN, f"{when}T21:00:00", mood=4 if day < 14 else 2)
        )
        if day < 14:
            found.append(
                make_entry(2000 + day, EntryType.MEETING, f"{when}T19:00:00", name="Home group")
            )
        else:
            found.append(make_entry(3000 + day, EntryType.CRAVING, f"{when}T15:00:00", intensity=6))
    return found


@pytest.fixture
def mood_home(home: Path) -> Path:
    build_home(home, fixture_journal(), _entries())
    return home


def _mood_of(run: Run, *args: str) -> Any:
    return json.loads(run(*args, *PERIOD, "--format", "json").stdout).get("mood")


def test_insights_json_holds_the_mood_section(mood_home: Path, run: Run) -> None:
    mood = _mood_of(run, "insights")
    assert (mood["days_with_mood"], mood["average"], mood["min_days"]) == (28, 3.0, 7)
    assert [(w["start"], w["days_with_mood"], w["average"]) for w in mood["weeks"]] == [
        ("2026-10-26", 7, 4.0),
        ("2026-11-02", 7, 4.0),
        ("2026-11-09", 7, 2.0),
        ("2026-11-16", 7, 2.0),
    ]
    meeting, contact, coping = mood["comparisons"]
    assert meeting == {
        "factor": "meeting",
        "tag": None,
        "enough": True,
        "with": {"days": 14, "mood": 4.0, "cravings_per_day": 0.0, "average_intensity": None},
        "without": {"days": 14, "mood": 2.0, "cravings_per_day": 1.0, "average_intensity": 6.0},
        "text": MEETING_TEXT,
    }
    assert (contact["enough"], contact["text"]) == (False, NO_CONTACTS)
    assert coping["factor"] == "coping"


def test_the_insights_screen_shows_mood_by_week_and_the_comparisons(
    mood_home: Path, run: Run
) -> None:
    out = run("insights", *PERIOD, "--format", "plain").stdout
    section = out[out.index("\nMood  from check-ins and notes") :]
    assert "26 Oct" in section and "4.0   (7 days with a mood)" in section
    assert " ".join(MEETING_TEXT.split()) in " ".join(section.split())
    assert " ".join(NO_CONTACTS.split()) in " ".join(section.split())
    assert "not causes" in section
    for word in ("because", "helps", "caused"):
        assert word not in section


def test_spoken_the_weeks_are_sentences_with_the_same_numbers(mood_home: Path, run: Run) -> None:
    spoken = run("--a11y", "insights", *PERIOD).stdout
    section = spoken[spoken.index("\nMood: from check-ins and notes") :]
    assert "  week of 26 Oct: average mood 4.0, 7 days with a mood\n" in section
    assert "  week of 16 Nov: average mood 2.0, 7 days with a mood\n" in section
    assert "#" not in section and "average mood by week" not in section
    assert " ".join(MEETING_TEXT.split()) in " ".join(section.split())


def test_ones_own_report_has_the_mood_section_in_every_format(mood_home: Path, run: Run) -> None:
    insights = _mood_of(run, "insights")
    report = json.loads(run("report", *PERIOD, "--audience", "self", "--format", "json").stdout)
    assert report["mood"] == insights  # the same numbers in both places
    assert report["shared"]["mood"] is True
    for fmt in ("md", "txt", "html"):
        out = run("report", *PERIOD, "--audience", "self", "--format", fmt).stdout
        flat = " ".join(out.split())
        assert MEETING_TEXT in flat, fmt
        assert "Mood averaged 3.0 (1 to 5) over 28 days with a mood" in flat, fmt


@pytest.mark.parametrize("audience", ["sponsor", "clinician"])
def test_another_audiences_report_has_no_mood_unless_it_is_shared(
    mood_home: Path, run: Run, audience: str
) -> None:
    plain = json.loads(run("report", *PERIOD, "--audience", audience, "-f", "json").stdout)
    assert "mood" not in plain and "mood" not in plain["shared"]
    words = run("report", *PERIOD, "--audience", audience, "-f", "txt").stdout
    assert "On days with a meeting" not in words
    shared = json.loads(
        run("report", *PERIOD, "--audience", audience, "-i", "mood", "-f", "json").stdout
    )
    assert shared["mood"]["comparisons"][0]["text"] == MEETING_TEXT


def test_the_demo_journal_has_enough_days_for_every_comparison(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    assert cli("demo", "--home", str(folder)).exit_code == 0
    shown = cli("--home", str(folder), "insights", "--format", "json")
    mood = json.loads(shown.stdout)["mood"]
    found = {c["factor"]: c for c in mood["comparisons"]}
    assert list(found) == ["meeting", "contact", "coping", "sleep"]
    assert all(found[factor]["enough"] for factor in ("meeting", "contact", "sleep"))
    # The demo's cravings nearly all had a coping technique: among the days with a
    # craving, too few without one to compare.
    assert found["coping"]["text"].startswith(
        "Not enough days yet to compare coping techniques on days with a craving:"
    )
    assert found["meeting"]["with"]["mood"] > found["meeting"]["without"]["mood"]
