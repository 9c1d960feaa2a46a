"""The cravings section: how many against the period before, per day or week, when,
what set them off, HALT and outcomes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Block, Chart, Para, Section, Table
from recoverylog.reports.words import nice_date, number, report_year, short_date

DAILY_TABLE_DAYS = 14  # longer periods get a table by week (the chart still shows each day)

Cravings = Mapping[str, Any]  # the report's "cravings" part


def cravings_section(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    c = r["cravings"]
    days = int(r["period"]["days"])
    previous = c["previous"]
    summary = Para(_count(c) + _comparison(c, previous, days) + _tracking_note(c, previous))
    if not c["count"]:
        return Section("cravings", "Cravings", (summary,))
    blocks: list[Block] = [summary, _per_day_chart(c["by_day"], year)]
    if days <= DAILY_TABLE_DAYS:
        blocks.append(_by_day_table(c["by_day"], year))
    else:
        blocks.append(_by_week_table(c["by_week"], year))
    blocks += _when(c)
    blocks += [_by_weekday(c), _by_part_of_day(c), _hour_chart(c["by_hour"])]
    blocks += _triggers(c["triggers"])
    blocks += _halt(c["halt"])
    blocks += _outcomes(c["outcomes"])
    return Section("cravings", "Cravings", tuple(blocks))


# --- how many, against the period before ---------------------------------------------


def _count(c: Cravings) -> str:
    if not c["count"]:
        return "No cravings logged in this period."
    return (
        f"{plural(int(c['count']), 'craving')}, average intensity "
        f"{number(c['average_intensity'])} of 10, strongest {number(c['peak_intensity'])}."
    )


def _comparison(c: Cravings, previous: Mapping[str, Any], days: int) -> str:
    """' The 7 days before: 4 (1 fewer now).', or why there is nothing to compare."""
    started = c.get("previous_from_first_clean_day")
    if c.get("previous_tracked") is False:
        return " No earlier period to compare with" + (
            f": tracking began on {nice_date(started)}." if started else "."
        )
    if c["change"]:
        return (
            f" The {plural(days, 'day')} before: {previous['count']} "
            f"({abs(int(c['change']))} {c['direction']} now)."
        )
    if c["count"] or previous["count"]:
        return f" The same number as the {plural(days, 'day')} before."
    return ""


def _tracking_note(c: Cravings, previous: Mapping[str, Any]) -> str:
    """When tracking began inside the period before, and there was something to compare."""
    started = c.get("previous_from_first_clean_day")
    if not started or not (c["count"] or previous["count"]) or c.get("previous_tracked") is False:
        return ""
    return f" (Tracking began on {nice_date(started)}; the days before it were not tracked.)"


# --- per day and per week ---------------------------------------------------------------


def _per_day_chart(per_day: Sequence[Mapping[str, Any]], year: int) -> Chart:
    return Chart(
        "Cravings per day",
        tuple(float(d["count"]) for d in per_day),
        tuple(_day_label(i, d["date"], len(per_day)) for i, d in enumerate(per_day)),
        tuple(
            f"{short_date(d['date'], year)}: {plural(int(d['count']), 'craving')}" for d in per_day
        ),
        float(max(1, *(int(d["count"]) for d in per_day))),
        "cravings",
    )


def _day_label(index: int, iso: str, total: int) -> str:
    day = date.fromisoformat(iso)
    if total <= 10:
        return f"{day:%a}"[:2] + f" {day.day}"
    step = 7 if total <= 62 else 28
    return f"{day.day} {day:%b}" if index % step == 0 else ""


def _by_day_table(per_day: Sequence[Mapping[str, Any]], year: int) -> Table:
    return Table(
        ("Day", "Cravings", "Average", "Strongest"),
        tuple((short_date(d["date"], year), *_figures(d)) for d in per_day),
        numeric=(1, 2, 3),
    )


def _by_week_table(weeks: Sequence[Mapping[str, Any]], year: int) -> Table:
    return Table(
        ("Week", "Cravings", "Average", "Strongest"),
        tuple((_week_label(w, year), *_figures(w)) for w in weeks),
        numeric=(1, 2, 3),
    )


def _week_label(week: Mapping[str, Any], year: int) -> str:
    """'Mon 2 Nov – Sun 8 Nov'; one day alone when the week was clipped to one."""
    if week["since"] == week["until"]:
        return short_date(week["since"], year)
    return f"{short_date(week['since'], year)} – {short_date(week['until'], year)}"


def _figures(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """Count, average and strongest intensity of a day's or week's cravings."""
    return str(row["count"]), number(row["average_intensity"]), number(row["peak_intensity"])


# --- when -------------------------------------------------------------------------------


def _when(c: Cravings) -> list[Block]:
    """'When: most often on Fridays and in the evening (20:00–24:00).', if either leads."""
    when = []
    if c.get("busiest_weekday"):
        when.append(f"most often on {c['busiest_weekday']}s")
    if c.get("busiest_part_of_day"):
        part = next(p for p in c["by_part_of_day"] if p["part"] == c["busiest_part_of_day"])
        when.append(f"in the {part['part']} ({part['hours']})")
    return [Para("When: " + " and ".join(when) + ".")] if when else []


def _by_weekday(c: Cravings) -> Para:
    return Para(
        "By weekday: " + " · ".join(f"{w['day'][:3]} {w['count']}" for w in c["by_weekday"]),
        small=True,
    )


def _by_part_of_day(c: Cravings) -> Para:
    return Para(
        "By time of day: " + " · ".join(f"{p['part']} {p['count']}" for p in c["by_part_of_day"]),
        small=True,
    )


def _hour_chart(hours: Sequence[Mapping[str, Any]]) -> Chart:
    return Chart(
        "Average intensity by hour of the day",
        tuple(float(h["average_intensity"] or 0) for h in hours),
        tuple(f"{h['hour']:02d}" if h["hour"] % 6 == 0 else "" for h in hours),
        tuple(_hour_tip(h) for h in hours),
        10.0,
        "intensity",
    )


def _hour_tip(hour: Mapping[str, Any]) -> str:
    """'21:00–22:00: 3 cravings, average 6.5', or 'no cravings'."""
    span = f"{hour['hour']:02d}:00–{hour['hour'] + 1:02d}:00: "
    if not hour["count"]:
        return span + "no cravings"
    return (
        span + f"{plural(int(hour['count']), 'craving')}, "
        f"average {number(hour['average_intensity'])}"
    )


# --- what set them off, and how they ended ----------------------------------------------


def _triggers(triggers: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The triggers as a table; the kind column only when a trigger has a kind."""
    if not triggers:
        return []
    kinds = any(t.get("kind") for t in triggers)
    return [
        Table(
            ("Trigger", "Times", "Average intensity", *(("Kind",) if kinds else ())),
            tuple(
                (
                    t["name"],
                    str(t["count"]),
                    number(t["average_intensity"]),
                    *((t.get("kind") or "",) if kinds else ()),
                )
                for t in triggers
            ),
            numeric=(1, 2),
        )
    ]


def _halt(halt: Mapping[str, Any]) -> list[Block]:
    if not halt["cravings"]:
        return []
    states = ", ".join(f"{s['state']} {s['count']}" for s in halt["states"])
    return [
        Para(
            f"HALT (hungry, angry, lonely, tired): {states}; "
            f"{halt['with_any']} of {plural(int(halt['cravings']), 'craving')} "
            "had at least one."
        )
    ]


def _outcomes(o: Mapping[str, Any]) -> list[Block]:
    """'Outcomes: 4 of 6 cravings with an outcome passed without using; ...', if any."""
    known = int(o["passed"]) + int(o["used"])
    words = []
    if known:
        words.append(
            f"{o['passed']} of {plural(known, 'craving')} with an outcome passed without using"
        )
    if o["unknown"]:
        words.append(f"{o['unknown']} without an outcome recorded")
    if o.get("average_duration_min") is not None:
        words.append(f"on average a craving lasted {number(o['average_duration_min'])} minutes")
    return [Para("Outcomes: " + "; ".join(words) + ".")] if words else []
