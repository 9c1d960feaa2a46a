"""What SOS shows (plan, people, three things that have helped, crisis lines) and what
it saves afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain import people as people_rules
from recoverylog.domain import plan as plan_rules
from recoverylog.domain import sos as sos_rules
from recoverylog.domain.model import Entry, EntryType, Technique, new_id
from recoverylog.errors import RecoveryLogError
from recoverylog.messages import journal_unreadable_now
from recoverylog.services.crisis import country_choice, crisis_as_dict, crisis_view, own_lines
from recoverylog.services.entries import check_not_future, validate_data
from recoverylog.services.workspace import Workspace, optional_clock

MAX_PEOPLE_SHOWN = 6


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
    techniques: list[sos_rules.Suggestion] | None = None
    crisis: dict[str, Any] | None = None
    clock_names: list[str] = []
    if ws is not None and problem is None:
        try:
            journal = ws.journal()
            clock_names = journal.clock_names()
            sections = plan_rules.stored_plan(journal.plan)
            people = people_to_call(journal.people)
            reasons = sections.get("reasons", [])
            call = sos_rules.calls_not_listed(sections.get("call", []), [p["name"] for p in people])
            techniques = _techniques(ws)
        except RecoveryLogError as exc:
            problem = journal_unreadable_now(exc.message)
    if ws is not None:
        crisis = _crisis_for(ws, country, clock_names)
    return {
        "intensity": intensity,
        "reasons": reasons,
        "techniques": [_suggestion_dict(s) for s in techniques or sos_rules.top_techniques([], [])],
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
    loaders: tuple[Callable[[], dict[str, Any]], ...] = (
        lambda: load_crisis(ws.layout.config_file),
        lambda: load_raw(ws.layout.config_file, ws.store.io),
    )
    for load in loaders:
        try:
            docs.append(load())
        except RecoveryLogError:
            docs.append({})
    chosen = country_choice(country, ws.environment) or ws.settings.country
    return crisis_as_dict(crisis_view(chosen, own_lines(docs[0], docs[1], []), [], clock_names))


def hard_moment(
    ws: Workspace, sections: tuple[str, ...], country: str | None = None
) -> dict[str, Any]:
    """What follows the hardest answers (a craving that ended in use, a self-check in
    the top band): the crisis lines again, the plan's own steps for the moment, and the
    first person to call (sponsor first)."""
    journal = ws.journal()
    plan = plan_rules.stored_plan(journal.plan)
    return {
        "plan": [
            {"title": title, "lines": plan[key]}
            for key, title, _ in plan_rules.PLAN_SECTIONS
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
    reachable.sort(
        key=lambda p: people_rules.ROLE_ORDER.get(str(p.get("role")), len(people_rules.ROLES))
    )
    return [
        {
            "name": str(p["name"]),
            "role": str(p.get("role") or "other"),
            "phone": p.get("phone"),
            "email": p.get("email"),
        }
        for p in reachable[:MAX_PEOPLE_SHOWN]
    ]


def _techniques(ws: Workspace) -> list[sos_rules.Suggestion]:
    """What has helped most, ranked exactly as 'recoverylog insights' ranks it over its
    default period, then the toolkit, then defaults."""
    from recoverylog.domain.insights.coping import coping_effectiveness
    from recoverylog.domain.insights.period import DEFAULT_DAYS, Period

    journal = ws.journal()
    period = Period.last_days(DEFAULT_DAYS, ws.today)
    entries = ws.store.entries.iter_newest_first(*period.bounds(ws.tz))
    effects = coping_effectiveness(entries, period, ws.tz, [t.name for t in journal.toolkit])
    return sos_rules.top_techniques(effects, [(t.name, t.description) for t in journal.toolkit])


def _suggestion_dict(s: sos_rules.Suggestion) -> dict[str, Any]:
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
            "duration_min": sos_rules.minutes_from_seconds(sos.seconds),
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
