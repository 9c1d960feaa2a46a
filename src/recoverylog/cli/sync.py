"""recoverylog sync: one journal on two computers, through a git remote."""

from __future__ import annotations

from recoverylog.cli import state
from recoverylog.cli.common import output_format
from recoverylog.cli.options import FormatOpt
from recoverylog.render.output import Format


def sync(fmt: FormatOpt = None) -> None:
    """Send and receive your journal's changes through its git remote.

    The journal's folder must be a git repository with a remote you set up (see the
    docs' "Two computers" page). Changes here are committed, the other computer's
    fetched and merged entry by entry, and the result pushed. In a folder synced by
    another tool, the copies it left are merged instead.

    Examples: recoverylog sync;  recoverylog sync --format json
    """
    from recoverylog.services import git_sync as service

    copies = service.copies_waiting(state.environment())
    ws = state.workspace()
    if copies:  # asks for the passphrase when the key is not at hand
        state.merge_sync_copies(ws, ask=True)
    synced = service.sync(ws, copies_merged=copies)
    if output_format(fmt) is Format.JSON:
        state.screen().emit_json(service.as_json(synced))
    elif synced is not None:
        from recoverylog.render.git_sync import synced_words

        state.screen().write(synced_words(synced))
