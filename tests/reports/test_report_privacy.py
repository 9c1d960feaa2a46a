"""What a report shares: audiences, --include, escaping, files and the preview."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixture import (
    JOURNAL_MARKER,
    LAPSE_MARKER,
    MARKERS,
    NOTE_MARKER,
    build_home,
    fixture_entries,
    fixture_journal,
    make_entry,
)

from recoverylog.domain.model import EntryType

Run = Callable[..., Any]
FORMATS = ("md", "txt", "html", "json")


def written(run: Run, *args: str) -> dict[str, str]:
    return {fmt: run("report", "--format", fmt, *args).stdout for fmt in FORMATS}


def test_a_sponsor_report_holds_no_private_text_in_any_format(fixture_home: Path, run: Run) -> None:
    for fmt, text in written(run).items():
        for marker in MARKERS:
            assert marker not in text, (fmt, marker)
    # ... and none when asked for the clinician's version, which adds only the calendar.
    for fmt, text in written(run, "--audience", "clinician").items():
        for marker in MARKERS:
            assert marker not in text, (fmt, marker)
        assert "day by day" in text.lower() or '"calendar"' in text


def test_a_sponsor_report_says_what_it_left_out(fixture_home: Path, run: Run) -> None:
    text = run("report").stdout
    assert (
        "> Shared as written: triggers, meeting names and coping techniques, with names from "
        'the support network and contacts shown as "a person".\n>\n'
        "> Not in this report: notes on entries and check-in answers; lapse triggers and "
        "circumstances; journal entries; names of contacts (they are counted by role).\n"
    ) in text
    data = json.loads(run("report", "-f", "json").stdout)
    assert data["shared"] == {
        "notes": False,
        "names": False,
        "lapse_details": False,
        "journal": False,
        "calendar": False,
    }


@pytest.mark.parametrize(
    ("include", "shown"),
    [
        ("notes", NOTE_MARKER),
        ("lapse-details", LAPSE_MARKER),
        ("journal", JOURNAL_MARKER),
        ("names", "PERSONMARKER"),
    ],
)
def test_include_shares_exactly_one_more_thing(
    fixture_home: Path, run: Run, include: str, shown: str
) -> None:
    for fmt, text in written(run, "--include", include).items():
        assert shown in text, (fmt, include)
        for marker in MARKERS:
            if marker != shown:
                assert marker not in text, (fmt, include, marker)


def test_self_shows_everything(fixture_home: Path, run: Run) -> None:
    for fmt, text in written(run, "--audience", "self").items():
        for marker in MARKERS:
            assert marker in text, (fmt, marker)
    data = json.loads(run("report", "-a", "self", "-f", "json").stdout)
    assert data["left_out"] == []
    assert data["lapses"][0]["note"].endswith(LAPSE_MARKER)
    assert data["peer_support"]["contacts"]["people"] == [
        {"name": "PERSONMARKER Dana", "role": "sponsor", "count": 1}
    ]
    assert [d["statuses"]["alcohol"] for d in data["calendar"]["days"]] == [
        "clean",
        "clean",
        "lapse",
        "clean",
        "clean",
        "clean",
        "clean",
    ]
    assert [d["cravings"] for d in data["calendar"]["days"]] == [2, 0, 1, 0, 1, 0, 0]


def test_includes_combine_with_commas_and_repeats(fixture_home: Path, run: Run) -> None:
    text = run("report", "--include", "notes,journal", "--include", "names").stdout
    assert NOTE_MARKER in text and JOURNAL_MARKER in text and "PERSONMARKER" in text
    assert LAPSE_MARKER not in text


HOSTILE = "<script>alert(1)</script>"
HOSTILE_TRIGGER = '"><img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_home(home: Path) -> Path:
    entries = fixture_entries()
    entries.append(
        make_entry(
            40,
            EntryType.CRAVING,
            "2026-11-22T10:00:00",
            HOSTILE,
            intensity=5,
            triggers=[HOSTILE_TRIGGER],
            coping=["<b>bold</b> move"],
            outcome="passed",
        )
    )
    build_home(home, fixture_journal(), entries)
    return home


def test_html_escapes_every_piece_of_user_text(hostile_home: Path, run: Run) -> None:
    html = run("report", "--format", "html", "--audience", "self").stdout
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; move" in html
    assert "<script" not in html.lower()


def test_html_is_self_contained_and_printable(hostile_home: Path, run: Run) -> None:
    html = run("report", "--format", "html", "--audience", "clinician").stdout
    assert not re.search(r"https?://", html)
    for outside in ("<link", "@import", "url(", "@font-face"):
        assert outside not in html
    assert not re.search(r"<[a-z]+[^<>]*\ssrc=", html)  # no tag loads anything
    assert "@media print" in html and "@page" in html
    assert '<meta name="viewport"' in html
    # Two small inline charts: cravings per day (7 bars) and intensity by hour (24 bars).
    assert html.count("<svg") == 2
    assert html.count('<rect class="bar"') == 7 + 24
    # The per-day chart's tallest bar is the day with 2 cravings; its tooltip says so.
    assert "<title>Tue 17 Nov: 2 cravings</title>" in html
    assert 'class="grid"' in html  # the clinician's calendar


def test_markdown_escapes_user_text(hostile_home: Path, run: Run) -> None:
    md = run("report", "--audience", "self").stdout
    assert HOSTILE not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\<b\>bold\</b\> move" in md


def test_control_characters_never_reach_the_terminal(home: Path, run: Run) -> None:
    entries = fixture_entries()
    entries.append(
        make_entry(
            41, EntryType.CRAVING, "2026-11-22T10:00:00", intensity=2, triggers=["a\x1b[31mb"]
        )
    )
    build_home(home, fixture_journal(), entries)
    for fmt in ("md", "txt", "html"):
        text = run("report", "--format", fmt).stdout
        assert "\x1b" not in text
        assert "a[31mb" in text.replace("\\", "")  # Markdown escapes the bracket


def test_output_file_is_private_and_its_format_follows_the_name(
    fixture_home: Path, run: Run, tmp_path: Path
) -> None:
    for name, start in (
        ("week.html", "<!DOCTYPE html>"),
        ("week.json", "{"),
        ("week.md", "# Recovery report"),
        ("week.txt", "Recovery report\n====="),
    ):
        target = tmp_path / name
        result = run("report", "--output", str(target))
        assert result.stdout == ""
        assert f"Wrote the report to {target}" in result.stderr
        assert target.read_text(encoding="utf-8").startswith(start)
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_output_folder_that_does_not_exist_is_refused(
    fixture_home: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "week.md"
    a_file = tmp_path / "plain-file"
    a_file.write_text("x", encoding="utf-8")
    for command in (
        ("report", "--output", str(missing)),
        ("milestones", "--output", str(missing)),
        ("export", "--output", str(missing.with_suffix(".json"))),
        ("report", "--output", str(a_file / "week.md")),
    ):
        result = cli(*command)
        assert result.exit_code == 2, command
        assert result.stderr.startswith("Error: cannot write "), command
        assert "does not exist" in result.stderr or "is not a folder" in result.stderr
        assert result.stdout == ""
    assert not missing.parent.exists()


def test_preview_shows_what_is_shared_then_asks(
    fixture_home: Path, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "shared.html"
    declined = run("report", "--preview", "--output", str(target), input="n\n")
    assert not target.exists()
    assert "This is what the report will contain" in declined.stderr
    assert "4 cravings, average intensity 6 of 10" in declined.stderr
    assert "Nothing was written." in declined.stderr
    assert NOTE_MARKER not in declined.stderr
    accepted = run("report", "--preview", "--output", str(target), input="y\n")
    assert target.exists()
    assert "Wrote the report" in accepted.stderr
    with_notes = run("report", "--preview", "--include", "notes", "-o", str(target), input="n\n")
    assert NOTE_MARKER in with_notes.stderr


def test_declining_the_preview_keeps_stdout_empty_and_lines_apart(
    fixture_home: Path, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "shared.md"
    declined = run("report", "--preview", "--output", str(target), input="n\n")
    assert declined.stdout == ""
    assert declined.stderr.endswith("? [y/N]: \nNothing was written.\n")
    # Without -o the report itself is what stdout is for: declining leaves it empty.
    assert run("report", "--preview", input="no\n").stdout == ""
    assert run("report", "--preview", input="").stdout == ""  # no answer at all


def test_declining_a_piped_preview_in_a_real_process(fixture_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    for answer in ("n\n", ""):
        done = subprocess.run(
            [sys.executable, "-m", "recoverylog", "report", "--preview", "-o", str(target)],
            input=answer,
            capture_output=True,
            text=True,
            env=dict(os.environ),
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == ""
        assert done.stderr.splitlines()[-2:] == [
            f"Write this report to {target}? [y/N]: ",
            "Nothing was written.",
        ]
        assert not target.exists()
    accepted = subprocess.run(
        [sys.executable, "-m", "recoverylog", "report", "--preview", "-o", str(target)],
        input="y\n",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )
    assert accepted.stdout == "" and target.exists()
    assert f"Write this report to {target}? [y/N]: \nWrote the report to {target}." in (
        accepted.stderr
    )


def test_report_view_reads_a_shared_report_without_a_journal(
    fixture_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "alex.json"
    run("report", "--name", "Alex", "--output", str(shared))
    sponsor_home = tmp_path / "sponsor"
    monkeypatch.setenv("RECOVERYLOG_HOME", str(sponsor_home))
    shown = run("report", "view", str(shared)).stdout
    flat = " ".join(shown.split())
    assert flat.startswith("Recovery report: Alex")
    assert "4 cravings, average intensity 6 of 10, strongest 9" in flat
    assert "longest run 49 days" in flat
    assert not sponsor_home.exists()  # the sponsor needs no journal of their own
    as_html = tmp_path / "alex.html"
    run("report", "view", str(shared), "--output", str(as_html))
    assert "Recovery report: Alex" in as_html.read_text(encoding="utf-8")


def test_report_view_refuses_what_it_cannot_read(
    run: Run, cli: Callable[..., Any], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = cli("report", "view", str(broken))
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: ")
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    assert "not a recoverylog report" in cli("report", "view", str(other)).stderr
    newer = tmp_path / "newer.json"
    newer.write_text('{"kind": "recoverylog-report", "report_version": 99}', encoding="utf-8")
    result = cli("report", "view", str(newer))
    assert result.exit_code == 4
    assert "newer than this recoverylog reads" in result.stderr
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"kind": "recoverylog-report", "report_version": 1}', encoding="utf-8")
    assert cli("report", "view", str(damaged)).exit_code == 4
    assert cli("report", "view", str(tmp_path / "missing.json")).exit_code == 3


@pytest.fixture
def people_home(home: Path) -> Path:
    """Two triggers that name other people: one logged with the kind 'people', one that
    mentions someone in the support network; and the lapse names the first too."""
    journal = fixture_journal()
    journal.clocks[0].lapses[0].triggers.append("Sam from work")
    entries = fixture_entries()
    entries += [
        make_entry(
            40, EntryType.TRIGGER, "2026-11-18T09:00:00", text="Sam from work", kind="people"
        ),
        make_entry(
            41, EntryType.CRAVING, "2026-11-18T09:05:00", intensity=6, triggers=["Sam from work"]
        ),
        make_entry(
            42,
            EntryType.CRAVING,
            "2026-11-22T10:00:00",
            intensity=8,
            triggers=["call with PERSONMARKER Dana"],
        ),
    ]
    build_home(home, journal, entries)
    return home


def test_a_sponsor_report_shows_people_triggers_without_their_names(
    people_home: Path, run: Run
) -> None:
    for fmt, text in written(run).items():
        assert "Sam" not in text and "PERSONMARKER" not in text, fmt
    data = json.loads(run("report", "-f", "json").stdout)
    # 'Sam from work': the trigger entry and one craving of 6; the other: one craving of 8.
    # Together 3 mentions, 2 cravings, average 7.0; ahead of 'after work' (3, average 5).
    assert [
        (t["name"], t["count"], t["cravings"], t["average_intensity"])
        for t in data["cravings"]["triggers"]
    ] == [
        ("people", 3, 2, 7.0),
        ("after work", 3, 3, 5.0),
        ("wedding", 1, 1, 9.0),
        ("payday", 1, 1, 8.0),
    ]
    details = json.loads(run("report", "-i", "lapse-details", "-f", "json").stdout)
    assert details["lapses"][0]["triggers"] == ["wedding", "open bar", "a person"]
    text = run("report").stdout
    assert "| people | 3 | 7 | people |" in text


def test_names_shows_people_triggers_as_written(people_home: Path, run: Run) -> None:
    data = json.loads(run("report", "--include", "names,lapse-details", "-f", "json").stdout)
    names = [t["name"] for t in data["cravings"]["triggers"]]
    assert "Sam from work" in names and "call with PERSONMARKER Dana" in names
    assert "people" not in names
    assert data["lapses"][0]["triggers"] == ["wedding", "open bar", "Sam from work"]


def test_an_output_extension_we_do_not_write_is_refused(
    fixture_home: Path, run: Run, cli: Callable[..., Any], tmp_path: Path
) -> None:
    for args in (
        ("report", "--output", str(tmp_path / "r.pdf")),
        ("report", "view", str(tmp_path / "x.json"), "--output", str(tmp_path / "r.pdf")),
        ("milestones", "--output", str(tmp_path / "m.pdf")),
        ("export", "--output", str(tmp_path / "all.pdf")),
    ):
        if args[1] == "view":
            run("report", "--output", str(tmp_path / "x.json"))
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "cannot write '.pdf' files; use one of" in result.stderr, args
        assert "Traceback" not in result.stderr
    assert ".md, .markdown, .txt" in cli("report", "-o", str(tmp_path / "r.pdf")).stderr
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "all.pdf").exists()
    # With --format the name is the person's choice.
    run("report", "--format", "txt", "--output", str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.pdf").read_text(encoding="utf-8").startswith("Recovery report\n===")


def test_preview_is_in_the_chosen_text_format(fixture_home: Path, run: Run, tmp_path: Path) -> None:
    md = run("report", "--preview", "-o", str(tmp_path / "w.md"), input="n\n").stderr
    assert "# Recovery report" in md and "## Clean time" in md
    txt = run("report", "--preview", "-o", str(tmp_path / "w.txt"), input="n\n").stderr
    assert "Recovery report\n=====" in txt and "CLEAN TIME" in txt
    html = run("report", "--preview", "-o", str(tmp_path / "w.html"), input="n\n").stderr
    assert "<html" not in html and "CLEAN TIME" in html  # HTML is previewed as plain text


CHECKIN_MARKER = "CHECKIN-MARKER-5W"


@pytest.fixture
def checkin_home(home: Path) -> Path:
    entries = fixture_entries()
    entries += [
        make_entry(
            45,
            EntryType.CHECKIN,
            "2026-11-21T21:00:00",
            clean=True,
            difficulty="hard",
            mood=2,
            gratitude=[f"my sister {CHECKIN_MARKER}", "a quiet evening"],
            tomorrow="call my sponsor before work",
        ),
        make_entry(
            46,
            EntryType.CHECKIN,
            "2026-11-22T21:00:00",
            clean=True,
            difficulty="not bad",
            mood=4,
            intention="one day at a time",
        ),
        make_entry(47, EntryType.CHECKIN, "2026-11-19T22:00:00", clean=False, mood=1),
        make_entry(48, EntryType.CHECKIN, "2026-11-15T21:00:00", clean=True, mood=5),  # before
    ]
    build_home(home, fixture_journal(), entries)
    return home


def test_checkins_in_a_report(checkin_home: Path, run: Run) -> None:
    sponsor = json.loads(run("report", "-f", "json").stdout)["checkins"]
    # In the week: 21, 22 (clean) and 19 Nov (not clean); moods 2, 4, 1: average 2.3.
    assert sponsor == {
        "count": 3,
        "clean": 2,
        "not_clean": 1,
        "difficulty": [{"label": "hard", "count": 1}, {"label": "not bad", "count": 1}],
        "average_mood": 2.3,
    }
    text = " ".join(run("report", "-f", "txt").stdout.split())
    assert "3 daily check-ins: clean on 2, not clean on 1." in text
    assert "How hard the day was: hard 1, not bad 1." in text
    assert "Average mood: 2.3." in text
    for fmt, written_text in written(run).items():
        assert CHECKIN_MARKER not in written_text and "quiet evening" not in written_text, fmt
        assert "call my sponsor" not in written_text and "one day at a time" not in written_text
    mine = json.loads(run("report", "--audience", "self", "-f", "json").stdout)["checkins"]
    assert mine["answers"] == [
        {
            "date": "2026-11-21",
            "gratitude": [f"my sister {CHECKIN_MARKER}", "a quiet evening"],
            "intention": None,
            "tomorrow": "call my sponsor before work",
        },
        {
            "date": "2026-11-22",
            "gratitude": [],
            "intention": "one day at a time",
            "tomorrow": None,
        },
    ]
    for fmt in ("md", "txt", "html"):
        shown = " ".join(run("report", "--audience", "self", "-f", fmt).stdout.split())
        assert f"Grateful for: my sister {CHECKIN_MARKER}; a quiet evening" in shown, fmt
        assert "Tomorrow: call my sponsor before work" in shown, fmt
        assert "Intention: one day at a time" in shown, fmt
    shared = run("report", "--include", "notes").stdout
    assert CHECKIN_MARKER in shared


@pytest.fixture
def first_name_home(home: Path) -> Path:
    """Jo Bloggs is in the support network; the free text names her by first name only,
    in another case, or in full inside a meeting's name and a technique."""
    journal = fixture_journal()
    journal.people.append({"name": "Jo Bloggs", "role": "peer"})
    journal.clocks[0].lapses[0].triggers.append("argument with JO")
    entries = fixture_entries()
    entries += [
        make_entry(40, EntryType.TRIGGER, "2026-11-18T09:00:00", text="row with Jo"),
        make_entry(
            41,
            EntryType.CRAVING,
            "2026-11-18T09:05:00",
            intensity=6,
            triggers=["row with Jo", "jogging late"],
            coping=["call jo"],
            outcome="passed",
        ),
        make_entry(42, EntryType.MEETING, "2026-11-19T19:00:00", name="Home group with Jo Bloggs"),
        make_entry(43, EntryType.MEETING, "2026-11-20T19:00:00", name="Bloggs's step study"),
    ]
    build_home(home, journal, entries)
    return home


def test_a_sponsor_report_hides_first_names_in_triggers_meetings_and_coping(
    first_name_home: Path, run: Run
) -> None:
    for fmt, text in written(run).items():
        assert not re.search(r"\bjo\b", text, re.IGNORECASE), fmt
        assert "Bloggs" not in text, fmt
        assert "jogging late" in text, fmt  # a longer word is not the name
    data = json.loads(run("report", "-f", "json").stdout)
    triggers = {t["name"]: t["count"] for t in data["cravings"]["triggers"]}
    assert triggers["a person"] == 2  # the trigger entry and the craving
    details = json.loads(run("report", "-i", "lapse-details", "-f", "json").stdout)
    assert details["lapses"][0]["triggers"] == ["wedding", "open bar", "a person"]
    names = [m["name"] for m in data["peer_support"]["meetings"]["list"]]
    assert "Home group with a person" in names
    assert "a person's step study" in names
    assert "call a person" in [t["name"] for t in data["coping"]["techniques"]]
    assert "| Home group with a person |" in run("report").stdout


def test_names_shows_first_names_in_free_text_as_written(first_name_home: Path, run: Run) -> None:
    data = json.loads(run("report", "--include", "names,lapse-details", "-f", "json").stdout)
    assert "row with Jo" in [t["name"] for t in data["cravings"]["triggers"]]
    assert "argument with JO" in data["lapses"][0]["triggers"]
    names = [m["name"] for m in data["peer_support"]["meetings"]["list"]]
    assert "Home group with Jo Bloggs" in names
    assert "call jo" in [t["name"] for t in data["coping"]["techniques"]]


@pytest.fixture
def named_text_home(home: Path) -> Path:
    """Jo Bloggs is in the support network and is named in every kind of free text: a
    lapse note, a note on a craving, check-in answers and a journal entry."""
    journal = fixture_journal()
    journal.people.append({"name": "Jo Bloggs", "role": "peer"})
    journal.clocks[0].lapses[0].note = "After the row with Jo at the wedding."
    entries = fixture_entries()
    entries += [
        make_entry(40, EntryType.CRAVING, "2026-11-18T09:05:00", "Jo said no", intensity=6),
        make_entry(
            45,
            EntryType.CHECKIN,
            "2026-11-21T21:00:00",
            clean=True,
            gratitude=["a walk with Jo Bloggs", "sunshine"],
            intention="ring jo",
            tomorrow="lunch with Bloggs",
        ),
        make_entry(46, EntryType.NOTE, "2026-11-22T08:00:00", "Coffee with Jo today."),
    ]
    build_home(home, journal, entries)
    return home


def test_free_text_shared_without_names_hides_them(named_text_home: Path, run: Run) -> None:
    shared = ("--include", "notes,lapse-details,journal")
    for fmt, text in written(run, *shared).items():
        assert not re.search(r"\bjo\b", text, re.IGNORECASE), fmt
        assert "Bloggs" not in text, fmt
        assert "sunshine" in text, fmt  # the rest of the words are still there
    data = json.loads(run("report", *shared, "-f", "json").stdout)
    assert data["lapses"][0]["note"] == "After the row with a person at the wedding."
    assert "a person said no" in [n["note"] for n in data["notes"]]
    (answers,) = data["checkins"]["answers"]
    assert answers["gratitude"] == ["a walk with a person", "sunshine"]
    assert (answers["intention"], answers["tomorrow"]) == ("ring a person", "lunch with a person")
    assert "Coffee with a person today." in [j["text"] for j in data["journal"]]
    named = run("report", *shared, "--include", "names", "-f", "json").stdout
    assert "After the row with Jo" in named and "a walk with Jo Bloggs" in named
    assert "Coffee with Jo today." in named and "Jo said no" in named
