"""Several processes writing at once: no lost update, no duplicate, a clear "busy"."""

from __future__ import annotations

import json
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers import (
    PASSPHRASE,
    data_text,
    entries_on_disk,
    run_cli_process,
    snapshot,
    spawn_child,
)

WRITERS = 4
PER_WRITER = 100
WAIT = 120.0


@pytest.mark.slow
@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "encrypted"])
def test_four_writers_at_once_add_exactly_four_hundred_entries(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sealed: bool
):
    assert cli("clock", "add", "alcohol", "--since", "2026-01-01").exit_code == 0
    if sealed:
        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
        assert cli("encrypt").exit_code == 0
    go = tmp_path / "go"
    procs = [spawn_child(home, "writer", str(k), str(PER_WRITER), str(go)) for k in range(WRITERS)]
    try:
        for proc in procs:  # every writer is imported and waiting before any starts
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n", proc.communicate()[1]
        go.touch()
        results = [proc.communicate(timeout=WAIT) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    acked: set[str] = set()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "busy" not in err.lower(), err
        lines = out.splitlines()
        assert len(lines) == PER_WRITER
        acked |= {line.split()[2] for line in lines}

    raw = entries_on_disk(home)
    ids = [e["id"] for e in raw]
    assert len(ids) == WRITERS * PER_WRITER
    assert len(set(ids)) == len(ids)
    assert {e["note"] for e in raw} == {
        f"race-{k}-{i}" for k in range(WRITERS) for i in range(PER_WRITER)
    }
    assert {i[:8] for i in ids} == acked
    # Each writer grew the toolkit in journal.toml ten times: none of it was lost.
    journal = tomllib.loads(data_text(home / "journal.toml"))
    assert {t["name"] for t in journal["toolkit"]} == {
        f"tech-{k}-{i}" for k in range(WRITERS) for i in range(0, PER_WRITER, 10)
    }
    listed = cli("list", "--limit", "1000", "--format", "json")
    assert listed.exit_code == 0
    assert sorted(e["id"] for e in json.loads(listed.stdout)) == sorted(ids)
    if sealed:
        months = list((home / "entries").iterdir())
        assert months and all(p.read_bytes().startswith(b"RLENC") for p in months)


@pytest.fixture
def hold_lock(home: Path):
    """Start a separate process that holds the home's writer lock; returns "release"."""
    holders: list[subprocess.Popen] = []

    def release(holder: subprocess.Popen) -> None:
        if holder.poll() is None:
            assert holder.stdin is not None and holder.stdout is not None
            holder.stdin.write("release\n")
            holder.stdin.flush()
            assert holder.stdout.readline() == "released\n"
            holder.wait(timeout=WAIT)

    def hold() -> Callable[[], None]:
        holder = spawn_child(home, "hold-lock", str(home / ".lock"))
        holders.append(holder)
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n", holder.communicate()[1]
        return lambda: release(holder)

    try:
        yield hold
    finally:
        for holder in holders:
            release(holder)


@pytest.mark.slow
def test_second_writer_gives_up_busy_and_writes_nothing_while_readers_go_on(
    cli, home: Path, hold_lock
):
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    assert cli("log", "craving", "4", "--note", "before the lock").exit_code == 0
    hold_lock()
    before = snapshot(home)

    writer = subprocess.Popen(
        [*_cli_command(), "log", "craving", "7", "--note", "while locked"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**_env(home), "RECOVERYLOG_LOCK_WAIT": "1"},  # not the 5 s a person gets
    )
    try:
        # A reader, while the lock is held and the writer waits: it is not blocked.
        reader = run_cli_process(home, "list", "--format", "json")
        assert reader.returncode == 0, reader.stderr
        assert [e["note"] for e in json.loads(reader.stdout)] == ["before the lock"]
        out, err = writer.communicate(timeout=WAIT)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()

    assert writer.returncode == 5, err
    assert "busy" in err.lower()
    assert err.startswith("Error: ") and "Traceback" not in err
    assert out == ""
    assert snapshot(home) == before  # not a byte written, no temp file left


@pytest.mark.slow
def test_a_waiting_writer_goes_ahead_once_the_lock_is_released(home: Path, hold_lock):
    release = hold_lock()
    writer = spawn_child(home, "wait-then", "log", "craving", "3", "--note", "waited")
    assert writer.stdout is not None
    assert writer.stdout.readline() == "waiting\n"  # it found the lock taken, and waits
    release()
    out, err = writer.communicate(timeout=WAIT)
    assert writer.returncode == 0, err
    (short,) = [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]
    assert [e["note"] for e in entries_on_disk(home) if e["id"].startswith(short)] == ["waited"]


def _cli_command() -> list[str]:
    import sys

    return [sys.executable, "-m", "recoverylog"]


def _env(home: Path) -> dict[str, str]:
    from safety_helpers import child_env

    return child_env(home)


class _NoWaiting:
    """Stands in for the lock's clock: any wait for the lock fails the test at once."""

    monotonic = staticmethod(__import__("time").monotonic)

    @staticmethod
    def sleep(_seconds: float) -> None:
        raise AssertionError("a read-only command waited for the writer lock")


def test_a_pending_celebration_never_makes_a_reader_wait_for_the_lock(
    cli, home: Path, hold_lock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoverylog.store import atomic

    assert cli("clock", "add", "alcohol", "--since", "2026-11-17").exit_code == 0
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T09:00:00+00:00")  # one week: pending
    release = hold_lock()
    before = snapshot(home)
    with monkeypatch.context() as patched:
        patched.setattr(atomic, "time", _NoWaiting)
        for args in (("status",), ("list",), ("milestones",), ("doctor",)):
            result = cli(*args)
            assert result.exit_code == 0, (args, result.stdout, result.stderr)
            assert "Milestone" not in result.stderr  # skipped quietly, not used up
            assert "busy" not in result.stderr.lower()
    assert snapshot(home) == before
    release()
    shown = cli("status")
    assert shown.exit_code == 0 and shown.stderr.count("Milestone:") == 1
    assert "Milestone" not in cli("status").stderr


def test_how_long_a_write_waits_is_a_number_of_seconds(
    cli, home: Path, hold_lock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    for wrong in ("soon", "-1", "nan", "7200"):
        monkeypatch.setenv("RECOVERYLOG_LOCK_WAIT", wrong)
        result = cli("log", "craving", "3")
        assert result.exit_code == 2, (wrong, result.stderr)
        assert "RECOVERYLOG_LOCK_WAIT" in result.stderr and "seconds" in result.stderr
        assert cli("status").exit_code == 0  # a command that only reads never asks it
    hold_lock()
    before = snapshot(home)
    monkeypatch.setenv("RECOVERYLOG_LOCK_WAIT", "0")  # do not wait at all
    result = cli("log", "craving", "3")
    assert result.exit_code == 5 and "busy" in result.stderr.lower()
    assert snapshot(home) == before
