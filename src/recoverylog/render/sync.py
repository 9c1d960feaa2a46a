"""What merging another computer's versions did, in a few calm words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from recoverylog.domain.sync_conflicts import CRISIS, JOURNAL, MONTH, SETTINGS

if TYPE_CHECKING:
    from recoverylog.domain.sync_merge import Brought, CopiesMerged

WAITING_HINT = "'recoverylog unlock' or 'recoverylog sync' lets the next command merge them"


def copies_merged(result: CopiesMerged) -> list[str]:
    """One line for what was merged, one for each copy left as it was."""
    lines = []
    if result.merged:
        tools = sorted({m.tool for m in result.merged})
        whose = f"{tools[0]}'s" if len(tools) == 1 else "the sync tools'"
        noun = "copy" if len(result.merged) == 1 else "copies"
        names = _and(sorted({m.original for m in result.merged}))
        line = f"Merged {whose} {noun} of {names} from your other computer: {_brought(result)}."
        if result.backup:
            line += f" Both versions are kept in backup {result.backup}."
        lines.append(line)
    for left in result.left:
        lines.append(
            f"{left.tool}'s copy {left.name} was left as it is: {left.why}. "
            "'recoverylog doctor' says more."
        )
    if result.waiting:
        noun = "copy" if result.waiting == 1 else "copies"
        verb = "waits" if result.waiting == 1 else "wait"
        lines.append(
            f"{result.waiting} {noun} from your other computer {verb} to be merged, "
            f"which needs your passphrase: {WAITING_HINT}."
        )
    return lines


# Where the other things merged live, as the message names them.
_FILE = {JOURNAL: "journal.toml", SETTINGS: "config.toml", CRISIS: "crisis.toml"}


def _brought(result: CopiesMerged) -> str:
    """'2 entries added, 1 removed; in journal.toml, 1 changed' (the file named only
    when there are several kinds), or that nothing was new."""
    parts = []
    kinds = [kind for kind in (MONTH, *_FILE) if any(m.kind == kind for m in result.merged)]
    for kind in kinds:
        total = _sum(m.brought for m in result.merged if m.kind == kind)
        counts = [
            f"{count} {what}"
            for count, what in (
                (total.added, "added"),
                (total.replaced, "changed"),
                (total.removed, "removed"),
            )
            if count
        ]
        if not counts:
            continue
        if kind == MONTH:
            number, _, rest = counts[0].partition(" ")
            counts[0] = f"{number} {'entry' if number == '1' else 'entries'} {rest}"
        elif len(kinds) > 1:
            counts[0] = f"in {_FILE[kind]}, {counts[0]}"
        parts.append(", ".join(counts))
    return "; ".join(parts) if parts else "nothing new in them"


def _sum(items: Iterable[Brought]) -> Brought:
    from recoverylog.domain.sync_merge import Brought

    total = Brought()
    for brought in items:
        total += brought
    return total


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
