"""A small journal whose report numbers were worked out by hand (see test_report_numbers).

"Now" is Monday 2026-11-23 20:00 UTC (tests/conftest.py), so the default report period
is Tuesday 17 to Monday 23 November and the period before it is 10 to 16 November.
Marker strings sit in every private place, so tests can check what a report shares.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from recoverylog.domain.model import Clock, Entry, EntryType, Journal, Lapse, Technique
from recoverylog.environment import read_environment
from recoverylog.services.workspace import open_workspace

NOTE_MARKER = "NOTE-MARKER-7Q"
LAPSE_MARKER = "LAPSE-MARKER-3K"
JOURNAL_MARKER = "JOURNAL-MARKER-9Z"
PERSON_MARKER = "PERSONMARKER Dana"
MARKERS = (NOTE_MARKER, LAPSE_MARKER, JOURNAL_MARKER, "PERSONMARKER")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


def make_entry(
    number: int, type_: EntryType, when: str, note: str | None = None, **data: Any
) -> Entry:
    moment = at(when)
    return Entry(f"{number:032x}", type_, moment, "alcohol", note, [], data, created=moment)


def fixture_journal() -> Journal:
    clock = Clock(
        "alcohol",
        date(2026, 10, 1),
        lapses=[
            Lapse(
                "1a5e0001",  # a lapse id as recoverylog makes them: hex, found by show
                at("2026-11-19T21:00:00"),
                date(2026, 11, 20),
                note=f"At the wedding. {LAPSE_MARKER}",
                triggers=["wedding", "open bar"],
            )
        ],
        created=at("2026-10-01T09:00:00"),
    )
    return Journal(
        clocks=[clock],
        toolkit=[Technique("urge surfing"), Technique("call sponsor")],
        people=[{"name": PERSON_MARKER, "role": "sponsor"}],
        goals={"meetings": {"count": 90, "days": 90, "start": date(2026, 11, 1)}},
    )


def fixture_entries() -> list[Entry]:
    craving, coping, meeting = EntryType.CRAVING, EntryType.COPING, EntryType.MEETING
    return [
        # The week before (10-16 Nov): 2 cravings, average 5.5, strongest 6; a meeting.
        make_entry(1, craving, "2026-11-12T10:00:00", intensity=5, outcome="passed"),
        make_entry(2, craving, "2026-11-14T21:00:00", intensity=6, outcome="passed"),
        make_entry(3, meeting, "2026-11-15T19:00:00", name="Sunday group", fellowship="AA"),
        # This week (17-23 Nov).
        make_entry(
            10,
            craving,
            "2026-11-17T08:30:00",
            intensity=4,
            triggers=["after work"],
            halt=["tired"],
            coping=["urge surfing"],
            outcome="passed",
            duration_min=10,
        ),
        make_entry(
            11,
            coping,
            "2026-11-17T08:50:00",
            technique="urge surfing",
            helped=4,
            craving_id=f"{10:032x}",
        ),
        make_entry(
            12,
            craving,
            "2026-11-17T21:15:00",
            intensity=8,
            triggers=["payday", "after work"],
            halt=["lonely", "tired"],
            coping=["call sponsor"],
            outcome="passed",
            duration_min=20,
        ),
        make_entry(
            13, meeting, "2026-11-18T12:00:00", name="Lunchtime", fellowship="AA", online=False
        ),
        make_entry(
            14,
            craving,
            "2026-11-19T20:45:00",
            intensity=9,
            triggers=["wedding"],
            halt=["angry"],
            outcome="used",
        ),
        make_entry(15, EntryType.CONTACT, "2026-11-20T18:00:00", person=PERSON_MARKER, via="phone"),
        make_entry(
            16, EntryType.NOTE, "2026-11-20T22:00:00", f"Long day. {JOURNAL_MARKER}", mood=3
        ),
        make_entry(
            17,
            craving,
            "2026-11-21T21:40:00",
            f"Rode it out. {NOTE_MARKER}",
            intensity=3,
            triggers=["after work"],
            coping=["urge surfing"],
            outcome="passed",
            duration_min=15,
        ),
        make_entry(
            18,
            coping,
            "2026-11-21T22:00:00",
            technique="urge surfing",
            helped=5,
            craving_id=f"{17:032x}",
        ),
        make_entry(
            19,
            meeting,
            "2026-11-22T19:00:00",
            name="Sunday online",
            fellowship="SMART",
            online=True,
        ),
    ]


def build_home(home: Path, journal: Journal, entries: list[Entry]) -> None:
    ws = open_workspace(read_environment().with_home(str(home)))
    with ws.store.writing():
        ws.store.save_journal(journal)
        ws.store.entries.append_many(entries)
