"""list --search: only the months whose files can hold the text are decoded, and it finds
exactly what decoding every month finds, alone or with the other filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli, as_json, ok
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recoverylog.store.entries as month_files
from recoverylog.environment import Environment
from recoverylog.services.entries import EntryFilter, list_entries
from recoverylog.services.workspace import open_workspace

PASSPHRASE = "a long passphrase for the search tests"
NOW = "2026-11-23T20:00:00+00:00"  # the tests' fixed "now"

# (month, command): one entry in each of four months, and a second in November.
LOGGED = [
    ("2026-08", ("log", "note", "Walked by the river", "--at", "2026-08-10 10:00")),
    ("2026-09", ("log", "note", 'Café with Sam: "no thanks"', "--at", "2026-09-12 18:00",
                 "--tag", "Friends")),
    ("2026-10", ("log", "craving", "6", "--trigger", "payday", "--coping", "urge surfing",
                 "--at", "2026-10-01 19:30", "--tag", "work")),
    ("2026-11", ("log", "note", "Quiet evening by the RIVER", "--at", "2026-11-20 21:00",
                 "--tag", "home")),
    ("2026-11", ("log", "meeting", "Thursday big book", "--at", "2026-11-19 19:00")),
]  # fmt: skip


@pytest.fixture
def four_months(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-01-01")
    ok(cli, "clock", "add", "nicotine", "--since", "2026-01-01")
    for _, args in LOGGED:
        ok(cli, *args)
    ok(cli, "log", "craving", "3", "--clock", "nicotine", "--trigger", "payday", "--at",
       "2026-11-02 12:00")  # fmt: skip


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The month files decoded, in order, as the command decodes them."""
    names: list[str] = []
    original = month_files.check_month

    def counting(doc: Any, path: Path) -> Any:
        names.append(path.stem)
        return original(doc, path)

    monkeypatch.setattr(month_files, "check_month", counting)
    return names


def _notes(cli: Cli, *args: str) -> list[str]:
    return [e["note"] or e["type"] for e in as_json(ok(cli, "list", *args, "-f", "json"))]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_only_the_months_that_can_hold_the_search_are_decoded(
    cli: Cli,
    four_months: None,
    decoded: list[str],
    monkeypatch: pytest.MonkeyPatch,
    encrypted: bool,
) -> None:
    if encrypted:
        monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", PASSPHRASE)
        ok(cli, "encrypt")
    decoded.clear()

    assert _notes(cli, "--search", "river") == ["Quiet evening by the RIVER", "Walked by the river"]
    assert decoded == ["2026-11", "2026-08"]
    decoded.clear()
    assert _notes(cli, "--search", "CAFÉ WITH") == ['Café with Sam: "no thanks"']
    assert decoded == ["2026-09"]
    decoded.clear()
    assert _notes(cli, "--search", "nothing like this") == []
    assert decoded == []
    decoded.clear()
    assert len(_notes(cli, "--all")) == 6
    assert decoded == ["2026-11", "2026-10", "2026-09", "2026-08"]


def test_the_other_filters_still_apply(cli: Cli, four_months: None) -> None:
    assert _notes(cli, "--search", "payday", "--type", "craving", "--clock", "nicotine") == [
        "craving"
    ]
    assert _notes(cli, "--search", "PAYDAY", "--tag", "work") == ["craving"]
    assert _notes(cli, "--search", "payday", "--since", "2026-11-01") == ["craving"]
    assert _notes(cli, "--search", "payday", "--until", "2026-10-31") == ["craving"]
    assert len(_notes(cli, "--search", "payday")) == 2
    assert _notes(cli, "--search", "river", "--type", "note", "--limit", "1") == [
        "Quiet evening by the RIVER"
    ]
    assert _notes(cli, "--search", "river", "--until", "2026-10-01") == ["Walked by the river"]
    assert _notes(cli, "--search", "river", "--tag", "home") == ["Quiet evening by the RIVER"]
    assert _notes(cli, "--search", "big book", "--type", "meeting") == ["meeting"]
    assert _notes(cli, "--search", "big book", "--type", "note") == []
    assert _notes(cli, "--search", "surfing", "--clock", "nicotine") == []
    # Across two texts of one entry, joined by a space: a trigger, then a technique.
    assert _notes(cli, "--search", "payday urge") == ["craving"]


def test_a_damaged_month_is_reported_when_the_search_needs_it(
    cli: Cli, home: Path, four_months: None
) -> None:
    october = home / "entries" / "2026-10.json"
    october.write_bytes(october.read_bytes().replace(b'"intensity": 6', b'"intensity": "six"'))

    needed = cli("list", "--search", "payday", "-f", "json")
    assert needed.exit_code == 0 and as_json(needed)[0]["clock"] == "nicotine"
    assert str(october) in needed.stderr

    # Like a month before --since, a month whose file cannot hold the search is not read.
    not_needed = cli("list", "--search", "river", "-f", "json")
    assert not_needed.exit_code == 0 and len(as_json(not_needed)) == 2
    assert not_needed.stderr == ""


TRICKY_NOTES = [
    'She said "not today" \\ and left',
    "Straße café ÉTÉ naïve",
    "line one\nline two\ttabbed",
    "emoji 😀 and 👍🏽 here",
    "Kelvin \u212a and ﬁne ǅ",
    "a \\u00e9 that is not an escape",
    "ΣΟΦΙΑ σοφία ς",
]


@st.composite
def searches(draw: st.DrawFn) -> str:
    """A piece of one of the notes (or of the words around them), in any case."""
    text = draw(st.sampled_from([*TRICKY_NOTES, " ".join(TRICKY_NOTES), "payday urge surfing"]))
    start = draw(st.integers(0, len(text) - 1))
    piece = text[start : draw(st.integers(start + 1, len(text)))]
    change: Callable[[str], str] = draw(
        st.sampled_from([str, str.upper, str.lower, str.swapcase, str.casefold])
    )
    return draw(st.sampled_from([change(piece), piece + "x", "x" + piece]))


def test_the_search_finds_what_decoding_every_month_finds(cli: Cli, home: Path) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-01-01")
    for number, note in enumerate(TRICKY_NOTES):
        ok(cli, "log", "note", note, "--at", f"2026-{number + 4:02d}-15 10:00", "--tag", "Tag")
    ok(cli, "log", "craving", "5", "--trigger", 'payday "bonus"', "--coping", "urge surfing")
    ws = open_workspace(Environment(home=str(home), frozen_now=NOW))

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(searches())
    def finds_the_same(search: str) -> None:
        query = EntryFilter(search=search, limit=None)
        every_month = [e.id for e in ws.store.entries.iter_newest_first() if query.matches(e)]
        assert [e.id for e in list_entries(ws, query)] == every_month

    finds_the_same()
