"""A writer killed with SIGKILL at random moments loses nothing it acknowledged.

A warm "zygote" process imports the CLI once and forks one writer at a time. Each writer
runs real CLI commands (log a craving, sometimes with a new coping technique that grows
the toolkit in journal.toml, and now and then edit one of its earlier entries, which
takes a backup first) in a loop, and reports each id only after the CLI printed it. The
test kills it at a random moment, then checks every file and every acknowledged entry.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from safety_helpers import (
    MONTH_FILE,
    PASSPHRASE,
    TEMP_FILE,
    check_data_files,
    data_text,
    entries_on_disk,
    spawn_child,
    walk_all,
)

KILLS = 50
MAX_DELAY = 0.150
WAIT = 60.0  # seconds before a missing line fails the test (never reached when healthy)
SEED = 20261123


@dataclass
class Op:
    index: int
    kind: str  # "log" or "edit"
    note: str
    target: str = ""  # edit: the short id it changes
    technique: str = ""  # log: a new coping technique, or ""
    acked: str = ""  # the short id the CLI printed


@dataclass
class Generation:
    number: int
    ops: list[Op] = field(default_factory=list)
    pid: int = 0
    ended: tuple[int, int] | None = None  # (signal, exit code)

    def in_flight(self) -> Op | None:
        """The command that had started but not been acknowledged when the kill came."""
        return self.ops[-1] if self.ops and not self.ops[-1].acked else None


class Zygote:
    """Talks to the forking helper; a thread turns its stdout into a queue of lines."""

    def __init__(self, home: Path, errors: Path) -> None:
        self.errors_path = errors
        self._errors = errors.open("w")
        self.proc = spawn_child(home, "zygote", stderr=self._errors)
        self.lines: queue.Queue[str] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # end of output

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def next_line(self) -> str:
        try:
            line = self.lines.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"no word from the writer in {WAIT}s; stderr:\n{self.stderr()}")
        if not line:
            pytest.fail(f"the helper process ended early; stderr:\n{self.stderr()}")
        if line.startswith("fail"):
            pytest.fail(f"a command failed in the writer: {line}\nstderr:\n{self.stderr()}")
        return line

    def stderr(self) -> str:
        self._errors.flush()
        return self.errors_path.read_text(errors="replace")[-4000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=WAIT)
        self._errors.close()


def _read_until(zygote: Zygote, gen: Generation, done: Callable[[str], bool]) -> str:
    """Record op/ack lines for ``gen`` until a line satisfies ``done``; return that line."""
    while True:
        line = zygote.next_line()
        words = line.split()
        if words[0] == "op":
            op = Op(int(words[1]), words[2], words[4] if words[2] == "edit" else words[3])
            if op.kind == "edit":
                op.target = words[3]
            elif words[4] != "-":
                op.technique = words[4]
            gen.ops.append(op)
        elif words[0] == "ack":
            assert gen.ops and gen.ops[-1].index == int(words[1]), line
            gen.ops[-1].acked = words[2]
        if done(line):
            return line


@pytest.mark.slow
@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "encrypted"])
def test_sigkilled_writers_never_lose_an_acknowledged_entry(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sealed: bool
):
    rng = random.Random(SEED)
    assert cli("clock", "add", "alcohol", "--since", "2026-01-01").exit_code == 0
    kills = KILLS
    if sealed:  # every write seals; a kill may land in the middle of one
        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
        assert cli("encrypt").exit_code == 0
        kills = KILLS // 2
    zygote = Zygote(home, tmp_path / "writer-stderr.txt")
    try:
        assert zygote.next_line() == "ready"
        notes: dict[str, str] = {}  # acked short id -> the note it must have now
        techniques: set[str] = set()  # coping techniques of acked entries
        maybe_landed: set[str] = set()  # notes of logs killed before their ack
        generations: list[Generation] = []
        for number in range(1, kills + 1):
            gen = Generation(number)
            generations.append(gen)
            zygote.send(f"fork {number} {rng.randrange(2**32)}")
            child_line = _read_until(zygote, gen, lambda line: line.startswith("child "))
            gen.pid = int(child_line.split()[1])
            # Let it write at least once, then kill it at a random moment of its loop.
            _read_until(zygote, gen, lambda line: line.startswith("ack "))
            # The kill lands at a random moment; nothing here measures time.
            threading.Event().wait(rng.uniform(0, MAX_DELAY))
            os.kill(gen.pid, signal.SIGKILL)
            zygote.send(f"reap {gen.pid}")
            reaped = _read_until(zygote, gen, lambda line: line.startswith("reaped "))
            _, pid, sig, code = reaped.split()
            assert int(pid) == gen.pid
            gen.ended = (int(sig), int(code))
            assert gen.ended == (signal.SIGKILL, -1), (
                f"writer {number} ended on its own: {gen.ended}\n{zygote.stderr()}"
            )
            _record(gen, notes, techniques, maybe_landed)
            _check_home(cli, home, gen, notes, techniques, maybe_landed)
    finally:
        zygote.close()

    assert len(generations) == kills
    acked_total = sum(1 for g in generations for op in g.ops if op.acked)
    assert acked_total >= kills  # every writer got at least one command done
    # The whole program still works on what the kills left behind, and doctor tidies it.
    assert cli("status").exit_code == 0
    assert cli("doctor", "--fix").exit_code == 0
    assert cli("doctor").exit_code == 0
    leftovers = [p.relative_to(home) for p in walk_all(home) if TEMP_FILE.match(p.name)]
    assert not [p for p in leftovers if p.parts[0] != "quarantine"], leftovers
    assert {e["id"][:8] for e in entries_on_disk(home)} >= set(notes)
    if sealed:  # and nothing of the journal was left in plain text by a kill
        assert all(
            p.read_bytes().startswith(b"RLENC")
            for p in walk_all(home)
            if p.is_file() and p.name not in (".lock", "backup.json", "encryption.toml")
        )


def test_orphan_temp_files_are_never_read(cli, home: Path) -> None:
    """What a kill in the middle of a write leaves: half-written temp files beside the
    real ones. Reads and writes ignore them; doctor reports them and moves them aside."""
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    short = cli("log", "craving", "5", "--note", "kept").stdout.split()[0]
    half_month = b'{"schema_version": 2, "month": "2026-11", "entries": [\n{"id": "ab'
    half_journal = b'schema_version = 2\n[[clocks]]\nname = "alc'
    orphans = {
        home / "entries" / ".2026-11.json.4242.deadbeef.tmp": half_month,
        home / ".journal.toml.4242.0badcafe.tmp": half_journal,
    }
    for path, data in orphans.items():
        path.write_bytes(data)
        path.chmod(0o600)

    for args in (("list",), ("status",), ("clock", "list"), ("show", short)):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert cli("log", "craving", "3", "--note", "after").exit_code == 0
    assert cli("edit", short, "--intensity", "6").exit_code == 0
    assert sorted(e["note"] for e in entries_on_disk(home)) == ["after", "kept"]
    assert all(path.read_bytes() == data for path, data in orphans.items())

    report = cli("doctor")
    assert report.exit_code == 4
    assert all(path.name in report.stdout for path in orphans)
    assert cli("doctor", "--fix").exit_code == 0
    assert not any(path.exists() for path in orphans)
    kept = {p.read_bytes() for p in walk_all(home / "quarantine") if p.is_file()}
    assert set(orphans.values()) <= kept  # moved aside byte for byte, never deleted


def _record(
    gen: Generation, notes: dict[str, str], techniques: set[str], maybe_landed: set[str]
) -> None:
    for op in gen.ops:
        if op.acked and op.kind == "log":
            notes[op.acked] = op.note
            if op.technique:
                techniques.add(op.technique)
        elif op.acked:
            notes[op.target] = op.note
    flight = gen.in_flight()
    if flight is not None and flight.kind == "log":
        maybe_landed.add(flight.note)


def _check_home(
    cli,
    home: Path,
    gen: Generation,
    notes: dict[str, str],
    techniques: set[str],
    maybe_landed: set[str],
) -> None:
    # 1. Every data file parses with the standard parsers; nothing else is lying around.
    check_data_files(home)
    for path in walk_all(home):
        rel = path.relative_to(home)
        allowed = (
            rel.as_posix()
            in (".lock", "journal.toml", "entries", "backups", "encryption.toml", "glance.json")
            or TEMP_FILE.match(path.name)
            or (rel.parts[0] == "entries" and MONTH_FILE.match(path.name))
            or rel.parts[0] == "backups"
        )
        assert allowed, f"unexpected file after a kill: {rel}"

    # 2. Every acknowledged entry is there, once, with its latest acknowledged note, or
    #    with the note of the edit that was cut off (it may have reached the disk).
    flight = gen.in_flight()
    raw = entries_on_disk(home)
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids)), "an entry was written twice"
    by_short: dict[str, list[dict]] = {}
    for entry in raw:
        by_short.setdefault(entry["id"][:8], []).append(entry)
    for short, note in notes.items():
        found = by_short.get(short, [])
        assert len(found) == 1, f"acknowledged entry {short} is missing after a kill"
        allowed_notes = {note}
        if flight is not None and flight.kind == "edit" and flight.target == short:
            allowed_notes.add(flight.note)
        assert found[0]["note"] in allowed_notes, (short, found[0]["note"], allowed_notes)
        notes[short] = found[0]["note"]
    for entry in raw:
        if entry["id"][:8] not in notes:
            assert entry["note"] in maybe_landed, f"an entry nobody wrote: {entry}"

    # 3. Coping techniques of acknowledged entries joined the toolkit in journal.toml.
    journal = tomllib.loads(data_text(home / "journal.toml"))
    toolkit = {t["name"] for t in journal.get("toolkit", [])}
    assert techniques <= toolkit, techniques - toolkit

    # 4. The program itself reads everything, leftover temp files or not.
    result = cli("list", "--limit", "100000", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {e["id"] for e in json.loads(result.stdout)} == set(ids)


def test_doctor_finds_what_a_killed_backup_leaves(cli, home: Path) -> None:
    assert cli("log", "craving", "5", "--note", "kept").exit_code == 0
    created = cli("backup", "create")
    assert created.exit_code == 0
    complete = Path(created.stdout.split()[-1])
    half_made = home / "backups" / "20261123-200000-9-edit"
    (half_made / "entries").mkdir(parents=True)
    leftovers = {
        complete / ".backup.json.77.0a0b0c0d.tmp": b'{"created": "2026-',
        half_made / "entries" / ".2026-11.json.77.0e0f0a0b.tmp": b'{"schema_version": 2, "mon',
    }
    for path, data in leftovers.items():
        path.write_bytes(data)
    for folder in (half_made, half_made / "entries"):
        folder.chmod(0o700)
    for path in leftovers:
        path.chmod(0o600)

    report = cli("doctor")
    assert report.exit_code == 4
    assert all(path.name in report.stdout for path in leftovers)
    assert half_made.name in report.stdout
    assert cli("doctor", "--fix").exit_code == 0
    assert not any(path.exists() for path in leftovers)
    kept = {p.read_bytes() for p in walk_all(home / "quarantine") if p.is_file()}
    assert set(leftovers.values()) <= kept
