"""Which version of each file a git merge keeps (domain/git_sync.choose)."""

from __future__ import annotations

from recoverylog.domain.git_sync import Choice, choose


def mergeable(path: str) -> bool:
    return path.endswith(".json") or path == "journal.toml"


def test_a_side_that_did_not_change_a_file_takes_the_others() -> None:
    base = {"a.json": 1, "b.json": 1, "gone.json": 1, "left.json": 1}
    ours = {"a.json": 2, "b.json": 1, "left.json": 1}
    theirs = {"a.json": 1, "b.json": 3, "gone.json": 1}
    assert choose(ours, theirs, base, mergeable) == {
        "a.json": Choice.OURS,
        "b.json": Choice.THEIRS,
        "gone.json": Choice.OURS,  # deleted here, unchanged there: stays deleted
        "left.json": Choice.THEIRS,  # deleted there, unchanged here: deleted
    }


def test_a_file_changed_on_both_is_merged_or_this_sides_kept() -> None:
    base = {"journal.toml": 1, "templates/a.md": 1}
    ours = {"journal.toml": 2, "templates/a.md": 2}
    theirs = {"journal.toml": 3, "templates/a.md": 3}
    assert choose(ours, theirs, base, mergeable) == {
        "journal.toml": Choice.MERGE,
        "templates/a.md": Choice.KEPT,
    }


def test_a_change_beats_a_deletion_and_files_new_on_both_are_merged() -> None:
    base = {"a.json": 1, "b.json": 1}
    ours = {"a.json": 2, "new.json": 5}
    theirs = {"b.json": 2, "new.json": 6, "same.json": 7}
    assert choose({**ours, "same.json": 7}, theirs, base, mergeable) == {
        "a.json": Choice.OURS,
        "b.json": Choice.THEIRS,
        "new.json": Choice.MERGE,
    }
