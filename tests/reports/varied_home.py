"""A journal of many months and every kind of entry, made from a fixed seed.

For the tests that check a report stays the same however it is computed: two clocks
with lapses, people, goals, and entries in summer and winter time, some on the edges of
months, with names and hidden words in their free text.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from report_fixture import build_home

from recoverylog.domain.model import Clock, Entry, EntryType, Journal, Lapse, Technique

FIRST_DAY = date(2025, 6, 20)
LAST_DAY = date(2026, 11, 23)  # "now" in the tests
PEOPLE = ("Dana Fox", "Sam", "Priya Shah")
TECHNIQUES = ("urge surfing", "Call Sam", "walk", "tea")
TRIGGERS = ("after work", "payday", "Dana", "wedding", "Bar Luna", "tired evenings")
WINTER, SUMMER = UTC, timezone(timedelta(hours=1))


def varied_journal() -> Journal:
    def lapse(number: int, day: str, hour: int, triggers: list[str]) -> Lapse:
        at = datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")
        restart = at.date() + timedelta(days=1)
        return Lapse(f"1a5e{number:04x}", at, restart, note=f"With Sam, {day}.", triggers=triggers)

    alcohol = Clock(
        "alcohol",
        date(2025, 7, 1),
        lapses=[lapse(1, "2025-12-24", 22, ["party", "Dana"]), lapse(2, "2026-11-19", 21, [])],
    )
    nicotine = Clock("nicotine", date(2025, 9, 15), lapses=[lapse(3, "2026-03-02", 9, ["coffee"])])
    return Journal(
        clocks=[alcohol, nicotine],
        toolkit=[Technique(name) for name in TECHNIQUES],
        people=[
            {"name": "Dana Fox", "role": "sponsor"},
            {"name": "Priya Shah", "role": "counsellor"},
        ],
        goals={
            "meetings": {"count": 90, "days": 90, "start": date(2026, 9, 1)},
            "contacts": {"count": 3, "days": 7, "start": date(2025, 8, 4), "repeat": True},
        },
    )


def varied_entries(seed: int = 14) -> list[Entry]:
    rng = random.Random(seed)
    entries: list[Entry] = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        for _ in range(rng.randint(0, 5)):
            entries.append(_entry(rng, len(entries) + 1, day))
        day += timedelta(days=1)
    return entries


def _entry(rng: random.Random, number: int, day: date) -> Entry:
    zone = SUMMER if 4 <= day.month <= 10 else WINTER
    # Some entries just before or after midnight, so months and days meet at the edges.
    minute = rng.choice([rng.randint(0, 1439), 5, 1435])
    at = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)
    kind = rng.choice(list(EntryType))
    clock = rng.choice(["alcohol", "alcohol", "nicotine", None])
    note = rng.choice([None, None, "A hard one, told Dana.", f"Note {number}, tea helped."])
    data = _FIELDS[kind](rng, number)
    return Entry(f"{number:032x}", kind, at, clock, note, [], data, created=at)


def _craving(rng: random.Random, number: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "intensity": rng.randint(1, 10),
        "triggers": rng.sample(TRIGGERS, rng.randint(0, 2)),
        "halt": rng.sample(["hungry", "angry", "lonely", "tired"], rng.randint(0, 2)),
        "coping": rng.sample(TECHNIQUES, rng.randint(0, 2)),
        "outcome": rng.choice(["passed", "passed", "used", None]),
    }
    if rng.random() < 0.7:
        data["duration_min"] = rng.randint(1, 60)
    return {key: value for key, value in data.items() if value is not None}


def _coping(rng: random.Random, number: int) -> dict[str, Any]:
    technique = rng.choice([*TECHNIQUES, "URGE surfing"])
    return {"technique": technique, "helped": rng.randint(1, 5), "craving_id": f"{number - 1:032x}"}


def _trigger(rng: random.Random, number: int) -> dict[str, Any]:
    kind = rng.choice(["people", "place", "emotion", None])
    text = rng.choice(["Sam at lunch", "Jordan", "the pub", "Bar Luna", "bored"])
    return {"text": text, **({"kind": kind} if kind else {})}


def _meeting(rng: random.Random, number: int) -> dict[str, Any]:
    return {
        "name": rng.choice(["Sunday group", "Dana's home group", "Lunchtime"]),
        "fellowship": rng.choice(["AA", "SMART", None]),
        "online": rng.random() < 0.4,
    }


def _note(rng: random.Random, number: int) -> dict[str, Any]:
    return {"mood": rng.randint(1, 5)} if rng.random() < 0.6 else {}


def _contact(rng: random.Random, number: int) -> dict[str, Any]:
    return {"person": rng.choice([*PEOPLE, "Jordan Lee"]), "via": rng.choice(["phone", "text"])}


def _checkin(rng: random.Random, number: int) -> dict[str, Any]:
    data = {
        "clean": rng.random() < 0.85,
        "difficulty": rng.choice(["easy", "ok", "hard"]),
        "mood": rng.randint(1, 5),
        "gratitude": rng.sample(["my sister", "Sam", "sleep", "the sea"], rng.randint(0, 2)),
        "intention": rng.choice([None, "call Dana", "one day at a time"]),
        "tomorrow": rng.choice([None, "early meeting"]),
    }
    return {key: value for key, value in data.items() if value is not None}


def _selfcheck(rng: random.Random, number: int) -> dict[str, Any]:
    answers = [rng.randint(0, 6) for _ in range(5)]
    return {"answers": answers, "total": sum(answers)}


_FIELDS = {
    EntryType.CRAVING: _craving,
    EntryType.COPING: _coping,
    EntryType.TRIGGER: _trigger,
    EntryType.MEETING: _meeting,
    EntryType.NOTE: _note,
    EntryType.CONTACT: _contact,
    EntryType.CHECKIN: _checkin,
    EntryType.SELFCHECK: _selfcheck,
}


def build_varied_home(home: Path) -> None:
    build_home(home, varied_journal(), varied_entries())
