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
