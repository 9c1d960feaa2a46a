"""Shared tools for the store tests: a Store on the test home, sample records, snapshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from recoverylog.domain.model import Clock, Entry, EntryType, Journal, Lapse, Technique
from recoverylog.paths import resolve_layout
from recoverylog.store.files import FileIO
from recoverylog.store.home import Store

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))
MINUS_FIVE = timezone(timedelta(hours=-5))


def open_store(home: Path) -> Store:
    layout = resolve_layout(home)
    return Store(layout, FileIO(layout), NOW)


def files_under(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` by relative path, with its bytes."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def sample_journal() -> Journal:
    """A journal that uses every field the journal file holds."""
    alcohol = Clock(
        name="alcohol",
        clean_since=date(2026, 8, 31),
        cost_per_day=12.5,
        hours_per_day=2.0,
        scheme="na",
        reset_on_lapse=False,
        lapses=[
            Lapse(
                id="a1b2c3d4",
                at=datetime(2026, 10, 3, 21, 30, tzinfo=PLUS_TWO),
                restart=date(2026, 10, 4),
                note="Wedding. Left early.",
                triggers=["wedding", "open bar"],
            )
        ],
        created=datetime(2026, 8, 31, 9, 15, tzinfo=UTC),
        celebrated_through=date(2026, 11, 3),
    )
    nicotine = Clock(name="nicotine", clean_since=date(2026, 11, 20))
    return Journal(
        clocks=[alcohol, nicotine],
        toolkit=[Technique("urge surfing", "ride the wave"), Technique("call sponsor")],
        people=[{"name": "Sam", "role": "sponsor", "phone": "555-0100"}],
        plan={"warning_signs": ["skipping meals"], "reasons": "my kids"},
        goals={"meetings": {"count": 90, "days": 90, "start": "2026-11-01"}},
    )


def craving(number: int, at: datetime, **data: object) -> Entry:
    fields: dict[str, object] = {
        "intensity": 6,
        "duration_min": 20,
        "triggers": ["after work"],
        "halt": ["tired"],
        "coping": ["urge surfing"],
        "outcome": "passed",
    }
    fields.update(data)
    return Entry(
        id=f"{number:032x}",
        type=EntryType.CRAVING,
        at=at,
        clock="alcohol",
        note=f"craving number {number}",
        tags=["work"],
        data=fields,
        created=at,
    )
