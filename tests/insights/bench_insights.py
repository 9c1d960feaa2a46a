"""Benchmark: insights over a 10k-entry home against a 100k-entry home.

Not part of the test run (no timing assertions in tests). Run it by hand:

    .venv/bin/python tests/insights/bench_insights.py

Both homes hold a year of entries ending on the same day, so the 100k home has ten
times as many entries in any period. Each command runs in a fresh process; the script
prints wall time and peak memory (max RSS), and the ratio between the two homes.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

NOW = "2026-11-23T20:00:00+00:00"
TRIGGERS = ["after work", "payday", "argument", "lonely evening", "party", "can't sleep"]
TECHNIQUES = ["urge surfing", "call sponsor", "walk", "breathing", "play the tape through"]


def build(home: Path, count: int, seed: int = 1) -> None:
    from recoverylog.domain.model import Clock, Entry, EntryType, new_id
    from recoverylog.environment import Environment
    from recoverylog.services.workspace import open_workspace

    ws = open_workspace(Environment(home=str(home), frozen_now=NOW))
    rng = random.Random(seed)
    end = datetime.fromisoformat(NOW)
    entries = []
    for _ in range(count):
        at = end - timedelta(seconds=rng.randrange(365 * 86400))
        kind = rng.random()
        if kind < 0.6:
            craving = Entry(
                new_id(),
                EntryType.CRAVING,
                at,
                "alcohol",
                data={
                    "intensity": rng.randrange(11),
                    "triggers": [rng.choice(TRIGGERS)],
                    "halt": rng.sample(["hungry", "angry", "lonely", "tired"], rng.randrange(3)),
                    "coping": rng.sample(TECHNIQUES, rng.randrange(3)),
                    "outcome": rng.choice(["passed", "passed", "passed", "used"]),
                    "duration_min": rng.choice([5, 10, 20, 30]),
                },
            )
            entries.append(craving)
        elif kind < 0.8:
            entries.append(
                Entry(
                    new_id(),
                    EntryType.COPING,
                    at,
                    "alcohol",
                    data={"technique": rng.choice(TECHNIQUES), "helped": rng.randrange(1, 6)},
                )
            )
        else:
            entries.append(
                Entry(new_id(), EntryType.TRIGGER, at, "alcohol", data={"text": "payday"})
            )
    with ws.store.writing():
        journal = ws.reload_journal()
        journal.clocks.append(Clock("alcohol", (end - timedelta(days=400)).date()))
        ws.save_journal(journal)
        ws.store.entries.append_many(entries)


def run(home: Path, *args: str) -> tuple[float, float]:
    """Seconds and peak MB of one insights command in a fresh process."""
    env = {**os.environ, "RECOVERYLOG_NOW": NOW, "RECOVERYLOG_TIMEZONE": "Europe/London"}
    command = [sys.executable, "-m", "recoverylog", "--home", str(home), "insights", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    if sys.argv[1:2] == ["build"]:
        build(Path(sys.argv[2]), int(sys.argv[3]))
        return
    with tempfile.TemporaryDirectory() as folder:
        homes = {}
        for count in (10_000, 100_000):
            homes[count] = Path(folder) / f"home-{count}"
            # Built in a process of its own, so that this one stays small: a child's
            # peak memory counts what it shares with its parent when it starts.
            subprocess.run(
                [sys.executable, __file__, "build", str(homes[count]), str(count)], check=True
            )
        for label, args in (
            ("default 90 days", ("--format", "json")),
            ("the whole year", ("--since", "2025-11-24", "--format", "json")),
            ("screen, whole year", ("--since", "2025-11-24", "--format", "plain")),
        ):
            times = {}
            for count, home in homes.items():
                best = min(run(home, *args)[0] for _ in range(3))
                times[count] = best
                _, peak = run(home, *args)
                print(f"{label:>20}  {count:>7} entries  {best:6.2f} s  peak {peak:6.1f} MB")
            print(f"{'':>20}  ratio 100k / 10k: {times[100_000] / times[10_000]:.1f}x")


if __name__ == "__main__":
    main()
