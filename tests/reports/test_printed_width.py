"""Printed text (report and milestone summary) counts terminal columns, not characters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wide_text import TEXTS, widest


@TEXTS
def test_a_text_report_stays_inside_80_columns(
    words: str, run: Callable[..., Any], fixture_home: object
) -> None:
    run("log", "craving", "5", "--trigger", words, "--outcome", "passed", "--note", words)
    run("log", "note", words)
    report = run("report", "--format", "txt", "--include", "notes,journal").stdout
    assert "".join(words.split())[:12] in "".join(report.split())
    assert widest(report.splitlines()) <= 80


@TEXTS
def test_a_printed_milestone_summary_stays_inside_80_columns(
    words: str, run: Callable[..., Any]
) -> None:
    run("clock", "add", words, "--since", "2026-08-25")
    summary = run("milestones", "--format", "txt").stdout
    assert widest(summary.splitlines()) <= 80
