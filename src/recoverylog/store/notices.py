"""notices: short lines left for the greeting (a reminder with no desktop to show it
on), private (0600), at most the last few, gone once the greeting has taken them."""

from __future__ import annotations

import json
from pathlib import Path

from recoverylog.paths import Layout
from recoverylog.store.atomic import atomic_write, read_bytes, remove_file

MAX_NOTICES = 5


def _path(layout: Layout) -> Path:
    return layout.data_dir / "notices.json"


def _read(layout: Layout) -> list[str]:
    try:
        data = read_bytes(_path(layout), 64 * 1024)
        found = json.loads(data) if data else []
    except Exception:  # a damaged file holds no notice worth an error
        return []
    return [item for item in found if isinstance(item, str)] if isinstance(found, list) else []


def add_notice(layout: Layout, text: str) -> None:
    notices = [*_read(layout), text][-MAX_NOTICES:]
    atomic_write(_path(layout), json.dumps(notices, ensure_ascii=False).encode())


def take_notices(layout: Layout) -> list[str]:
    notices = _read(layout)
    if notices:
        remove_file(_path(layout))
    return notices
