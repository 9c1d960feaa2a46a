"""What a report hides: lapse triggers unless asked for, and the words on report.hide."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain.model import EntryType
from recoverylog.reports.formats import ReportFormat

Run = Callable[..., Any]
FORMATS = tuple(f.value for f in ReportFormat)


def written(run: Run, *args: str) -> dict[str, str]:
    """Each format's text; HTML with its escapes undone, to read it as words."""
    texts = {fmt: run("report", "--format", fmt, *args).stdout for fmt in FORMATS}
    return {fmt: html.unescape(t) if fmt == "html" else t for fmt, t in texts.items()}


def has_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture
def named_home(home: Path) -> Path:
    """Triggers and meetings that name people nobody listed, and free text of every kind
    that names them too."""
    journal = fixture_journal()
    journal.clocks[0].lapses[0].triggers += ["Jon's leaving do", "my ex Bob texted"]
    journal.clocks[0].lapses[0].note = "Mike drove me home."
    entries = fixture_entries()
    entries += [
        make_entry(
            40,
            EntryType.CRAVING,
            "2026-11-18T09:05:00",
            "Jon again.",
            intensity=6,
            triggers=["fight with Jon about money", "Mike's birthday"],
            coping=["call Maria"],
            outcome="passed",
        ),
        make_entry(
            41,
            EntryType.CRAVING,
            "2026-11-20T09:05:00",
            intensity=4,
            triggers=["maria's birthday"],
        ),
        make_entry(42, EntryType.MEETING, "2026-11-19T19:00:00", name="Home group at Maria's"),
        make_entry(43, EntryType.MEETING, "2026-11-20T19:00:00", name="St Marys basement"),
        make_entry(
            44,
            EntryType.CHECKIN,
            "2026-11-21T21:00:00",
            clean=True,
            gratitude=["a walk with MIKE"],
            tomorrow="ring Maria",
        ),
        make_entry(
            45, EntryType.NOTE, "2026-11-22T08:00:00", "Coffee with Jon's sister, Jonathan's jokes."
        ),
    ]
    build_home(home, journal, entries)
    return home


def test_lapse_triggers_are_lapse_details(named_home: Path, run: Run) -> None:
    for fmt, text in written(run).items():
        assert not has_word("open", text) and not has_word("leaving", text), fmt
    (lapse,) = json.loads(run("report", "-f", "json").stdout)["lapses"]
    assert "triggers" not in lapse and "note" not in lapse
    assert "| Date | Clock | Next run from |" in run("report").stdout
    for fmt, text in written(run, "--include", "lapse-details").items():
        assert has_word("open", text) and has_word("leaving", text), fmt
    (lapse,) = json.loads(run("report", "-i", "lapse-details", "-f", "json").stdout)["lapses"]
    assert lapse["triggers"] == ["wedding", "open bar", "Jon's leaving do", "my ex Bob texted"]


def test_the_hide_list_is_hidden_in_every_format(named_home: Path, run: Run) -> None:
    run("config", "set", "report.hide", "Mike,Maria,Jon")
    everything = ("--include", "notes,lapse-details,journal")
    for fmt, text in written(run, *everything).items():
        for word in ("Mike", "Maria", "Jon"):
            assert not has_word(word, text), (fmt, word)
        # Only the listed words: other names stay as written, and so do longer words.
        assert has_word("Bob", text) and has_word("Marys", text), fmt
        assert has_word("Jonathan's", text), fmt
        if fmt == "txt":
            continue  # its tables wrap: the phrases are checked in the other formats
        flat = " ".join(text.replace("\\", "").split())
        assert "fight with a person about money" in flat, fmt
        assert "a person's birthday" in flat, fmt
        assert "Home group at a person's" in flat, fmt
        assert "a person drove me home." in flat, fmt
        assert "Coffee with a person's sister, Jonathan's jokes." in flat, fmt
        assert "my ex Bob texted" in flat and "St Marys basement" in flat, fmt


def test_rows_that_read_the_same_once_hidden_are_one(named_home: Path, run: Run) -> None:
    run("config", "set", "report.hide", "mike,maria")
    data = json.loads(run("report", "-f", "json").stdout)
    triggers = {t["name"]: t for t in data["cravings"]["triggers"]}
    # Mike's birthday (a craving of 6) and maria's birthday (a craving of 4).
    assert (
        triggers["a person's birthday"]["count"],
        triggers["a person's birthday"]["cravings"],
    ) == (
        2,
        2,
    )
    assert triggers["a person's birthday"]["average_intensity"] == 5.0
    assert "call a person" in [t["name"] for t in data["coping"]["techniques"]]


@pytest.mark.parametrize("args", [("--include", "names"), ("--audience", "self")])
def test_the_hide_list_holds_whatever_else_is_shared(
    named_home: Path, run: Run, args: tuple[str, ...]
) -> None:
    run("config", "set", "report.hide", "Mike,Dana")
    for fmt, text in written(run, *args).items():
        assert not has_word("Mike", text) and not has_word("Dana", text), fmt
        assert has_word("Jon", text), fmt  # names are shared, only the hidden words are not
    contacts = json.loads(run("report", *args, "-f", "json").stdout)["peer_support"]["contacts"]
    assert contacts["people"] == [{"name": "PERSONMARKER a person", "role": "sponsor", "count": 1}]


def preview_of(run: Run, *args: str) -> str:
    """What the preview says after the report itself: the free text that will leave."""
    shown = run("report", "--preview", *args, input="n\n").stderr
    assert "Nothing was written." in shown
    after = shown.split("Free text this report shares")[1].split("Write this report")[0]
    return "Free text this report shares" + after


def test_the_preview_lists_the_free_text_and_marks_names(named_home: Path, run: Run) -> None:
    run("config", "set", "report.hide", "Mike")
    shown = preview_of(run)
    lines = [line.strip() for line in shown.splitlines()]
    assert "fight with [Jon] about money" in lines
    assert "a person's birthday" in lines  # Mike is hidden already
    assert "Home group at [Maria]'s" in lines and "St [Marys] basement" in lines
    assert "call [Maria]" in lines
    assert "Bob" not in shown and "Coffee" not in shown  # lapse details and notes stay out
    assert lines[-2:] == [
        "Words in [brackets] look like names. To hide them in every report:",
        'recoverylog config set report.hide "Mike,Jon,Maria,Marys"',
    ]


def test_the_preview_shows_every_part_that_is_included(named_home: Path, run: Run) -> None:
    shown = preview_of(run, "--include", "notes,lapse-details,journal")
    for line in (
        "Lapse triggers:",
        "my ex [Bob] texted",
        "Mike drove me home.",  # the first word of a sentence is not marked
        "Coffee with [Jon]'s sister, [Jonathan]'s jokes.",
        "a walk with [MIKE]",
        "ring [Maria]",
    ):
        assert line in [x.strip() for x in shown.splitlines()], line


def test_a_preview_without_free_text_says_so(home: Path, run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-11-01")
    shown = preview_of(run)
    assert shown.strip() == "Free text this report shares: none."


def test_the_hint_quotes_words_the_shell_would_change(named_home: Path, run: Run) -> None:
    run("config", "set", "report.hide", "Mike,$HOME")
    hint = preview_of(run).splitlines()[-1].strip()
    assert hint == "recoverylog config set report.hide 'Mike,$HOME,Jon,Maria,Marys'"
