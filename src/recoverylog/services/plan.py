"""The personal plan: read, edit as TOML, add and remove a line, save."""

from __future__ import annotations

import json
from typing import Any

from recoverylog.domain import plan as plan_rules
from recoverylog.errors import InvalidInput
from recoverylog.services.workspace import Workspace


def plan(ws: Workspace) -> dict[str, list[str]]:
    return plan_rules.stored_plan(ws.journal().plan)


def plan_as_dict(sections: dict[str, list[str]]) -> dict[str, Any]:
    """Every section in order, with its title (empty sections as empty lists)."""
    return {
        key: {"title": title, "lines": sections.get(key, [])}
        for key, title, _ in plan_rules.PLAN_SECTIONS
    }


PLAN_HEADER = """\
# Your relapse-prevention plan, in your own words.
# Each section is a list of short lines in double quotes, one per line, e.g.
#   reasons = [
#     "waking up with a clear head",
#     "being there for my kids",
#   ]
# Lines starting with # are comments. Save and close the editor to keep the plan;
# close it without saving to leave the plan as it was.
"""


def plan_template(sections: dict[str, list[str]]) -> str:
    """The TOML the editor opens: a comment and a list for every section."""
    parts = [PLAN_HEADER]
    for key, title, about in plan_rules.PLAN_SECTIONS:
        parts.append(f"\n# {title}. {about}\n")
        values = sections.get(key, [])
        if values:
            body = "".join(f"  {_toml_string(v)},\n" for v in values)
            parts.append(f"{key} = [\n{body}]\n")
        else:
            parts.append(f"{key} = []\n")
    return "".join(parts)


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string, once DEL (which TOML forbids raw) is escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def parse_plan(text: str) -> dict[str, list[str]]:
    """The plan from the editor's TOML; InvalidInput says what to fix."""
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(_plan_problem(str(exc), text)) from exc
    return plan_rules.clean_plan(doc)


def _plan_problem(error: str, text: str) -> str:
    """The reader's error in plain words, pointing at the line."""
    import re

    found = re.search(r"\(at line (\d+), column \d+\)", error)
    where = "the plan"
    if found:
        number = int(found.group(1))
        rows = text.splitlines()
        shown = rows[number - 1].strip() if 0 < number <= len(rows) else ""
        where = f"line {number} of the plan ({shown[:40]})" if shown else f"line {number}"
    return (
        f"{where} could not be read. Each line of the plan is text in double quotes, "
        'followed by a comma, e.g. "call Sam"; a quote inside it is written \\", '
        'e.g. "remember \\"one day at a time\\""'
    )


def save_plan(ws: Workspace, sections: dict[str, list[str]]) -> None:
    with ws.store.writing():
        journal = ws.reload_journal()
        journal.plan = {key: sections[key] for key in plan_rules.PLAN_KEYS if key in sections}
        ws.save_journal(journal)


def add_plan_line(ws: Workspace, section: str, text: str) -> tuple[str, int]:
    """Add a line to a section; returns the section's key and the line's number."""
    key = plan_rules.plan_section(section)
    with ws.store.writing():
        sections = plan_rules.with_line(plan_rules.stored_plan(ws.reload_journal().plan), key, text)
        save_plan(ws, sections)
    return key, len(sections[key])


def remove_plan_line(ws: Workspace, section: str, number: int) -> tuple[str, str]:
    """Remove line ``number`` of a section; returns the section's key and the line."""
    key = plan_rules.plan_section(section)
    with ws.store.writing():
        sections, removed = plan_rules.without_line(
            plan_rules.stored_plan(ws.reload_journal().plan), key, number
        )
        save_plan(ws, sections)
    return key, removed
