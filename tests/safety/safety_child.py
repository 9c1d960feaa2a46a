"""Child processes for the crash and concurrency tests (run with sys.executable).

Modes:
  zygote            import the CLI once, then on "fork GEN SEED" fork a writer that runs
                    CLI commands in a loop until it is killed; on "reap PID" wait for it
                    and report how it ended. Forking a warm process keeps 50+ kills fast.
  writer K N GO     wait until the file GO exists, then log N cravings through the CLI.
  hold-lock PATH    take the home's writer lock, print "locked", hold it until a line
                    (or end of input) arrives on stdin, then print "released".
  wait-then ARGS    run one CLI command; print "waiting" the moment it first finds the
                    writer lock taken and waits for it, and "ack SHORTID" when it is done.

Protocol on stdout, one line per write(2) so lines never interleave:
  "op I log NOTE TECH" / "op I edit TARGET NOTE"   before command I starts;
  "ack I SHORTID"                                  after the CLI printed that id, i.e.
                                                   after the command returned.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import sys
import time
import traceback
from pathlib import Path


def emit(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


_command = None


def run_cli(args: list[str]) -> str:
    """Run one command through the real CLI in this process; its stdout as text."""
    global _command
    if _command is None:
        import typer

        from recoverylog.cli.main import app

        _command = typer.main.get_command(app)  # what app() builds on every call
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _command.main(args, prog_name="recoverylog", standalone_mode=False)
    if code not in (None, 0):
        emit(f"fail {code} {' '.join(args)}")
        sys.stderr.flush()
        os._exit(3)
    return out.getvalue()


def past_moment(rng: random.Random) -> str:
    """A time in 2026 before the frozen "now", spread over eleven month files."""
    month = rng.randint(1, 11)
    day = rng.randint(1, 22 if month == 11 else 28)
    return f"2026-{month:02d}-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def crash_writer(gen: int, seed: int) -> None:
    """Log, and now and then edit, entries until killed. Never returns."""
    rng = random.Random(seed)
    mine: list[str] = []
    i = 0
    while True:
        i += 1
        if i % 5 == 0 and mine:
            target, note = rng.choice(mine), f"edit-{gen}-{i}"
            emit(f"op {i} edit {target} {note}")
            args = ["edit", target, "--intensity", str(i % 11), "--note", note]
        else:
            note = f"log-{gen}-{i}"
            tech = f"tech-{gen}-{i}" if i % 4 == 0 else "-"
            emit(f"op {i} log {note} {tech}")
            args = ["log", "craving", str(i % 11), "--at", past_moment(rng), "--note", note]
            if tech != "-":
                args += ["--coping", tech]
        short = run_cli(args).split()[0]
        emit(f"ack {i} {short}")
        if args[0] == "log":
            mine.append(short)


def zygote() -> None:
    # Warm up: a forked writer starts writing at once, with every module it needs loaded.
    run_cli(["status"])
    emit("ready")
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "fork":
            gen, seed = int(rest[0]), int(rest[1])
            pid = os.fork()
            if pid == 0:
                try:
                    crash_writer(gen, seed)
                except BaseException:
                    traceback.print_exc()
                    sys.stderr.flush()
                os._exit(4)  # only reached if a command raised
            emit(f"child {pid}")
        elif command == "reap":
            pid = int(rest[0])
            _, status = os.waitpid(pid, 0)
            signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
            emit(f"reaped {pid} {signal_number} {code}")


def writer(k: int, count: int, go: Path) -> None:
    import recoverylog.cli.main  # noqa: F401

    rng = random.Random(k)
    emit("ready")
    while not go.exists():
        time.sleep(0.001)
    for i in range(count):
        args = ["log", "craving", str(i % 11), "--at", past_moment(rng), "--note", f"race-{k}-{i}"]
        if i % 10 == 0:
            args += ["--coping", f"tech-{k}-{i}"]
        short = run_cli(args).split()[0]
        emit(f"ack {i} {short}")


def hold_lock(path: Path) -> None:
    from recoverylog.store.atomic import writer_lock

    with writer_lock(path):
        emit("locked")
        sys.stdin.readline()
    emit("released")


class _SignalFirstWait:
    """Stands in for the lock's clock: tells the test the first time the command waits."""

    def __init__(self) -> None:
        self.told = False

    @staticmethod
    def monotonic() -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if not self.told:
            self.told = True
            emit("waiting")
        time.sleep(seconds)


def wait_then(args: list[str]) -> None:
    from recoverylog.store import atomic

    atomic.time = _SignalFirstWait()  # type: ignore[assignment]
    emit(f"ack {run_cli(args).split()[0]}")


def main() -> None:
    mode, *args = sys.argv[1:]
    if mode == "zygote":
        zygote()
    elif mode == "writer":
        writer(int(args[0]), int(args[1]), Path(args[2]))
    elif mode == "hold-lock":
        hold_lock(Path(args[0]))
    elif mode == "wait-then":
        wait_then(args)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
