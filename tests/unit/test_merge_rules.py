"""The merge rules of an import, on their own: no home, no files, only records."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from recoverylog.domain.merge import (
    SETTING_WHY,
    Conflict,
    MergeTally,
    merge_journal,
    merge_settings,
    plan_entries,
    take_theirs,
)
from recoverylog.domain.model import Clock, Entry, EntryType, Journal, Lapse

NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ID = "3f2a1b2c" * 4


def stamped(hours: int) -> dict[str, str]:
    return {"updated": (NOON + timedelta(hours=hours)).isoformat()}


def test_the_newer_copy_wins_when_both_say_when() -> None:
    tally = MergeTally()
    assert take_theirs(tally, "goal 'x'", "goals", "they differ", stamped(0), stamped(1))
    assert tally.replaced == {"goals": 1}
    assert tally.conflicts == [
        Conflict("goal 'x'", "imported", "they differ; it was changed more recently")
    ]


def test_yours_stays_on_a_tie_or_without_a_time_of_change() -> None:
    tally = MergeTally()
    assert not take_theirs(tally, "a", "goals", "they differ", stamped(0), stamped(0))
    assert not take_theirs(tally, "b", "goals", "they differ", {}, stamped(5))
    assert [c.kept for c in tally.conflicts] == ["yours", "yours"]
    assert "at the same time" in tally.conflicts[0].why
    assert "neither copy says" in tally.conflicts[1].why
    assert tally.changes == 0


def note(at: datetime, text: str, updated: datetime | None = None) -> Entry:
    return Entry(ID, EntryType.NOTE, at, note=text, created=at, updated=updated)


def test_entries_merge_by_id_and_by_their_latest_edit() -> None:
    mine = note(NOON, "first words")
    same_elsewhere = note(NOON.astimezone(timezone(timedelta(hours=9))), "first words")
    tally = MergeTally()
    assert plan_entries({ID: mine}, [same_elsewhere], tally) == ([], [])
    assert tally.unchanged == 1

    edited = note(NOON, "edited", updated=NOON + timedelta(days=1))
    tally = MergeTally()
    assert plan_entries({ID: mine}, [edited, mine], tally) == ([], [(mine, edited)])
    assert tally.updated == 1 and len(tally.notices) == 1  # the same id twice in a file

    new = replace(edited, id="a" * 32)
    tally = MergeTally()
    assert plan_entries({}, [new], tally) == ([new], [])
    assert tally.added == {"entries": 1}


def test_settings_keep_yours_and_add_what_is_missing() -> None:
    tally = MergeTally()
    current = {"currency": "£", "report": {"hide": ["people"]}}
    incoming = {"currency": "$", "week_starts": "sunday", "report": {"hide": [], "paper": "a4"}}
    merged, added = merge_settings(current, incoming, tally)
    assert merged == {
        "currency": "£",
        "week_starts": "sunday",
        "report": {"hide": ["people"], "paper": "a4"},
    }
    assert added == 2
    assert [c.what for c in tally.conflicts] == ["setting 'currency'", "setting 'report.hide'"]
    assert {c.why for c in tally.conflicts} == {SETTING_WHY}


def test_a_journal_merges_clocks_and_lapses_by_name_and_id() -> None:
    lapse = Lapse("1a2b3c4d", NOON, date(2026, 11, 21))
    mine = Journal(clocks=[Clock("alcohol", date(2026, 1, 1))])
    theirs = Journal(
        clocks=[
            Clock("alcohol", date(2026, 1, 1), lapses=[lapse]),
            Clock("nicotine", date(2026, 3, 1)),
        ]
    )
    tally = MergeTally()
    merged = merge_journal(mine, theirs, tally)
    assert [c.name for c in merged.clocks] == ["alcohol", "nicotine"]
    assert merged.clocks[0].lapses == [lapse]
    assert tally.added == {"lapses": 1, "clocks": 1}

    again = MergeTally()
    merge_journal(merged, theirs, again)
    assert again.added == {} and again.unchanged == 1
