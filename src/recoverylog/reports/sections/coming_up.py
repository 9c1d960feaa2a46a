"""The coming-up section: the next milestones and the last days of goals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.reports.blocks import Bullets, Para, Section
from recoverylog.reports.words import at_time, in_days, nice_date


def coming_up_section(r: Mapping[str, Any]) -> Section:
    items = []
    for item in r["coming_up"]:
        what = item["label"]
        if item.get("kind") == "milestone" and item.get("clock"):
            what = f"{what} without {item['clock']}"
        elif item.get("kind") == "goal":
            last = "this round of " if item.get("repeat") else ""
            what = f"last day of {last}the goal of {what}"
        when = nice_date(item["date"]) + at_time(item.get("at"))
        items.append(f"{when}: {what} ({in_days(int(item['days_left']))})")
    if not items:
        return Section("coming-up", "Coming up", (Para("Nothing scheduled."),))
    return Section("coming-up", "Coming up", (Bullets(tuple(items)),))
