"""The copies sync tools keep when two computers changed the same file: which tool made
one, and of which file. Pure: names only.

- Syncthing: ``2026-11.sync-conflict-20261123-201500-ABCDEF1.json``
- Dropbox: ``journal (Sam's conflicted copy 2026-11-23).toml``, also with a number after
  the date, as in ``(conflicted copy 2026-11-23 (1))``
- Nextcloud: ``journal (conflicted copy 2026-11-23 201500).toml``, and the older
  ``journal_conflict-20261123-201500.toml``
- iCloud Drive: ``journal 2.toml``"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

_EXT = r"(?P<ext>\.[^.]+)?$"
_FORMS = (
    ("Syncthing", r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]+" + _EXT),
    ("Dropbox", r"^(?P<stem>.+) \([^()]*'s conflicted copy [^()]*(\(\d+\))?\)" + _EXT),
    ("Dropbox or Nextcloud", r"^(?P<stem>.+) \(conflicted copy [^()]*(\(\d+\))?\)" + _EXT),
    ("Nextcloud", r"^(?P<stem>.+)_conflict-\d{8}-\d{6}" + _EXT),
    ("iCloud Drive", r"^(?P<stem>.+) (?:[2-9]|[1-9]\d+)" + _EXT),
)


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled on first use: most commands find no copy to look at."""
    return tuple((tool, re.compile(form)) for tool, form in _FORMS)


# The kinds of the home's files a sync tool may keep a copy of.
MONTH, JOURNAL, SETTINGS, CRISIS = "month", "journal", "settings", "crisis"


class ConflictCopy(NamedTuple):
    original: str  # the name of the file it is a copy of
    tool: str  # the sync tool that names copies so


def conflict_copy(name: str, ours: Callable[[str], bool]) -> ConflictCopy | None:
    """What ``name`` is a conflict copy of, when that is a file name recoverylog keeps
    (``ours``: 'notes 2.txt' is a copy only where 'notes.txt' is one of its files);
    None when it is none."""
    for tool, form in _compiled():
        match = form.match(name)
        if match is None:
            continue
        original = match.group("stem") + (match.group("ext") or "")
        if ours(original):
            return ConflictCopy(original, tool)
    return None
