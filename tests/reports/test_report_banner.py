"""The banner at the top of a report says what it shares as written and what it leaves
out; checked against the report's own content, in every format."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixture import build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain.model import EntryType
from recoverylog.reports.formats import ReportFormat

Run = Callable[..., Any]

# One marker in each kind of free text, named as the banner names the kind.
MARKERS = {
    "triggers": "TRIGGERQX",
    "meeting names": "MEETINGQX",
    "coping techniques": "COPINGQX",
    "lapse triggers": "LAPSECAUSEQX",
    "lapse circumstances": "CIRCUMSTANCEQX",
    "notes on entries": "ENTRYNOTEQX",
    "check-in answers": "CHECKINQX",
    "journal entries": "JOURNALQX",
    "names of contacts": "CONTACTQX",
}
# What each "left out" phrase of the banner stands for.
LEFT_OUT = {
    "lapse triggers and circumstances": ("lapse triggers", "lapse circumstances"),
    "notes on entries and check-in answers": ("notes on entries", "check-in answers"),
    "journal entries": ("journal entries",),
    "names of contacts (they are counted by role)": ("names of contacts",),
}


@pytest.fixture
def marked_home(home: Path) -> Path:
    journal = fixture_journal()
    lapse = journal.clocks[0].lapses[0]
    lapse.triggers.append("LAPSECAUSEQX party")
    lapse.note = "CIRCUMSTANCEQX at the party"
    entries = fixture_entries()
    entries += [
        make_entry(
            40,
            EntryType.CRAVING,
            "2026-11-18T09:05:00",
            "ENTRYNOTEQX rode it out",
            intensity=9,
            triggers=["TRIGGERQX smell"],
            coping=["COPINGQX walk"],
            outcome="passed",
        ),
        make_entry(41, EntryType.MEETING, "2026-11-19T19:00:00", name="MEETINGQX group"),
        make_entry(
            42, EntryType.CHECKIN, "2026-11-21T21:00:00", clean=True, gratitude=["CHECKINQX tea"]
        ),
        make_entry(43, EntryType.NOTE, "2026-11-22T08:00:00", "JOURNALQX a good day"),
        make_entry(44, EntryType.CONTACT, "2026-11-22T09:00:00", person="CONTACTQX Zed"),
    ]
    build_home(home, journal, entries)
    return home


def as_words(text: str, fmt: str) -> str:
    """A format's text as plain words: escapes undone, lines joined."""
    text = html.unescape(text) if fmt == "html" else text.replace("\\", "")
    return " ".join(text.split())


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--include", "notes"),
        ("--include", "lapse-details"),
        ("--include", "journal,names"),
        ("--include", "notes,lapse-details,journal,names"),
        ("--audience", "clinician"),
        ("--audience", "self"),
    ],
    ids=lambda a: " ".join(a) or "default",
)
def test_the_banner_matches_what_the_report_holds(
    marked_home: Path, run: Run, args: tuple[str, ...]
) -> None:
    data = json.loads(run("report", *args, "-f", "json").stdout)
    shared, left_out = data["shared_as_written"], data["left_out"]
    texts = {
        f.value: as_words(run("report", *args, "-f", f.value).stdout, f.value) for f in ReportFormat
    }
    # Every kind of text is named once: shared as written, or left out.
    left_kinds = [kind for phrase in left_out for kind in LEFT_OUT[phrase]]
    assert sorted(shared + left_kinds) == sorted(MARKERS)
    for kind, marker in MARKERS.items():
        for fmt, text in texts.items():
            assert (marker in text) == (kind in shared), (fmt, kind)
    # Every format carries the same banner.
    assert data["banner"][0].startswith("Shared as written: ")
    for line in data["banner"]:
        for fmt, text in texts.items():
            assert line in text, (fmt, line)
    if left_out:
        assert data["banner"][-1] == "Not in this report: " + "; ".join(left_out) + "."


def test_the_banner_says_which_names_are_hidden(marked_home: Path, run: Run) -> None:
    def first_line(*args: str) -> str:
        return str(json.loads(run("report", *args, "-f", "json").stdout)["banner"][0])

    assert first_line().endswith(
        ', with names from the support network and contacts shown as "a person".'
    )
    assert first_line("--include", "names").endswith("and names of contacts.")
    run("config", "set", "report.hide", "Bob")
    assert first_line().endswith(
        ", with names from the support network and contacts and words chosen to be hidden "
        'shown as "a person".'
    )
    assert first_line("--include", "names").endswith(
        'names of contacts, with words chosen to be hidden shown as "a person".'
    )


def test_a_report_without_free_text_says_so(home: Path, run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-11-01")
    data = json.loads(run("report", "-f", "json").stdout)
    assert data["shared_as_written"] == []
    assert data["banner"][0] == "Shared as written: no free text."
