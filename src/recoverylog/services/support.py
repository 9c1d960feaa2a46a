"""The personal plan, crisis lines, and what SOS shows and saves."""

from __future__ import annotations

import json
from collections.abc import Iterable
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
        raise InvalidInput(_plan_problem(str(exc), text)) from exc
    return rules.clean_plan(doc)


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
        journal.plan = {key: sections[key] for key in rules.PLAN_KEYS if key in sections}
        ws.save_journal(journal)


def add_plan_line(ws: Workspace, section: str, text: str) -> tuple[str, int]:
    """Add a line to a section; returns the section's key and the line's number."""
    key = rules.plan_section(section)
    with ws.store.writing():
        sections = rules.with_line(rules.stored_plan(ws.reload_journal().plan), key, text)
        save_plan(ws, sections)
    return key, len(sections[key])


def remove_plan_line(ws: Workspace, section: str, number: int) -> tuple[str, str]:
    """Remove line ``number`` of a section; returns the section's key and the line."""
    key = rules.plan_section(section)
    with ws.store.writing():
        sections, removed = rules.without_line(
            rules.stored_plan(ws.reload_journal().plan), key, number
        )
        save_plan(ws, sections)
    return key, removed


# --- crisis lines ------------------------------------------------------------------


def shipped_crisis_lines() -> rules.CrisisData:
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
    known: bool = True  # recoverylog knows this country (lines or an emergency number)
    helplines: bool = True  # it has lines beyond the emergency number


def crisis_view(
    country: str,
    mine: Iterable[rules.CrisisLine] = (),
    problems: list[str] | None = None,
    clock_names: Iterable[str] = (),
) -> CrisisView:
    """What to show for a country: the person's own lines, the shipped ones (with
    those for their addictions), and where nothing is shipped the emergency number."""
    data = shipped_crisis_lines()
    code = rules.country_code(country)
    addictions = rules.addictions_named(clock_names, data.addictions)
    lines = rules.lines_for([*mine, *data.lines], code, addictions)
    shipped_here = code in data.countries
    if not shipped_here and (emergency := rules.emergency_line(data, code)):
        lines.append(emergency)
    name = data.countries.get(code) or data.emergency.get(code, (None, ""))[0]
    return CrisisView(
        code,
        name,
        lines,
        list(problems or []),
        known=shipped_here or code in data.emergency,
        helplines=shipped_here,
    )


def country_warning(country: str) -> str | None:
    """What 'config set country' says when recoverylog has no lines for a country."""
    view = crisis_view(country)
    if view.helplines:
        return None
    if view.known:
        return (
            f"recoverylog has no helplines for {view.country} yet. sos and help-now will "
            f"show the emergency number, {view.lines[-1].number}, and suggest looking for a "
            "local helpline; you can add lines of your own to crisis.toml"
        )
    return (
        f"recoverylog does not know the country '{view.country}'. sos and help-now will "
        "show the common emergency numbers (112, 911, 999, 000, 111) and suggest looking "
        "for a local helpline"
    )


def country_choice(option: str | None) -> str | None:
    """--country, else RECOVERYLOG_COUNTRY; None leaves it to config.toml."""
    import os

    chosen = option or os.environ.get(COUNTRY_ENV, "").strip()
    return chosen or None


def help_now(home: str | None, country: str | None) -> CrisisView:
    """Crisis lines without the passphrase: the country from --country,
    RECOVERYLOG_COUNTRY, crisis.toml (never encrypted) or config.toml if it can be read,
    else the default, saying how to choose. Your own lines come from crisis.toml (and
    config.toml when readable); the clocks' names, when the journal is plain, add the
    lines for a gambling or nicotine clock. Nothing here ever asks for a passphrase."""
    from recoverylog.config import load_crisis, load_raw
    from recoverylog.paths import resolve_layout
    from recoverylog.store.files import FileIO
    from recoverylog.store.trust import check_home

    problems: list[str] = []
    chosen = country_choice(country)
    try:
        layout = resolve_layout(home)
        check_home(layout)
    except RecoveryLogError as exc:
        problems.append(exc.message)
        return crisis_view(chosen or rules.DEFAULT_COUNTRY, (), problems)
    io = FileIO(layout, None)
    crisis: dict[str, Any] = {}
    try:
        crisis = load_crisis(layout.config_file)
    except (RecoveryLogError, OSError, ValueError):
        problems.append("crisis.toml could not be read ('recoverylog doctor' can check it)")
    chosen = chosen or _text_or_none(crisis.get("country"))
    config: dict[str, Any] = {}
    try:
        config = load_raw(layout.config_file, io)
    except (RecoveryLogError, OSError, ValueError):
        if chosen is None:
            problems.append(_unread_settings(io))
    chosen = chosen or _text_or_none(config.get("country"))
    mine = _own_lines(crisis, config, problems)
    return crisis_view(chosen or rules.DEFAULT_COUNTRY, mine, problems, _clock_names(io))


def _own_lines(
    crisis: dict[str, Any], config: dict[str, Any], problems: list[str]
) -> list[rules.CrisisLine]:
    """Your own lines from crisis.toml, then any still in config.toml."""
    mine: list[rules.CrisisLine] = []
    for doc, where in ((crisis, "crisis.toml"), (config, "config.toml")):
        lines, trouble = rules.own_lines(doc.get("crisis_lines"), where)
        mine += lines
        problems += trouble
    return mine


def _unread_settings(io: Any) -> str:
    why = (
        "your settings could not be read without the passphrase"
        if _settings_encrypted(io)
        else "your settings could not be read from config.toml ('recoverylog doctor' can check it)"
    )
    return (
        f"{why}, so these are the lines for {rules.DEFAULT_COUNTRY}; choose another with "
        f"--country UK, or 'recoverylog config set country UK' once to keep it readable"
    )


def _text_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _clock_names(io: Any) -> list[str]:
    """The clocks' names from a plain journal; nothing (never a prompt) otherwise."""
    from recoverylog.store.atomic import read_bytes
    from recoverylog.store.crypto import is_encrypted

    try:
        data = read_bytes(io.layout.journal_file) or b""
        if is_encrypted(data):
            return []
        import tomllib

        clocks = tomllib.loads(data.decode("utf-8")).get("clocks", [])
        return [str(c["name"]) for c in clocks if isinstance(c, dict) and "name" in c]
    except (RecoveryLogError, OSError, ValueError, TypeError, AttributeError):
        return []


def _settings_encrypted(io: Any) -> bool:
    """Is config.toml encrypted (or the home, by its encryption.toml)?"""
    from recoverylog.store.files import is_sealed_file

    return bool(io.encrypted() or is_sealed_file(io.layout.config_file))


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
                "rechecked": line.rechecked,
                "addiction": line.addiction,
                "source": line.source,
            }
            for line in view.lines
        ],
        "known": view.known,
        "helplines": view.helplines,
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
    clock_names: list[str] = []
    if ws is not None and problem is None:
        try:
            journal = ws.journal()
            clock_names = journal.clock_names()
            sections = rules.stored_plan(journal.plan)
            people = people_to_call(journal.people)
            reasons = sections.get("reasons", [])
            call = rules.calls_not_listed(sections.get("call", []), [p["name"] for p in people])
            techniques = _techniques(ws)
        except RecoveryLogError as exc:
            problem = f"your journal could not be read just now ({exc.message})"
    if ws is not None:
        crisis = _crisis_for(ws, country, clock_names)
    return {
        "intensity": intensity,
        "reasons": reasons,
        "techniques": [_suggestion_dict(s) for s in techniques or rules.top_techniques([], [])],
        "people": people,
        "call": call,
        "crisis": crisis,
        "problem": problem,
    }


def _crisis_for(ws: Workspace, country: str | None, clock_names: list[str]) -> dict[str, Any]:
    """The crisis lines as the journal's settings choose them (--country still wins),
    with your own lines as help-now reads them (their problems were noted there)."""
    from recoverylog.config import load_crisis, load_raw

    docs: list[dict[str, Any]] = []
    for load in (
        lambda: load_crisis(ws.layout.config_file),
        lambda: load_raw(ws.layout.config_file, ws.store.io),
    ):
        try:
            docs.append(load())
        except RecoveryLogError:
            docs.append({})
    chosen = country_choice(country) or ws.settings.country
    return crisis_as_dict(crisis_view(chosen, _own_lines(docs[0], docs[1], []), [], clock_names))


def hard_moment(
    ws: Workspace, sections: tuple[str, ...], country: str | None = None
) -> dict[str, Any]:
    """What follows the hardest answers (a craving that ended in use, a self-check in
    the top band): the crisis lines again, the plan's own steps for the moment, and the
    first person to call (sponsor first)."""
    journal = ws.journal()
    plan = rules.stored_plan(journal.plan)
    return {
        "plan": [
            {"title": title, "lines": plan[key]}
            for key, title, _ in rules.PLAN_SECTIONS
            if key in sections and plan.get(key)
        ],
        "person": first_person(journal.people),
        "crisis": _crisis_for(ws, country, journal.clock_names()),
    }


def first_person(people: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first person who can be reached, by role: sponsor, peer, counsellor..."""
    return next(iter(people_to_call(people)), None)


def people_to_call(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """People with a phone or email, sponsor first (as many as a screen can hold)."""
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
    from recoverylog.domain.insights.coping import coping_effectiveness
    from recoverylog.domain.insights.period import Period
    from recoverylog.services.insights import DEFAULT_DAYS

    journal = ws.journal()
    period = Period.last_days(DEFAULT_DAYS, ws.today)
    entries = ws.store.entries.iter_newest_first(*period.bounds(ws.tz))
    effects = coping_effectiveness(entries, period, ws.tz, [t.name for t in journal.toolkit])
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
