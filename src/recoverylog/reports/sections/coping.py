"""The coping section: each technique, how often the craving passed, and what worked best."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Block, Para, Section, Table
from recoverylog.reports.words import number


def coping_section(r: Mapping[str, Any]) -> Section:
    coping = r["coping"]
    techniques = coping["techniques"]
    if not techniques:
        return Section("coping", "What helped", (Para("No coping logged in this period."),))
    rows = []
    for t in techniques:
        passed = f"{t['passed_with']} of {t['known_with']}" if t["known_with"] else "–"
        helped = f"{number(t['average_helped'])} of 5" if t["average_helped"] is not None else "–"
        rows.append((t["name"], str(t["times_used"]), passed, helped))
    blocks: list[Block] = [
        Table(("Technique", "Used", "Craving passed", "Helpfulness"), tuple(rows), numeric=(1,))
    ]
    best = coping.get("worked_best")
    if best:
        row = next(t for t in techniques if t["name"] == best)
        blocks.append(
            Para(
                f"Worked best: {best} (the craving passed {row['passed_with']} of "
                f"{plural(int(row['known_with']), 'time')})."
            )
        )
    else:
        blocks.append(
            Para("Too early to say what works best: no technique was used 5 times in this period.")
        )
    return Section("coping", "What helped", tuple(blocks))
