"""Small builders for hand-computed insight fixtures."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count
from typing import Any

from recoverylog.domain.model import Clock, Entry, EntryType, Lapse

_ids = count(1)


def at(text: str) -> datetime:
    """An ISO time; UTC unless it carries its own offset."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = datetime.fromisoformat(text + "+00:00")
    return moment


def entry(type_: EntryType, when: str, clock: str | None = "alcohol", **data: Any) -> Entry:
    entry_id = data.pop("id", None) or f"{next(_ids):032x}"
    return Entry(entry_id, type_, at(when), clock, None, [], data)


def craving(when: str, intensity: int, **data: Any) -> Entry:
    return entry(EntryType.CRAVING, when, intensity=intensity, **data)


def trigger(when: str, text: str, kind: str | None = None) -> Entry:
    return entry(EntryType.TRIGGER, when, text=text, kind=kind)


def coping(when: str, technique: str, helped: int | None = None, link: str | None = None) -> Entry:
    return entry(EntryType.COPING, when, technique=technique, helped=helped, craving_id=link)


def selfcheck(when: str, answers: list[int], clock: str | None = "alcohol") -> Entry:
    return entry(EntryType.SELFCHECK, when, clock, answers=answers, total=sum(answers))


def clock(since: date, *lapses: tuple[str, date], name: str = "alcohol") -> Clock:
    return Clock(
        name,
        since,
        lapses=[Lapse(f"l{i}", at(moment), restart) for i, (moment, restart) in enumerate(lapses)],
    )


def coping_fixture() -> list[Entry]:
    """Six cravings and four coping entries in the week of 2 Nov 2026, with the
    techniques tied to them in every way an entry can (see test_coping_effectiveness_by_hand)."""
    c1 = craving("2026-11-02T18:00", 5, coping=["call sponsor"], outcome="passed")
    c2 = craving("2026-11-03T18:00", 5, coping=["call sponsor", "breathing"], outcome="passed")
    c3 = craving("2026-11-04T18:00", 5, coping=["breathing"], outcome="used")
    c4 = craving("2026-11-05T18:00", 5, coping=[], outcome="used")
    c5 = craving("2026-11-06T18:00", 5, coping=[], outcome="passed")
    c6 = craving("2026-11-07T18:00", 5, coping=["call sponsor"])
    return [
        c1,
        c2,
        c3,
        c4,
        c5,
        c6,
        coping("2026-11-02T18:20", "Call Sponsor", 5, link=c1.id),  # already listed in c1
        coping("2026-11-06T18:20", "breathing", 2, link=c5.id),  # adds breathing to c5
        coping("2026-11-07T10:00", "go for a walk", 4),  # no craving
        coping("2026-11-08T10:00", "go for a walk", 3, link="f" * 32),  # craving not here
    ]


def mixed_fixture() -> list[Entry]:
    """The coping fixture with one craving the week before, a trigger, a self-check and
    a craving about another clock."""
    return [
        craving("2026-10-28T18:00", 9, outcome="used"),  # the week before
        *coping_fixture(),
        craving("2026-11-06T21:00", 8, triggers=["payday"], halt=["tired"], outcome="passed"),
        trigger("2026-11-06T20:00", "payday", "thing"),
        selfcheck("2026-11-08T20:00", [2, 3, 1, 0, 2]),
        entry(EntryType.CRAVING, "2026-11-04T18:00", "nicotine", intensity=2),
    ]
