"""Build a realistic recoverylog home for benchmarks: N entries spread over a few years.

    python benchmarks/generate.py --entries 100000 --out DIR

Everything is written through recoverylog's own store (config, journal, month shards),
so the files are exactly what the program writes. The same seed, entry count, span and
"now" always give the same home, byte for byte.

The home holds:
- config.toml with a time zone (Europe/London, so offsets change with the seasons);
- journal.toml with the "alcohol" clock (clean for longer than the span, two lapses)
  and, when there are entries, a "nicotine" clock with one lapse, a coping toolkit,
  and milestones already marked as celebrated (no command rewrites the journal
  to celebrate one);
- entries/YYYY-MM.json: mostly cravings (intensity, triggers, HALT, coping, outcome,
  duration, sometimes a note), then coping entries, triggers, meetings and notes,
  more of them in the evening, spread evenly over the span ending at "now".

With ``--entries 0`` the home has one clock and no entries: the "empty" home that the
benchmarks compare against. With ``--encrypt`` the home is then encrypted by
``recoverylog encrypt`` with the benchmarks' passphrase (PASSPHRASE below): the same
entries, sealed (the sealed bytes differ from one run to the next).

``--jrnl-of HOME`` writes, instead, a jrnl journal (plain text, unencrypted) of the
entries of a generated home, with a jrnl config file pointing at it, so that jrnl and
recoverylog can be timed on the same entries.

A file ``benchmark-home.json`` records how the home was made, so that run.py can tell
whether an existing home still matches.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
HOMES_DIR = BENCH_DIR / "homes"
MARKER = "benchmark-home.json"
# The passphrase of the encrypted benchmark homes; they hold generated entries only.
PASSPHRASE = "benchmark passphrase, generated entries only"
JRNL_CONFIG = "jrnl.yaml"
JRNL_JOURNAL = "journal.txt"
JRNL_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

DEFAULT_NOW = "2026-11-23T20:00:00+00:00"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_YEARS = 4.0
DEFAULT_SEED = 2026

TRIGGERS = [
    ("after work", "time"),
    ("argument at home", "emotion"),
    ("friday drinks invite", "people"),
    ("walked past the pub", "place"),
    ("feeling lonely", "emotion"),
    ("payday", "thing"),
    ("can't sleep", "body"),
    ("football on tv", "thing"),
    ("stressful meeting", "emotion"),
    ("old drinking friend called", "people"),
    ("'just one won't hurt'", "thought"),
    ("sunny afternoon", "time"),
]
TECHNIQUES = [
    ("urge surfing", "Notice the urge rise, peak and fall, without acting on it."),
    ("call sponsor", "A five-minute call is enough."),
    ("play the tape through", "Picture the next morning, not just the first drink."),
    ("go for a walk", None),
    ("eat something", None),
    ("breathing", "Four counts in, hold four, six out."),
    ("leave the situation", None),
    ("wait 15 minutes", None),
]
MEETINGS = [
    ("Tuesday lunchtime", "AA", False),
    ("Thursday big book", "AA", False),
    ("Sunday online", "SMART", True),
    ("Saturday morning step meeting", "NA", False),
]
CRAVING_NOTES = [
    "Came out of nowhere while cooking.",
    "Strong at first, gone after a cup of tea.",
    "Told Sam about it, which helped more than I expected.",
    "Noticed it before it got big this time.",
    "Thought about the mornings after. Not worth it.",
]
NOTES = [
    ("Slept well for the first time in ages.", 4),
    ("Hard day. Didn't drink. That counts.", 2),
    ("Told my sister how long it's been. She cried, in a good way.", 5),
    ("Bored more than anything. Cleaned the kitchen.", 3),
    ("Grateful for the Tuesday group.", 4),
    ("Tired and short with everyone. Early night.", 2),
]
TAGS = ["work", "home", "weekend", "family", "travel"]
HALT = ["hungry", "angry", "lonely", "tired"]
# How likely an entry is at each local hour: quiet at night, peaks after work and late.
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 4, 5, 5, 5, 6, 7, 6, 6, 7, 9, 12, 14, 14, 13, 11, 7, 3]


@dataclass(frozen=True)
class Spec:
    entries: int
    seed: int = DEFAULT_SEED
    years: float = DEFAULT_YEARS
    now: str = DEFAULT_NOW
    timezone: str = DEFAULT_TIMEZONE
    encrypted: bool = False


def label(count: int) -> str:
    """The folder name for a size: empty, 1k, 10k, 100k, or the plain number."""
    if count == 0:
        return "empty"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


def encrypted_label(count: int) -> str:
    return f"{label(count)}-encrypted"


def read_marker(home: Path) -> Spec | None:
    try:
        return Spec(**json.loads((home / MARKER).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def generate(spec: Spec, home: Path, *, replace: bool = False) -> Path:
    """Build the home described by ``spec`` in ``home`` (which must be empty or absent)."""
    if home.exists() and any(home.iterdir()):
        if not replace:
            raise SystemExit(f"{home} is not empty; pass --replace to rebuild it")
        if read_marker(home) is None:
            raise SystemExit(f"{home} was not made by this script; refusing to delete it")
        shutil.rmtree(home)

    from recoverylog.config import set_value
    from recoverylog.environment import Environment
    from recoverylog.services.workspace import open_workspace

    # The spec's clock; the time zone and no passphrase are config.toml's, so nothing
    # else of this process's environment may apply.
    environment = Environment(home=str(home), frozen_now=spec.now)
    ws = open_workspace(environment)
    with ws.store.writing():
        set_value(ws.layout.config_file, "timezone", spec.timezone, ws.store.io)
    ws = open_workspace(environment)  # again, now with the time zone from config.toml

    rng = random.Random(spec.seed)
    first_day = ws.today - timedelta(days=round(spec.years * 365.25))
    journal_clocks = _clocks(ws, rng, first_day, with_second=spec.entries > 0)
    entries = _entries(ws, rng, spec.entries, first_day)

    from recoverylog.domain.model import Technique
    from recoverylog.services.progress import new_celebrations

    with ws.store.writing():
        journal = ws.reload_journal()
        journal.clocks = journal_clocks
        if spec.entries:
            journal.toolkit = [Technique(name, about) for name, about in TECHNIQUES]
        ws.save_journal(journal)
        ws.store.entries.append_many(entries)
    # Mark every milestone reached so far as celebrated, as daily use would have.
    new_celebrations(ws)
    if spec.encrypted:
        _encrypt(home, spec)

    (home / MARKER).write_text(json.dumps(asdict(spec), indent=2) + "\n", encoding="utf-8")
    return home


def _encrypt(home: Path, spec: Spec) -> None:
    """Encrypt the home as a person would: ``recoverylog encrypt``, passphrase given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERYLOG_")}
    env.update(
        RECOVERYLOG_HOME=str(home), RECOVERYLOG_NOW=spec.now, RECOVERYLOG_PASSPHRASE=PASSPHRASE
    )
    script = Path(sys.executable).parent / "recoverylog"
    subprocess.run([str(script), "encrypt"], env=env, check=True, stdout=subprocess.DEVNULL)


def _clocks(ws: Any, rng: random.Random, first_day: date, *, with_second: bool) -> list[Any]:
    from recoverylog.domain.model import Clock, Lapse

    def lapse(day: date, hour: int, note: str, triggers: list[str]) -> Lapse:
        at = _local(ws, day, hour, rng.randrange(60))
        return Lapse(f"{rng.getrandbits(32):08x}", at, day + timedelta(days=1), note, triggers)

    span = (ws.today - first_day).days
    created = ws.now - timedelta(days=span + 30)
    alcohol = Clock(
        "alcohol",
        first_day - timedelta(days=30),
        cost_per_day=12.0,
        hours_per_day=2.0,
        created=created,
        lapses=[
            lapse(first_day + timedelta(days=span // 5), 21, "Wedding reception.", ["wedding"]),
            lapse(first_day + timedelta(days=span * 3 // 5), 19, "Bad week at work.", ["payday"]),
        ],
    )
    clocks = [alcohol]
    if with_second:
        clocks.append(
            Clock(
                "nicotine",
                _nicotine_since(first_day, ws.today),
                cost_per_day=9.5,
                created=created,
                lapses=[lapse(first_day + timedelta(days=span // 2), 23, "One at a party.", [])],
            )
        )
    return clocks


def _nicotine_since(first_day: date, today: date) -> date:
    """The second clock starts a third of the way into the span."""
    return first_day + timedelta(days=(today - first_day).days // 3)


def _local(ws: Any, day: date, hour: int, minute: int, second: int = 0) -> datetime:
    from datetime import time

    naive = datetime.combine(day, time(hour, minute, second))
    return naive.replace(tzinfo=ws.tz).astimezone(ws.tz)


def _entries(ws: Any, rng: random.Random, count: int, first_day: date) -> list[Any]:
    from recoverylog.domain.model import Entry, EntryType

    span = (ws.today - first_day).days + 1
    nicotine_from = _nicotine_since(first_day, ws.today)
    days = sorted(rng.randrange(span) for _ in range(count))
    hours = list(range(24))
    out: list[Entry] = []
    for offset in days:
        day = first_day + timedelta(days=offset)
        at = _local(ws, day, *_time_of_day(rng, hours))
        if at > ws.now:
            at = ws.now - timedelta(minutes=rng.randrange(1, 600))
        entry_id = f"{rng.getrandbits(128):032x}"
        clock = "nicotine" if day >= nicotine_from and rng.random() < 0.2 else "alcohol"
        roll = rng.random()
        tags = [rng.choice(TAGS)] if rng.random() < 0.15 else []
        note: str | None = None
        if roll < 0.62:
            entry_type = EntryType.CRAVING
            data = _craving(rng)
            if rng.random() < 0.12:
                note = rng.choice(CRAVING_NOTES)
        elif roll < 0.80:
            entry_type = EntryType.COPING
            data = {"technique": rng.choice(TECHNIQUES)[0]}
            if rng.random() < 0.8:
                data["helped"] = rng.randint(1, 5)
        elif roll < 0.88:
            entry_type = EntryType.TRIGGER
            text, kind = rng.choice(TRIGGERS)
            data = {"text": text, "kind": kind, "halt": _halt(rng)}
        elif roll < 0.94:
            entry_type = EntryType.MEETING
            name, fellowship, online = rng.choice(MEETINGS)
            data = {"name": name, "fellowship": fellowship, "online": online}
            clock = "alcohol"
        else:
            entry_type = EntryType.NOTE
            note, mood = rng.choice(NOTES)
            data = {"mood": mood}
        created = at + timedelta(minutes=rng.randrange(0, 90))
        out.append(
            Entry(
                id=entry_id,
                type=entry_type,
                at=at,
                clock=clock,
                note=note,
                tags=tags,
                data=data,
                created=min(created, ws.now),
            )
        )
    out.sort(key=lambda entry: entry.at)  # logged as things happen: oldest first
    return out


def _time_of_day(rng: random.Random, hours: list[int]) -> tuple[int, int, int]:
    hour = rng.choices(hours, HOUR_WEIGHTS)[0]
    return hour, rng.randrange(60), rng.randrange(60)


def _halt(rng: random.Random) -> list[str]:
    chosen = set(rng.sample(HALT, rng.choice([0, 0, 1, 1, 1, 2])))
    return [h for h in HALT if h in chosen]


def _craving(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = {"intensity": min(10, max(0, round(rng.gauss(5.5, 2.2))))}
    if rng.random() < 0.7:
        data["duration_min"] = rng.choice([2, 5, 10, 15, 20, 30, 45, 60])
    data["triggers"] = [t for t, _ in rng.sample(TRIGGERS, rng.choice([0, 1, 1, 1, 2]))]
    data["halt"] = _halt(rng)
    data["coping"] = [t for t, _ in rng.sample(TECHNIQUES, rng.choice([0, 1, 1, 2, 2, 3]))]
    if rng.random() < 0.85:
        data["outcome"] = "used" if rng.random() < 0.03 else "passed"
    return data


def write_jrnl(home: Path, out: Path) -> Path:
    """A jrnl journal of the entries of the generated ``home`` in ``out``, one jrnl
    entry per entry, with their texts and tags, and a config file for it; returns the
    config file. jrnl reads its plain-text format, unencrypted."""
    spec = read_marker(home)
    if spec is None or spec.encrypted:
        raise SystemExit(f"{home} is not a plain generated home (run generate.py first)")
    if out.exists():
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} was not made by this script; refusing to delete it")
        shutil.rmtree(out)
    out.mkdir(parents=True)

    from recoverylog.environment import Environment
    from recoverylog.services.workspace import open_workspace

    ws = open_workspace(Environment(home=str(home), frozen_now=spec.now))
    journal = out / JRNL_JOURNAL
    with journal.open("w", encoding="utf-8") as file:
        for entry in ws.store.entries.iter_range():
            file.write(_jrnl_entry(entry))
    config = out / JRNL_CONFIG
    config.write_text(_jrnl_config(journal), encoding="utf-8")
    marker = json.dumps({"jrnl_of": asdict(spec)}, indent=2) + "\n"
    (out / MARKER).write_text(marker, encoding="utf-8")
    return config


def _jrnl_entry(entry: Any) -> str:
    """``[time] Title. Body`` as jrnl writes it: the entry's type and texts, its tags."""
    words = [f"{entry.type}."]
    for key, value in entry.data.items():
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        if value not in ("", None):
            words.append(f"{key.replace('_', ' ')}: {value}.")
    if entry.note:
        words.append(entry.note)
    words += [f"@{tag}" for tag in entry.tags]
    return f"[{entry.at.strftime(JRNL_TIME_FORMAT)}] {' '.join(words)}\n\n"


def _jrnl_config(journal: Path) -> str:
    """jrnl 4's settings (YAML), with colours off and the journal unencrypted."""
    return "\n".join(
        [
            "colors: {body: none, date: none, tags: none, title: none}",
            "default_hour: 9",
            "default_minute: 0",
            "editor: ''",
            "encrypt: false",
            "highlight: false",
            "indent_character: '|'",
            "journals:",
            "  default:",
            f"    journal: {json.dumps(str(journal))}",
            "linewrap: 79",
            "tagsymbols: '@'",
            "template: false",
            f"timeformat: '{JRNL_TIME_FORMAT}'",
            "version: '4.6'",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, help="how many entries")
    parser.add_argument("--out", type=Path, help="the home folder (default: homes/<size>)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--years", type=float, default=DEFAULT_YEARS, help="span of entries")
    parser.add_argument("--now", default=DEFAULT_NOW, help="the last moment (ISO 8601)")
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE)
    parser.add_argument("--replace", action="store_true", help="rebuild a generated home")
    parser.add_argument(
        "--encrypt", action="store_true", help="encrypt the home (benchmark passphrase)"
    )
    parser.add_argument(
        "--jrnl-of", type=Path, metavar="HOME", help="write a jrnl journal of HOME's entries"
    )
    args = parser.parse_args(argv)
    if args.jrnl_of is not None:
        if args.out is None:
            parser.error("--jrnl-of needs --out")
        config = write_jrnl(args.jrnl_of.resolve(), args.out.resolve())
        print(f"{args.out}: jrnl journal of {args.jrnl_of} (config {config})", file=sys.stderr)
        return 0
    if args.entries is None or args.entries < 0:
        parser.error("--entries must be zero or more")
    spec = Spec(args.entries, args.seed, args.years, args.now, args.timezone, args.encrypt)
    default = encrypted_label(args.entries) if args.encrypt else label(args.entries)
    home = args.out or HOMES_DIR / default
    generate(spec, home.resolve(), replace=args.replace)
    print(f"{home}: {args.entries} entries over {args.years:g} years", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
