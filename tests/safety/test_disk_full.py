"""A full disk is named as such (exit 4), nothing is changed, and no half-written
backup folder is left behind."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

import recoverylog.store.atomic as atomic


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = atomic.os.write

    def full(fd: int, data: Any) -> int:
        if len(data) > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(atomic.os, "write", full)


def test_a_full_disk_when_logging(cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    before = (home / "journal.toml").read_bytes()
    with monkeypatch.context() as full:
        fill_the_disk(full)
        result = cli("log", "craving", "5")
    assert result.exit_code == 4
    assert "Error: the disk is full; nothing was changed" in result.stderr
    assert "unexpected" not in result.stderr
    assert (home / "journal.toml").read_bytes() == before
    assert not list(home.rglob("*.tmp"))


def test_a_full_disk_leaves_no_half_backup(
    cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    backups = home / "backups"
    before = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    fill_the_disk(monkeypatch)
    result = cli("backup", "create")
    assert result.exit_code == 4
    assert "the disk is full" in result.stderr
    after = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    assert after == before
