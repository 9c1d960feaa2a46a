"""What a journal holds, item by item, and what it should hold after two computers met.

Items are keyed as the merge keys them: an entry by id, a person by name, a plan section,
a goal, a clock (without its lapses and its celebrations, which change on their own), and
each lapse. ``History`` records, for every change a command made, the item as that
computer held it right after, with the command's time. The journal both computers reach
must hold, for each item, its latest change: absent when that was a deletion (a deletion
at the same second as an edit wins, as a tombstone at or after an edit does), otherwise
one of the versions written at that latest second. Times of change are kept to the
second, and the clock here stands still between commands, so two versions of one second
are a tie the merge breaks by their contents: any of them may stay, even one a computer
changed again within that second, and a deletion may or may not win.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.json$")
CLOCK_FIELDS_THAT_MOVE_ON_THEIR_OWN = frozenset({"lapses", "celebrated_through"})

Items = dict[str, Any]


def journal_items(home: Path) -> Items:
    """Every item of the journal in ``home``, from its live files (not the copies)."""
    items: Items = {}
    for path in sorted((home / "entries").glob("*.json")):
        if MONTH_FILE.match(path.name):
            for entry in json.loads(path.read_text(encoding="utf-8"))["entries"]:
                key = f"entry:{entry['id']}"
                items[f"twice:{key}" if key in items else key] = entry  # in two months
    journal_file = home / "journal.toml"
    if journal_file.exists():
        items.update(_journal_toml_items(tomllib.loads(journal_file.read_text(encoding="utf-8"))))
    return items


def _journal_toml_items(journal: dict[str, Any]) -> Items:
    items: Items = {}
    for person in journal.get("people", []):
        items[f"person:{person['name']}"] = person
    for technique in journal.get("toolkit", []):
        items[f"technique:{technique['name']}"] = technique
    for section, lines in journal.get("plan", {}).items():
        if lines:  # an emptied section is no section
            items[f"plan:{section}"] = lines
    for kind, goal in journal.get("goals", {}).items():
        items[f"goal:{kind}"] = goal
    for clock in journal.get("clocks", []):
        kept = {k: v for k, v in clock.items() if k not in CLOCK_FIELDS_THAT_MOVE_ON_THEIR_OWN}
        items[f"clock:{clock['name']}"] = kept
        for lapse in clock.get("lapses", []):
            items[f"lapse:{clock['name']}:{lapse['id']}"] = lapse
    return items


@dataclass(frozen=True)
class Change:
    when: datetime
    computer: int
    state: Any  # the item right after the change; None when it was deleted


@dataclass
class History:
    changes: dict[str, list[Change]] = field(default_factory=dict)

    def record(self, key: str, when: datetime, computer: int, state: Any) -> None:
        self.changes.setdefault(key, []).append(Change(when, computer, state))

    def allowed(self, key: str) -> list[Any]:
        """The versions ``key`` may have in the end; [None]: it must be absent."""
        changes = self.changes[key]
        latest = max(change.when for change in changes)
        return [change.state for change in changes if change.when == latest]


def differences(history: History, items: Items) -> list[str]:
    """Each way the journal ``items`` departs from ``history``, in words."""
    problems = []
    for key in sorted(history.changes):
        allowed, found = history.allowed(key), items.get(key)
        if found not in allowed:
            what = "absent" if allowed == [None] else f"one of {allowed}"
            problems.append(f"{key}: expected {what}, found {found}")
    problems += [
        f"{key}: never made, found {items[key]}" for key in items if key not in history.changes
    ]
    return problems


def assert_holds_history(history: History, home: Path) -> None:
    problems = differences(history, journal_items(home))
    assert not problems, "\n".join(problems)
