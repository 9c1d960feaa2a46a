"""The merge of two computers' versions of a file: the same answer on both, the later
change winning, deletions kept, nothing else dropped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.sync_merge import (
    Version,
    journal_doc,
    journal_items,
    keep_clocks_of_lapses,
    merge_versions,
    month_doc,
    month_version,
    record_changes,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


KEYS = st.sampled_from(["a", "b", "c", "d", "e"])
VALUES = st.sampled_from(["x", "y", "z"])
TIMES = st.integers(min_value=0, max_value=4).map(at)


@st.composite
def versions(draw: st.DrawFn) -> Version:
    items = draw(st.dictionaries(KEYS, VALUES, max_size=5))
    changed = {key: draw(TIMES) for key in items if draw(st.booleans())}
    deleted = draw(st.dictionaries(KEYS.filter(lambda k: k not in items), TIMES, max_size=3))
    return Version(items, changed, deleted)


def same(a: Version, b: Version) -> bool:
    return (a.items, a.changed, a.deleted) == (b.items, b.changed, b.deleted)


@settings(max_examples=300, derandomize=True)
@given(versions(), versions())
def test_both_computers_come_to_the_same_version(ours: Version, theirs: Version) -> None:
    one, _ = merge_versions(ours, theirs)
    other, _ = merge_versions(theirs, ours)
    assert same(one, other)
    again, brought = merge_versions(one, theirs)  # merging what is merged changes nothing
    assert same(again, one) and brought.total == 0


@settings(max_examples=300, derandomize=True)
@given(versions(), versions(), versions())
def test_three_versions_merge_alike_in_any_order(a: Version, b: Version, c: Version) -> None:
    first = merge_versions(merge_versions(a, b)[0], c)[0]
    second = merge_versions(a, merge_versions(b, c)[0])[0]
    assert same(first, second)


@settings(max_examples=300, derandomize=True)
@given(versions(), versions())
def test_an_item_goes_only_when_a_later_deletion_says_so(ours: Version, theirs: Version) -> None:
    merged, _ = merge_versions(ours, theirs)
    for side in (ours, theirs):
        for key in side.items:
            if key in merged.items:
                continue
            deleted = max(
                (v.deleted[key] for v in (ours, theirs) if key in v.deleted), default=None
            )
            assert deleted is not None and deleted >= side.changed.get(key, T0 - timedelta(1))


def test_the_later_change_wins_whichever_side_it_is_on() -> None:
    old = Version({"p": "old phone"}, {"p": at(1)})
    new = Version({"p": "new phone"}, {"p": at(2)})
    for ours, theirs in ((old, new), (new, old)):
        assert merge_versions(ours, theirs)[0].items == {"p": "new phone"}


def test_a_deletion_after_the_last_change_removes_the_item_and_is_counted() -> None:
    kept = Version({"p": "Sam"}, {"p": at(1)})
    deleting = Version({}, {}, {"p": at(2)})
    merged, brought = merge_versions(kept, deleting)
    assert merged.items == {} and merged.deleted == {"p": at(2)} and brought.removed == 1


def test_a_change_after_the_deletion_brings_the_item_back_and_ends_the_tombstone() -> None:
    changed = Version({"p": "Sam, new phone"}, {"p": at(3)})
    deleting = Version({}, {}, {"p": at(2)})
    merged, brought = merge_versions(deleting, changed)
    assert merged.items == {"p": "Sam, new phone"} and merged.deleted == {}
    assert brought.added == 1


def test_an_item_that_never_said_when_it_changed_loses_to_any_deletion() -> None:
    merged, _ = merge_versions(Version({"p": "Sam"}), Version({}, {}, {"p": at(0)}))
    assert merged.items == {}


def test_a_save_stamps_what_changed_and_leaves_tombstones_for_what_went() -> None:
    before = {"person:sam": {"name": "Sam"}, "plan:reasons": ["my kids"]}
    history = Version(before, {"person:sam": at(0)}, {})
    after = {"person:sam": {"name": "Sam", "phone": "1"}, "goal:meetings": {"count": 3}}
    saved = record_changes(before, after, history, at(5))
    assert saved.changed == {"person:sam": at(5), "goal:meetings": at(5)}
    assert saved.deleted == {"plan:reasons": at(5)}
    unchanged = record_changes(after, after, saved, at(9))
    assert unchanged.changed == saved.changed


def test_month_entries_merge_by_id_with_their_own_edit_times() -> None:
    def entry(entry_id: str, note: str, updated: str | None = None) -> dict[str, object]:
        raw: dict[str, object] = {"id": entry_id, "type": "note", "at": "2026-12-01T09:00:00+00:00"}
        raw["note"] = note
        if updated:
            raw["updated"] = updated
        return raw

    ours = {
        "schema_version": 2,
        "month": "2026-12",
        "entries": [entry("e1", "mine"), entry("e2", "edited here", "2026-12-02T10:00:00+00:00")],
    }
    theirs = {
        "schema_version": 2,
        "month": "2026-12",
        "deleted": {"e1": "2026-12-03T10:00:00+00:00"},
        "entries": [entry("e2", "edited there", "2026-12-02T11:00:00+00:00"), entry("e3", "new")],
    }
    merged, brought = merge_versions(month_version(ours), month_version(theirs))
    doc = month_doc(ours, merged)
    assert [(e["id"], e["note"]) for e in doc["entries"]] == [("e2", "edited there"), ("e3", "new")]
    assert doc["deleted"] == {"e1": "2026-12-03T10:00:00+00:00"}
    assert (brought.added, brought.replaced, brought.removed) == (1, 1, 1)


JOURNAL = {
    "clocks": [
        {
            "name": "Alcohol",
            "clean_since": "2026-11-01",
            "celebrated_through": "2026-11-08",
            "lapses": [{"id": "l1", "at": "2026-11-20T21:00:00+00:00"}],
        }
    ],
    "toolkit": [{"name": "Breathing"}],
    "people": [{"name": "Sam", "role": "sponsor"}],
    "plan": {"reasons": ["my kids"]},
    "goals": {"meetings": {"count": 3, "days": 7}},
    "theme": "quiet",
}


def test_the_journal_comes_apart_into_items_and_back() -> None:
    items = journal_items(JOURNAL)
    assert set(items) == {
        "clock:alcohol",
        "lapse:alcohol:l1",
        "technique:breathing",
        "person:sam",
        "plan:reasons",
        "goal:meetings",
        "setting:theme",
    }
    back = journal_doc(Version(items), {"alcohol": "2026-11-08"})
    assert back == {**JOURNAL}


def test_a_lapse_on_a_clock_deleted_elsewhere_keeps_its_clock() -> None:
    items = journal_items(JOURNAL)
    deleting = Version({}, {}, {"clock:alcohol": at(1), "lapse:alcohol:l1": at(1)})
    lapsing = Version(
        {**items, "lapse:alcohol:l2": {"id": "l2", "at": "2026-12-01T09:00:00+00:00"}},
        {"lapse:alcohol:l2": at(2)},
    )
    merged, _ = merge_versions(deleting, lapsing)
    keep_clocks_of_lapses(merged, deleting, lapsing)
    assert "clock:alcohol" in merged.items and "lapse:alcohol:l2" in merged.items
    assert "lapse:alcohol:l1" not in merged.items


def test_an_entry_in_two_months_stays_only_where_it_changed_last() -> None:
    from recoverylog.domain.sync_merge import settle_moves

    moved = Version({"e": "moved, at 09:10"}, {"e": at(10)})
    edited = Version({"e": "edited where it was"}, {"e": at(20)}, {})
    changed = settle_moves({"2026-10": moved, "2026-12": edited})
    assert set(changed) == {"2026-10"}
    assert changed["2026-10"].items == {} and changed["2026-10"].deleted == {"e": at(20)}
    assert settle_moves({"2026-10": edited, "2026-12": moved})["2026-12"].items == {}


def test_a_later_deletion_in_the_old_month_removes_the_moved_entry() -> None:
    from recoverylog.domain.sync_merge import settle_moves

    moved = Version({"e": "moved"}, {"e": at(10)})
    deleted_later = Version({}, {}, {"e": at(20)})
    changed = settle_moves({"2026-10": moved, "2026-12": deleted_later})
    assert changed["2026-10"].items == {} and changed["2026-10"].deleted == {"e": at(20)}


def test_the_tombstone_a_move_leaves_does_not_remove_the_moved_entry() -> None:
    from recoverylog.domain.sync_merge import settle_moves

    moved = Version({"e": "moved"}, {"e": at(10)})
    left_behind = Version({}, {}, {"e": at(10)})  # the move itself, at the same moment
    assert settle_moves({"2026-10": moved, "2026-12": left_behind}) == {}
