"""Text that could drive a terminal: escaped wherever it is shown, refused in names.

A name or a note can hold escape sequences (clipboard writes, hidden text, a cleared
screen), C1 controls or bidi overrides. Shown on a terminal they must appear as
harmless escapes such as \\x1b; --format json keeps the exact text. Names (clocks,
people, techniques, triggers, tags) with such characters are refused on every way in:
typed, imported, or set in the config.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from safety_helpers import snapshot

OSC52_CLOCK = "x\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[8mhidden"
CLEAR_PERSON = "Ann\x1b[2J"
BIDI_CLOCK = "gin\u202eevil"
C1_CLOCK = "beer\x9b31m"
BROKEN_CLOCK = "two\r\nlines"
MARKUP_TECHNIQUE = "[red]walk[/red] [link=https://example.com]here[/link]"
HOSTILE_NOTE = "fine\x1b[2J\x1b]52;c;cHduZWQ=\x07 \u202eevil \x9b31m"

REPORTED_IMPORT = {
    "kind": "recoverylog-export",
    "export_version": 1,
    "journal": {
        "clocks": [{"name": OSC52_CLOCK, "clean_since": "2026-10-01"}],
        "people": [{"name": CLEAR_PERSON, "role": "sponsor"}],
    },
}


def ok(cli, *args: str):
    result = cli(*args)
    assert result.exit_code == 0, (args, result.exit_code, result.stdout, result.stderr)
    return result


def fails(cli, code: int, *args: str):
    result = cli(*args)
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: "), result.stderr
    return result


def as_json(result):
    return json.loads(result.stdout)


def unsafe_on_screen(text: str) -> list[str]:
    """Characters that must never reach a terminal raw: controls other than the line
    feed (C0, DEL, C1), and format characters such as bidi overrides."""
    allowed = {"\n", "\u200c", "\u200d"}  # line feed; the joiners some scripts need
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed]


def assert_screen_safe(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert unsafe_on_screen(stream) == [], stream


def toml_string(text: str) -> str:
    """A TOML basic string, every non-ASCII or control character as a \\u escape."""
    escaped = (
        f"\\u{ord(ch):04x}" if ord(ch) >= 127 or ch < " " or ch in '"\\' else ch for ch in text
    )
    return '"' + "".join(escaped) + '"'


def hand_edited_journal(home: Path) -> None:
    """A journal.toml edited by hand ("safe to edit by hand") with hostile names: no
    command checks what is already stored, so every view must show it safely."""
    home.mkdir(parents=True, exist_ok=True)
    clocks = "".join(
        f"[[clocks]]\nname = {toml_string(name)}\nclean_since = 2026-10-01\nlapses = []\n\n"
        for name in (OSC52_CLOCK, BIDI_CLOCK, C1_CLOCK, BROKEN_CLOCK)
    )
    (home / "journal.toml").write_text(
        "schema_version = 2\n"
        f"toolkit = [{{ name = {toml_string(MARKUP_TECHNIQUE + C1_CLOCK)} }}]\n"
        f'people = [{{ name = {toml_string(CLEAR_PERSON)}, role = "sponsor" }}]\n\n' + clocks,
        encoding="utf-8",
    )


def write_json(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# --- what is shown -------------------------------------------------------------------


VIEWS = [
    ["status"],
    ["milestones"],
    ["clock", "list"],
    ["clock", "list", "--format", "table"],
    ["people", "list"],
    ["people", "list", "--format", "table"],
    ["coping", "list"],
    ["coping", "list", "--format", "table"],
    ["list"],
    ["list", "--format", "table"],
    ["clock", "show", OSC52_CLOCK],
    ["insights"],
]


def test_hostile_names_and_notes_never_reach_the_terminal(cli, home: Path) -> None:
    hand_edited_journal(home)
    logged = ok(cli, "log", "craving", "7", "--clock", OSC52_CLOCK, "--note", HOSTILE_NOTE)
    assert_screen_safe(logged)
    short = logged.stdout.split()[0]
    for args in [*VIEWS, ["show", short], ["show", short, "--format", "table"]]:
        result = ok(cli, *args)
        assert_screen_safe(result)
    shown = ok(cli, "clock", "list").stdout
    assert "\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b[8mhidden" in shown  # visible, not hidden
    assert "gin\\u202eevil" in shown and "beer\\x9b31m" in shown


def test_the_milestone_message_is_shown_once_on_one_safe_line(cli, home: Path) -> None:
    hand_edited_journal(home)
    first = ok(cli, "status")
    assert_screen_safe(first)
    said = [line for line in first.stderr.splitlines() if line.startswith("Milestone:")]
    assert len(said) == 4, first.stderr  # one line per clock, the broken name included
    assert any("two  lines" in line or "two\\r\\nlines" in line for line in said), said
    again = ok(cli, "status")
    assert "Milestone" not in again.stderr  # marked as shown, even for the broken name


def test_json_keeps_the_exact_names(cli, home: Path) -> None:
    hand_edited_journal(home)
    clocks = ok(cli, "clock", "list", "--format", "json")
    assert [c["name"] for c in as_json(clocks)] == [OSC52_CLOCK, BIDI_CLOCK, C1_CLOCK, BROKEN_CLOCK]
    assert unsafe_on_screen(clocks.stdout) == []  # escaped the JSON way: \u001b, \u202e
    people = ok(cli, "people", "list", "--format", "json")
    assert [p["name"] for p in as_json(people)] == [CLEAR_PERSON]


def test_names_are_never_read_as_rich_markup(cli, home: Path) -> None:
    ok(cli, "clock", "add", "[bold]sugar[/bold]", "--since", "2026-10-01")
    ok(cli, "coping", "add", MARKUP_TECHNIQUE)
    for args in (["clock", "list", "--format", "table"], ["status", "--format", "table"]):
        assert "[bold]sugar[/bold]" in ok(cli, *args).stdout
    toolkit = ok(cli, "coping", "list", "--format", "table").stdout
    assert "[red]walk[/red]" in toolkit and "[link=https://example.com]" in toolkit


def test_an_error_that_quotes_input_stays_one_safe_line(cli, home: Path) -> None:
    result = fails(cli, 3, "clock", "show", "nope\x1b[2J\u202e")
    assert_screen_safe(result)
    assert len(result.stderr.splitlines()) <= 2  # Error, perhaps a Hint
    usage = cli("list", "--format", "nope\x1b[2J\x9b")
    assert usage.exit_code == 2
    assert_screen_safe(usage)


def test_every_unsafe_character_of_unicode_is_found() -> None:
    """The fast scan looks only in some ranges: they must hold every unsafe character."""
    from recoverylog.domain.text import JOINERS, UNSAFE_CATEGORIES, unsafe_characters

    every = [
        chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) in UNSAFE_CATEGORIES
    ]
    wanted = [ch for ch in every if ch not in JOINERS]
    assert unsafe_characters("".join(every)) == wanted
    assert len(wanted) > 2000  # C0, C1, format characters, surrogates


def test_screen_safe_text_reads_the_same_twice() -> None:
    from recoverylog.render.lines import screen_safe

    once = screen_safe(HOSTILE_NOTE + "\n" + OSC52_CLOCK, one_line=False)
    assert screen_safe(once, one_line=False) == once
    assert unsafe_on_screen(once) == [] and once.count("\n") == 1


# --- names typed on the command line ---------------------------------------------------

HIDDEN = ["a\u202eb", "a\x9bb", "a\r\nb", "a\tb", "a\x7fb", "a\u200bb", "a\x1b[2Jb"]

NAME_COMMANDS = [
    ["clock", "add", "--since", "2026-10-01", "--"],
    ["clock", "rename", "alcohol", "--"],
    ["people", "add", "--"],
    ["coping", "add", "--"],
    ["log", "trigger", "--"],
    ["log", "coping", "--"],
    ["log", "meeting", "--"],
]


@pytest.mark.parametrize("name", HIDDEN, ids=ascii)
@pytest.mark.parametrize("words", NAME_COMMANDS, ids=" ".join)
def test_a_typed_name_with_hidden_characters_is_refused(
    cli, home: Path, words: list[str], name: str
) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    before = snapshot(home)
    result = fails(cli, 2, *words, name)
    assert_screen_safe(result)
    assert "control character" in result.stderr, result.stderr
    assert snapshot(home) == before


@pytest.mark.parametrize("name", HIDDEN, ids=ascii)
@pytest.mark.parametrize("option", ["--tag", "--trigger", "--coping"], ids=lambda o: o.lstrip("-"))
def test_a_typed_tag_or_trigger_with_hidden_characters_is_refused(
    cli, home: Path, option: str, name: str
) -> None:
    if option == "--tag" and any(ch.isspace() for ch in name):
        pytest.skip("a tag with a space is refused for the space")
    result = fails(cli, 2, "log", "craving", "5", f"{option}={name}")
    assert_screen_safe(result)
    assert not (home / "entries").exists() or not any((home / "entries").iterdir())


@pytest.mark.parametrize("key", ["default_clock", "currency", "schemes.a\u202eb"])
def test_config_refuses_hidden_characters(cli, home: Path, key: str) -> None:
    value = "24h,30d" if key.startswith("schemes.") else "x\x1b[2J"
    result = fails(cli, 2, "config", "set", key, value)
    assert_screen_safe(result)


def test_a_config_file_with_hidden_characters_is_named(cli, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('schema_version = 1\ncurrency = "\\u001b[2J"\n')
    result = fails(cli, 4, "status")
    assert "currency" in result.stderr
    assert_screen_safe(result)


# --- imports ---------------------------------------------------------------------------


def test_the_reported_import_is_refused_and_names_the_record(
    cli, home: Path, tmp_path: Path
) -> None:
    before = snapshot(home)
    result = fails(cli, 4, "import", str(write_json(tmp_path / "bad.json", REPORTED_IMPORT)))
    assert_screen_safe(result)
    assert "clocks[0]" in result.stderr and "control character" in result.stderr
    assert "nothing was imported" in result.stderr
    assert snapshot(home) == before


def export_with(**journal: object) -> dict:
    return {"kind": "recoverylog-export", "export_version": 1, "journal": journal}


@pytest.mark.parametrize(
    "journal",
    [
        {"clocks": [{"name": BROKEN_CLOCK, "clean_since": "2026-10-01"}]},
        {"clocks": [{"name": BIDI_CLOCK, "clean_since": "2026-10-01"}]},
        {"toolkit": [{"name": "walk\x9b"}]},
        {"people": [{"name": "Sam\u202e", "role": "sponsor"}]},
        {"clocks": [{"name": "ok", "clean_since": "2026-10-01", "lapses": [
            {"id": "1234abcd", "at": "2026-10-05T10:00:00+00:00", "triggers": ["a\x1bb"]}
        ]}]},
    ],
    ids=["clock-crlf", "clock-bidi", "technique-c1", "person-bidi", "lapse-trigger"],
)  # fmt: skip
def test_an_export_with_a_hidden_character_in_a_name_is_refused(
    cli, home: Path, tmp_path: Path, journal: dict
) -> None:
    before = snapshot(home)
    result = fails(cli, 4, "import", str(write_json(tmp_path / "x.json", export_with(**journal))))
    assert_screen_safe(result)
    assert "control character" in result.stderr
    assert snapshot(home) == before
    assert "Milestone" not in ok(cli, "status").stderr


def entry(entry_id: str, **fields: object) -> dict:
    raw = {"id": entry_id, "type": "note", "at": "2026-11-01T10:00:00+00:00", "note": "n"}
    raw.update(fields)
    return raw


HEX = "a" * 32


def test_imported_ids_that_cannot_be_reached_get_new_ones(cli, home: Path, tmp_path: Path) -> None:
    doc = {
        **export_with(),
        "entries": [
            entry("../../x", note="one"),
            entry("", note="two"),
            entry("ABCDEF" + "0" * 26, note="three"),
            entry("abc", note="four"),
            entry(HEX, note="older", updated="2026-11-02T10:00:00+00:00"),
            entry(HEX, note="newer", updated="2026-11-03T10:00:00+00:00"),
        ],
    }
    path = write_json(tmp_path / "ids.json", doc)
    result = ok(cli, "import", str(path))
    said = result.stdout
    assert "'../../x'" in said and "new id" in said
    assert "more than once" in said and short(HEX) in said
    listed = as_json(ok(cli, "list", "--format", "json"))
    assert sorted(e["note"] for e in listed) == ["four", "newer", "one", "three", "two"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", e["id"]) for e in listed)
    again = ok(cli, "import", str(path))  # the new ids are the same each time
    assert "nothing new" in again.stdout
    for found in listed:
        reach(cli, found["id"])


def short(entry_id: str) -> str:
    return entry_id[:8]


def reach(cli, entry_id: str) -> None:
    """show, edit and delete all find the entry by its short id."""
    assert as_json(ok(cli, "show", short(entry_id), "--format", "json"))["id"] == entry_id
    ok(cli, "edit", short(entry_id), "--note", "edited")
    ok(cli, "delete", short(entry_id), "--yes")
    fails(cli, 3, "show", short(entry_id))


def test_an_imported_lapse_id_that_cannot_be_reached_gets_a_new_one(
    cli, home: Path, tmp_path: Path
) -> None:
    clock = {"name": "alcohol", "clean_since": "2026-10-01", "lapses": [
        {"id": "../../x", "at": "2026-10-05T10:00:00+00:00"},
    ]}  # fmt: skip
    result = ok(cli, "import", str(write_json(tmp_path / "l.json", export_with(clocks=[clock]))))
    assert "new id" in result.stdout
    lapses = [e for e in as_json(ok(cli, "list", "--format", "json")) if e["type"] == "lapse"]
    assert len(lapses) == 1 and re.fullmatch(r"[0-9a-f]{8,32}", lapses[0]["id"])
    ok(cli, "show", short(lapses[0]["id"]))


BIG_NOTE = "x" * 5_000_000


@pytest.mark.parametrize(
    "bad",
    [entry(HEX, note=BIG_NOTE), entry(HEX, at="9999-12-31T23:00:00-05:00"),
     entry(HEX, at="9999-01-01T10:00:00+00:00"), entry(HEX, at="1899-12-31T10:00:00+00:00"),
     entry(HEX, tags=["a\x1bb"]),
     entry(HEX, type="trigger", text="late\u202e")],
    ids=["5mb-note", "year-9999-past-the-calendar", "year-9999", "year-1899", "tag", "trigger"],
)  # fmt: skip
def test_an_export_with_an_entry_the_cli_would_refuse_is_refused(
    cli, home: Path, tmp_path: Path, bad: dict
) -> None:
    doc = {**export_with(), "entries": [entry("b" * 32), bad]}
    before = snapshot(home)
    result = fails(cli, 4, "import", str(write_json(tmp_path / "e.json", doc)))
    assert_screen_safe(result)
    assert "entries[1]" in result.stderr and "nothing was imported" in result.stderr
    assert len(result.stderr) < 1000
    assert snapshot(home) == before


def test_csv_rows_the_cli_would_refuse_are_reported_and_skipped(
    cli, home: Path, tmp_path: Path
) -> None:
    rows = [
        "type,at,note,tags,text",
        "note,2026-11-01 10:00,fine,,",
        f"note,2026-11-01 11:00,{BIG_NOTE},,",
        "note,9999-01-01 10:00,far,,",
        "note,0001-01-01T00:00:00+05:00,before the calendar,,",
        "note,2026-11-01 12:00,tagged,a\x1bb,",
        "trigger,2026-11-01 13:00,,,late\u202e",
    ]
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ok(cli, "import", "--from", "csv", str(path))
    assert_screen_safe(result)
    assert "Could not read 5" in result.stdout
    assert len(result.stdout) < 5000
    [kept] = as_json(ok(cli, "list", "--format", "json"))
    assert kept["note"] == "fine"
    reach(cli, kept["id"])


def test_jrnl_entries_the_cli_would_refuse_are_reported_and_skipped(
    cli, home: Path, tmp_path: Path
) -> None:
    doc = {
        "tags": {},
        "entries": [
            {"date": "2026-11-01", "time": "10:00", "title": "fine", "body": "", "tags": []},
            {"date": "2026-11-01", "time": "11:00", "title": "t", "body": BIG_NOTE, "tags": []},
            {"date": "9999-01-01", "time": "10:00", "title": "far", "body": "", "tags": []},
            {"date": "2026-11-01", "time": "12:00", "title": "x", "body": "", "tags": ["@a\x9b"]},
        ],
    }
    result = ok(cli, "import", "--from", "jrnl", str(write_json(tmp_path / "j.json", doc)))
    assert_screen_safe(result)
    assert "Could not read 3" in result.stdout
    [kept] = as_json(ok(cli, "list", "--format", "json"))
    reach(cli, kept["id"])


def test_imported_settings_with_hidden_characters_are_refused(
    cli, home: Path, tmp_path: Path
) -> None:
    doc = {**export_with(), "config": {"currency": "\x1b[2J"}}
    result = fails(cli, 4, "import", str(write_json(tmp_path / "c.json", doc)))
    assert "currency" in result.stderr
    assert_screen_safe(result)
    ok(cli, "status")
