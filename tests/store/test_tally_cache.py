"""cache/report-YYYY-MM.jsonl: a month's report counts, kept while the month file and
everything the counts depend on stay the same; never trusted beyond that."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from store_helpers import craving, open_store
from test_month_files import NOV

from recoverylog.store.files import MARKER_NAME
from recoverylog.store.tallycache import TallyCache

COUNTS = {"cravings": [1, 7, 7], "notes": []}
KEY = "period 2026-01-01 2026-12-31; clock *; zone UTC"


def month_home(home: Path) -> tuple[TallyCache, Path, bytes]:
    store = open_store(home)
    store.entries.append(craving(1, NOV))
    path = store.entries.path_for("2026-11")
    return TallyCache(store.io), path, path.read_bytes()


def test_counts_kept_are_read_back_while_the_month_and_key_are_the_same(home: Path) -> None:
    cache, path, data = month_home(home)
    assert cache.get(path, data, KEY) is None
    cache.put(path, data, KEY, COUNTS)
    assert cache.get(path, data, KEY) == COUNTS


def test_the_cache_file_is_private_in_a_private_folder(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    kept = cache.folder / "report-2026-11.jsonl"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700
    assert cache.folder == open_store(home).layout.data_dir / "cache"


def test_another_key_is_not_read_back(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    assert cache.get(path, data, KEY + "; notes") is None


def test_an_edit_of_the_same_size_and_time_is_caught_by_its_content(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    before = path.stat()
    edited = data.replace(b'"intensity": 6', b'"intensity": 7')
    assert edited != data and len(edited) == len(data)
    path.write_bytes(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.get(path, edited, KEY) is None


def test_a_touched_month_file_is_counted_again(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    os.utime(path, ns=(1, path.stat().st_mtime_ns + 1_000_000_000))
    assert cache.get(path, data, KEY) is None


def test_a_damaged_cache_file_is_ignored_and_replaced(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    kept = cache.folder / "report-2026-11.jsonl"
    for damage in (b"{not json", b"[]", json.dumps({"version": 1}).encode(), b"\xff\xfe"):
        kept.write_bytes(damage)
        assert cache.get(path, data, KEY) is None
    cache.put(path, data, KEY, COUNTS)
    assert cache.get(path, data, KEY) == COUNTS


def test_counts_changed_on_disk_are_not_added(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    kept = cache.folder / "report-2026-11.jsonl"
    text = kept.read_bytes()
    changed = text.replace(b"[1, 7, 7]", b"[1, 7, 9]")  # one digit, as a bad disk might
    assert changed != text
    kept.write_bytes(changed)
    assert cache.get(path, data, KEY) is None


def test_an_encrypted_home_keeps_no_counts_and_clearing_removes_them(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    cache.clear()
    assert not cache.folder.exists()
    (path.parent.parent / MARKER_NAME).write_text("")  # what an encrypted home has
    cache.put(path, data, KEY, COUNTS)
    assert not cache.folder.exists()
    assert cache.get(path, data, KEY) is None


def test_doctor_does_not_take_the_cache_for_a_stray_file(home: Path, cli: Any) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert "cache" not in result.stdout + result.stderr


def test_a_cache_file_that_is_not_a_regular_file_is_ignored(home: Path) -> None:
    cache, path, data = month_home(home)
    cache.put(path, data, KEY, COUNTS)
    kept = cache.folder / "report-2026-11.jsonl"
    kept.unlink()
    os.mkfifo(kept)
    assert cache.get(path, data, KEY) is None
