"""What `recoverylog sync` did, in one calm paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recoverylog.domain.text import plural

if TYPE_CHECKING:
    from recoverylog.domain.git_sync import Synced


def synced_words(synced: Synced) -> str:
    """'Synced with origin/main: 3 files sent, 5 received.' and what was merged."""
    where = f"{synced.remote}/{synced.branch}"
    if synced.first_push and synced.sent and not synced.received:
        line = f"Sent your journal to {where} for the first time ({plural(synced.sent, 'file')})."
    elif synced.sent or synced.received:
        line = (
            f"Synced with {where}: {plural(synced.sent, 'file')} sent, {synced.received} received."
        )
    else:
        line = f"Synced with {where}: nothing new on either side."
    if synced.merged:
        line += f" Merged the changes both computers made to {_and(synced.merged)}."
    if synced.kept:
        line += (
            f" Both computers changed {_and(synced.kept)}, which recoverylog cannot merge: "
            "this computer's version was kept, and the other one is in git's history."
        )
    return line


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
