"""The personal plan: reasons, warning signs, who to call, what helps; line by line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.fields import line
from recoverylog.errors import InvalidInput

PLAN_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("reasons", "My reasons", "Why I am doing this: the reasons that matter most to me."),
    (
        "warning_signs",
        "Warning signs",
        "Early signs that I am heading towards using: thoughts, moods, habits.",
    ),
    (
        "high_risk",
        "High-risk situations",
        "People, places, times and feelings I plan around.",
    ),
    ("instead", "What I do instead", "What I do when a craving comes."),
    ("call", "Who I call", "Names and numbers of people I can call, day or night."),
    (
        "if_lapse",
        "If I lapse",
        "What I will do in the first hour and the first day after a lapse.",
    ),
)
PLAN_KEYS = tuple(key for key, _, _ in PLAN_SECTIONS)
MAX_PLAN_LINES = 50


# What people type for a section: its key, its title, or a word of either.
_SECTION_WORDS = {
    "reason": "reasons",
    "warning": "warning_signs",
    "warnings": "warning_signs",
    "sign": "warning_signs",
    "signs": "warning_signs",
    "risk": "high_risk",
    "risks": "high_risk",
    "situation": "high_risk",
    "situations": "high_risk",
    "do-instead": "instead",
    "who": "call",
    "lapse": "if_lapse",
}


def plan_section(name: str) -> str:
    """'reason', 'warning-signs', 'High-risk situations', 'if lapse' -> a section key."""
    wanted = "_".join(name.replace("-", " ").split()).casefold()
    for key, title, _ in PLAN_SECTIONS:
        if wanted in (key, "_".join(title.replace("-", " ").split()).casefold()):
            return key
    alias = _SECTION_WORDS.get(wanted.replace("_", "-")) or _SECTION_WORDS.get(wanted)
    if alias:
        return alias
    raise InvalidInput(
        f"'{name}' is not a section of the plan",
        hint=f"sections: {', '.join(k.replace('_', '-') for k in PLAN_KEYS)}",
    )


def with_line(sections: Mapping[str, list[str]], key: str, text: str) -> dict[str, list[str]]:
    """The plan with one more line at the end of a section."""
    lines = [*sections.get(key, []), line(text, f"line in '{key}'")]
    if len(lines) > MAX_PLAN_LINES:
        raise InvalidInput(f"'{key}' has {MAX_PLAN_LINES} lines already; remove one first")
    return {**sections, key: lines}


def without_line(
    sections: Mapping[str, list[str]], key: str, number: int
) -> tuple[dict[str, list[str]], str]:
    """The plan without line ``number`` (from 1) of a section, and that line."""
    lines = list(sections.get(key, []))
    if not 1 <= number <= len(lines):
        has = f"lines 1 to {len(lines)}" if lines else "no lines"
        raise InvalidInput(f"'{key.replace('_', '-')}' has {has}; there is no line {number}")
    removed = lines.pop(number - 1)
    out = {**sections, key: lines}
    if not lines:
        del out[key]
    return out, removed


def clean_plan(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """A plan document (from the editor's TOML): known sections, each a list of lines."""
    unknown = [k for k in doc if k not in PLAN_KEYS]
    if unknown:
        raise InvalidInput(
            f"'{unknown[0]}' is not a section of the plan (sections: {', '.join(PLAN_KEYS)})"
        )
    out: dict[str, list[str]] = {}
    for key in PLAN_KEYS:
        value = doc.get(key)
        if value is None:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise InvalidInput(f"'{key}' must be a list of text lines in quotes")
        kept = [line(v, f"line in '{key}'") for v in items if v.strip()]
        if len(kept) > MAX_PLAN_LINES:
            raise InvalidInput(f"'{key}' has {len(kept)} lines; {MAX_PLAN_LINES} at most")
        if kept:
            out[key] = kept
    return out


def stored_plan(raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """The plan as stored in the journal, read leniently: bad values are skipped."""
    out: dict[str, list[str]] = {}
    for key in PLAN_KEYS:
        value = raw.get(key)
        items = [value] if isinstance(value, str) else value
        if isinstance(items, list):
            kept = [" ".join(v.split()) for v in items if isinstance(v, str) and v.strip()]
            if kept:
                out[key] = kept
    return out
