"""A listing never stops short unseen: --all, --limit 0, and a line on stderr when more
entries match than are shown, whatever the format."""

from __future__ import annotations

import csv
import io

import pytest
from cli_helpers import Cli, as_json, fails, ok

MORE = "Showing the newest 20 entries; there are more: --all shows every one."


def log_notes(cli: Cli, count: int) -> None:
    for n in range(count):
        ok(cli, "log", "note", f"note {n}", "--at", f"2026-11-{1 + n % 20:02d} {8 + n // 20}:00")


@pytest.mark.parametrize("fmt", ["table", "plain", "json", "csv"])
def test_a_listing_that_stops_short_says_so(cli: Cli, fmt: str) -> None:
    log_notes(cli, 21)
    result = ok(cli, "list", "--format", fmt)
    assert MORE in result.stderr
    assert "note 0" not in result.stdout  # the oldest is the one left out
    if fmt == "json":
        assert len(as_json(result)) == 20
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 20


@pytest.mark.parametrize("every", [["--all"], ["--limit", "0"]])
def test_all_and_limit_zero_show_every_entry(cli: Cli, every: list[str]) -> None:
    log_notes(cli, 25)
    result = ok(cli, "list", *every, "--format", "json")
    assert len(as_json(result)) == 25
    assert result.stderr == ""


def test_no_note_when_nothing_was_left_out(cli: Cli) -> None:
    log_notes(cli, 20)
    assert ok(cli, "list", "--format", "csv").stderr == ""
    assert ok(cli, "list", "--limit", "3", "--format", "plain").stderr == (
        "Showing the newest 3 entries; there are more: --all shows every one.\n"
    )


def test_the_note_counts_lapses_too(cli: Cli, alcohol: str) -> None:
    # 19 entries and a lapse: 20 records, all shown; one entry more and one is left out.
    log_notes(cli, 19)
    ok(cli, "log", "lapse", alcohol, "--at", "2026-11-22 21:00")
    assert ok(cli, "list", "--format", "json").stderr == ""
    log_notes(cli, 1)
    result = ok(cli, "list", "--format", "json")
    assert len(as_json(result)) == 20
    assert MORE in result.stderr
    assert "lapse" in [row["type"] for row in as_json(result)]
    assert ok(cli, "list", "--all", "--format", "json").stderr == ""


def test_all_and_a_limit_together_are_refused(cli: Cli) -> None:
    both = fails(cli, 2, "list", "--all", "--limit", "5")
    assert "--all" in both.stderr and "--limit" in both.stderr
    assert "--limit" in fails(cli, 2, "list", "--limit", "-1").stderr
