"""The prompt segment, from the glance file alone.

`prompt` runs before every shell prompt, so this path loads the least it can: json,
the glance file's store and a lookup of the present second in the changes the glance
keeps. No calendar, no time zone, no typing or pathlib; datetime only for a frozen
clock ($RECOVERYLOG_NOW). When the glance cannot answer (missing, from another version
or another time zone, made from files that changed since, or not reaching this
moment), ``Unanswered`` says so and the command takes the full path, which makes the
glance again (services/glance_refresh.py)."""

from __future__ import annotations

import os
import time

from recoverylog.domain.segment import fold, segment_at
from recoverylog.folders import CONFIG_FILE, ENCRYPTION_FILE, GLANCE_FILE, JOURNAL_FILE
from recoverylog.store.glance import read_glance, source_stamps

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class Unanswered(Exception):
    """The glance cannot answer: take the full path."""


def prompt_segment(
    config_dir: Path | str,
    data_dir: Path | str,
    wanted: str | None,
    zone: str | None = None,
    frozen: str | None = None,
) -> str:
    """The segment of the clock ``wanted`` (else the prompt.clock setting's, else the
    first) now, or at the ``frozen`` time; "" when there is none to show. ``zone`` is
    $RECOVERYLOG_TIMEZONE, which the glance must have been made in."""
    doc = read_glance(os.path.join(data_dir, GLANCE_FILE))
    if doc is None:
        if os.path.exists(os.path.join(data_dir, ENCRYPTION_FILE)):
            return ""  # an encrypted home keeps no glance unless told to
        if os.path.exists(os.path.join(data_dir, JOURNAL_FILE)):
            raise Unanswered("no glance")
        return ""
    journal, config = os.path.join(data_dir, JOURNAL_FILE), os.path.join(config_dir, CONFIG_FILE)
    if doc.get("stamps") != source_stamps(journal, config):
        raise Unanswered("the journal or settings changed")
    if zone and zone != doc.get("zone"):
        raise Unanswered("made in another time zone")
    segments = doc["segments"]
    name = fold(wanted or doc.get("clock") or "")
    changes = next((c for n, c in segments["clocks"] if n == name or not name), None)
    if changes is None:
        return ""  # no clock, or none of that name
    text = segment_at(changes, segments["until"], present_second(frozen, doc.get("zone")))
    if text is None:
        raise Unanswered("the glance does not reach this moment")
    return text


def present_second(frozen: str | None, zone: str | None) -> int:
    """Now as a whole POSIX second, or the frozen time ($RECOVERYLOG_NOW): with an
    offset it names its own moment; without one it is a wall time in ``zone`` (or the
    computer's local time)."""
    if not frozen:
        return int(time.time())
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(frozen)
        if moment.tzinfo is None and zone:
            from zoneinfo import ZoneInfo

            moment = moment.replace(tzinfo=ZoneInfo(zone))
    except Exception as exc:  # a time or zone that cannot be read: the full path says
        raise Unanswered("frozen time") from exc
    return int(moment.timestamp())  # a naive time without a zone: the local one
