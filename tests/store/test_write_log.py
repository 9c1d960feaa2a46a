"""What a block of writes tells the glance: the check-ins' times of each month written,
never the months' entries (an import writes every month in one block, and holding
them all would make its memory grow with the journal)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from store_helpers import NOW, craving, open_store

from recoverylog.domain.model import Entry, EntryType
from recoverylog.store.home import WriteLog


def checkin(number: int) -> Entry:
    at = NOW - timedelta(days=40)
    return Entry(f"{number:032x}", EntryType.CHECKIN, at, None, None, [], {"clean": True})


def test_a_block_of_writes_hands_on_only_the_check_ins_times(home: Path) -> None:
    store = open_store(home)
    told: list[WriteLog] = []
    store.after_writes = told.append
    with store.writing():
        store.entries.append_many(
            [craving(n, NOW - timedelta(days=n * 10)) for n in range(1, 9)] + [checkin(99)]
        )
    (log,) = told
    assert set(log.months) == {"2026-09", "2026-10", "2026-11"}
    assert log.months["2026-10"] == [checkin(99).at.isoformat()]
    assert all(at == [] or month == "2026-10" for month, at in log.months.items())
    assert all(isinstance(at, str) for times in log.months.values() for at in times)
