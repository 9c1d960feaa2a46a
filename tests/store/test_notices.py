"""Notices kept for the greeting line: the last few, one line each, 0600, taken once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from recoverylog.paths import Layout
from recoverylog.store.notices import KEPT, NOTICES_FILE, add_notice, take_notices


def _layout(home: Path) -> Layout:
    return Layout(home, home)


def test_the_notices_keep_the_last_few_on_one_line_each(home: Path) -> None:
    layout = _layout(home)
    for number in range(KEPT + 2):
        add_notice(layout, f"notice {number}\nsecond line")
    taken = take_notices(layout)
    assert taken == [f"notice {n} second line" for n in range(2, KEPT + 2)]
    add_notice(layout, "   ")
    assert take_notices(layout) == []


def test_a_notice_is_private_and_taken_once(home: Path) -> None:
    layout = _layout(home)
    add_notice(layout, "Time for your meeting")
    assert stat.S_IMODE(os.stat(home / NOTICES_FILE).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert take_notices(layout) == ["Time for your meeting"]
    assert take_notices(layout) == [] and os.listdir(home) == []


def test_a_damaged_notices_file_gives_what_it_can(home: Path) -> None:
    home.mkdir()
    (home / NOTICES_FILE).write_bytes(b"Time for your meeting\n\xff\xfe\n\n")
    assert take_notices(_layout(home)) == ["Time for your meeting", "\ufffd\ufffd"]
