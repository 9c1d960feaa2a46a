"""What merging another computer's versions did, in a few calm words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

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


def _brought(result: CopiesMerged) -> str:
    total = _sum(m.brought for m in result.merged)
    parts = [
        f"{count} {what}"
        for count, what in (
            (total.added, "added"),
            (total.replaced, "changed"),
            (total.removed, "removed"),
        )
        if count
    ]
    return ", ".join(parts) if parts else "nothing new in them"


def _sum(items: Iterable[Brought]) -> Brought:
    from recoverylog.domain.sync_merge import Brought

    total = Brought()
    for brought in items:
        total += brought
    return total


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
