"""The day-by-day section: each day's status per clock and its cravings, as calendar
grids and a table; only when the calendar is shared."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Block, Grid, GridDay, Para, Section, Table
from recoverylog.reports.words import nice_date, report_year, short_date

STATUS_MARKS = {"clean": "clean", "lapse": "lapse", "no data": "no data"}


def day_by_day_sections(r: Mapping[str, Any]) -> list[Section]:
    year = report_year(r)
    cal = r.get("calendar")
    if not cal:
        return []
    clocks = list(cal["clocks"])
    days = cal["days"]
    rows = tuple(
        (
            f"{d['weekday']} {short_date(d['date'], year)[4:]}",
            *(_status(d, c) for c in clocks),
            str(d["cravings"]),
        )
        for d in days
    )
    blocks: list[Block] = [
        Para(
            "Each day of the period: clean, lapse, or no data (before the clock started, or "
            "days not counted after a lapse), with the number of cravings logged."
        )
    ]
    blocks.extend(Grid(c, _weeks(days, c)) for c in clocks)
    blocks.append(
        Table(
            ("Day", *clocks, "Cravings"),
            rows,
            numeric=(len(clocks) + 1,),
            kind="calendar",
            text_only=True,
        )
    )
    return [Section("calendar", "Day by day", tuple(blocks))]


def _status(day: Mapping[str, Any], clock: str) -> str:
    return STATUS_MARKS.get(str(day["statuses"].get(clock, "")), "no data")


def _weeks(days: Sequence[Mapping[str, Any]], clock: str) -> tuple[tuple[GridDay | None, ...], ...]:
    weeks: list[list[GridDay | None]] = []
    for i, d in enumerate(days):
        day = date.fromisoformat(d["date"])
        if not weeks or day.weekday() == 0:
            weeks.append([None] * day.weekday() if not weeks else [])
        label = f"{day.day} {day:%b}" if i == 0 or day.day == 1 else str(day.day)
        status = _status(d, clock)
        count = int(d["cravings"])
        weeks[-1].append(
            GridDay(
                label,
                status,
                count,
                f"{nice_date(d['date'])}: {status}, {plural(count, 'craving')}",
            )
        )
    if weeks:
        weeks[-1].extend([None] * (7 - len(weeks[-1])))
    return tuple(tuple(w) for w in weeks)
