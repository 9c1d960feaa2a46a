"""The lapses section: when, on which clock, and (as lapse details) what set them off."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Para, Section, Table
from recoverylog.reports.words import report_year, short_date


def lapses_section(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    lapses = r["lapses"]
    if not lapses:
        return Section("lapses", "Lapses", (Para("No lapses in this period."),))
    details = bool(r["shared"].get("lapse_details"))
    # Triggers are lapse details; a report of the first version had them anyway.
    triggers = details or any("triggers" in lapse for lapse in lapses)
    headers = ["Date", "Clock", *(["Triggers"] if triggers else []), "Next run from"]
    if details:
        headers.append("Circumstances")
    rows = tuple(_row(lapse, year, triggers, details) for lapse in lapses)
    intro = Para(
        f"{plural(len(lapses), 'lapse')} in this period. A lapse is one moment, not the whole "
        "story: the clean days before it still count."
    )
    return Section("lapses", "Lapses", (intro, Table(tuple(headers), rows)))


def _row(lapse: Mapping[str, Any], year: int, triggers: bool, details: bool) -> tuple[str, ...]:
    """Date and time, clock, [triggers], next run, [circumstances]."""
    row = [f"{short_date(lapse['date'], year)} {lapse['time']}", lapse["clock"]]
    if triggers:
        row.append("; ".join(lapse.get("triggers") or []) or "–")
    row.append(short_date(lapse["next_run_from"], year))
    if details:
        row.append(lapse.get("note") or "–")
    return tuple(row)
