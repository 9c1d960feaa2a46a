"""Time whole recoverylog commands on generated homes and check them against the targets.

    python benchmarks/run.py                 # empty, 1k, 10k and 100k homes
    python benchmarks/run.py --runs 5 --sizes empty,100k

Each command runs as a fresh process: the ``recoverylog`` console script installed next
to this Python, with RECOVERYLOG_HOME pointing at a generated home and RECOVERYLOG_NOW at
the moment the home was generated for (so "the last 7 days" always holds data). Standard
output goes to a pipe, so output is plain text, as in a script. Runs are interleaved
in rounds (every command once, then every command again...), each command on every home
in a row, so that a busy moment on the machine spreads over all of them. After the
warm-up rounds, the median of the timed runs is reported, with the median CPU time and
the peak memory (max RSS) of the child process. A ratio target is judged on the median
of the per-round ratios between the two runs it compares, made side by side.

``log craving`` writes: it runs on a copy of each home made for this purpose, and each
run adds one entry to that copy (17 with the defaults: about 1% of the current month
of the 100k home). The generated homes are never changed.

Results are printed as Markdown and written to results/latest.md (and latest.json).
Homes missing or made with other settings are generated first (see generate.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate  # noqa: E402  (a sibling script, not a package)

RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_SIZES = (0, 1_000, 10_000, 100_000)
EMPTY = "empty"
PYCACHE_DIR = generate.HOMES_DIR / ".pycache"


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    writes: bool = False


def commands(first_day: str, with_insights: bool) -> list[Command]:
    out = [
        Command("status", ("status",)),
        Command("milestones", ("milestones",)),
        Command("list --limit 20", ("list", "--limit", "20")),
        Command(
            "log craving",
            (
                "log", "craving", "6", "--clock", "alcohol", "--trigger", "after work",
                "--halt", "tired", "--coping", "urge surfing", "--outcome", "passed",
                "--duration", "15m",
            ),
            writes=True,
        ),
    ]  # fmt: skip
    if with_insights:
        out += [
            Command("insights", ("insights",)),
            Command("insights, all years", ("insights", "--since", first_day)),
        ]
    return out


@dataclass(frozen=True)
class Target:
    what: str
    command: str
    size: str
    limit: float
    against: str | None = None  # command compared with; None for a memory limit in MB
    against_size: str = EMPTY


TARGETS = [
    Target("`log craving`, 100k / empty", "log craving", "100k", 1.3, "log craving"),
    Target("`status`, 100k / empty", "status", "100k", 1.3, "status"),
    Target("`milestones`, 100k / empty", "milestones", "100k", 1.3, "milestones"),
    Target("`list --limit 20`, 100k / empty", "list --limit 20", "100k", 1.5, "list --limit 20"),
    Target("`status` empty / `python -c pass`", "status", EMPTY, 8.0, "python -c pass", "-"),
    Target("`insights`, 100k / 10k", "insights", "100k", 11.0, "insights", "10k"),
    Target(
        "`insights` all years, 100k / 10k",
        "insights, all years",
        "100k",
        11.0,
        "insights, all years",
        "10k",
    ),
    Target("`insights` peak memory, 100k (MB)", "insights", "100k", 200.0),
    Target("`insights` all years, peak memory, 100k (MB)", "insights, all years", "100k", 200.0),
]


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system
    peak_mb: float = 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def cpu_median_ms(self) -> float:
        return statistics.median(self.cpu_seconds) * 1000

    def quartiles_ms(self) -> tuple[float, float]:
        if len(self.seconds) < 2:
            return self.median_ms, self.median_ms
        q = statistics.quantiles(self.seconds, n=4)
        return q[0] * 1000, q[2] * 1000


def console_script() -> Path:
    """The recoverylog script of the environment this Python belongs to."""
    script = Path(sys.executable).parent / "recoverylog"
    if not script.exists():
        raise SystemExit(f"{script} not found: install recoverylog in this environment first")
    return script


def clean_env(home: Path | None, now: str | None, src: Path | None = None) -> dict[str, str]:
    """The environment of every measured process, the baseline included.

    Bytecode caching is on, as for an installed program (pip compiles on install), even
    where PYTHONDONTWRITEBYTECODE is set; the caches go under homes/.pycache, so the
    source tree is left alone. The warm-up rounds fill them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERYLOG_")}
    for key in (
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONTRACEMALLOC",
        "PYTHONDEVMODE",
        "PYTHONINSPECT",
    ):
        env.pop(key, None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_DIR)
    if src is not None:  # another checkout's code, ahead of the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    if home is not None:
        env["RECOVERYLOG_HOME"] = str(home)
    if now is not None:
        env["RECOVERYLOG_NOW"] = now
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one process; stdout to a pipe."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read()
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    process.stderr.close()
    if process.returncode != 0:
        message = errors.decode(errors="replace").strip()
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}:\n{message}")
    return seconds, usage.ru_utime + usage.ru_stime, _max_rss_mb(usage.ru_maxrss)


def _max_rss_mb(value: int) -> float:
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def ensure_home(count: int, regenerate: bool) -> tuple[Path, generate.Spec]:
    """The generated home for ``count`` entries, built (in a child process) if needed."""
    home = generate.HOMES_DIR / generate.label(count)
    wanted = generate.Spec(count)
    if regenerate or generate.read_marker(home) != wanted:
        print(f"generating {home.name} ...", file=sys.stderr)
        # A child process of its own keeps this one small and its imports out of the way.
        subprocess.run(
            [sys.executable, str(BENCH_DIR / "generate.py"), "--entries", str(count), "--replace"]
            + ["--out", str(home)],
            check=True,
            env=clean_env(None, None),
        )
    return home, wanted


def insights_available(script: Path, env: dict[str, str]) -> bool:
    result = subprocess.run(
        [str(script), "insights", "--help"], env=env, capture_output=True, check=False
    )
    return result.returncode == 0


def measure(
    sizes: list[int], runs: int, warmup: int, regenerate: bool, src: Path | None = None
) -> tuple[dict[tuple[str, str], Samples], list[Command], dict[str, str]]:
    script = console_script()
    homes = {generate.label(n): ensure_home(n, regenerate) for n in sizes}
    spec = next(iter(homes.values()))[1]
    first_day = (datetime.fromisoformat(spec.now) - _span(spec)).date().isoformat()
    with_insights = insights_available(script, clean_env(None, None, src))
    chosen = commands(first_day, with_insights)

    # Copies for the commands that write, next to the homes (same file system, so
    # fsync costs what it costs for a real home), flushed before timing starts.
    work_root = generate.HOMES_DIR / ".work"
    shutil.rmtree(work_root, ignore_errors=True)
    cases: list[tuple[str, str, list[str], dict[str, str]]] = [
        ("python -c pass", "-", [sys.executable, "-c", "pass"], clean_env(None, None, src))
    ]
    # One command on every home in a row: the runs compared by a target are close in time.
    for command in chosen:
        for size, (home, home_spec) in homes.items():
            target = home
            if command.writes:
                target = work_root / f"{len(cases)}-{size}"  # a copy for each case
                shutil.copytree(home, target)
            env = clean_env(target, home_spec.now, src)
            cases.append((command.name, size, [str(script), *command.args], env))
    os.sync()

    results = {(name, size): Samples() for name, size, _, _ in cases}
    try:
        for round_number in range(warmup + runs):
            timed = round_number >= warmup
            for name, size, argv, env in cases:
                seconds, cpu, peak = run_once(argv, env)
                if timed:
                    samples = results[(name, size)]
                    samples.seconds.append(seconds)
                    samples.cpu_seconds.append(cpu)
                    samples.peak_mb = max(samples.peak_mb, peak)
            label = "warm-up" if not timed else "run"
            print(f"{label} {round_number + 1}/{warmup + runs} done", file=sys.stderr)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    info = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "code": f"src/ of {src.parent}" if src else f"this checkout, {_git_commit()}",
        "runs": f"{runs} timed runs after {warmup} warm-up rounds, interleaved",
        "now": spec.now,
        "span": f"{spec.years:g} years ending {spec.now[:10]} ({spec.timezone})",
    }
    return results, chosen, info


def _span(spec: generate.Spec) -> timedelta:
    return timedelta(days=round(spec.years * 365.25))


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BENCH_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "../src"],
            cwd=BENCH_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with local changes in src/)" if dirty else "")


def target_rows(results: dict[tuple[str, str], Samples]) -> list[dict[str, object]]:
    """Each target that was measured: the value (wall-time median ratio, or peak MB),
    the same ratio in CPU time for reference, and whether the limit is met."""
    rows: list[dict[str, object]] = []
    for target in TARGETS:
        measured = results.get((target.command, target.size))
        if measured is None:
            continue
        if target.against is None:
            value = measured.peak_mb
            shown, of_medians, cpu_shown = f"{value:.0f} MB", "-", "-"
            limit = f"≤ {target.limit:.0f} MB"
        else:
            base = results.get((target.against, target.against_size))
            if base is None:
                continue
            # Judged on the median of the ratios of runs made side by side in each round,
            # which a busy moment on the machine disturbs much less than either median.
            value = statistics.median(
                m / b for m, b in zip(measured.seconds, base.seconds, strict=True)
            )
            shown = f"{value:.2f}x"
            of_medians = (
                f"{measured.median_ms / base.median_ms:.2f}x "
                f"({measured.median_ms:.0f} / {base.median_ms:.0f} ms)"
            )
            cpu = measured.cpu_median_ms / base.cpu_median_ms if base.cpu_median_ms else 0.0
            cpu_shown = f"{cpu:.2f}x"
            limit = f"≤ {target.limit:g}x"
        rows.append(
            {
                "target": target.what,
                "measured": shown,
                "of_medians": of_medians,
                "cpu": cpu_shown,
                "limit": limit,
                "value": round(value, 3),
                "met": value <= target.limit,
            }
        )
    return rows


def _table(
    results: dict[tuple[str, str], Samples],
    chosen: list[Command],
    sizes: list[str],
    cell: Callable[[Samples], str],
    extra: tuple[str, Callable[[Samples], str]] | None = None,
) -> list[str]:
    head = ["command", *sizes] + ([extra[0]] if extra else [])
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for command in chosen:
        cells = [f"`{command.name}`"]
        for size in sizes:
            samples = results.get((command.name, size))
            cells.append(cell(samples) if samples else "-")
        if extra:
            largest = results.get((command.name, sizes[-1]))
            cells.append(extra[1](largest) if largest else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(
    results: dict[tuple[str, str], Samples],
    chosen: list[Command],
    sizes: list[str],
    info: dict[str, str],
) -> str:
    lines = ["# recoverylog benchmark results", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    baseline = results[("python -c pass", "-")]
    lines += [
        f"- `python -c pass` (same interpreter and environment): {baseline.median_ms:.0f} ms "
        f"median wall time, {baseline.cpu_median_ms:.0f} ms CPU, peak {baseline.peak_mb:.0f} MB",
        "",
        "## Median wall time (ms)",
        "",
    ]
    lines += _table(
        results,
        chosen,
        sizes,
        lambda s: f"{s.median_ms:.0f}",
        (f"peak MB ({sizes[-1]})", lambda s: f"{s.peak_mb:.0f}"),
    )
    lines += [
        "",
        "## Targets",
        "",
        "A ratio target is judged on the median, over the timed rounds, of the ratio between",
        "the two runs made side by side in that round. The ratios of the median wall times",
        "and of the median CPU times are shown for reference.",
        "",
        "| target | measured | ratio of medians | CPU time | limit | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for row in target_rows(results):
        met = "yes" if row["met"] else "**no**"
        lines.append(
            f"| {row['target']} | {row['measured']} | {row['of_medians']} | {row['cpu']} "
            f"| {row['limit']} | {met} |"
        )
    lines += ["", "## Median CPU time, user + system (ms)", ""]
    lines += _table(results, chosen, sizes, lambda s: f"{s.cpu_median_ms:.0f}")
    lines += ["", "## Spread: interquartile range of the timed runs' wall time (ms)", ""]
    lines += _table(results, chosen, sizes, lambda s: "{:.0f}–{:.0f}".format(*s.quartiles_ms()))
    return "\n".join(lines) + "\n"


def write_results(text: str, data: dict[str, object], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        if part == EMPTY:
            sizes.append(0)
        elif part.endswith("k"):
            sizes.append(int(part[:-1]) * 1000)
        else:
            sizes.append(int(part))
    return sorted(set(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="e.g. empty,1k,10k,100k"
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the homes first")
    parser.add_argument(
        "--out", type=Path, default=RESULTS_DIR / "latest.md", help="where to write Markdown"
    )
    parser.add_argument(
        "--src",
        type=Path,
        help="run the code in this src/ folder instead (e.g. an older commit, to compare)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup zero or more")

    src = args.src.resolve() if args.src else None
    if src is not None and not (src / "recoverylog").is_dir():
        parser.error(f"{src} has no recoverylog package (give the src/ folder of a checkout)")
    results, chosen, info = measure(args.sizes, args.runs, args.warmup, args.regenerate, src)
    sizes = [generate.label(n) for n in args.sizes]
    text = markdown(results, chosen, sizes, info)
    targets = target_rows(results)
    data = {
        "info": info,
        "median_ms": {f"{n} @ {size}": round(s.median_ms, 1) for (n, size), s in results.items()},
        "cpu_median_ms": {
            f"{n} @ {size}": round(s.cpu_median_ms, 1) for (n, size), s in results.items()
        },
        "peak_mb": {f"{n} @ {size}": round(s.peak_mb, 1) for (n, size), s in results.items()},
        "targets": targets,
    }
    write_results(text, data, args.out)
    print(text)
    return 0 if all(row["met"] for row in targets) else 1


if __name__ == "__main__":
    raise SystemExit(main())
