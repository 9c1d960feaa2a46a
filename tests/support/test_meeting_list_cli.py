"""Your meeting list through the CLI: a Meeting Guide JSON file or a CSV imported,
the next meetings from it, and a meeting logged by choosing it from the list.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC. Every sample list here is made up.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from support_helpers import ok

from recoverylog.store.crypto import MAGIC

GUIDE = [
    {
        "name": "Early Birds",
        "slug": "early-birds",
        "day": [1, 2, 3, 4, 5],
        "time": "07:00",
        "end_time": "08:00",
        "location": "St Brigid's Hall",
        "formatted_address": "1 Chapel Lane, Smalltown",
        "region": "North",
        "types": ["O", "D"],
    },
    {
        "name": "Evening Reflections",
        "day": 1,
        "time": "20:30:00",
        "types": ["ONL", "C"],
        "conference_url": "https://meet.example.org/j/555",
        "notes": "Password on request.",
    },
    {
        "name": "Monday Step Study",
        "day": "1",
        "time": "19:30",
        "end_time": "21:00",
        "location": "Library room 2",
        "types": ["ONL"],
        "conference_url": "https://meet.example.org/j/777",
    },
    {"name": "By appointment", "time": "10:00"},
    {"name": "Paused group", "day": 2, "time": "12:00", "attendance_option": "inactive"},
    {"name": "Odd hours", "day": 3, "time": "25:00"},
    "not a meeting",
    {"name": "Far away", "day": 1, "time": "21:00", "timezone": "Mars/Olympus"},
]


def write(tmp_path: Path, name: str, content: object) -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def imported(cli: Any, tmp_path: Path, content: object = None, name: str = "list.json") -> Any:
    path = write(tmp_path, name, GUIDE if content is None else content)
    return ok(cli, "meetings", "import", str(path), "--fellowship", "aa")


def next_json(cli: Any, *more: str) -> Any:
    return json.loads(ok(cli, "meetings", "next", "--format", "json", *more).stdout)


def test_a_meeting_guide_file_is_imported_with_what_was_skipped_and_why(
    cli: Any, tmp_path: Path, home: Path
) -> None:
    done = imported(cli, tmp_path)
    assert done.stdout.strip() == "Read 3 meetings into your meeting list."
    assert done.stderr.splitlines() == [
        "Skipped 5 rows:",
        '  meeting 4 ("By appointment"): no day given',
        '  meeting 5 ("Paused group"): marked inactive in the list',
        "  meeting 6 (\"Odd hours\"): the time '25:00' is not a time of day",
        "  meeting 7: not a meeting (expected a JSON object)",
        "  meeting 8 (\"Far away\"): the time zone 'Mars/Olympus' is not one this computer knows",
    ]
    kept = json.loads((home / "meetings.json").read_text(encoding="utf-8"))
    assert kept["source"] == "list.json" and len(kept["meetings"]) == 3
    assert kept["meetings"][0]["days"] == [1, 2, 3, 4, 5]


def test_next_meetings_by_day_and_time_with_links(cli: Any, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    data = next_json(cli)
    assert data["timezone"] == "UTC" and data["list"]["meetings"] == 3
    shown = [(m["name"], m["starts"], m["on_now"]) for m in data["next"]]
    assert shown == [
        ("Monday Step Study", "2026-11-23T19:30:00+00:00", True),  # on until 21:00
        ("Evening Reflections", "2026-11-23T20:30:00+00:00", False),
        ("Early Birds", "2026-11-24T07:00:00+00:00", False),
        ("Early Birds", "2026-11-25T07:00:00+00:00", False),
        ("Early Birds", "2026-11-26T07:00:00+00:00", False),
    ]
    first, second, third = data["next"][:3]
    assert (first["attendance"], first["url"]) == ("hybrid", "https://meet.example.org/j/777")
    assert (second["attendance"], second["fellowship"]) == ("online", "AA")
    assert (third["attendance"], third["address"]) == ("in person", "1 Chapel Lane, Smalltown")
    assert third["ends"] == "2026-11-24T08:00:00+00:00"
    text = ok(cli, "meetings", "next", "-n", "2").stdout
    assert "on now" in text and "Monday Step Study (AA, hybrid)" in text
    assert "today 20:30" in text and "https://meet.example.org/j/555" in text
    assert [m["name"] for m in next_json(cli, "-n", "1")["next"]] == ["Monday Step Study"]
    assert cli("meetings", "next", "-n", "0").exit_code == 2


def test_times_in_the_persons_zone_and_the_meetings_own(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_zone = [{"name": "Brooklyn", "day": 1, "time": "19:00", "timezone": "America/New_York"}]
    imported(cli, tmp_path, own_zone + [{"name": "Local", "day": 2, "time": "09:00"}])
    # 19:00 in New York on Monday 23 November is midnight UTC.
    starts = [m["starts"] for m in next_json(cli)["next"]]
    assert starts == ["2026-11-24T00:00:00+00:00", "2026-11-24T09:00:00+00:00"]
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "Europe/Berlin")
    data = next_json(cli)
    assert data["timezone"] == "Europe/Berlin"
    assert [m["starts"] for m in data["next"]] == [
        "2026-11-24T01:00:00+01:00",  # the same moment, in Berlin
        "2026-11-24T09:00:00+01:00",  # nine o'clock on the person's own clock
    ]


def test_an_import_replaces_the_list_before(cli: Any, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    again = imported(cli, tmp_path, [{"name": "Only one", "day": 0, "time": "18:00"}], "b.json")
    assert "it replaces the 3 meetings imported before" in again.stdout
    assert [m["name"] for m in next_json(cli)["next"]] == ["Only one"]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ({"meetings": "none"}, "this is not a meeting list"),
        (["a", "b"], "this is not a meeting list"),
        ("[1, 2", "is not valid JSON"),
        ([{"name": "No day", "time": "19:00"}], "no meeting in list.json could be used"),
    ],
)
def test_what_is_not_a_meeting_list_is_refused_and_changes_nothing(
    cli: Any, tmp_path: Path, content: object, said: str
) -> None:
    imported(cli, tmp_path, [{"name": "Kept", "day": 1, "time": "21:00"}], "first.json")
    refused = cli("meetings", "import", str(write(tmp_path, "list.json", content)))
    assert refused.exit_code == 2 and said in refused.stderr
    assert "Hint:" in refused.stderr
    assert [m["name"] for m in next_json(cli)["next"]] == ["Kept"]


def test_a_csv_list_with_the_documented_columns(cli: Any, tmp_path: Path) -> None:
    csv_text = (
        "Name,Day,Time,Location,URL,Fellowship\n"
        '"Tuesday Lunch, Step Study",Tue,12:30 pm,Church hall,,NA\n'
        "Online Daily,mon;wed,9pm,online,https://meet.example.org/daily,\n"
        "\n"
        "Bad day,Funday,18:00,,,\n"
        "Bad link,1,18:00,,ftp://example.org,\n"
    )
    done = imported(cli, tmp_path, csv_text, "mine.csv")
    assert done.stdout.strip() == "Read 2 meetings into your meeting list."
    assert "line 5: the day 'Funday' is not 0 (Sunday) to 6 or a day's name" in done.stderr
    assert "line 6: the link 'ftp://example.org' is not a web address" in done.stderr
    data = next_json(cli)["next"]
    assert [(m["name"], m["starts"][:16], m["attendance"], m["fellowship"]) for m in data] == [
        ("Online Daily", "2026-11-23T21:00", "online", "AA"),
        ("Tuesday Lunch, Step Study", "2026-11-24T12:30", "in person", "NA"),
        ("Online Daily", "2026-11-25T21:00", "online", "AA"),
    ]
    no_columns = cli("meetings", "import", str(write(tmp_path, "x.csv", "a,b\n1,2\n")))
    assert no_columns.exit_code == 2
    assert "no column named name or day or time" in no_columns.stderr


def test_next_without_a_list_says_how_to_import_one(cli: Any) -> None:
    assert "meetings import FILE" in ok(cli, "meetings", "next").stdout
    assert next_json(cli) == {
        "now": "2026-11-23T20:00:00+00:00",
        "timezone": "UTC",
        "list": None,
        "next": [],
    }


def test_meetings_alone_still_lists_the_meetings_you_went_to(cli: Any) -> None:
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-20 19:00")
    data = json.loads(ok(cli, "meetings", "--since", "2026-11-16", "--format", "json").stdout)
    assert data["total"] == 1 and data["since"] == "2026-11-16"


def test_log_a_meeting_chosen_from_the_list(cli: Any, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    # Around 20:00: the meeting on since 19:30, the one at 20:30, and tomorrow morning's
    # (nearer than this morning's), each once.
    asked = ok(cli, "log", "meeting", "--from-list", input="9\ntwo\n2\n")
    assert "Meetings around now, from your list:" in asked.stderr
    assert " 1  on now            Monday Step Study (AA, hybrid)" in asked.stderr
    assert " 2  today 20:30       Evening Reflections (AA, online)" in asked.stderr
    assert " 3  tomorrow 07:00    Early Birds (AA, in person)" in asked.stderr
    assert "please answer with a number from 1 to 3" in asked.stderr
    assert "Logged meeting: Evening Reflections · AA · online" in asked.stdout
    assert logged(cli) == ("Evening Reflections", "AA", True)
    ok(cli, "log", "meeting", "--from-list", "--fellowship", "NA", input="3\n")
    assert logged(cli) == ("Early Birds", "NA", False)
    ok(cli, "log", "meeting", "--from-list", "--online", input="3\n")
    assert logged(cli) == ("Early Birds", "AA", True)


def logged(cli: Any) -> tuple[str, str, bool]:
    entry = json.loads(ok(cli, "list", "--format", "json").stdout)[0]
    return entry["name"], entry["fellowship"], entry["online"]


def test_choosing_from_the_list_needs_a_terminal_and_a_list(
    cli: Any, cli_without_terminal: Any, tmp_path: Path
) -> None:
    none_yet = cli("log", "meeting", "--from-list", input="1\n")
    assert none_yet.exit_code == 2 and "no meeting list yet" in none_yet.stderr
    imported(cli, tmp_path)
    piped = cli_without_terminal("log", "meeting", "--from-list", input="1\n")
    assert piped.exit_code == 2
    assert "choosing from your meeting list needs a terminal" in piped.stderr
    assert "Hint: name the meeting instead" in piped.stderr
    both = cli("log", "meeting", "Home group", "--from-list")
    assert both.exit_code == 2 and "not both" in both.stderr
    stopped = cli("log", "meeting", "--from-list", input="")
    assert stopped.exit_code != 0 and "Nothing was saved" in stopped.stderr
    assert json.loads(ok(cli, "list", "--format", "json").stdout) == []


def test_the_list_is_sealed_in_an_encrypted_home_and_kept_in_backups(
    cli: Any, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(cli, tmp_path)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long enough passphrase")
    ok(cli, "encrypt")
    sealed = (home / "meetings.json").read_bytes()
    assert sealed.startswith(MAGIC) and b"Early Birds" not in sealed
    assert len(next_json(cli)["next"]) == 5
    backup = ok(cli, "backup", "create").stdout
    imported(cli, tmp_path, [{"name": "Only one", "day": 0, "time": "18:00"}], "b.json")
    name = json.loads(ok(cli, "backup", "list", "--format", "json").stdout)[0]["name"]
    assert name in backup
    ok(cli, "backup", "restore", name, "--yes")
    assert next_json(cli)["list"]["meetings"] == 3


def test_next_as_csv_carries_every_key_and_guards_formulas(cli: Any, tmp_path: Path) -> None:
    imported(cli, tmp_path, [{"name": "=SUM(1)", "day": 1, "time": "21:00"}])
    rows = list(csv.DictReader(io.StringIO(ok(cli, "meetings", "next", "-f", "csv").stdout)))
    assert [(row["name"], row["starts"], row["attendance"]) for row in rows] == [
        ("'=SUM(1)", "2026-11-23T21:00:00+00:00", "in person")
    ]
    assert list(rows[0]) == list(next_json(cli)["next"][0])


@pytest.mark.parametrize("passphrase", [None, "a long enough passphrase"])
def test_a_copy_that_leaves_the_computer_holds_the_list_and_brings_it_back(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passphrase: str | None
) -> None:
    imported(cli, tmp_path)
    if passphrase:
        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", passphrase)
        ok(cli, "encrypt")
    stick = tmp_path / "stick"
    stick.mkdir()
    ok(cli, "backup", "create", "--to", str(stick))
    assert ok(cli, "backup", "verify", str(stick)).exit_code == 0
    imported(cli, tmp_path, [{"name": "Only one", "day": 0, "time": "18:00"}], "b.json")
    ok(cli, "backup", "restore", "--from", str(stick), "--yes")
    assert next_json(cli)["list"]["meetings"] == 3
