"""A received report is another person's file: any damage gives a clear error, never a crash."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixture import fixture_entries, fixture_journal

from recoverylog.domain.insights.period import Period
from recoverylog.domain.milestones import EXTENDED
from recoverylog.reports.build import ReportRequest, ReportSources, build_report
from recoverylog.reports.document import ReportShapeError
from recoverylog.reports.writers import ReportFormat, render


def self_report() -> dict[str, Any]:
    journal = fixture_journal()
    request = ReportRequest(Period(date(2026, 11, 17), date(2026, 11, 23)), audience="self")
    sources = ReportSources(
        generated=datetime(2026, 11, 23, 20, tzinfo=UTC),
        tz=UTC,
        timezone="UTC",
        clocks=journal.clocks,
        steps={"alcohol": EXTENDED},
        schemes={"alcohol": "extended"},
        entries=fixture_entries(),
        people=journal.people,
        goals=journal.goals,
    )
    # Through JSON, as a received file would be.
    return json.loads(json.dumps(build_report(request, sources)))


REPORT = self_report()


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend(paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(paths(inner, (*prefix, index)))
    return found


PATHS = paths(REPORT)
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def test_the_pure_builder_matches_the_command() -> None:
    # The same hand-computed figures as through the CLI (test_report_numbers).
    assert REPORT["cravings"]["count"] == 4
    assert REPORT["clocks"][0]["total_clean_days"] == 52
    for fmt in ReportFormat:
        assert render(REPORT, fmt)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PATHS), JUNK)
def test_any_damaged_value_is_read_or_refused_cleanly(path: tuple[Any, ...], junk: Any) -> None:
    damaged = copy.deepcopy(REPORT)
    node = damaged
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    for fmt in (ReportFormat.TXT, ReportFormat.MD, ReportFormat.HTML):
        try:
            text = render(damaged, fmt)
        except ReportShapeError:
            continue
        assert isinstance(text, str)


@pytest.mark.parametrize(
    "missing", sorted(k for k in REPORT if k not in ("kind", "report_version"))
)
def test_a_missing_section_is_refused_or_skipped(missing: str) -> None:
    damaged = {k: v for k, v in REPORT.items() if k != missing}
    try:
        render(damaged, ReportFormat.TXT)
    except ReportShapeError as exc:
        assert "incomplete or damaged" in str(exc)


def test_a_first_version_report_still_shows_its_lapse_triggers() -> None:
    """Version 1 shared a lapse's triggers without lapse details; they are still read."""
    old = copy.deepcopy(REPORT)
    old["report_version"] = 1
    old["shared"]["lapse_details"] = False
    for lapse in old["lapses"]:
        del lapse["note"]
    text = render(old, ReportFormat.MD)
    assert "| Date | Clock | Triggers | Next run from |" in text
    assert "| wedding; open bar |" in text
