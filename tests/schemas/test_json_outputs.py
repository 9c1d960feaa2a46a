"""Every JSON output matches the JSON Schema shipped for it: on an empty journal, on the
demo journal, and on one that holds every kind of record.

Each output is checked twice: against the schema as shipped, which lets a newer version
add keys, and against a strict copy that refuses any key the schema does not name, so
every key the program writes is documented."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from schema_helpers import (
    COMMAND_SCHEMAS,
    json_format_commands,
    load_schema,
    strict,
)
from typer.testing import CliRunner

from recoverylog.cli.main import app

FIXED_NOW = "2026-11-23T20:00:00+00:00"  # as tests/conftest.py
HOMES = ("empty", "demo", "full")
GIT = shutil.which("git")  # sync's JSON is checked where git is installed


class Runner:
    """Runs commands in one home, outside any test (the homes are built once)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> str:
        result = self.runner.invoke(
            app, ["--home", str(self.home), *args], input=input, catch_exceptions=False
        )
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result.stdout


def _fill(run: Runner) -> None:
    """Every kind of entry, a clock started at a moment with a lapse and a later run, a
    planned clock, people, goals, a plan, a backup and settings of each kind."""
    run("clock", "add", "gambling", "--since", "yesterday 22:00", "--scheme", "na")
    run("clock", "add", "nicotine", "--since", "2026-12-01")
    run("people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100")
    run("people", "add", "Jo", "--role", "peer", "--email", "jo@example.org")
    run("log", "contact", "Sam", "--via", "call", "--clock", "alcohol", "--note", "talked")
    run("log", "trigger", "the pub", "--kind", "place", "--clock", "alcohol", "--halt", "tired")
    run("log", "craving", "5", "--clock", "gambling", "--trigger", "ads", "--halt", "tired")
    run("log", "meeting", "Online GA", "--fellowship", "GA", "--online", "--clock", "gambling")
    run("log", "note", "A good day.", "--mood", "4", "--clock", "alcohol", "--tag", "family")
    run("log", "lapse", "gambling", "--at", "2026-11-23 10:00", "--trigger", "ads")
    run("log", "lapse", "gambling", "--at", "2026-11-23 10:30", "--restart", "12:00")
    run("checkin", "--clean", "alcohol=yes", "--clean", "gambling=lapse", "--clean",
        "nicotine=yes", "--difficulty", "hard", "--mood", "3", "--grateful", "my sister",
        "--resentful", "--tomorrow", "rest")  # fmt: skip
    run("selfcheck", "--answers", "2,3,1,0,2", "--clock", "alcohol")
    run("goal", "set", "meetings", "90", "--days", "90", "--start", "2026-11-01")
    run("goal", "set", "contacts", "3", "--days", "7", "--repeat")
    run("plan", "edit", "--file", "-", input='reasons = ["my kids"]\ninstead = ["walk"]\n')
    run("config", "set", "schemes.mine", "1d,1w,every 1y")
    run("config", "set", "report.hide", "Maria")
    guide = run.home.parent / "meeting-guide.json"
    guide.write_text(json.dumps(MEETING_GUIDE), encoding="utf-8")
    run("meetings", "import", str(guide), "--fellowship", "NA")
    run("backup", "create")


MEETING_GUIDE = [
    {"name": "Daily online", "day": [0, 1, 2, 3, 4, 5, 6], "time": "19:45", "end_time": "21:00",
     "timezone": "Europe/Dublin", "conference_url": "https://meet.example.org/daily"},
    {"name": "Basics", "day": 2, "time": "12:00", "location": "Hall", "region": "East"},
]  # fmt: skip


def _first_id(run: Runner, kind: str) -> str | None:
    records = json.loads(run("list", "--all", "--type", kind, "--format", "json"))
    return records[0]["id"] if records else None


def _outputs(run: Runner, scratch: Path) -> Iterator[tuple[tuple[str, ...], str]]:
    """(command path, JSON text) for every command that writes JSON, in this home."""
    f = ("--format", "json")
    yield ("list",), run("list", "--all", *f)
    for kind in ("craving", "lapse", "checkin", "selfcheck", "contact", "trigger"):
        found = _first_id(run, kind)
        if found:
            yield ("show",), run("show", found, *f)
    yield ("status",), run("status", *f)
    yield ("milestones",), run("milestones", *f)
    run("milestones", "--output", str(scratch / "milestones.json"))
    yield ("milestones",), (scratch / "milestones.json").read_text(encoding="utf-8")
    yield ("clock", "list"), run("clock", "list", *f)
    clocks = [clock["name"] for clock in json.loads(run("clock", "list", *f))]
    for name in clocks:
        yield ("clock", "show"), run("clock", "show", name, *f)
    yield ("coping", "list"), run("coping", "list", *f)
    yield ("people", "list"), run("people", "list", *f)
    yield ("goal",), run("goal", *f)
    yield ("goal", "show"), run("goal", "show", *f)
    yield ("meetings",), run("meetings", "--since", "2026-08-01", *f)
    yield ("meetings", "next"), run("meetings", "next", "-n", "9", *f)
    yield ("plan",), run("plan", *f)
    yield ("plan", "show"), run("plan", "show", *f)
    yield ("plan", "list"), run("plan", "list", *f)
    yield ("remind", "list"), run("remind", "list", *f)
    for name in ("help-now", "crisis", "emergency"):
        yield (name,), run(name, *f)
    yield ("insights",), run("insights", *f)
    for name in clocks[:1]:
        yield ("insights",), run("insights", "--since", "2026-11-20", "--clock", name, *f)
    yield ("config", "show"), run("config", "show", *f)
    yield ("backup", "list"), run("backup", "list", *f)
    (scratch / "usb").mkdir()
    yield ("backup", "create"), run("backup", "create", "--to", str(scratch / "usb"), *f)
    if any((scratch / "usb").iterdir()):  # an empty journal has nothing to copy
        yield ("backup", "verify"), run("backup", "verify", str(scratch / "usb"), *f)
    yield ("doctor",), run("doctor", *f)
    yield ("export",), run("export")
    yield ("export",), run("export", *f)
    run("export", "--output", str(scratch / "export.json"))
    yield ("import",), run("import", str(scratch / "export.json"), "--dry-run", *f)
    yield ("report",), run("report", *f)
    everything = ("--audience", "self", "--period", "all", "--name", "A.")
    run("report", *everything, "--include", "notes,names,lapse-details,journal,calendar",
        "--output", str(scratch / "report.json"))  # fmt: skip
    yield ("report",), (scratch / "report.json").read_text(encoding="utf-8")
    yield ("report",), run("report", "--audience", "clinician", "--period", "quarter", *f)
    yield ("report", "view"), run("report", "view", str(scratch / "report.json"), *f)
    yield ("schema",), run("schema", *f)
    if GIT:  # last: the home becomes a git repository with a remote
        _git("init", "--quiet", "--bare", str(scratch / "remote.git"))
        _git("init", "--quiet", str(run.home))
        _git("-C", str(run.home), "remote", "add", "origin", str(scratch / "remote.git"))
        yield ("sync",), run("sync", *f)


def _git(*words: str) -> None:
    subprocess.run(["git", *words], check=True, capture_output=True)


def _build(kind: str, folder: Path) -> list[tuple[tuple[str, ...], Any]]:
    home, scratch = folder / "home", folder / "scratch"
    scratch.mkdir()
    run = Runner(home)
    if kind != "empty":
        run("demo", "--home", str(home))
    if kind == "full":
        _fill(run)
    return [(path, json.loads(text)) for path, text in _outputs(run, scratch)]


@pytest.fixture(scope="module")
def outputs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """The JSON of every command in each home, built once for this module with the
    settings every test runs with (a fixed now, UTC)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERYLOG_NOW", FIXED_NOW)
        patch.setenv("RECOVERYLOG_TIMEZONE", "UTC")
        patch.setenv("NO_COLOR", "1")
        patch.setenv("EDITOR", "false")
        patch.delenv("RECOVERYLOG_PASSPHRASE", raising=False)
        patch.setattr("recoverylog.store.crypto.SCRYPT_N", 2**10)
        return {kind: _build(kind, tmp_path_factory.mktemp(kind)) for kind in HOMES}


def _errors(schema: dict[str, Any], document: Any) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}"
        for e in validator.iter_errors(document)
    ]


@pytest.mark.parametrize("home", HOMES)
def test_every_json_output_matches_its_schema(
    home: str, outputs: dict[str, list[tuple[tuple[str, ...], Any]]]
) -> None:
    problems = []
    for path, document in outputs[home]:
        schema = load_schema(COMMAND_SCHEMAS[path])
        for label, checked in (("schema", schema), ("strict", strict(schema))):
            problems += [f"{' '.join(path)} ({label}) {e}" for e in _errors(checked, document)]
    assert problems == []


def test_the_homes_hold_what_the_schemas_speak_of(
    outputs: dict[str, list[tuple[tuple[str, ...], Any]]],
) -> None:
    """Control: the full home really has each kind of record, and the empty one none."""
    listed = {path: doc for path, doc in outputs["full"]}
    kinds = {record["type"] for record in listed[("list",)]}
    assert kinds == {
        *("craving", "trigger", "coping", "meeting", "note", "contact", "checkin"),
        *("selfcheck", "lapse"),
    }
    assert len(listed[("people", "list")]) == 2
    assert len(listed[("goal",)]) == 2
    assert dict(outputs["empty"])[("list",)] == []


def test_every_command_that_writes_json_is_checked(
    outputs: dict[str, list[tuple[tuple[str, ...], Any]]],
) -> None:
    """A new command with --format json needs a schema here (demo shows text whatever
    the format), and every schema describes some command."""
    offered = json_format_commands() - {("demo",)}
    assert offered == set(COMMAND_SCHEMAS)
    ran = {home: {path for path, _ in outputs[home]} for home in HOMES}
    checked = set(COMMAND_SCHEMAS) - (set() if GIT else {("sync",)})
    assert ran["demo"] == ran["full"] == checked
    nothing_yet = {("show",), ("clock", "show"), ("backup", "verify")}  # nothing to copy
    assert ran["empty"] == checked - nothing_yet
    shipped = {p.name.removesuffix(".schema.json") for p in _schema_files()}
    assert set(COMMAND_SCHEMAS.values()) == shipped


def _schema_files() -> list[Path]:
    from importlib.resources import files

    folder = Path(str(files("recoverylog.data").joinpath("schemas")))
    return sorted(folder.glob("*.schema.json"))


def test_a_newer_key_passes_the_schema_and_an_undocumented_one_fails_strict(
    outputs: dict[str, list[tuple[tuple[str, ...], Any]]],
) -> None:
    """Control for the two checks above: keys may be added within a version, and the
    strict copy notices a key the schema does not name, deep inside too."""
    status = dict(outputs["demo"])[("status",)]
    status["clocks"][0]["new_in_a_later_version"] = 1
    schema = load_schema("status")
    assert _errors(schema, status) == []
    assert len(_errors(strict(schema), status)) == 1


def test_the_checks_see_a_wrong_type_and_a_value_outside_the_choices(
    outputs: dict[str, list[tuple[tuple[str, ...], Any]]],
) -> None:
    records = [dict(r) for r in dict(outputs["full"])[("list",)]]
    craving = next(r for r in records if r["type"] == "craving")
    schema = load_schema("list")
    assert _errors(schema, [craving]) == []
    assert _errors(schema, [{**craving, "halt": ["sleepy"]}]) != []
    assert _errors(schema, [{**craving, "intensity": "5"}]) != []
    assert _errors(schema, [{**craving, "at": "2026-11-20 21:05"}]) != []
    assert _errors(schema, [{k: v for k, v in craving.items() if k != "outcome"}]) != []
