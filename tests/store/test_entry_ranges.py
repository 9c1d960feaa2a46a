"""Range queries read only the month files a range can touch, and miss nothing.

An entry lives in the month file of its own local time, so around the turn of a month
an entry written with one UTC offset can sit in a different file from an entry at the
same moment written with another. These tests pin both sides: no entry in range is
missed, and a range inside one month reads one file.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.model import Entry, EntryType
from recoverylog.environment import read_environment
from recoverylog.services.workspace import open_workspace
from recoverylog.store.entries import EntryStore


def _entry(number: int, at: datetime) -> Entry:
    return Entry(f"{number:032x}", EntryType.NOTE, at, data={"mood": 3})


def _store(home: Path) -> EntryStore:
    return open_workspace(read_environment().with_home(str(home))).store.entries


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the months whose files are read."""
    read: list[str] = []
    original = EntryStore.load_month

    def load_month(self: EntryStore, month: str) -> list[Entry]:
        read.append(month)
        return original(self, month)

    monkeypatch.setattr(EntryStore, "load_month", load_month)
    return read


def test_a_range_inside_one_month_reads_only_that_month(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(home)
    store.append_many(
        [
            _entry(1, datetime(2026, 10, 20, 12, tzinfo=UTC)),
            _entry(2, datetime(2026, 11, 18, 12, tzinfo=UTC)),
            _entry(3, datetime(2026, 12, 2, 12, tzinfo=UTC)),
        ]
    )
    read = _spy(monkeypatch)
    found = store.iter_range(
        datetime(2026, 11, 17, tzinfo=UTC), datetime(2026, 11, 23, 20, tzinfo=UTC)
    )
    assert [e.id for e in found] == [f"{2:032x}"]
    assert read == ["2026-11"]


def test_the_first_day_of_a_month_also_reads_the_month_before(home: Path) -> None:
    # 23:30 on 31 October at UTC-1 is 00:30 on 1 November in UTC: in range, in October's file.
    west = timezone(timedelta(hours=-1))
    store = _store(home)
    store.append_many([_entry(1, datetime(2026, 10, 31, 23, 30, tzinfo=west))])
    assert (home / "entries" / "2026-10.json").exists()
    found = store.iter_range(datetime(2026, 11, 1, tzinfo=UTC), None)
    assert [e.id for e in found] == [f"{1:032x}"]


def test_the_last_day_of_a_month_also_reads_the_month_after(home: Path) -> None:
    # 00:30 on 1 December at UTC+2 is 22:30 on 30 November in UTC: in December's file.
    east = timezone(timedelta(hours=2))
    store = _store(home)
    store.append_many([_entry(1, datetime(2026, 12, 1, 0, 30, tzinfo=east))])
    found = store.iter_range(None, datetime(2026, 11, 30, 23, 59, tzinfo=UTC))
    assert [e.id for e in found] == [f"{1:032x}"]


def test_ranges_at_the_ends_of_the_calendar(home: Path) -> None:
    store = _store(home)
    store.append_many([_entry(1, datetime(2026, 11, 18, 12, tzinfo=UTC))])
    assert len(store.iter_range(datetime.min.replace(tzinfo=UTC), None)) == 1
    assert len(store.iter_range(None, datetime.max.replace(tzinfo=UTC))) == 1


# Moments within two days of the turn of January and of February 2026, with offsets
# anywhere from UTC-23:59 to UTC+23:59.
_offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
_moments = st.builds(
    lambda turn, minutes, tz: (turn + timedelta(minutes=minutes)).astimezone(tz),
    st.sampled_from([datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)]),
    st.integers(-2 * 24 * 60, 2 * 24 * 60),
    _offsets,
)


@settings(max_examples=60, deadline=None)
@given(
    moments=st.lists(_moments, min_size=1, max_size=12),
    since=st.none() | _moments,
    until=st.none() | _moments,
)
def test_a_range_holds_exactly_the_entries_between_its_ends(
    moments: list[datetime], since: datetime | None, until: datetime | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _store(Path(folder) / "home")
        entries = [_entry(n, at) for n, at in enumerate(moments)]
        store.append_many(entries)
        expected = {
            e.id
            for e in entries
            if (since is None or e.at >= since) and (until is None or e.at <= until)
        }
        found = store.iter_range(since, until)
        assert sorted(e.id for e in found) == sorted(expected)
        assert len(found) == len(expected)


@settings(max_examples=60, deadline=None)
@given(
    moments=st.lists(_moments, min_size=1, max_size=12),
    since=st.none() | _moments,
    until=st.none() | _moments,
)
def test_the_months_between_two_moments_hold_the_whole_range_oldest_first(
    moments: list[datetime], since: datetime | None, until: datetime | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _store(Path(folder) / "home")
        store.append_many([_entry(n, at) for n, at in enumerate(moments)])
        months = store.months_between(since, until)
        assert months == sorted(months)
        read = [
            e.id
            for month in months
            for e in store.load_month(month)
            if (since is None or e.at >= since) and (until is None or e.at <= until)
        ]
        assert read == [e.id for e in store.iter_range(since, until)]
