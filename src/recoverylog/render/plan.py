"""The personal plan, section by section."""

from __future__ import annotations

from typing import Any

from recoverylog.render.lines import Line, heading, text


def plan_lines(plan: dict[str, Any]) -> list[Line]:
    if not any(section["lines"] for section in plan.values()):
        return [
            [text("No plan yet. A plan written on a calm day helps on a hard one:")],
            [text("  recoverylog plan edit", "bold")],
        ]
    lines: list[Line] = []
    for section in plan.values():
        if not section["lines"]:
            continue
        if lines:
            lines.append([])
        lines.append(heading(section["title"]))
        # Numbered, as 'plan remove SECTION N' takes them.
        lines.extend([text(f"  {n}. {item}")] for n, item in enumerate(section["lines"], 1))
    lines += [
        [],
        [text('To add a line: recoverylog plan add reasons "..."', "dim")],
        [text("To remove one: recoverylog plan remove reasons 2", "dim")],
    ]
    return lines
