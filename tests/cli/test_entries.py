"""recoverylog list / show / edit / delete, and the JSON and CSV shapes of entries."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import (
    Cli,
    as_json,
    entry_files,
    fails,
    install_editor,
    is_iso_with_offset,
    logged_id,
    ok,
    run_without_terminal,
)

COMMON_KEYS = ["id", "type", "at", "clock", "note", "tags"]
TYPE_KEYS = {
    "craving": ["intensity", "duration_min", "triggers", "halt", "coping", "outcome"],
    "trigger": ["kind"],
    "coping": ["technique", "helped", "craving_id"],
    "meeting": ["name", "fellowship", "online"],
    "note": ["mood"],
}


def _log_one_of_each(cli: Cli) -> dict[str, str]:
    """One entry of each kind, an hour apart, oldest first; returns short ids by type."""
    ids = {}
    ids["craving"] = logged_id(
        ok(cli, "log", "craving", "7", "--halt", "t,l", "--at", "2026-11-23 14:00")
    )
    ids["trigger"] = logged_id(ok(cli, "log", "trigger", "payday", "--at", "2026-11-23 15:00"))
    ids["coping"] = logged_id(
        ok(cli, "log", "coping", "breathing", "--craving", ids["craving"], "--at", "15:30")
    )
    ids["meeting"] = logged_id(ok(cli, "log", "meeting", "Big book", "--at", "16:00"))
    ids["note"] = logged_id(ok(cli, "log", "note", "Good day.", "--at", "17:00"))
    return ids


# --- list ------------------------------------------------------------------------


def test_json_has_the_documented_keys_for_every_type(cli: Cli, alcohol: str) -> None:
    _log_one_of_each(cli)
    entries = as_json(ok(cli, "list", "--format", "json"))

    assert [e["type"] for e in entries] == ["note", "meeting", "coping", "trigger", "craving"]
    for entry in entries:
        keys = list(entry)
        assert keys[:6] == COMMON_KEYS
        assert set(TYPE_KEYS[entry["type"]]) <= set(keys), entry
        assert len(entry["id"]) == 32
        assert is_iso_with_offset(entry["at"]), entry["at"]
        assert isinstance(entry["tags"], list)
    craving = entries[-1]
    assert (craving["halt"], craving["triggers"], craving["coping"]) == (
        ["lonely", "tired"],
        [],
        [],
    )
    assert entries[2]["craving_id"] == craving["id"]
    assert entries[1]["online"] is False


def test_times_carry_the_offset_of_the_configured_zone(
    cli: Cli, alcohol: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "America/New_York")
    short = logged_id(ok(cli, "log", "craving", "3"))
    # The fixed now is 20:00 UTC; New York is on standard time (UTC-5) in November.
    entry = as_json(ok(cli, "show", short, "-f", "json"))
    assert entry["at"] == "2026-11-23T15:00:00-05:00"
    (listed,) = as_json(ok(cli, "list", "-f", "json"))
    assert listed["at"] == "2026-11-23T15:00:00-05:00"


def test_list_is_newest_first_and_twenty_by_default(cli: Cli, alcohol: str) -> None:
    for hours in range(25):
        ok(cli, "log", "craving", str(hours % 11), "--at", f"{hours}h ago")

    entries = as_json(ok(cli, "list", "--format", "json"))
    assert len(entries) == 20
    times = [e["at"] for e in entries]
    assert times == sorted(times, reverse=True)
    assert times[0] == "2026-11-23T20:00:00+00:00"
    assert times[-1] == "2026-11-23T01:00:00+00:00"  # 19 hours ago

    assert len(as_json(ok(cli, "list", "--limit", "3", "-f", "json"))) == 3
    assert len(as_json(ok(cli, "list", "--limit", "100", "-f", "json"))) == 25


def test_list_filters(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine")
    ok(
        cli,
        "log",
        "craving",
        "5",
        "--at",
        "2026-11-01 10:00",
        "--tag",
        "work",
        "--clock",
        "alcohol",
    )
    ok(cli, "log", "craving", "6", "--at", "2026-11-10 10:00", "--clock", "nicotine")
    ok(cli, "log", "note", "walked by the river", "--at", "2026-11-15 10:00", "--tag", "Work")
    ok(cli, "log", "meeting", "Riverside group", "--at", "2026-11-20 10:00")

    def notes_of(*args: str) -> list[str]:
        return [e["at"][:10] for e in as_json(ok(cli, "list", *args, "-f", "json"))]

    assert notes_of("--type", "craving") == ["2026-11-10", "2026-11-01"]
    assert notes_of("--type", "note", "--type", "meeting") == ["2026-11-20", "2026-11-15"]
    # A day on its own means the whole day: from its start, or up to its end.
    assert notes_of("--since", "2026-11-10") == ["2026-11-20", "2026-11-15", "2026-11-10"]
    assert notes_of("--until", "2026-11-10") == ["2026-11-10", "2026-11-01"]
    assert notes_of("--since", "2026-11-10 10:01") == ["2026-11-20", "2026-11-15"]
    assert notes_of("--until", "2026-11-10 09:59") == ["2026-11-01"]
    assert notes_of("--since", "2026-11-05", "--until", "2026-11-16") == [
        "2026-11-15",
        "2026-11-10",
    ]
    assert notes_of("--clock", "Nicotine") == ["2026-11-10"]
    assert notes_of("--tag", "work") == ["2026-11-15", "2026-11-01"]
    assert notes_of("--tag", "#work") == ["2026-11-15", "2026-11-01"]
    assert notes_of("--search", "RIVER") == ["2026-11-20", "2026-11-15"]
    assert notes_of("--type", "note", "--search", "river", "--limit", "1") == ["2026-11-15"]
    assert notes_of("--search", "nothing like this") == []


def test_since_yesterday_includes_yesterday_morning(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "craving", "4", "--at", "2026-11-21 23:59")
    ok(cli, "log", "craving", "5", "--at", "yesterday 07:00")
    ok(cli, "log", "craving", "6", "--at", "08:00")

    since = as_json(ok(cli, "list", "--since", "yesterday", "-f", "json"))
    assert [e["intensity"] for e in since] == [6, 5]
    until = as_json(ok(cli, "list", "--until", "yesterday", "-f", "json"))
    assert [e["intensity"] for e in until] == [5, 4]


@pytest.mark.parametrize(
    ("code", "args"),
    [
        (2, ("--type", "dream")),
        (2, ("--limit", "-1")),
        (2, ("--since", "2026-11-20", "--until", "2026-11-01")),
        (2, ("--since", "the other day")),
        (3, ("--clock", "alcohl")),
    ],
)
def test_list_refuses_bad_filters(cli: Cli, alcohol: str, code: int, args: tuple) -> None:
    fails(cli, code, "list", *args)


def test_an_empty_list_says_so_on_stderr(cli: Cli) -> None:
    result = ok(cli, "list")
    assert (result.stdout, result.stderr.strip()) == ("", "No entries match.")
    assert as_json(ok(cli, "list", "-f", "json")) == []


def test_plain_and_table_show_short_ids_and_a_summary(cli: Cli, alcohol: str) -> None:
    ids = _log_one_of_each(cli)
    plain = ok(cli, "list", "--format", "plain").stdout.splitlines()
    assert plain[0].split() == ["ID", "When", "Type", "Clock", "What"]
    assert plain[1].split()[:5] == [ids["note"], "2026-11-23", "17:00", "note", "alcohol"]
    assert "Good day." in plain[1]
    table = ok(cli, "list", "--format", "table").stdout
    assert ids["craving"] in table and "intensity 7" in table


def test_csv_has_a_header_joined_lists_and_neutralised_formulas(cli: Cli, alcohol: str) -> None:
    ok(
        cli,
        "log",
        "craving",
        "6",
        "--halt",
        "hungry,angry",
        "--trigger",
        "a; b",
        "--trigger",
        "payday",
        "--note",
        '=HYPERLINK("http://example.invalid")',
        "--tag",
        "x,y",
    )
    ok(cli, "log", "note", "+1 for walking", "--at", "1h ago")

    text = ok(cli, "list", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[:6] == COMMON_KEYS
    assert set(TYPE_KEYS["craving"]) <= set(header)
    craving = dict(zip(header, rows[1], strict=True))
    assert craving["note"] == '\'=HYPERLINK("http://example.invalid")'
    assert craving["halt"] == "hungry;angry"
    assert craving["triggers"] == "a\\; b;payday"  # a ';' inside a trigger is escaped
    assert craving["tags"] == "x;y"
    assert craving["intensity"] == "6"
    assert is_iso_with_offset(craving["at"])
    note = dict(zip(header, rows[2], strict=True))
    assert note["note"] == "'+1 for walking"
    assert note["mood"] == ""
    assert len(rows) == 3


# --- show ------------------------------------------------------------------------


def test_show_by_prefix_in_plain_and_json(cli: Cli, alcohol: str) -> None:
    short = logged_id(ok(cli, "log", "craving", "6", "--trigger", "payday", "--note", "line one"))
    full = as_json(ok(cli, "show", short[:4], "--format", "json"))
    assert full["id"].startswith(short)
    assert as_json(ok(cli, "show", full["id"].upper(), "-f", "json")) == full

    plain = ok(cli, "show", short, "--format", "plain").stdout
    assert plain.splitlines()[0].split() == ["Craving", short]
    assert "triggers: payday" in plain
    assert "line one" in plain


def test_show_unknown_short_and_ambiguous_ids(
    cli: Cli, alcohol: str, chosen_ids: Callable[[list[str]], None]
) -> None:
    chosen_ids(["abcd1111" + "0" * 24, "abcd2222" + "0" * 24])
    ok(cli, "log", "craving", "4")
    ok(cli, "log", "note", "second")

    missing = fails(cli, 3, "show", "ffff")
    assert "ffff" in missing.stderr

    fails(cli, 2, "show", "abc")

    ambiguous = fails(cli, 2, "show", "abcd")
    assert "abcd1111" in ambiguous.stderr and "abcd2222" in ambiguous.stderr
    assert "more characters" in ambiguous.stderr

    assert as_json(ok(cli, "show", "abcd2", "-f", "json"))["type"] == "note"


# --- edit ------------------------------------------------------------------------


def test_edit_a_craving(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine")
    short = logged_id(
        ok(cli, "log", "craving", "8", "--trigger", "old", "--note", "before", "--clock", "alcohol")
    )

    ok(
        cli,
        "edit",
        short,
        "--intensity",
        "5",
        "--trigger",
        "new one",
        "--halt",
        "angry",
        "--coping",
        "walk",
        "--outcome",
        "used",
        "--duration",
        "45",
        "--at",
        "2026-11-22 23:00",
        "--clock",
        "nicotine",
        "--note",
        "after",
        "--tag",
        "late",
    )

    entry = as_json(ok(cli, "show", short, "-f", "json"))
    assert entry["intensity"] == 5
    assert entry["triggers"] == ["new one"]
    assert entry["halt"] == ["angry"]
    assert entry["coping"] == ["walk"]
    assert entry["outcome"] == "used"
    assert entry["duration_min"] == 45
    assert entry["at"] == "2026-11-22T23:00:00+00:00"
    assert entry["clock"] == "nicotine"
    assert (entry["note"], entry["tags"]) == ("after", ["late"])


def test_edit_changes_only_what_is_given(cli: Cli, alcohol: str) -> None:
    short = logged_id(ok(cli, "log", "craving", "8", "--trigger", "payday", "--note", "keep"))
    before = as_json(ok(cli, "show", short, "-f", "json"))
    ok(cli, "edit", short, "--intensity", "2")
    after = as_json(ok(cli, "show", short, "-f", "json"))
    changed = {k for k in after if after.get(k) != before.get(k)}
    assert changed == {"intensity", "updated"}
    assert is_iso_with_offset(after["updated"])


@pytest.mark.parametrize(
    ("log", "edit", "key", "value"),
    [
        (("trigger", "payday"), ("--text", "rent day"), "text", "rent day"),
        (("trigger", "payday"), ("--kind", "time"), "kind", "time"),
        (("coping", "breathing"), ("--technique", "box breathing"), "technique", "box breathing"),
        (("coping", "breathing"), ("--helped", "5"), "helped", 5),
        (("meeting", "Big book"), ("--name", "Step study"), "name", "Step study"),
        (("meeting", "Big book"), ("--fellowship", "na"), "fellowship", "NA"),
        (("meeting", "Big book"), ("--online",), "online", True),
        (("note", "a note"), ("--mood", "2"), "mood", 2),
    ],
)
def test_edit_the_fields_of_each_type(
    cli: Cli, alcohol: str, log: tuple, edit: tuple, key: str, value: object
) -> None:
    short = logged_id(ok(cli, "log", *log))
    ok(cli, "edit", short, *edit)
    assert as_json(ok(cli, "show", short, "-f", "json"))[key] == value


def test_in_person_undoes_online(cli: Cli, alcohol: str) -> None:
    short = logged_id(ok(cli, "log", "meeting", "Sunday", "--online"))
    ok(cli, "edit", short, "--in-person")
    assert as_json(ok(cli, "show", short, "-f", "json"))["online"] is False


def test_moving_an_entry_to_another_month_moves_its_file(
    cli: Cli, alcohol: str, home: Path
) -> None:
    short = logged_id(ok(cli, "log", "craving", "4"))
    ok(cli, "edit", short, "--at", "2026-10-30 12:00")

    assert json.loads((home / "entries" / "2026-11.json").read_text())["entries"] == []
    october = json.loads((home / "entries" / "2026-10.json").read_text())["entries"]
    assert [e["id"][:8] for e in october] == [short]
    assert as_json(ok(cli, "show", short, "-f", "json"))["at"] == "2026-10-30T12:00:00+00:00"


@pytest.mark.parametrize(
    ("code", "args"),
    [
        (2, ()),
        (2, ("--intensity", "11")),
        (2, ("--at", "tomorrow")),
        (2, ("--mood", "3")),
        (2, ("--outcome", "nearly")),
        (3, ("--clock", "alcohl")),
    ],
    ids=["nothing", "intensity", "future", "other-type", "outcome", "clock"],
)
def test_edit_refuses_bad_changes_and_keeps_the_entry(
    cli: Cli, alcohol: str, home: Path, code: int, args: tuple
) -> None:
    short = logged_id(ok(cli, "log", "craving", "8"))
    before = entry_files(home)
    result = fails(cli, code, "edit", short, *args)
    if args[:2] == ("--at", "tomorrow"):
        assert "future" in result.stderr
    assert entry_files(home) == before


def test_edit_an_unknown_id(cli: Cli, alcohol: str) -> None:
    fails(cli, 3, "edit", "ffffffff", "--intensity", "3")


def test_edit_the_note_in_the_editor_starts_from_the_current_note(
    cli: Cli, alcohol: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = logged_id(ok(cli, "log", "craving", "5", "--note", "first thoughts"))
    record = install_editor(tmp_path, monkeypatch)

    ok(cli, "edit", short, "--edit")

    lines = record.read_text(encoding="utf-8").splitlines()
    assert Path(lines[0]).is_relative_to(home) and not Path(lines[0]).exists()
    assert lines[2:] == ["first thoughts"]
    note = as_json(ok(cli, "show", short, "-f", "json"))["note"]
    assert note == "first thoughts\nwritten in the editor"


# --- delete ----------------------------------------------------------------------


def test_delete_with_yes(cli: Cli, alcohol: str) -> None:
    keep = logged_id(ok(cli, "log", "craving", "3"))
    gone = logged_id(ok(cli, "log", "craving", "4"))

    assert ok(cli, "delete", gone, "--yes").stdout == f"{gone}  Deleted.\n"

    assert [e["id"][:8] for e in as_json(ok(cli, "list", "-f", "json"))] == [keep]
    fails(cli, 3, "show", gone)


def test_delete_asks_first(cli: Cli, alcohol: str, home: Path) -> None:
    short = logged_id(ok(cli, "log", "craving", "3"))
    before = entry_files(home)

    kept = ok(cli, "delete", short, input="n\n")
    assert "Delete the craving" in kept.stdout
    assert entry_files(home) == before

    ok(cli, "delete", short, input="y\n")
    assert as_json(ok(cli, "list", "-f", "json")) == []


def test_delete_without_yes_and_no_terminal_refuses(cli: Cli, alcohol: str, home: Path) -> None:
    short = logged_id(ok(cli, "log", "craving", "3"))
    before = entry_files(home)

    result = run_without_terminal("delete", short)

    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "--yes" in result.stderr
    assert entry_files(home) == before


def test_delete_unknown_and_ambiguous_ids(
    cli: Cli, alcohol: str, home: Path, chosen_ids: Callable[[list[str]], None]
) -> None:
    chosen_ids(["beef1111" + "0" * 24, "beef2222" + "0" * 24])
    ok(cli, "log", "craving", "4")
    ok(cli, "log", "craving", "5")
    before = entry_files(home)

    fails(cli, 3, "delete", "cafe", "--yes")
    ambiguous = fails(cli, 2, "delete", "beef", "--yes")
    assert "beef1111" in ambiguous.stderr and "beef2222" in ambiguous.stderr
    assert entry_files(home) == before
