"""What an import did, in a few plain lines: from the result's ``as_dict``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from recoverylog.messages import backup_taken_first

SINGULAR = {"people": "person", "entries": "entry"}


def import_summary(result: Mapping[str, Any], name: str) -> list[str]:
    """The outcome in a few plain lines."""
    dry = result["dry_run"]
    verb = "would be" if dry else "were"
    lines = [f"Dry run: nothing was written. From {name}:" if dry else f"Imported {name}:"]
    lines += _change_lines(result, dry, verb)
    lines += _conflict_lines(result["conflicts"])
    lines += _problem_lines(result["problems"], verb)
    lines.extend(result["notices"])
    if result["backup"]:
        lines.append(backup_taken_first(result["backup"]))
    return lines


def _change_lines(result: Mapping[str, Any], dry: bool, verb: str) -> list[str]:
    """What was added, updated, replaced or already here; or that nothing was needed."""
    would = " (would be)" if dry else ""
    added, updated = result["added"], result["updated"]
    replaced = result.get("replaced") or {}
    lines = []
    if added:
        lines.append(f"  added: {_counts(added)}{would}")
    if updated:
        lines.append(f"  {_word('entries', updated)} updated to a newer edit: {updated}{would}")
    if replaced:
        lines.append(f"  replaced by a newer copy: {_counts(replaced)}{would}")
    if result["unchanged"]:
        lines.append(f"  already here, unchanged: {result['unchanged']}")
    if not added and not updated and not replaced:
        lines.append(f"  nothing new: no changes {verb} needed.")
    return lines


def _conflict_lines(conflicts: Sequence[Mapping[str, str]]) -> list[str]:
    if not conflicts:
        return []
    lines = ["Different here and in the file (the newer wins when both say when):"]
    for c in conflicts:
        kept = "kept the imported one" if c["kept"] == "imported" else "kept yours"
        lines.append(f"  {c['what']}: {kept} ({c['why']})")
    return lines


def _problem_lines(problems: Sequence[str], verb: str) -> list[str]:
    if not problems:
        return []
    return [
        f"Could not read {len(problems)} (the rest {verb} imported):",
        *(f"  {p}" for p in problems),
    ]


def _counts(counts: Mapping[str, Any]) -> str:
    return ", ".join(f"{n} {_word(what, n)}" for what, n in counts.items())


def _word(what: str, n: int) -> str:
    if n != 1:
        return what
    return SINGULAR.get(what, what[:-1] if what.endswith("s") else what)
