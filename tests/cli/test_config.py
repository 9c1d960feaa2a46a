"""recoverylog config show / get / set / path, and the global --home option."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from cli_helpers import Cli, as_json, fails, files_under, ok

DEFAULTS = {
    "timezone": None,
    "milestone_scheme": "extended",
    "currency": "$",
    "default_clock": None,
    "country": "US",
    "backups.keep": 10,
    "backups.offsite_days": 30,
    "sync.keep_deleted_days": 365,
    "report.hide": [],
    "day_starts_at": "00:00",
    "calendar.discreet": False,
    "unlock.for": "15m",
    "prompt.format": "{days}d",
    "prompt.clock": None,
    "prompt.in_encrypted": False,
    "greet.every": "day",
    "prompts.questions": [],
    "checkin.prompt": False,
    "checkin.slept": False,
    "nudges": True,
    "hooks.on_lapse": None,
    "hooks.on_checkin": None,
    "hooks.on_milestone": None,
    "hooks.on_sos": None,
    "on_this_day": False,
    "accessible": False,
}


@pytest.fixture
def no_zone_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment outranks config.toml; these tests look at the file's own value."""
    monkeypatch.delenv("RECOVERYLOG_TIMEZONE")


def test_show_lists_every_setting_with_its_default(
    cli: Cli, home: Path, no_zone_from_env: None
) -> None:
    assert as_json(ok(cli, "config", "show", "--format", "json")) == DEFAULTS

    lines = ok(cli, "config", "show", "--format", "plain").stdout.splitlines()
    assert lines[0].split() == ["Key", "Value", "About"]
    assert [line.split()[0] for line in lines[1:]] == list(DEFAULTS)
    assert not (home / "config.toml").exists()  # reading never writes


def test_set_then_get_and_show(cli: Cli, home: Path, no_zone_from_env: None) -> None:
    assert ok(cli, "config", "set", "currency", "£").stdout == "currency = £\n"
    ok(cli, "config", "set", "timezone", "Europe/London")
    ok(cli, "config", "set", "backups.keep", "3")

    assert ok(cli, "config", "get", "currency").stdout == "£\n"
    assert ok(cli, "config", "get", "timezone").stdout == "Europe/London\n"
    shown = as_json(ok(cli, "config", "show", "-f", "json"))
    assert (shown["currency"], shown["timezone"], shown["backups.keep"]) == (
        "£",
        "Europe/London",
        3,
    )

    path = home / "config.toml"
    stored = tomllib.loads(path.read_text(encoding="utf-8"))
    assert stored["currency"] == "£"
    assert stored["backups"]["keep"] == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_value_clears_an_optional_setting(cli: Cli, no_zone_from_env: None) -> None:
    ok(cli, "config", "set", "timezone", "Europe/London")
    assert ok(cli, "config", "set", "timezone", "").stdout == "timezone = (default)\n"
    assert ok(cli, "config", "get", "timezone").stdout == "\n"


def test_the_environment_outranks_the_file(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(cli, "config", "set", "timezone", "Europe/London")
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "Asia/Tokyo")
    assert ok(cli, "config", "get", "timezone").stdout == "Asia/Tokyo\n"


def test_the_default_scheme_must_exist(cli: Cli, alcohol: str) -> None:
    result = fails(cli, 2, "config", "set", "milestone_scheme", "mine")
    assert "unknown milestone scheme 'mine'" in result.stderr
    ok(cli, "status")  # still works

    ok(cli, "config", "set", "schemes.mine", "10d,50d")
    ok(cli, "config", "set", "milestone_scheme", "Mine")
    assert ok(cli, "config", "get", "milestone_scheme").stdout == "mine\n"
    (clock,) = as_json(ok(cli, "milestones", "-f", "json"))
    assert [m["label"] for m in clock["achieved"]] == ["10 days", "50 days"]


def test_a_hand_written_scheme_that_cannot_be_read_is_named_whole(
    cli: Cli, home: Path, alcohol: str
) -> None:
    ok(cli, "config", "set", "currency", "€")  # config.toml exists
    with (home / "config.toml").open("a") as config:
        config.write('milestone_scheme = "mine"\n[schemes]\nmine = ["30d", "3 fortnights"]\n')
    said = "'3 fortnights' is not a milestone (use forms like 24h, 30d, 2w, 6mo, 1y, 'every 1y')"
    status = fails(cli, 2, "status")
    assert status.stderr == f"Error: {said}\nHint: see 'recoverylog config show' for schemes\n"
    added = fails(cli, 2, "clock", "add", "gambling", "--since", "2026-10-01", "--scheme", "mine")
    assert added.stderr == f"Error: {said}\n"
    unknown = fails(cli, 2, "clock", "add", "gambling", "--since", "2026-10-01", "--scheme", "x")
    assert (
        unknown.stderr
        == "Error: unknown milestone scheme 'x' (known: common, extended, mine, na)\n"
    )


def test_a_custom_milestone_scheme(cli: Cli) -> None:
    ok(cli, "config", "set", "schemes.mine", "3d,10d,every 1y")
    assert ok(cli, "config", "get", "schemes.mine").stdout == "3d,10d,every 1y\n"

    ok(cli, "clock", "add", "alcohol", "--since", "2026-11-17", "--scheme", "mine")
    (clock,) = as_json(ok(cli, "milestones", "-f", "json"))
    assert [(m["label"], m["date"]) for m in clock["achieved"]] == [("3 days", "2026-11-20")]
    assert [(m["label"], m["date"]) for m in clock["upcoming"]] == [
        ("10 days", "2026-11-27"),
        ("1 year", "2027-11-17"),
        ("2 years", "2028-11-17"),
    ]


def test_the_default_scheme_applies_to_clocks_without_one(cli: Cli, alcohol: str) -> None:
    ok(cli, "config", "set", "milestone_scheme", "common")
    (clock,) = as_json(ok(cli, "milestones", "-f", "json"))
    assert [m["label"] for m in clock["achieved"]] == ["24 hours", "30 days"]


def test_a_time_zone_changes_how_times_are_shown(
    cli: Cli, alcohol: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECOVERYLOG_TIMEZONE")
    ok(cli, "config", "set", "timezone", "Asia/Tokyo")
    short = ok(cli, "log", "craving", "4").stdout.split()[0]
    # 20:00 UTC is 05:00 the next morning in Tokyo (UTC+9, no daylight saving).
    assert as_json(ok(cli, "show", short, "-f", "json"))["at"] == "2026-11-24T05:00:00+09:00"


def test_report_hide_is_a_list_of_words_and_phrases(
    cli: Cli, home: Path, no_zone_from_env: None
) -> None:
    shown = ok(cli, "config", "set", "report.hide", " Mike, St Marys ,, mike,Maria ").stdout
    assert shown == "report.hide = Mike,St Marys,Maria\n"  # blanks and repeats dropped
    assert ok(cli, "config", "get", "report.hide").stdout == "Mike,St Marys,Maria\n"
    assert as_json(ok(cli, "config", "show", "-f", "json"))["report.hide"] == [
        "Mike",
        "St Marys",
        "Maria",
    ]
    plain = ok(cli, "config", "show", "-f", "plain").stdout
    assert "Mike,St Marys,Maria" in plain
    stored = tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))
    assert stored["report"]["hide"] == ["Mike", "St Marys", "Maria"]

    assert ok(cli, "config", "set", "report.hide", "").stdout == "report.hide = (default)\n"
    assert ok(cli, "config", "get", "report.hide").stdout == "\n"
    assert "hide" not in tomllib.loads((home / "config.toml").read_text(encoding="utf-8")).get(
        "report", {}
    )


def test_a_hand_written_hide_list_that_is_not_words_is_named(cli: Cli, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text(
        "schema_version = 1\n[report]\nhide = [1, 2]\n", encoding="utf-8"
    )
    result = fails(cli, 4, "config", "get", "report.hide")
    assert "'report.hide'" in result.stderr


def test_calendar_discreet_is_true_or_false(cli: Cli, home: Path) -> None:
    shown = ok(cli, "config", "set", "calendar.discreet", "Yes").stdout
    assert shown == "calendar.discreet = true\n"
    assert as_json(ok(cli, "config", "show", "-f", "json"))["calendar.discreet"] is True
    stored = tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))
    assert stored["calendar"]["discreet"] is True
    ok(cli, "config", "set", "calendar.discreet", "off")
    assert ok(cli, "config", "get", "calendar.discreet").stdout == "false\n"
    assert ok(cli, "config", "get", "backups.keep").stdout == "10\n"  # a number, too
    assert ok(cli, "config", "set", "calendar.discreet", "").stdout == (
        "calendar.discreet = (default)\n"
    )
    assert ok(cli, "config", "get", "calendar.discreet").stdout == "false\n"


def test_a_hand_written_discreet_setting(cli: Cli, home: Path) -> None:
    home.mkdir()
    config = home / "config.toml"
    config.write_text("schema_version = 1\n[calendar]\ndiscreet = true\n", encoding="utf-8")
    assert ok(cli, "config", "get", "calendar.discreet").stdout == "true\n"
    config.write_text('schema_version = 1\n[calendar]\ndiscreet = "perhaps"\n', encoding="utf-8")
    assert "'calendar.discreet'" in fails(cli, 4, "config", "get", "calendar.discreet").stderr
    config.write_text("schema_version = 1\n[calendar]\ndiscreet = 1\n", encoding="utf-8")
    assert "'calendar.discreet'" in fails(cli, 4, "config", "get", "calendar.discreet").stderr


@pytest.mark.parametrize(
    "args",
    [
        ("set", "colour", "blue"),
        ("set", "timezone", "Mars/Olympus_Mons"),
        ("set", "backups.keep", "none"),
        ("set", "backups.keep", "0"),
        ("set", "calendar.discreet", "maybe"),
        ("set", "milestone_scheme", "no-such-scheme"),
        ("set", "schemes.bad", "3 fortnights"),
        ("get", "colour"),
    ],
    ids=lambda a: "-".join(a),
)
def test_bad_keys_and_values_are_refused_and_nothing_written(
    cli: Cli, home: Path, args: tuple
) -> None:
    ok(cli, "config", "set", "currency", "€")
    before = files_under(home)
    fails(cli, 2, "config", *args)
    assert files_under(home) == before


def test_unknown_key_lists_the_known_ones(cli: Cli) -> None:
    result = fails(cli, 2, "config", "get", "colour")
    assert "unknown setting 'colour'" in result.stderr
    assert "currency" in result.stderr


def test_path_prints_where_things_live(cli: Cli, home: Path) -> None:
    lines = ok(cli, "config", "path").stdout.splitlines()
    assert lines == [
        f"config:  {home / 'config.toml'}",
        f"crisis:  {home / 'crisis.toml'}",
        f"journal: {home / 'journal.toml'}",
        f"entries: {home / 'entries'}",
    ]
    assert not home.exists()  # asking where does not create anything


def test_the_home_option_overrides_the_environment(cli: Cli, home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other home"
    assert ok(cli, "--home", str(other), "config", "path").stdout.startswith(
        f"config:  {other / 'config.toml'}"
    )
    ok(cli, "--home", str(other), "clock", "add", "alcohol", "--since", "2026-11-01")
    ok(cli, "--home", str(other), "config", "set", "currency", "€")

    assert (other / "journal.toml").exists() and (other / "config.toml").exists()
    assert not home.exists()
    assert as_json(ok(cli, "clock", "list", "-f", "json")) == []


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_home_option_is_refused_not_the_current_folder(
    cli: Cli, empty: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    result = fails(cli, 2, "--home", empty, "config", "set", "currency", "£")
    assert "--home is empty" in result.stderr
    assert list(workdir.iterdir()) == []  # nothing written where the command ran


def test_a_date_like_word_to_hide_survives_export_and_import(cli, tmp_path) -> None:
    assert cli("config", "set", "report.hide", "2026-01-01,Mike").exit_code == 0
    exported = tmp_path / "journal.json"
    assert cli("export", "--output", str(exported)).exit_code == 0
    other = tmp_path / "other"
    imported = cli("--home", str(other), "import", str(exported))
    assert imported.exit_code == 0, imported.stderr
    shown = cli("--home", str(other), "config", "get", "report.hide")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.strip() == "2026-01-01,Mike"


HAND_WRITTEN = """\
# My recoverylog settings, written by hand.
schema_version = 1
currency = "$"  # dollars for now

# Which clock 'status' opens on.
default_clock = "alcohol"
backups.keep = 5

[schemes]
mine = ["1d", "2w"]   # my own steps
"""


def test_set_keeps_a_hand_edited_file_as_it_was(cli: Cli, alcohol: str, home: Path) -> None:
    path = home / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    ok(cli, "config", "set", "currency", "EUR")
    expected = HAND_WRITTEN.replace('currency = "$"', 'currency = "EUR"')
    assert path.read_text(encoding="utf-8") == expected

    ok(cli, "config", "set", "backups.keep", "3")
    ok(cli, "config", "set", "schemes.mine", "1d,30d")
    ok(cli, "config", "set", "timezone", "Europe/London")
    ok(cli, "config", "set", "report.hide", "Mike")
    ok(cli, "config", "set", "default_clock", "")
    text = path.read_text(encoding="utf-8")
    for kept in ("# My recoverylog", "# dollars for now", "# my own steps"):
        assert kept in text
    stored = tomllib.loads(text)
    assert stored["backups"]["keep"] == 3 and stored["schemes"]["mine"] == ["1d", "30d"]
    assert stored["timezone"] == "Europe/London" and stored["report"]["hide"] == ["Mike"]
    assert "default_clock" not in stored
    assert ok(cli, "config", "get", "currency").stdout == "EUR\n"


def test_a_new_config_file_starts_with_its_header(cli: Cli, home: Path) -> None:
    ok(cli, "config", "set", "currency", "EUR")
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert text.startswith("# recoverylog settings")
    assert tomllib.loads(text) == {"schema_version": 1, "currency": "EUR"}


def test_default_clock_must_name_a_clock(cli: Cli, alcohol: str, home: Path) -> None:
    ok(cli, "clock", "add", "nicotine")
    before = files_under(home)
    result = fails(cli, 2, "config", "set", "default_clock", "cofee")
    assert "no clock named 'cofee'" in result.stderr
    assert "alcohol, nicotine" in result.stderr
    assert files_under(home) == before

    assert ok(cli, "config", "set", "default_clock", "NICOTINE").stdout == (
        "default_clock = nicotine\n"
    )  # as the journal spells it
    ok(cli, "config", "set", "default_clock", "")  # no default is always fine


def test_default_clock_with_no_clocks_yet(cli: Cli) -> None:
    result = fails(cli, 2, "config", "set", "default_clock", "alcohol")
    assert "recoverylog clock add" in result.stderr


def test_renaming_the_default_clock_renames_the_setting(cli: Cli, alcohol: str, home: Path) -> None:
    ok(cli, "clock", "add", "nicotine")
    path = home / "config.toml"
    path.write_text('# mine\nschema_version = 1\ndefault_clock = "alcohol"  # the main one\n')
    ok(cli, "clock", "rename", "Alcohol", "drinking")
    assert (
        path.read_text()
        == '# mine\nschema_version = 1\ndefault_clock = "drinking"  # the main one\n'
    )
    ok(cli, "clock", "rename", "nicotine", "smoking")  # not the default: the setting stays
    assert ok(cli, "config", "get", "default_clock").stdout == "drinking\n"
