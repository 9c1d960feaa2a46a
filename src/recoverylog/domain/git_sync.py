"""`recoverylog sync` over git: which version of each file a merge keeps, and the record
of what a sync did. Pure rules; services/git_sync.py runs git and merges the files.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)

# What recoverylog writes in the commits it makes: nothing of what the journal holds.
CHANGES_MESSAGE = "Journal changes"
MERGE_MESSAGE = "Journal merged from two computers"
IGNORE_MESSAGE = "Keep each computer's own files out of the journal's repository"

# Each computer's own files, kept out of git (see docs/sync.md): the writer lock,
# scratch files and drafts, counts kept for reports, its backups, what the prompt and
# the greeting show here, and the reminders set in its own scheduler.
OWN_FILES = (
    *("/.lock", "/tmp/", "/cache/", "/backups/"),
    *("/glance.json", "/greeted", "/notices.txt", "/reminders.toml"),
)
IGNORE_HEADER = "# Each computer's own files: recoverylog keeps them out of git.\n"


class Choice(Enum):
    OURS = "ours"  # this computer's version (or its deletion) stays
    THEIRS = "theirs"  # the other computer's version (or its deletion) is taken
    MERGE = "merge"  # both changed a file recoverylog can merge: merged
    KEPT = "kept"  # both changed a file recoverylog cannot merge: this computer's stays


def choose(
    ours: Mapping[str, Item],
    theirs: Mapping[str, Item],
    base: Mapping[str, Item],
    mergeable: Callable[[str], bool],
) -> dict[str, Choice]:
    """For every file that differs between the two sides, which version the merge
    keeps. A side that did not change a file since the two last met (``base``) takes
    the other's; a file changed on both is merged when recoverylog knows how; a file
    changed on one side and deleted on the other is kept, so nothing is lost."""
    chosen = {}
    for path in sorted(ours.keys() | theirs.keys()):
        mine, other, before = ours.get(path), theirs.get(path), base.get(path)
        if mine == other:
            continue
        if other == before:
            chosen[path] = Choice.OURS
        elif mine == before or mine is None:
            chosen[path] = Choice.THEIRS
        elif other is None:
            chosen[path] = Choice.OURS
        else:
            chosen[path] = Choice.MERGE if mergeable(path) else Choice.KEPT
    return chosen


@dataclass
class Synced:
    """What one `recoverylog sync` did."""

    remote: str  # the remote's name, e.g. "origin"
    branch: str  # its branch
    committed: bool = False  # changes made here (or the .gitignore) were committed first
    sent: int = 0  # files the remote now has from this computer
    received: int = 0  # files this computer now has from the remote
    first_push: bool = False  # the remote's branch had no journal yet
    merged: list[str] = field(default_factory=list)  # files merged from both sides
    kept: list[str] = field(default_factory=list)  # changed on both, this side's kept
