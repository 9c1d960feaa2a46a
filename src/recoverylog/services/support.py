"""The personal plan, crisis lines, and what SOS shows and saves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain import support as rules
from recoverylog.domain.model import Entry, EntryType, Technique, new_id
from recoverylog.errors import InvalidInput, RecoveryLogError
from recoverylog.services.entries import check_not_future, validate_data
from recoverylog.services.workspace import Workspace, optional_clock

MAX_PEOPLE_SHOWN = 6
# Crisis lines for this country, over config.toml's `country` (--country wins over both).
COUNTRY_ENV = "RECOVERYLOG_COUNTRY"

# --- the plan ----------------------------------------------------------------------


def plan(ws: Workspace) -> dict[str, list[str]]:
    return rules.stored_plan(ws.journal().plan)


def plan_as_dict(sections: dict[str, list[str]]) -> dict[str, Any]:
    """Every section in order, with its title (empty sections as empty lists)."""
    return {
        key: {"title": title, "lines": sections.get(key, [])}
        for key, title, _ in rules.PLAN_SECTIONS
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
    for key, title, about in rules.PLAN_SECTIONS:
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
        raise InvalidInput(f"the plan is not valid TOML: {exc}") from exc
    return rules.clean_plan(doc)


def save_plan(ws: Workspace, sections: dict[str, list[str]]) -> None:
    with ws.store.writing():
        journal = ws.reload_journal()
        journal.plan = {key: sections[key] for key in rules.PLAN_KEYS if key in sections}
        ws.save_journal(journal)


# --- crisis lines ------------------------------------------------------------------


def shipped_crisis_lines() -> tuple[dict[str, str], list[rules.CrisisLine]]:
    """The dated data file shipped inside the package."""
    import tomllib
    from importlib.resources import files

    text = files("recoverylog.data").joinpath("crisis_lines.toml").read_text(encoding="utf-8")
    return rules.shipped_lines(tomllib.loads(text))


@dataclass
class CrisisView:
    country: str
    country_name: str | None
    lines: list[rules.CrisisLine]
    problems: list[str] = field(default_factory=list)


def crisis_view(country: str, own: Any = None, problems: list[str] | None = None) -> CrisisView:
    countries, shipped = shipped_crisis_lines()
    code = rules.country_code(country)
    mine, own_problems = rules.own_lines(own)
    return CrisisView(
        code,
        countries.get(code),
        rules.lines_for([*mine, *shipped], code),
        [*(problems or []), *own_problems],
    )


def country_choice(option: str | None) -> str | None:
    """--country, else RECOVERYLOG_COUNTRY; None leaves it to config.toml."""
    import os

    chosen = option or os.environ.get(COUNTRY_ENV, "").strip()
    return chosen or None


def help_now(home: str | None, country: str | None) -> CrisisView:
    """Crisis lines without the journal: the country from --country, RECOVERYLOG_COUNTRY
    or config.toml if it can be read (no passphrase is ever asked), else the default,
    saying how to choose."""
    from recoverylog.config import load_raw, load_settings
    from recoverylog.paths import resolve_layout
    from recoverylog.store.files import FileIO

    problems: list[str] = []
    own: Any = None
    chosen = country_choice(country)
    io: FileIO | None = None
    try:
        layout = resolve_layout(home)
        io = FileIO(layout, None)
        settings = load_settings(layout.config_file, io)
        own = load_raw(layout.config_file, io).get("crisis_lines")
        chosen = chosen or settings.country
    except (RecoveryLogError, OSError, ValueError):
        if chosen is None:
            why = (
                "your settings could not be read without the passphrase"
                if io is not None and _settings_encrypted(io)
                else "your settings could not be read from config.toml "
                "('recoverylog doctor' can check it)"
            )
            problems.append(
                f"{why}, so these are the lines for {rules.DEFAULT_COUNTRY}; "
                f"choose another with --country UK (or set {COUNTRY_ENV})"
            )
    return crisis_view(chosen or rules.DEFAULT_COUNTRY, own, problems)


def _settings_encrypted(io: Any) -> bool:
    """Is config.toml encrypted (or the home, by its encryption.toml)?"""
    from recoverylog.store.crypto import MAGIC, is_encrypted

    if io.encrypted():
        return True
    try:
        with open(io.layout.config_file, "rb") as handle:
            return is_encrypted(handle.read(len(MAGIC)))
    except OSError:
        return False


def crisis_as_dict(view: CrisisView) -> dict[str, Any]:
    return {
        "country": view.country,
        "country_name": view.country_name,
        "lines": [
            {
                "name": line.name,
                "contact": line.contact,
                "number": line.number,
                "about": line.about,
                "verified_on": line.verified_on.isoformat() if line.verified_on else None,
                "own": line.own,
            }
            for line in view.lines
        ],
        "problems": view.problems,
    }


# --- SOS -----------------------------------------------------------------------------


def sos_screen(
    ws: Workspace | None,
    country: str | None,
    intensity: int | None,
    problem: str | None = None,
) -> dict[str, Any]:
    """What the calm screen shows from the journal: reasons, techniques, people, and the
    crisis lines as the journal's settings choose them. Without a journal (``ws`` None,
    or one that cannot be read) it gives the sensible defaults and says why in
    ``problem``; the crisis lines are then None (shown already, from help_now)."""
    if intensity is not None:
        fields.intensity(intensity)
    reasons: list[str] = []
    call: list[str] = []
    people: list[dict[str, Any]] = []
    techniques: list[rules.Suggestion] | None = None
    crisis: dict[str, Any] | None = None
    if ws is not None and problem is None:
        try:
            journal = ws.journal()
            sections = rules.stored_plan(journal.plan)
            people = _people_to_call(journal.people)
            reasons = sections.get("reasons", [])
            call = rules.calls_not_listed(sections.get("call", []), [p["name"] for p in people])
            techniques = _techniques(ws)
        except RecoveryLogError as exc:
            problem = f"your journal could not be read just now ({exc.message})"
    if ws is not None:
        own = _own_crisis_lines(ws)
        chosen = country_choice(country) or ws.settings.country
        crisis = crisis_as_dict(crisis_view(chosen, own))
    return {
        "intensity": intensity,
        "reasons": reasons,
        "techniques": [_suggestion_dict(s) for s in techniques or rules.top_techniques([], [])],
        "people": people,
        "call": call,
        "crisis": crisis,
        "problem": problem,
    }


def _own_crisis_lines(ws: Workspace) -> Any:
    from recoverylog.config import load_raw

    try:
        return load_raw(ws.layout.config_file, ws.store.io).get("crisis_lines")
    except RecoveryLogError:
        return None


def _people_to_call(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    reachable = [p for p in people if p.get("name") and (p.get("phone") or p.get("email"))]
    reachable.sort(key=lambda p: rules.ROLE_ORDER.get(str(p.get("role")), len(rules.ROLES)))
    return [
        {
            "name": str(p["name"]),
            "role": str(p.get("role") or "other"),
            "phone": p.get("phone"),
            "email": p.get("email"),
        }
        for p in reachable[:MAX_PEOPLE_SHOWN]
    ]


def _techniques(ws: Workspace) -> list[rules.Suggestion]:
    """What has helped most, ranked exactly as 'recoverylog insights' ranks it over its
    default period, then the toolkit, then defaults."""
    from recoverylog.domain.insights import Period, coping_effectiveness
    from recoverylog.services.insights import DEFAULT_DAYS

    journal = ws.journal()
    period = Period.last_days(DEFAULT_DAYS, ws.today)
    entries = ws.store.entries.iter_newest_first(*period.bounds(ws.tz))
    effects = coping_effectiveness(entries, period, ws.tz)
    return rules.top_techniques(effects, [(t.name, t.description) for t in journal.toolkit])


def _suggestion_dict(s: rules.Suggestion) -> dict[str, Any]:
    return {
        "name": s.name,
        "source": s.source,
        "description": s.description,
        "times_used": s.times_used,
        "cravings_passed": s.passed,
        "cravings_with_outcome": s.with_outcome,
        "average_helped": s.average_helped,
    }


@dataclass
class SosCraving:
    """What an SOS session logs: the intensity at the start and at the end, how long the
    timer ran, what was done, and whether the craving passed."""

    started: datetime
    intensity: int
    seconds: int
    intensity_end: int | None = None
    coping: list[str] = field(default_factory=list)
    outcome: str | None = None
    triggers: list[str] = field(default_factory=list)
    clock: str | None = None


def save_sos_craving(ws: Workspace, sos: SosCraving) -> Entry:
    data = validate_data(
        EntryType.CRAVING,
        {
            "intensity": sos.intensity,
            "duration_min": rules.minutes_from_seconds(sos.seconds),
            "coping": sos.coping,
            "outcome": sos.outcome,
            "triggers": sos.triggers,
        },
    )
    extra = {}
    if sos.intensity_end is not None:
        extra["intensity_end"] = fields.intensity(sos.intensity_end, "the intensity now")
    entry = Entry(
        id=new_id(),
        type=EntryType.CRAVING,
        at=check_not_future(ws, sos.started),
        clock=optional_clock(ws, sos.clock),
        data=data,
        tags=["sos"],
        created=ws.now,
        extra=extra,
    )
    with ws.store.writing():
        journal = ws.reload_journal()
        missing = [n for n in data.get("coping", []) if journal.find_technique(n) is None]
        if missing:  # techniques people use join their toolkit, as with 'log craving'
            journal.toolkit.extend(Technique(n) for n in missing)
            ws.save_journal(journal)
        ws.store.entries.append(entry)
    return entry
