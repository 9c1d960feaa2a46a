"""The check-ins section: daily check-ins, their answers when shared, and the weekly
self-checks; left out when there are none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Block, Para, Quotes, Section
from recoverylog.reports.words import number, report_year, short_date


def checkins_sections(r: Mapping[str, Any]) -> list[Section]:
    year = report_year(r)
    checkins = r.get("checkins")
    blocks = _daily(checkins, year) if checkins else []
    blocks += _selfchecks(r.get("selfchecks") or [], year)
    return [Section("checkins", "Check-ins", tuple(blocks))] if blocks else []


def _daily(checkins: Mapping[str, Any], year: int) -> list[Block]:
    """How many, how many clean, how hard the days were, mood, and the answers shared."""
    blocks: list[Block] = [Para(_daily_count(checkins))]
    if checkins["difficulty"]:
        blocks.append(
            Para(
                "How hard the day was: "
                + ", ".join(f"{d['label']} {d['count']}" for d in checkins["difficulty"])
                + "."
            )
        )
    if checkins.get("average_mood") is not None:
        blocks.append(Para(f"Average mood: {number(checkins['average_mood'])}."))
    answers = checkins.get("answers") or []
    if answers:
        blocks.append(Quotes(tuple(_checkin_words(a, year) for a in answers)))
    return blocks


def _daily_count(checkins: Mapping[str, Any]) -> str:
    text = f"{plural(int(checkins['count']), 'daily check-in')}"
    if checkins["clean"] or checkins["not_clean"]:
        text += f": clean on {checkins['clean']}"
        if checkins["not_clean"]:
            text += f", not clean on {checkins['not_clean']}"
    return text + "."


def _selfchecks(selfchecks: Sequence[Mapping[str, Any]], year: int) -> list[Block]:
    if not selfchecks:
        return []
    return [
        Para(
            "Weekly craving self-check (0 to 30; a reflection, not a diagnosis): "
            + "; ".join(
                f"week of {short_date(s['week_start'], year)}: {s['total']}" for s in selfchecks
            )
            + "."
        )
    ]


def _checkin_words(answer: Mapping[str, Any], year: int) -> tuple[str, str]:
    lines = []
    if answer.get("gratitude"):
        lines.append("Grateful for: " + "; ".join(str(g) for g in answer["gratitude"]))
    if answer.get("intention"):
        lines.append(f"Intention: {answer['intention']}")
    if answer.get("tomorrow"):
        lines.append(f"Tomorrow: {answer['tomorrow']}")
    return f"{short_date(answer['date'], year)} (check-in)", "\n".join(lines)
