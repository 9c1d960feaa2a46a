"""Words about lapses: correcting or deleting one, and the numbers counted again.

People may read this on the worst day of their year: plain, short, never shaming.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recoverylog.render.lines import Line
from recoverylog.render.views import clock_lines, nice_date


def delete_question(lapse: dict[str, Any]) -> str:
    return (
        f"Delete the lapse {lapse['id'][:8]} on {nice_date(lapse['at'])} from "
        f"{lapse['clock']}? Your runs and totals will be counted again without it."
    )


def deleted(lapse: dict[str, Any]) -> str:
    return (
        f"Deleted the lapse on {nice_date(lapse['at'])} from {lapse['clock']} "
        "(a backup of your journal was taken first)."
    )


def recounted_lines(clocks: Sequence[dict[str, Any]], currency: str) -> list[Line]:
    """Each clock a change touched, as status shows it."""
    lines: list[Line] = []
    for clock in clocks:
        lines.extend(clock_lines(clock, currency, plain=True))
    return lines
