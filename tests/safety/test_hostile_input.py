"""Hostile text in every field and option: kept exactly, or refused in one plain line.

Notes, clock names, trigger texts and tags full of control characters, right-to-left
marks, quotes, backslashes, brackets, '#', newlines and very long text must come back
exactly as stored (after the documented clean-up of each field), or be refused with
exit code 2 and a single "Error: ..." line. No string given to any option of the log,
list, entry, clock, config, backup, people, checkin, goal, report, milestones, insights
and import commands may end in exit code 1 or a traceback, or leave the journal in a
state that the next command cannot read.
"""

from __future__ import annotations

import itertools
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from safety_helpers import check_data_files, snapshot

MAX_NOTE = 100_000
MAX_NAME = 200

SPECIAL = [
    '"', "'", "\\", "[", "]", "[/]", "[bold]", "{", "}", "#", "=", ",", "@", "-", "--",
    "\n", "\r", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x1b[31m", "\x7f", "\x85", "\x9b",
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff",
    "\ufffd", " ", "\xa0", "\u3000", "é", "e\u0301", "ß", "İ", "ﬀ", "😀", "\U0010ffff",
    "%s", "{0}", "$(id)", "`", "<b>", "&amp;", '"""', "'''", "null", "true", "1e999", "=cmd",
]  # fmt: skip

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=3), max_size=16).map("".join),
)
# Lone surrogates reach a program from argv bytes that are not UTF-8.
WITH_SURROGATES = st.lists(
    st.sampled_from(SPECIAL) | st.characters(categories=["Cs"]) | st.text(max_size=2),
    min_size=1,
    max_size=8,
).map("".join)
ANY_TEXT = HOSTILE | WITH_SURROGATES

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

OPTION_FUZZ = settings(FUZZ, max_examples=30)


@pytest.fixture
def fresh(tmp_path: Path):
    """A new, empty home folder for each hypothesis example."""
    counter = itertools.count()
    return lambda: tmp_path / f"h{next(counter)}"


def _has_surrogate(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cs" for ch in text)


def assert_refused(result) -> None:
    """Exit 2 and one 'Error: ...' line (and perhaps one 'Hint: ...' line), nothing else."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr
    assert all(line.startswith("Hint: ") for line in lines[1:]), result.stderr
    assert result.stderr.endswith("\n")
    assert not any(unicodedata.category(ch) == "Cc" for ch in result.stderr[:-1].replace("\n", ""))


def _short_id(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result.stdout.split()[0]


def _show(cli, home: Path, short: str) -> dict:
    result = cli("--home", str(home), "show", short, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _renders(cli, home: Path) -> None:
    """Listings in every format still work with the hostile text in the journal."""
    for args in (
        ("list", "--format", "table"),
        ("list", "--format", "plain"),
        ("list", "--format", "csv"),
        ("status",),
        ("clock", "list", "--format", "table"),
    ):
        result = cli("--home", str(home), *args)
        assert result.exit_code == 0, (args, result.stderr)


# --- what each field promises (see domain/fields.py and docs/) ---------------------


def expected_note(text: str) -> str | None:
    """Notes are kept as typed, except blank lines around them; None for a blank note,
    which is refused."""
    trimmed = text.strip("\n")
    return trimmed if trimmed.strip() else None


def hidden(text: str) -> bool:
    """A control or format character (a tab, a line break, ESC, a bidi override): names
    and tags refuse them, typed or imported. The joiners some scripts need are allowed."""
    unsafe = ("Cc", "Cf", "Cs", "Zl", "Zp")
    return any(unicodedata.category(ch) in unsafe and ch not in "\u200c\u200d" for ch in text)


def expected_name(text: str) -> str | None:
    """Names: surrounding space trimmed, inner runs of space made one; None = refused."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_NAME or hidden(text):
        return None
    return cleaned


def expected_tags(text: str) -> list[str] | None:
    """Comma-separated; a leading '#' or '@' dropped; no spaces inside; None = refused."""
    tags: list[str] = []
    for part in text.split(","):
        cleaned = part.strip().lstrip("#@")
        if not cleaned:
            continue
        if any(ch.isspace() for ch in cleaned) or hidden(cleaned):
            return None
        if cleaned not in tags:
            tags.append(cleaned)
    return tags


# --- round trips ------------------------------------------------------------------------


@FUZZ
@given(text=ANY_TEXT)
@example(text="x" * MAX_NOTE)
@example(text="y" * (MAX_NOTE + 1))
@example(text='a "quoted" \\ back\\slash [table] {json} # not a comment\n= key = "v"')
@example(text="\u202eevil\u202c \u200f\u05e9\u05dc\u05d5\u05dd\x00\x1b[2J")
@example(text="\n\nkept inside\n\n")
def test_note_round_trips_exactly_or_is_refused(cli, fresh, text: str) -> None:
    home = fresh()
    result = cli("--home", str(home), "log", "craving", "5", f"--note={text}")
    # '-' means "read standard input", which is empty here: a blank note, refused.
    blank = text == "-" or expected_note(text) is None
    if blank or _has_surrogate(text) or len(text) > MAX_NOTE:
        assert_refused(result)
        assert check_data_files(home) == {}  # nothing was written
        return
    entry = _show(cli, home, _short_id(result))
    assert entry["note"] == expected_note(text)
    _renders(cli, home)


@FUZZ
@given(text=HOSTILE)
def test_note_from_standard_input_round_trips(cli, fresh, text: str) -> None:
    # The test runner's stdin reads text with universal newlines, so '\r' would come in
    # as '\n' before the program sees it; the program itself never sees a '\r' here.
    text = text.replace("\r", "")
    home = fresh()
    result = cli("--home", str(home), "log", "craving", "5", "--note", "-", input=text)
    if expected_note(text) is None:
        assert_refused(result)
        return
    assert _show(cli, home, _short_id(result))["note"] == expected_note(text)


@FUZZ
@given(text=ANY_TEXT)
@example(text="n" * MAX_NOTE)
def test_journal_note_text_round_trips_or_is_refused(cli, fresh, text: str) -> None:
    home = fresh()
    result = cli("--home", str(home), "log", "note", "--", text)
    if text == "-":
        return  # standard input; covered above
    if expected_note(text) is None:
        assert_refused(result)
        return
    if _has_surrogate(text) or len(text) > MAX_NOTE or expected_note(text) is None:
        assert result.exit_code == 2 or _show(cli, home, _short_id(result))["note"] is None
        if result.exit_code == 2:
            assert_refused(result)
        return
    assert _show(cli, home, _short_id(result))["note"] == expected_note(text)


@FUZZ
@given(name=ANY_TEXT)
@example(name="n" * MAX_NAME)
@example(name="n" * (MAX_NAME + 1))
@example(name='al"co\\hol [x] #1 = {y}')
@example(name="\u202elohocla")
@example(name="tab\there")
@example(name="gin\u202e")
@example(name="\u200d")
@example(name="my  habit ")
def test_clock_name_round_trips_or_is_refused(cli, fresh, name: str) -> None:
    home = fresh()
    result = cli("--home", str(home), "clock", "add", "--since", "2026-11-01", "--", name)
    wanted = expected_name(name)
    if wanted is None or _has_surrogate(name):
        assert_refused(result)
        assert check_data_files(home) == {}
        return
    assert result.exit_code == 0, result.stderr
    listed = cli("--home", str(home), "clock", "list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert [c["name"] for c in json.loads(listed.stdout)] == [wanted]
    for typed in (name, wanted):  # found by what was typed, and by how it is shown
        shown = cli("--home", str(home), "clock", "show", "--format", "json", "--", typed)
        assert shown.exit_code == 0, shown.stderr
        assert json.loads(shown.stdout)["name"] == wanted
    _renders(cli, home)


@FUZZ
@given(text=ANY_TEXT)
@example(text='after "work" \\ [pub] #2')
def test_trigger_text_round_trips_or_is_refused(cli, fresh, text: str) -> None:
    home = fresh()
    wanted = expected_name(text)
    alone = cli("--home", str(home), "log", "trigger", "--", text)
    inside = cli("--home", str(home), "log", "craving", "6", f"--trigger={text}")
    if wanted is None or _has_surrogate(text):
        assert_refused(alone)
        assert_refused(inside)
        return
    assert _show(cli, home, _short_id(alone))["text"] == wanted
    assert _show(cli, home, _short_id(inside))["triggers"] == [wanted]
    _renders(cli, home)


@FUZZ
@given(text=ANY_TEXT)
@example(text="#work,@home,work")
@example(text='"q",\\b,[t],{j},=')
def test_tags_round_trip_or_are_refused(cli, fresh, text: str) -> None:
    home = fresh()
    result = cli("--home", str(home), "log", "craving", "2", f"--tag={text}")
    wanted = expected_tags(text)
    if wanted is None or _has_surrogate(text):
        assert_refused(result)
        return
    entry = _show(cli, home, _short_id(result))
    assert entry["tags"] == wanted
    for tag in wanted:
        found = cli("--home", str(home), "list", f"--tag={tag}", "--format", "json")
        assert found.exit_code == 0, found.stderr
        assert [e["id"] for e in json.loads(found.stdout)] == [entry["id"]]
    _renders(cli, home)


# --- every option, any string -----------------------------------------------------------

TIMES = st.one_of(
    st.sampled_from(["now", "today", "yesterday", "tomorrow", "monday", "21:30", "24:00"]),
    st.builds("{} {} ago".format, st.integers(0, 10**12), st.sampled_from(["m", "h", "days"])),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)
    ),
    st.builds("{:04d}-12-31 23:59".format, st.sampled_from([1, 1970, 2026, 9998, 9999])),
)
DURATIONS = st.one_of(
    st.builds("{}{}".format, st.integers(0, 10**30), st.sampled_from(["", "m", "h", "d", "w"])),
    st.builds("{}h{}m".format, st.integers(0, 10**6), st.integers(0, 10**6)),
    st.sampled_from(["1e400", "1.5h", "nan", "inf", "-5m", "0"]),
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0", "1", "5", "10", "11", "-1", "1e308", "nan", "inf", "-0"]),
)
CLOCKS = st.sampled_from(["alcohol", "ALCOHOL", "nicotine", "alcohol ", "alc"])
CHOICES = st.sampled_from(
    ["passed", "used", "place", "AA", "SMART", "hungry,tired", "h", "craving", "json", "csv",
     "na", "common", "extended", "table", "plain", "note", "checkin", ""]
)  # fmt: skip

FLAVOURS = {
    "time": TIMES,
    "duration": DURATIONS,
    "number": NUMBERS,
    "clock": CLOCKS,
    "choice": CHOICES,
}
CONFIG_KEYS = st.sampled_from(
    ["timezone", "milestone_scheme", "currency", "default_clock", "country", "backups.keep",
     "calendar.discreet", "schemes.mine", "schemes.", "schemes", "backups", "nope", ""]
)  # fmt: skip
PEOPLE = st.sampled_from(["Sam", "sam", " Sam ", "Alex", "Nobody"])
PARTS = st.sampled_from(
    ["notes", "names", "lapse-details", "journal", "calendar", "notes,names", "all", ",", ""]
)
GOAL_KINDS = st.sampled_from(
    ["meetings", "contacts", "Meetings", "cravings", "", "checkins", "tag", "coping:walk", "tag:"]
)
ANSWERS = st.sampled_from(
    ["yes", "lapse", "no", "alcohol=yes", "nicotine=lapse", "alcohol=lapse",
     "easy", "ok", "questionable", "hard", "very hard", "hungry", "angry,lonely", "3"]
)  # fmt: skip
EXTENSIONS = st.sampled_from([".md", ".txt", ".html", ".json", ".ics", ".toml", ".pdf", ""])


def _relative(text: str) -> str:
    """Arbitrary text as a path that stays inside the current (scratch) folder.

    A real command line carries bytes that are not UTF-8 as the surrogates U+DC80 to
    U+DCFF, and never a NUL; other lone surrogates and NUL only exist inside the test
    runner, where a file name cannot hold them, so they are mapped to what can."""
    text = "".join(
        chr(0xDC80 | (ord(ch) & 0x7F)) if unicodedata.category(ch) == "Cs" else ch for ch in text
    )
    return text.replace("\x00", "0").replace("..", "__").lstrip("/")


# Output files land in a scratch folder (the test's working directory), whatever text.
OUTPUTS = st.builds("out/{}{}".format, ANY_TEXT.map(_relative), EXTENSIONS)
# Import files: arbitrary (missing) paths, or real files full of damage (see below).
JUNK_FILES = {
    "empty.json": b"",
    "random.json": bytes(range(256)) * 4,
    "cut.json": b'{"format": "recoverylog-export", "entries": [{"id": "ab',
    "latin1.csv": "type,at,note\ncraving,2026-11-01,caf\u00e9\n".encode("latin-1"),
    "wrong-types.json": b'{"format": "recoverylog-export", "version": "x", "entries": 7}',
    "deep.json": b"[" * 100_000,
    "not-toml.toml": b"[[[ = = =\n",
    "jrnl.json": b'{"entries": [{"date": "yesterday", "title": 5}]}',
    "rows.csv": b'type,at,intensity\ncraving,not a time,eleven\n,,\n"unclosed\n',
}

LOG_COMMON = {"--clock": "clock", "--at": "time", "--note": "text", "--tag": "text"}
CLOCK_OPTS = {
    "--since": "time",
    "--cost-per-day": "number",
    "--hours-per-day": "number",
    "--scheme": "choice",
}
COMMANDS: dict[str, tuple[list[str], list[str], dict[str, str]]] = {
    # name: (command words, positional flavours, options and their flavours)
    "log craving": (
        ["log", "craving"],
        ["number"],
        {
            **LOG_COMMON,
            "--trigger": "text",
            "--halt": "choice",
            "--coping": "text",
            "--outcome": "choice",
            "--duration": "duration",
        },
    ),
    "log trigger": (
        ["log", "trigger"],
        ["text"],
        {**LOG_COMMON, "--kind": "choice", "--halt": "choice"},
    ),
    "log coping": (
        ["log", "coping"],
        ["text"],
        {**LOG_COMMON, "--helped": "number", "--craving": "id"},
    ),
    "log meeting": (["log", "meeting"], ["text"], {**LOG_COMMON, "--fellowship": "choice"}),
    "log note": (
        ["log", "note"],
        ["text"],
        {"--mood": "number", "--clock": "clock", "--at": "time", "--tag": "text"},
    ),
    "log lapse": (
        ["log", "lapse"],
        ["clock"],
        {"--at": "time", "--restart": "time", "--note": "text", "--trigger": "text"},
    ),
    "list": (
        ["list"],
        [],
        {
            "--type": "choice",
            "--since": "time",
            "--until": "time",
            "--clock": "clock",
            "--tag": "text",
            "--search": "text",
            "--limit": "number",
            "--format": "choice",
        },
    ),
    "show": (["show"], ["id"], {"--format": "choice"}),
    "edit": (
        ["edit"],
        ["id"],
        {
            **LOG_COMMON,
            "--intensity": "number",
            "--trigger": "text",
            "--halt": "choice",
            "--coping": "text",
            "--outcome": "choice",
            "--duration": "duration",
            "--text": "text",
            "--kind": "choice",
            "--technique": "text",
            "--helped": "number",
            "--name": "text",
            "--fellowship": "choice",
            "--mood": "number",
        },
    ),
    "delete": (["delete", "--yes"], ["id"], {}),
    "clock add": (
        ["clock", "add"],
        ["text"],
        CLOCK_OPTS,
    ),
    "clock list": (["clock", "list"], [], {"--format": "choice"}),
    "clock show": (["clock", "show"], ["clock"], {"--format": "choice"}),
    "clock edit": (
        ["clock", "edit"],
        ["clock"],
        CLOCK_OPTS,
    ),
    "clock rename": (["clock", "rename"], ["clock", "text"], {}),
    "clock remove": (["clock", "remove", "--yes"], ["clock"], {}),
    "config set": (["config", "set"], ["key", "text"], {}),
    "backup restore": (["backup", "restore", "--yes"], ["backup"], {}),
    "people add": (
        ["people", "add"],
        ["person"],
        {"--role": "choice", "--phone": "text", "--email": "text", "--note": "text"},
    ),
    "people edit": (
        ["people", "edit"],
        ["person"],
        {
            "--name": "person",
            "--role": "choice",
            "--phone": "text",
            "--email": "text",
            "--note": "text",
        },
    ),
    "checkin": (
        ["checkin"],
        [],
        {
            "--clean": "answer",
            "--difficulty": "answer",
            "--mood": "number",
            "--halt": "answer",
            "--grateful": "text",
            "--resentful": "flag",
            "--not-dishonest": "flag",
            "--afraid": "flag",
            "--tomorrow": "text",
            "--morning": "flag",
            "--intention": "text",
            "--clock": "clock",
            "--day": "time",
            "--note": "text",
            "--edit": "flag",
        },
    ),
    "report": (
        ["report"],
        [],
        {
            "--period": "choice",
            "--since": "time",
            "--until": "time",
            "--clock": "clock",
            "--audience": "choice",
            "--include": "parts",
            "--name": "text",
            "--format": "choice",
            "--output": "output",
            "--preview": "flag",
        },
    ),
    "import": (
        ["import"],
        ["import-file"],
        {"--from": "choice", "--dry-run": "flag", "--format": "choice"},
    ),
    "goal set": (
        ["goal", "set"],
        ["goal", "number"],
        {"--days": "number", "--start": "time", "--repeat": "flag"},
    ),
    "milestones": (
        ["milestones"],
        [],
        {"--upcoming": "number", "--format": "choice", "--output": "output", "--discreet": "flag"},
    ),
    "insights": (
        ["insights"],
        [],
        {"--since": "time", "--until": "time", "--clock": "clock", "--format": "choice"},
    ),
}
# A file to import can be damaged: that is the file's problem (exit 4), never a crash.
EXIT_CODES = {"import": (0, 2, 3, 4)}
# The test runner lets a command ask: a check-in with answers left out asks for them.
# Enter keeps each suggested answer; where there is none (a morning intention), the
# answers run out, which is Ctrl-D at the prompt: exit 130 with nothing saved.
INPUT = {"checkin": "\n" * 40}
STOPPED_AT_A_PROMPT = {"checkin"}


@st.composite
def invocations(
    draw, name: str, ids: st.SearchStrategy[str], known: dict[str, st.SearchStrategy[str]]
) -> list[str]:
    """The command words, some of its options with drawn values, then its arguments.

    ``known`` adds flavours that depend on the template home (its backups, junk files)."""
    flavours = {**FLAVOURS, "id": ids, **known}

    def value(flavour: str) -> str:
        if flavour in SCRATCH_ONLY:
            return draw(flavours[flavour])  # arbitrary text, but inside the scratch folder
        if flavour == "text" or draw(st.integers(0, 3)) == 0:
            return draw(ANY_TEXT)  # any option may get arbitrary text
        return draw(flavours[flavour])

    words, positional, options = COMMANDS[name]
    chosen = draw(st.lists(st.sampled_from(sorted(options)), unique=True)) if options else []
    opts = [opt if options[opt] == "flag" else f"{opt}={value(options[opt])}" for opt in chosen]
    return [*words, *opts, "--", *(value(flavour) for flavour in positional)]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A small home to copy for each example: two clocks, a lapse, entries of each kind."""
    from typer.testing import CliRunner

    from recoverylog.cli.main import app

    home = tmp_path_factory.mktemp("template") / "home"
    runner = CliRunner()
    ids = []
    for args in (
        ["clock", "add", "alcohol", "--since", "2026-09-01", "--cost-per-day", "12"],
        ["clock", "add", "nicotine", "--since", "2026-10-15"],
        ["log", "lapse", "nicotine", "--at", "2026-11-01 22:00", "--trigger", "party"],
        ["log", "craving", "6", "--clock", "alcohol", "--coping", "walk", "--tag", "work"],
        ["log", "trigger", "payday", "--kind", "time", "--clock", "alcohol"],
        ["log", "meeting", "Tuesday group", "--fellowship", "AA", "--clock", "alcohol"],
        ["log", "note", "a quiet day", "--mood", "4", "--clock", "alcohol", "--at", "2026-10-03"],
        ["people", "add", "Sam", "--role", "sponsor", "--phone", "555 0100"],
        ["checkin", "--clean", "alcohol=yes", "--clean", "nicotine=yes", "--day", "yesterday"],
        ["goal", "set", "meetings", "90", "--days", "90"],
        ["backup", "create"],
    ):
        result = runner.invoke(app, ["--home", str(home), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        if args[0] == "log" and args[1] != "lapse":
            ids.append(result.stdout.split()[0])
    return home, ids


@pytest.fixture(scope="module")
def junk(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Damaged files to import, a folder, and a file that cannot be read."""
    folder = tmp_path_factory.mktemp("junk")
    for name, data in JUNK_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "a-folder.json").mkdir()
    return [str(folder / name) for name in [*JUNK_FILES, "a-folder.json"]]


SCRATCH_ONLY = ("output", "import-file")


# --- inputs the fuzz once found ending in exit code 1 -------------------------------

FOUND_CASES = [
    # insights and report compare with the period before: before year 1 it overflowed.
    pytest.param(["insights", "--since", "0002-01-01"], id="insights-since-year-2"),
    pytest.param(["insights", "--until", "0001-06-01"], id="insights-until-year-1"),
    pytest.param(["report", "--since", "0002-01-01"], id="report-since-year-2"),
    pytest.param(["report", "--until", "0001-06-01"], id="report-until-year-1"),
    pytest.param(["report", "--since", "1013-01-01"], id="report-since-a-thousand-years-ago"),
    pytest.param(["insights", "--since", "400000d ago"], id="insights-days-ago-far-back"),
    # Bytes that are not UTF-8 in --name (a real command line gives U+DCxx), printed
    # to a UTF-8 standard output.
    pytest.param(["report", "--name", "caf\udce9"], id="report-name-not-utf8"),
    # A JSON file nested too deeply to parse.
    pytest.param(["import", "{junk}/deep.json"], id="import-deeply-nested-json"),
]


@pytest.mark.parametrize("args", FOUND_CASES)
def test_inputs_that_once_crashed_end_in_a_clear_error(
    cli, template, junk, tmp_path: Path, args: list[str]
) -> None:
    home = tmp_path / "home-copy"
    shutil.copytree(template[0], home)
    before = snapshot(home)
    folder = str(Path(junk[0]).parent)
    result = cli("--home", str(home), *(arg.format(junk=folder) for arg in args))
    assert result.exit_code in (2, 4), (result.exit_code, result.stderr)
    assert result.stderr.startswith("Error: ")
    assert snapshot(home) == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_string_in_any_option_breaks_a_command_or_the_journal(
    cli, fresh, template, junk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Unexpected exceptions propagate as themselves, so a failure shows the real traceback.
    monkeypatch.setenv("RECOVERYLOG_DEBUG", "1")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.chdir(scratch)  # relative --output and import paths land here
    source, ids = template
    real_ids = st.sampled_from(ids) | st.sampled_from([i[:4] for i in ids])
    backups = sorted(p.name for p in (source / "backups").iterdir())
    known = {
        "backup": st.sampled_from(backups) | st.sampled_from([b[:6] for b in backups]),
        "import-file": st.sampled_from(junk) | ANY_TEXT.map(_relative),
        "key": CONFIG_KEYS,
        "person": PEOPLE,
        "parts": PARTS,
        "goal": GOAL_KINDS,
        "answer": ANSWERS,
        "output": OUTPUTS,
    }
    allowed = EXIT_CODES.get(name, (0, 2, 3))

    @OPTION_FUZZ
    @given(args=invocations(name, real_ids, known))
    def run(args: list[str]) -> None:
        home = fresh()
        shutil.copytree(source, home)
        before = snapshot(home)
        result = cli("--home", str(home), *args, input=INPUT.get(name))
        if result.exit_code == 130 and name in STOPPED_AT_A_PROMPT:
            assert result.stderr.endswith("Nothing was saved.\n"), result.stderr
            assert snapshot(home) == before
            return
        assert result.exit_code in allowed, (result.exit_code, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        if result.exit_code:
            assert result.stderr.strip(), "a failure must say why"
        # Whatever happened, the journal can still be read by the next command.
        check_data_files(home)
        for after in (["status"], ["list", "--limit", "1000"]):
            again = cli("--home", str(home), *after)
            assert again.exit_code == 0, (after, again.stderr)

    run()


EXTREMES = [
    ["log", "craving", "5", "--duration", "99999999999999999999h"],
    ["log", "craving", "5", "--duration", "99999999999999999999"],
    ["log", "craving", "5", "--at", "999999999 days ago"],
    ["list", "--since", "739943 days ago"],
    ["log", "craving", "5", "--at", "0001-01-01 00:00"],
    ["clock", "add", "far", "--since", "9999-12-31"],
    ["clock", "add", "far", "--since", "9999-01-01"],
    ["clock", "add", "early", "--since", "0001-01-01"],
    ["clock", "edit", "alcohol", "--since", "9999-12-31"],
    ["log", "lapse", "alcohol", "--restart", "9999-12-31"],
    ["log", "lapse", "alcohol", "--at", "0001-01-01", "--restart", "0001-01-02"],
    ["clock", "add", "costly", "--cost-per-day", "1e308"],
]


@pytest.mark.parametrize("args", EXTREMES, ids=" ".join)
def test_dates_and_amounts_at_the_edges_of_the_calendar(
    cli, template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """Years 1 and 9999, and numbers too big for a date or a duration: a clear answer
    and a journal that every later command can still read."""
    monkeypatch.setenv("RECOVERYLOG_DEBUG", "1")
    home = tmp_path / "home-copy"
    shutil.copytree(template[0], home)
    result = cli("--home", str(home), *args)
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 2:
        assert_refused(result)
    for after in (["status"], ["milestones"], ["clock", "list"], ["list"], ["insights"]):
        again = cli("--home", str(home), *after)
        assert again.exit_code == 0, (after, again.stderr)


def test_an_editor_that_saves_invalid_utf8_is_refused_plainly(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    editor = tmp_path / "latin1_editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'wb').write('caf\\u00e9 at night'.encode('latin-1'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert cli("log", "craving", "5", "--note", "first").exit_code == 0
    before = sorted(p.name for p in (home / "entries").iterdir())

    result = cli("log", "craving", "4", "--edit")

    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stderr.startswith("Error: ") and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.name for p in (home / "entries").iterdir()) == before
    assert not any((home / "tmp").iterdir())  # the scratch file is gone
    listed = json.loads(cli("list", "--format", "json").stdout)
    assert [e["note"] for e in listed] == ["first"]


@pytest.mark.parametrize(
    "args",
    [
        ["import", "--", "~no-such-account-9q"],
        ["import", "~no-such-account-9q/all.json"],
        ["export", "--output", "~no-such-account-9q/all.json"],
        ["report", "--output", "~no-such-account-9q/report.md"],
        ["--home", "~no-such-account-9q/journal", "status"],
    ],
    ids=" ".join,
)
def test_a_path_under_the_home_of_no_account_is_refused_plainly(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("RECOVERYLOG_DEBUG", "1")  # a crash shows itself, not a polite line
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    result = cli(*args)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stderr.startswith("Error: ") and "~no-such-account-9q" in result.stderr
