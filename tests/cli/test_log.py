"""recoverylog log craving / trigger / coping / meeting / note / lapse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_helpers import (
    Cli,
    as_json,
    entry_files,
    fails,
    files_under,
    install_editor,
    is_iso_with_offset,
    logged_id,
    ok,
)


def _show(cli: Cli, short: str) -> dict:
    return as_json(ok(cli, "show", short, "--format", "json"))


# --- craving ---------------------------------------------------------------------


def test_craving_with_every_option(cli: Cli, alcohol: str) -> None:
    result = ok(
        cli,
        "log",
        "craving",
        "7",
        "--trigger",
        "after work",
        "--trigger",
        "payday",
        "--halt",
        "tired,lonely",
        "--coping",
        "call sponsor",
        "--coping",
        "urge surfing",
        "--outcome",
        "passed",
        "--duration",
        "1h30m",
        "--clock",
        "alcohol",
        "--at",
        "yesterday 21:30",
        "--note",
        "rode it out",
        "--tag",
        "work",
        "--tag",
        "evening,#friday",
    )

    assert "Logged craving" in result.stdout
    entry = _show(cli, logged_id(result))
    assert entry["type"] == "craving"
    assert entry["intensity"] == 7
    assert entry["triggers"] == ["after work", "payday"]
    assert entry["halt"] == ["lonely", "tired"]  # HALT order
    assert entry["coping"] == ["call sponsor", "urge surfing"]
    assert entry["outcome"] == "passed"
    assert entry["duration_min"] == 90
    assert entry["clock"] == "alcohol"
    assert entry["at"] == "2026-11-22T21:30:00+00:00"
    assert entry["note"] == "rode it out"
    assert entry["tags"] == ["work", "evening", "friday"]


def test_a_bare_craving_defaults_to_now_and_the_only_clock(cli: Cli, alcohol: str) -> None:
    entry = _show(cli, logged_id(ok(cli, "log", "craving", "0")))
    assert entry["intensity"] == 0
    assert entry["at"] == "2026-11-23T20:00:00+00:00"
    assert entry["clock"] == "alcohol"
    assert (entry["triggers"], entry["halt"], entry["coping"]) == ([], [], [])
    assert (entry["outcome"], entry["duration_min"], entry["note"]) == (None, None, None)


def test_with_two_clocks_and_none_named_an_entry_has_no_clock(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine")
    assert _show(cli, logged_id(ok(cli, "log", "craving", "4")))["clock"] is None

    ok(cli, "config", "set", "default_clock", "nicotine")
    assert _show(cli, logged_id(ok(cli, "log", "craving", "4")))["clock"] == "nicotine"


def test_coping_named_in_a_craving_joins_the_toolkit(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "craving", "6", "--coping", "cold water", "--outcome", "passed")
    toolkit = as_json(ok(cli, "coping", "list", "--format", "json"))
    assert [(t["name"], t["times_used"], t["cravings_passed"]) for t in toolkit] == [
        ("cold water", 1, 1)
    ]


@pytest.mark.parametrize("intensity", ["11", "99"])
def test_intensity_out_of_range_is_refused_and_nothing_written(
    cli: Cli, alcohol: str, home: Path, intensity: str
) -> None:
    before = files_under(home)
    result = fails(cli, 2, "log", "craving", intensity)
    assert "0 to 10" in result.stderr
    assert files_under(home) == before
    assert entry_files(home) == {}


def test_a_time_in_the_future_is_refused(cli: Cli, alcohol: str, home: Path) -> None:
    result = fails(cli, 2, "log", "craving", "5", "--at", "tomorrow")
    assert "future" in result.stderr
    assert entry_files(home) == {}


@pytest.mark.parametrize(
    "args",
    [
        ("--at", "blursday"),
        ("--at", "2026-13-01"),
        ("--at", "yesterday 25:00"),
        ("--duration", "a while"),
        ("--outcome", "maybe"),
        ("--halt", "bored"),
        ("--tag", "two words"),
        ("--trigger", ""),
    ],
    ids=lambda a: "-".join(a).replace(" ", "_") or "empty",
)
def test_bad_craving_options_exit_2(cli: Cli, alcohol: str, home: Path, args: tuple) -> None:
    fails(cli, 2, "log", "craving", "5", *args)
    assert entry_files(home) == {}


def test_a_non_number_intensity_is_a_usage_error(cli: Cli, alcohol: str) -> None:
    result = cli("log", "craving", "seven")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_an_unknown_clock_exits_3_with_a_hint(cli: Cli, alcohol: str, home: Path) -> None:
    result = fails(cli, 3, "log", "craving", "5", "--clock", "alcohl")
    assert "Hint: did you mean 'alcohol'?" in result.stderr
    assert entry_files(home) == {}


def test_note_dash_reads_standard_input(cli: Cli, alcohol: str) -> None:
    secret = "Nobody needs to see this in my shell history.\nSecond line."
    result = ok(cli, "log", "craving", "4", "--note", "-", input=secret + "\n")
    assert _show(cli, logged_id(result))["note"] == secret


# --- the editor ------------------------------------------------------------------


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An $EDITOR that records the file it was given (path, mode, text), then adds a line."""
    return install_editor(tmp_path, monkeypatch)


def test_edit_writes_the_note_in_a_private_file_inside_the_home(
    cli: Cli, alcohol: str, home: Path, editor: Path
) -> None:
    result = ok(cli, "log", "craving", "6", "--edit")

    assert _show(cli, logged_id(result))["note"] == "written in the editor"
    path_text, mode = editor.read_text(encoding="utf-8").splitlines()
    scratch = Path(path_text)
    assert scratch.is_relative_to(home)  # inside the private home, not a shared /tmp
    assert mode == "600"
    assert not scratch.exists()
    assert list(scratch.parent.iterdir()) == []
    assert stat.S_IMODE(scratch.parent.stat().st_mode) == 0o700


def test_log_note_without_text_opens_the_editor(cli: Cli, alcohol: str, editor: Path) -> None:
    result = ok(cli, "log", "note", "--mood", "3")
    entry = _show(cli, logged_id(result))
    assert (entry["note"], entry["mood"]) == ("written in the editor", 3)
    assert editor.exists()


def test_a_failing_editor_saves_nothing(
    cli: Cli, alcohol: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "false")
    result = fails(cli, 2, "log", "craving", "6", "--edit")
    assert "nothing was saved" in result.stderr
    assert entry_files(home) == {}
    scratch = home / "tmp"
    assert not scratch.exists() or os.listdir(scratch) == []


def test_note_and_edit_together_are_refused(cli: Cli, alcohol: str, editor: Path) -> None:
    fails(cli, 2, "log", "craving", "6", "--note", "x", "--edit")
    assert not editor.exists()


# --- trigger, coping, meeting, note ---------------------------------------------


def test_trigger_with_kind(cli: Cli, alcohol: str) -> None:
    result = ok(cli, "log", "trigger", "walked past the pub", "--kind", "Place")
    entry = _show(cli, logged_id(result))
    assert (entry["type"], entry["text"], entry["kind"]) == (
        "trigger",
        "walked past the pub",
        "place",
    )

    fails(cli, 2, "log", "trigger", "x", "--kind", "weather")
    fails(cli, 2, "log", "trigger", "  ")


def test_coping_linked_to_a_craving(cli: Cli, alcohol: str) -> None:
    craving_short = logged_id(ok(cli, "log", "craving", "8"))
    result = ok(cli, "log", "coping", "urge surfing", "--helped", "4", "--craving", craving_short)

    entry = _show(cli, logged_id(result))
    craving = _show(cli, craving_short)
    assert (entry["type"], entry["technique"], entry["helped"]) == ("coping", "urge surfing", 4)
    assert entry["craving_id"] == craving["id"]  # stored as the full id
    assert [t["name"] for t in as_json(ok(cli, "coping", "list", "-f", "json"))] == ["urge surfing"]


def test_coping_refuses_bad_links_and_ratings(cli: Cli, alcohol: str, home: Path) -> None:
    note_short = logged_id(ok(cli, "log", "note", "just a note"))
    before = entry_files(home)
    fails(cli, 2, "log", "coping", "breathing", "--helped", "6")
    fails(cli, 2, "log", "coping", "breathing", "--helped", "0")
    fails(cli, 2, "log", "coping", "breathing", "--craving", note_short)
    fails(cli, 3, "log", "coping", "breathing", "--craving", "ffffffff")
    assert entry_files(home) == before


def test_meeting(cli: Cli, alcohol: str) -> None:
    result = ok(cli, "log", "meeting", "Tuesday lunchtime", "--fellowship", "aa", "--online")
    entry = _show(cli, logged_id(result))
    assert (entry["name"], entry["fellowship"], entry["online"]) == (
        "Tuesday lunchtime",
        "AA",
        True,
    )

    bare = _show(cli, logged_id(ok(cli, "log", "meeting")))
    assert (bare["type"], bare["name"], bare["fellowship"], bare["online"]) == (
        "meeting",
        None,
        None,
        False,
    )
    fails(cli, 2, "log", "meeting", "x", "--fellowship", "book club")


def test_note_with_mood(cli: Cli, alcohol: str) -> None:
    entry = _show(cli, logged_id(ok(cli, "log", "note", "Slept well.", "--mood", "4")))
    assert (entry["type"], entry["note"], entry["mood"]) == ("note", "Slept well.", 4)

    fails(cli, 2, "log", "note", "x", "--mood", "6")
    fails(cli, 2, "log", "note", "x", "--mood", "0")


def test_note_dash_as_text_reads_standard_input(cli: Cli, alcohol: str) -> None:
    result = ok(cli, "log", "note", "-", input="from a pipe\n")
    assert _show(cli, logged_id(result))["note"] == "from a pipe"


@pytest.mark.parametrize(
    "args",
    [
        ("craving", "5"),
        ("trigger", "payday"),
        ("coping", "breathing"),
        ("meeting", "Thursday"),
        ("note", "a note"),
    ],
)
def test_every_kind_takes_at_clock_and_tags(cli: Cli, alcohol: str, args: tuple) -> None:
    ok(cli, "clock", "add", "nicotine")
    result = ok(
        cli, "log", *args, "--at", "2026-11-20 08:15", "--clock", "nicotine", "--tag", "a,b"
    )
    entry = _show(cli, logged_id(result))
    assert entry["at"] == "2026-11-20T08:15:00+00:00"
    assert is_iso_with_offset(entry["at"])
    assert (entry["clock"], entry["tags"]) == ("nicotine", ["a", "b"])


# --- lapse -----------------------------------------------------------------------


def test_a_lapse_keeps_totals_and_never_says_back_to_zero(cli: Cli, alcohol: str) -> None:
    result = ok(
        cli,
        "log",
        "lapse",
        "alcohol",
        "--at",
        "2026-11-10 21:00",
        "--note",
        "Wedding.",
        "--trigger",
        "open bar",
    )

    out = result.stdout
    # Oct 1 to Nov 10 is a 40-day run; the new run from Nov 11 has 12 days by Nov 23.
    assert "52 days clean in total" in out
    assert "longest run is 40 days" in out
    assert "Wed 11 Nov 2026" in out
    assert "back to zero" not in (out + result.stderr).lower()
    assert "!" not in out

    detail = as_json(ok(cli, "clock", "show", "alcohol", "-f", "json"))
    (lapse,) = detail["lapse_history"]
    assert (lapse["note"], lapse["triggers"]) == ("Wedding.", ["open bar"])
    assert (detail["days"], detail["total_clean_days"], detail["longest_run_days"]) == (12, 52, 40)


def test_a_lapse_without_a_clock_uses_the_only_clock(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "--at", "yesterday 22:00")
    detail = as_json(ok(cli, "clock", "show", "-f", "json"))
    assert detail["lapses"] == 1
    assert detail["current_run_start"] == "2026-11-23"


def test_a_lapse_in_the_future_or_before_the_start_is_refused(
    cli: Cli, alcohol: str, home: Path
) -> None:
    before = files_under(home)
    assert "future" in fails(cli, 2, "log", "lapse", "alcohol", "--at", "tomorrow").stderr
    fails(cli, 2, "log", "lapse", "alcohol", "--at", "2026-09-01")
    fails(cli, 2, "log", "lapse", "alcohol", "--at", "whenever")
    fails(cli, 3, "log", "lapse", "alcohl")
    assert files_under(home) == before


def test_a_lapse_with_no_clocks_says_how_to_add_one(cli: Cli) -> None:
    result = fails(cli, 3, "log", "lapse")
    assert "clock add" in result.stderr


def test_on_the_day_of_a_lapse_status_says_when_the_new_run_starts(cli: Cli, alcohol: str) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "today 12:00")
    clock = as_json(ok(cli, "status", "-f", "json"))["clocks"][0]
    assert (clock["current_run_start"], clock["current_run_started"]) == ("2026-11-24", False)
    out = ok(cli, "status", "-f", "plain").stdout
    assert "alcohol  a new run starts Tue 24 Nov 2026" in out
    assert "0 days clean" not in out
    assert "clean in total" in out  # history stays beside it


def test_control_characters_in_a_note_never_reach_the_terminal_raw(cli: Cli) -> None:
    """A note may hold anything, kept exactly; the screen shows escapes, not live codes."""
    text = "fine\r=1+1 \x1b[31mred\u202eevil"
    logged = ok(cli, "log", "note", "-", input=text).stdout
    short = logged.split()[0]
    assert "\x1b" not in logged and "\r" not in logged and "\u202e" not in logged
    assert "\\x1b[31mred\\u202eevil" in logged
    for args in (["list"], ["show", short]):
        shown = ok(cli, *args, "-f", "plain").stdout
        assert "\x1b" not in shown and "\u202e" not in shown and "\r" not in shown
    # The data itself is kept (standard input reads a lone CR as a line break).
    assert _show(cli, short)["note"] == text.replace("\r", "\n")


def test_show_says_yes_and_no_rather_than_true_and_false(cli: Cli) -> None:
    short = ok(cli, "log", "meeting", "Home group", "--online").stdout.split()[0]
    shown = ok(cli, "show", short, "-f", "plain").stdout
    assert "online: yes" in shown and "True" not in shown
