"""The clean-time section: each clock's count, its history, and its milestones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.text import percent, plural
from recoverylog.reports.blocks import Block, Bullets, Figure, Figures, Para, Section
from recoverylog.reports.words import (
    at_time,
    clean_count,
    in_days,
    nice_date,
    report_year,
    short_date,
)

Clock = Mapping[str, Any]  # one of the report's "clocks"


def clean_time_section(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    blocks: list[Block] = []
    clocks = r["clocks"]
    if not clocks:
        blocks.append(Para("No clocks are set up."))
    figures = [_figure(r, c) for c in clocks]
    if figures:
        blocks.append(Figures(tuple(figures)))
    blocks += [Bullets(tuple(_facts(c, year))) for c in clocks if c["started"]]
    return Section("clean-time", "Clean time", tuple(blocks))


def _figure(r: Mapping[str, Any], c: Clock) -> Figure:
    """The count, or when it starts: a clock not started yet, or a new run tomorrow."""
    if not c["started"]:
        return Figure("Not started", c["name"], f"starts {nice_date(c['clean_since'])}")
    if not _run_started(r, c):  # the day of a lapse: say when the new run starts
        return Figure("A new run", c["name"], f"starts {nice_date(c['counting_from'])}")
    return Figure(
        clean_count(c),
        c["name"],
        f"counting from {nice_date(c['counting_from'])}" + at_time(c.get("counting_from_at")),
    )


def _run_started(r: Mapping[str, Any], clock: Clock) -> bool:
    """False on the day of a lapse, when the new run only begins the next day (worked out
    from the dates for a report saved before the report said so itself)."""
    if "current_run_started" in clock:
        return bool(clock["current_run_started"])
    return str(clock["counting_from"]) <= str(r["period"]["until"])


def _facts(c: Clock, year: int) -> list[str]:
    """A started clock's history, this period, trend score and milestones."""
    if c.get("minutes_clean") is not None and not int(c["days"]) and not c["lapses_total"]:
        # Day one, counted in hours: no whole day to total yet.
        since = nice_date(c["clean_since"]) + at_time(c.get("clean_since_at"))
        return [
            f"{c['name']}: clean since {since}; day one is counted in hours.",
            *_upcoming(c, year),
        ]
    items = [f"{c['name']}: " + "; ".join(_history(c)) + "."]
    part = c["in_period"]
    if part["days_counted"]:
        items.append(
            f"This period: {part['clean_days']} of {plural(int(part['days_counted']), 'day')} "
            f"clean ({percent(part['share_clean'])})."
        )
    if c.get("trend_score") is not None:
        items.append(
            f"Trend score {round(float(c['trend_score']) * 100)} of 100. It grows with "
            "each clean day (about 50 after two weeks, 80 after a month), so a new start "
            "shows a small number; a lapse costs a little, not everything."
        )
    reached = c["milestones_reached"]
    if reached:
        items.append(
            "Reached this period: " + ", ".join(_reached(m, c, year) for m in reached) + "."
        )
    return items + _upcoming(c, year)


def _history(c: Clock) -> list[str]:
    """Clean days in total, the longest run, and lapses in all."""
    facts = [
        f"{plural(int(c['total_clean_days']), 'clean day')} in total since "
        f"{nice_date(c['clean_since'])}" + _share_of_days(c),
        f"longest run {plural(int(c['longest_run_days']), 'day')}",
    ]
    if c["lapses_total"]:
        facts.append(f"{plural(int(c['lapses_total']), 'lapse')} in all")
    return facts


def _share_of_days(c: Clock) -> str:
    return f" ({percent(c['share_clean'])} of days)" if c["share_clean"] is not None else ""


def _upcoming(c: Clock, year: int) -> list[str]:
    upcoming = c["next_milestones"]
    if not upcoming:
        return []
    return [
        "Next: "
        + "; ".join(
            f"{_milestone_name(m)} on {short_date(m['date'], year)}{at_time(m.get('at'))} "
            f"({in_days(m['days_left'])})"
            for m in upcoming
        )
        + "."
    ]


def _reached(m: Mapping[str, Any], clock: Clock, year: int) -> str:
    """'30 days on Sat 31 Oct', saying which run when it is not the one counted now."""
    text = f"{_milestone_name(m)} on {short_date(m['date'], year)}{at_time(m.get('at'))}"
    run_from = m.get("run_from")
    if run_from and run_from != clock["counting_from"]:
        text += f" (in the run from {short_date(run_from, year)})"
    return text


def _milestone_name(m: Mapping[str, Any]) -> str:
    return f"{m['label']} ({m['keytag']} keytag)" if m.get("keytag") else str(m["label"])
