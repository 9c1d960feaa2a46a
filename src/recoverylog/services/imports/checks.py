"""What every reader of an import shares: the rules of typed input, ids derived from
what a record holds, and plain words for what went wrong."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain.model import Lapse, short_id
from recoverylog.errors import DataError, RecoveryLogError, not_json
from recoverylog.services.imports.result import ImportResult
from recoverylog.services.workspace import Workspace

# The ids recoverylog makes (an entry's 32 hex digits; a lapse's 8, or 14 digits in older
# homes): 'show', 'edit' and 'delete' find a record by the start of such an id.
HEX_ID = re.compile(r"^[0-9a-f]{32}$")
LAPSE_ID = re.compile(r"^[0-9a-f]{8,32}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(not_json(where, exc)) from exc
    except RecursionError as exc:
        raise DataError(f"{where} is nested too deeply to be an export") from exc


def past_moment(ws: Workspace, at: datetime, what: str) -> None:
    """A moment the command line could have logged: from 1900 on, and not to come."""
    from recoverylog.domain.timeparse import EARLIEST_DAY
    from recoverylog.services.entries import check_not_future

    if inside_calendar(ws, at, f"the time of {what}").date() < EARLIEST_DAY:
        raise ValueError(f"the time of {what} is before {EARLIEST_DAY:%Y-%m-%d}")
    check_not_future(ws, at)


def inside_calendar(ws: Workspace, at: datetime, what: str) -> datetime:
    """``at`` in your time zone, if it has a place in the calendar there and in UTC."""
    try:
        at.astimezone(UTC)
        return ws.local(at)
    except OverflowError:
        raise ValueError(f"{what} falls outside the dates recoverylog can count") from None


def check_lapse(ws: Workspace, clock: str, lapse: Lapse, result: ImportResult) -> None:
    """A lapse as typed input is checked; an id recoverylog cannot reach gets a new one."""
    past_moment(ws, lapse.at, "the lapse")
    fields.note(lapse.note)
    lapse.triggers = fields.text_list(lapse.triggers, "trigger")
    if not LAPSE_ID.match(lapse.id):
        old = lapse.id
        lapse.id = derived_id("lapse", f"{clock}|{lapse.at.isoformat()}|{old}")[:8]
        result.notices.append(new_id_notice(f"a lapse of '{clock}'", old, lapse.id))


def new_id_notice(what: str, old: str, new: str) -> str:
    return f"{what}: its id '{old}' cannot be used, so it has a new id: {short_id(new)}"


def derived_id(source: str, basis: str) -> str:
    """An id made from what a record holds: the same record always gets the same one,
    so importing a file twice changes nothing."""
    return hashlib.sha256(f"{source}|{basis}".encode()).hexdigest()[:32]


def default_clock(ws: Workspace) -> str | None:
    from recoverylog.services.workspace import optional_clock

    return optional_clock(ws, None)


def reason(exc: BaseException) -> str:
    if isinstance(exc, RecoveryLogError):
        return exc.message
    if isinstance(exc, KeyError):
        return f"missing '{exc.args[0]}'"
    return str(exc) or type(exc).__name__
