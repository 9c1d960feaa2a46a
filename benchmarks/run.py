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

The rows of the scale targets run on homes of their own, generated when missing: with
the 100k home, a 50k home and an encrypted copy of the 100k home; with ``--scale``, a
432k home too; with ``--jrnl PATH``, a jrnl journal of the 50k home's entries. The long
ones (import, and everything on the 432k home) run once as warm-up and then only in the
first ``--heavy-runs`` rounds: they are there for their peak memory.

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
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate  # noqa: E402  (a sibling script, not a package)

RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_SIZES = (0, 1_000, 10_000, 100_000)
EMPTY = "empty"
PYCACHE_DIR = generate.HOMES_DIR / ".pycache"
WORK_DIR = generate.HOMES_DIR / ".work"
# The homes of the scale targets: beside the 100k home, and with --scale.
HALF, FULL, LARGEST = 50_000, 100_000, 432_000
ENCRYPTED = generate.encrypted_label(FULL)
JRNL_HOME = f"jrnl-{generate.label(HALF)}"
NO_MATCH = "zebra"  # a word no generated entry holds


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    writes: bool = False  # also: runs on a copy of the home
    remove_first: str | None = None  # a file of the home removed before every run
    # Commands run once on the copy before the rounds (not timed); if one fails (an
    # older recoverylog without the setting), the row is left out, with a note.
    setup: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ScaleRow:
    """A command of the scale targets, on one home of its own."""

    name: str
    home: str  # a home's label
    args: tuple[str, ...]
    heavy: bool = False  # long: measured in the first --heavy-runs rounds only
    jrnl: bool = False  # run by jrnl, on the jrnl journal, not by recoverylog
    import_export: bool = False  # import the 100k export into a fresh copy of this home
    forget_kept: bool = False  # remove the counts reports keep (cache/) before every run


def scale_rows(year_ago: str) -> list[ScaleRow]:
    search = ("list", "--search", NO_MATCH)
    report_year = ("report", "--clock", "alcohol", "--since", year_ago, "--format", "html")
    half, full, largest = (generate.label(n) for n in (HALF, FULL, LARGEST))
    return [
        ScaleRow("export", half, ("export",)),
        ScaleRow("export", full, ("export",)),
        ScaleRow("export", largest, ("export",), heavy=True),
        ScaleRow("import 100k export", EMPTY, ("import",), heavy=True, import_export=True),
        ScaleRow(f"list --search {NO_MATCH}", EMPTY, search),
        ScaleRow(f"list --search {NO_MATCH}", half, search),
        ScaleRow(f"list --search {NO_MATCH}", full, search),
        ScaleRow(f"jrnl -contains {NO_MATCH}", JRNL_HOME, ("-contains", NO_MATCH), jrnl=True),
        ScaleRow("report html, 365 days", EMPTY, report_year),
        ScaleRow("report html, 365 days", full, report_year),
        ScaleRow("report html, 365 days, nothing kept", full, report_year, forget_kept=True),
        ScaleRow("report --period all", largest, ("report", "--clock", "alcohol", "--period",
                                                  "all"), heavy=True),
        ScaleRow("status", ENCRYPTED, ("status",)),
    ]  # fmt: skip


# A goal whose window spans two months (of the 100k home: some 3,500 entries to look
# through), and "on this day": the greeting reads three month files.
WEEKLY_SETUP = (
    ("config", "set", "on_this_day", "true"),
    ("goal", "set", "coping", "urge surfing", "20", "--days", "30", "--start", "2026-10-25"),
)


def commands(first_day: str, with_insights: bool, with_rhythm: bool = False) -> list[Command]:
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
    if with_rhythm:
        # On copies: the first run makes the glance file. The greeting shows once a
        # day, so the file that says it was shown goes before every run.
        out += [
            Command("prompt", ("prompt",), writes=True),
            Command("greet", ("greet",), writes=True, remove_first="greeted"),
            # With a goal and "on this day", the greeting reads a few month files.
            Command(
                "greet, goal and on this day",
                ("greet",),
                writes=True,
                remove_first="greeted",
                setup=WEEKLY_SETUP,
            ),
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
    Target("`prompt` empty / `python -c pass`", "prompt", EMPTY, 3.0, "python -c pass", "-"),
    Target("`prompt` 100k / `python -c pass`", "prompt", "100k", 3.0, "python -c pass", "-"),
    Target("`greet` empty / `status` empty", "greet", EMPTY, 1.0, "status"),
    Target("`greet` 100k / `status` empty", "greet", "100k", 1.0, "status"),
    Target(
        "`greet` with a goal and on this day, 100k / `status` empty",
        "greet, goal and on this day",
        "100k",
        1.0,
        "status",
    ),
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
    # The scale targets.
    Target("`export` peak memory, 100k (MB)", "export", "100k", 120.0),
    Target("`export` peak memory, 432k (MB)", "export", "432k", 120.0),
    Target("`export`, 100k / 50k", "export", "100k", 2.1, "export", "50k"),
    Target(
        "`import` of the 100k export into an empty home, peak memory (MB)",
        "import 100k export",
        EMPTY,
        150.0,
    ),
    Target(
        f"`list --search {NO_MATCH}` (no match), 50k / `jrnl -contains` on the same entries",
        f"list --search {NO_MATCH}",
        "50k",
        0.2,
        f"jrnl -contains {NO_MATCH}",
        JRNL_HOME,
    ),
    Target(
        f"`list --search {NO_MATCH}` (no match), 100k / empty",
        f"list --search {NO_MATCH}",
        "100k",
        4.0,
        f"list --search {NO_MATCH}",
    ),
    Target(
        "`report` html, 365 days, 100k / empty",
        "report html, 365 days",
        "100k",
        3.0,
        "report html, 365 days",
    ),
    Target(
        "`report` html, 365 days, peak memory, 100k (MB)", "report html, 365 days", "100k", 60.0
    ),
    Target("`report --period all` peak memory, 432k (MB)", "report --period all", "432k", 150.0),
    Target("`status`, encrypted 100k / plain 100k", "status", ENCRYPTED, 1.3, "status", "100k"),
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
    while process.stdout.read(1 << 20):  # read in full, kept by nobody (exports are large)
        pass
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


Home = tuple[Path, generate.Spec]


def ensure_home(count: int, regenerate: bool, *, encrypted: bool = False) -> Home:
    """The generated home for ``count`` entries, built (in a child process) if needed."""
    name = generate.encrypted_label(count) if encrypted else generate.label(count)
    home = generate.HOMES_DIR / name
    wanted = generate.Spec(count, encrypted=encrypted)
    if regenerate or generate.read_marker(home) != wanted:
        print(f"generating {home.name} ...", file=sys.stderr)
        # A child process of its own keeps this one small and its imports out of the way.
        subprocess.run(
            [sys.executable, str(BENCH_DIR / "generate.py"), "--entries", str(count), "--replace"]
            + ["--out", str(home)]
            + (["--encrypt"] if encrypted else []),
            check=True,
            env=clean_env(None, None),
        )
    return home, wanted


def ensure_jrnl(source: Home, regenerate: bool) -> Home:
    """The jrnl journal of the entries of the generated home ``source``."""
    folder = generate.HOMES_DIR / JRNL_HOME
    wanted = {"jrnl_of": asdict(source[1])}
    try:
        made = json.loads((folder / generate.MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        made = None
    if regenerate or made != wanted:
        print(f"generating {folder.name} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(BENCH_DIR / "generate.py"), "--jrnl-of", str(source[0])]
            + ["--out", str(folder)],
            check=True,
            env=clean_env(None, None),
        )
    return folder, source[1]


def available(script: Path, command: str, env: dict[str, str]) -> bool:
    """Whether this recoverylog has ``command`` (its --help succeeds)."""
    result = subprocess.run(
        [str(script), command, "--help"], env=env, capture_output=True, check=False
    )
    return result.returncode == 0


def set_up(script: Path, command: Command, env: dict[str, str]) -> bool:
    """Run the command's setup on its copy of the home; False if any of it fails."""
    for args in command.setup:
        done = subprocess.run([str(script), *args], env=env, capture_output=True, check=False)
        if done.returncode != 0:
            return False
    return True


@dataclass
class Case:
    """One command on one home, run once per round."""

    name: str
    size: str  # the home's label ("-" for the baseline)
    argv: list[str]
    env: dict[str, str]
    heavy: bool = False
    fresh_copy_of: Path | None = None  # copied to RECOVERYLOG_HOME before every run
    remove_first: Path | None = None  # a file or folder removed before every run


@dataclass(frozen=True)
class Plan:
    """What to measure, from the command line."""

    sizes: list[int]
    runs: int = 15
    warmup: int = 2
    regenerate: bool = False
    src: Path | None = None
    scale: bool = False  # the 432k home too
    jrnl: Path | None = None  # the jrnl program, for the rows that compare with it
    heavy_runs: int = 3


def measure(
    plan: Plan,
) -> tuple[dict[tuple[str, str], Samples], list[Command], list[Case], dict[str, str]]:
    script = console_script()
    homes = {generate.label(n): ensure_home(n, plan.regenerate) for n in plan.sizes}
    spec = next(iter(homes.values()))[1]
    first_day = (datetime.fromisoformat(spec.now) - _span(spec)).date().isoformat()
    with_insights = available(script, "insights", clean_env(None, None, plan.src))
    with_rhythm = available(script, "prompt", clean_env(None, None, plan.src))
    chosen = commands(first_day, with_insights, with_rhythm)

    # Copies for the commands that write, next to the homes (same file system, so
    # fsync costs what it costs for a real home), flushed before timing starts.
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    WORK_DIR.mkdir(parents=True)
    baseline = [sys.executable, "-c", "pass"]
    cases = [Case("python -c pass", "-", baseline, clean_env(None, None, plan.src))]
    notes: list[str] = []
    # One command on every home in a row: the runs compared by a target are close in time.
    for command in chosen:
        for size, (home, home_spec) in homes.items():
            target = home
            if command.writes:
                target = WORK_DIR / f"{len(cases)}-{size}"  # a copy for each case
                shutil.copytree(home, target)
            env = clean_env(target, home_spec.now, plan.src)
            if not set_up(script, command, env):
                notes.append(f"`{command.name}` needs a recoverylog that can set it up")
                break
            remove = target / command.remove_first if command.remove_first else None
            argv = [str(script), *command.args]
            cases.append(Case(command.name, size, argv, env, remove_first=remove))
    scale = ScaleCases(plan, script, homes, notes)
    extra = scale.cases()
    os.sync()

    results = {(case.name, case.size): Samples() for case in cases + extra}
    try:
        run_rounds(cases + extra, results, plan)
    finally:
        scale.finish()
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    info = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "code": f"src/ of {plan.src.parent}" if plan.src else f"this checkout, {_git_commit()}",
        "runs": f"{plan.runs} timed runs after {plan.warmup} warm-up rounds, interleaved "
        f"(the long scale rows: the first round and the first {plan.heavy_runs} timed only)",
        "now": spec.now,
        "span": f"{spec.years:g} years ending {spec.now[:10]} ({spec.timezone})",
    }
    if notes:
        info["notes"] = "; ".join(notes)
    return results, chosen, extra, info


def run_rounds(cases: list[Case], results: dict[tuple[str, str], Samples], plan: Plan) -> None:
    """Every case once per round; a heavy one in the first round and the first
    ``plan.heavy_runs`` timed rounds only."""
    for round_number in range(plan.warmup + plan.runs):
        timed = round_number >= plan.warmup
        heavy_round = round_number == 0 or plan.warmup <= round_number < (
            plan.warmup + plan.heavy_runs
        )
        for case in cases:
            if case.heavy and not heavy_round:
                continue
            if case.remove_first is not None:
                _remove(case.remove_first)
            if case.fresh_copy_of is not None:
                fresh = Path(case.env["RECOVERYLOG_HOME"])
                shutil.rmtree(fresh, ignore_errors=True)
                shutil.copytree(case.fresh_copy_of, fresh)
            seconds, cpu, peak = run_once(case.argv, case.env)
            if timed:
                samples = results[(case.name, case.size)]
                samples.seconds.append(seconds)
                samples.cpu_seconds.append(cpu)
                samples.peak_mb = max(samples.peak_mb, peak)
        label = "warm-up" if not timed else "run"
        print(f"{label} {round_number + 1}/{plan.warmup + plan.runs} done", file=sys.stderr)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class ScaleCases:
    """The rows of the scale targets: their homes (generated when missing), the export
    that import reads, and the encrypted home opened as a person would."""

    def __init__(self, plan: Plan, script: Path, homes: dict[str, Home], notes: list[str]):
        self.plan = plan
        self.script = script
        self.homes = dict(homes)
        self.notes = notes
        self.unlocked: dict[str, str] | None = None  # the environment of `unlock`, if run

    def cases(self) -> list[Case]:
        full = generate.label(FULL)
        if full not in self.homes:
            self.notes.append("the scale rows need the 100k home in --sizes")
            return []
        self._add_homes()
        year_ago = (datetime.fromisoformat(self.homes[full][1].now) - timedelta(days=364)).date()
        return [
            self._case(row) for row in scale_rows(year_ago.isoformat()) if row.home in self.homes
        ]

    def _add_homes(self) -> None:
        regenerate = self.plan.regenerate
        self.homes.setdefault(EMPTY, ensure_home(0, regenerate))
        self.homes.setdefault(generate.label(HALF), ensure_home(HALF, regenerate))
        self.homes[ENCRYPTED] = ensure_home(FULL, regenerate, encrypted=True)
        if self.plan.scale:
            self.homes.setdefault(generate.label(LARGEST), ensure_home(LARGEST, regenerate))
        else:
            self.notes.append("the 432k rows are measured with --scale")
        if self.plan.jrnl is not None:
            self.homes[JRNL_HOME] = ensure_jrnl(self.homes[generate.label(HALF)], regenerate)
        else:
            self.notes.append("the jrnl rows are measured with --jrnl PATH")

    def _case(self, row: ScaleRow) -> Case:
        home, spec = self.homes[row.home]
        if row.jrnl:
            assert self.plan.jrnl is not None
            env = clean_env(None, None)
            env.update(XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home))  # jrnl's own files
            argv = [str(self.plan.jrnl), "--config-file", str(home / generate.JRNL_CONFIG)]
            return Case(row.name, row.home, [*argv, *row.args], env)
        argv = [str(self.script), *row.args]
        if row.import_export:
            fresh = WORK_DIR / f"import-into-{row.home}"
            env = clean_env(fresh, spec.now, self.plan.src)
            argv.append(str(self._export_of(generate.label(FULL))))
            return Case(row.name, row.home, argv, env, heavy=True, fresh_copy_of=home)
        env = clean_env(home, spec.now, self.plan.src)
        if spec.encrypted:
            env = self._open(env)
        kept = home / "cache" if row.forget_kept else None
        return Case(row.name, row.home, argv, env, heavy=row.heavy, remove_first=kept)

    def _export_of(self, size: str) -> Path:
        """The export of a home, made once, for import to read."""
        home, spec = self.homes[size]
        out = WORK_DIR / f"export-{size}.json"
        subprocess.run(
            [str(self.script), "export", "--output", str(out)],
            env=clean_env(home, spec.now, self.plan.src),
            check=True,
            capture_output=True,
        )
        return out

    def _open(self, env: dict[str, str]) -> dict[str, str]:
        """The environment of commands on the encrypted home: unlocked once with
        ``recoverylog unlock`` where it exists (the key kept in a runtime folder of the
        benchmarks' own), otherwise the passphrase given to every run."""
        given = {**env, "RECOVERYLOG_PASSPHRASE": generate.PASSPHRASE}
        if not available(self.script, "unlock", env):
            self.notes.append(
                "no `unlock` command: each run on the encrypted home is given "
                "RECOVERYLOG_PASSPHRASE and derives the key"
            )
            return given
        runtime = WORK_DIR / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        unlocked = {**env, "XDG_RUNTIME_DIR": str(runtime)}
        subprocess.run(
            [str(self.script), "unlock"],
            env={**given, "XDG_RUNTIME_DIR": str(runtime)},
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        self.unlocked = unlocked
        self.notes.append("the encrypted home was unlocked once (`recoverylog unlock`)")
        return unlocked

    def finish(self) -> None:
        """Forget the key `unlock` kept, where this recoverylog can."""
        if self.unlocked is not None and available(self.script, "lock", self.unlocked):
            subprocess.run(
                [str(self.script), "lock"], env=self.unlocked, check=False, capture_output=True
            )


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


def _scale_table(results: dict[tuple[str, str], Samples], extra: list[Case]) -> list[str]:
    lines = [
        "",
        "## The scale rows: each command on its own home",
        "",
        "| command | home | median wall (ms) | CPU (ms) | interquartile (ms) | peak MB | runs |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for case in extra:
        samples = results[(case.name, case.size)]
        low, high = samples.quartiles_ms()
        lines.append(
            f"| `{case.name}` | {case.size} | {samples.median_ms:.0f} "
            f"| {samples.cpu_median_ms:.0f} | {low:.0f}–{high:.0f} | {samples.peak_mb:.0f} "
            f"| {len(samples.seconds)} |"
        )
    return lines


def markdown(
    results: dict[tuple[str, str], Samples],
    chosen: list[Command],
    sizes: list[str],
    info: dict[str, str],
    extra: list[Case] = [],  # noqa: B006 (never changed)
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
    if extra:
        lines += _scale_table(results, extra)
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
    parser.add_argument(
        "--scale", action="store_true", help="the 432k home too (export and report memory)"
    )
    parser.add_argument(
        "--jrnl", type=Path, metavar="PATH", help="the jrnl 4 program, to compare search with"
    )
    parser.add_argument(
        "--heavy-runs", type=int, default=3, help="timed runs of the long scale rows"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or args.heavy_runs < 1:
        parser.error("--runs and --heavy-runs must be at least 1 and --warmup zero or more")

    src = args.src.resolve() if args.src else None
    if src is not None and not (src / "recoverylog").is_dir():
        parser.error(f"{src} has no recoverylog package (give the src/ folder of a checkout)")
    jrnl = shutil.which(str(args.jrnl)) if args.jrnl else None
    if args.jrnl and jrnl is None:
        parser.error(f"{args.jrnl} is not a program that can be run")
    plan = Plan(
        args.sizes,
        args.runs,
        args.warmup,
        args.regenerate,
        src,
        args.scale,
        Path(jrnl).absolute() if jrnl else None,
        args.heavy_runs,
    )
    results, chosen, extra, info = measure(plan)
    sizes = [generate.label(n) for n in args.sizes]
    text = markdown(results, chosen, sizes, info, extra)
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
