"""Build a report as plain, JSON-ready data. Pure: no I/O, no clock reads.

The report holds only what its audience may see: a value that is not to be shared is
never put in the dict, so no writer can leak it. Every figure comes from the domain
(clean time, milestones, insights), so a number means the same here as on screen.

The shape is documented and versioned (``report_version``); see docs/reports.md, "Reports for
your sponsor", "The JSON shape".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any

from recoverylog.domain.cleantime import CleanTime, clean_time
from recoverylog.domain.goals import (
    GOAL_KINDS,
    NAMED_KINDS,
    Goal,
    GoalProgress,
    goal_from_dict,
    goal_progress,
    goal_words,
    uses_progress,
)
from recoverylog.domain.insights.build import Insights
from recoverylog.domain.insights.clean_days import (
    CleanDays,
    DayStatus,
    clean_calendar,
    clean_share,
)
from recoverylog.domain.insights.craving_times import (
    DAY_PARTS,
    MIN_CRAVINGS_FOR_PATTERNS,
    WEEKDAYS,
    HourIntensity,
    block_label,
)
from recoverylog.domain.insights.cravings import DayCravings
from recoverylog.domain.insights.mood_json import mood_json
from recoverylog.domain.insights.outcomes import OutcomeStats
from recoverylog.domain.insights.period import Period
from recoverylog.domain.insights.triggers import HaltStats, TriggerStat
from recoverylog.domain.milestones import Milestone, Step, milestone_status, run_milestones
from recoverylog.domain.model import Clock, Entry, EntryType
from recoverylog.domain.moments import as_of, day_of
from recoverylog.domain.names import phrase_pattern
from recoverylog.domain.people import person_names
from recoverylog.reports.audiences import Audience
from recoverylog.reports.by_month import MonthFile, count_months
from recoverylog.reports.shapes import (
    AtJson,
    CalendarDayJson,
    CalendarJson,
    CheckinAnswersJson,
    CheckinsJson,
    ComingUpJson,
    ContactPersonJson,
    ContactsJson,
    CopingTechniqueJson,
    CravingStatsJson,
    JournalNoteJson,
    KeytagJson,
    MeetingsJson,
    NoteJson,
    OwnGoalJson,
    PeerSupportJson,
    PeriodJson,
    ReachedMilestoneJson,
    ReportClockJson,
    ReportCopingJson,
    ReportCravingsJson,
    ReportGoalJson,
    ReportHaltJson,
    ReportJson,
    ReportLapseJson,
    ReportOutcomesJson,
    ReportTriggerJson,
    SharedJson,
    UpcomingMilestoneJson,
)
from recoverylog.reports.sharing import A_PERSON, PEOPLE, banner
from recoverylog.reports.tallies import (
    Checkin,
    Contact,
    Meeting,
    Note,
    PeerSupport,
    PeopleFound,
    ReportTally,
    text_key,
)

REPORT_KIND = "recoverylog-report"
REPORT_VERSION = 2  # 2: lapse triggers are lapse details

NOTES = "notes"
NAMES = "names"
LAPSE_DETAILS = "lapse-details"
JOURNAL = "journal"
CALENDAR = "calendar"
MOOD = "mood"  # mood by week, and what goes with better days: one's own copy by default
INCLUDES = (NOTES, NAMES, LAPSE_DETAILS, JOURNAL, CALENDAR, MOOD)

# What each audience sees beyond the minimum: counts, milestones, lapse dates and
# triggers, patterns, coping and meetings.
AUDIENCE_INCLUDES: dict[Audience, frozenset[str]] = {
    Audience.SPONSOR: frozenset(),
    Audience.CLINICIAN: frozenset({CALENDAR}),
    Audience.SELF: frozenset(INCLUDES),
}

TOP_TRIGGERS = 5
NEXT_MILESTONES = 3
COMING_UP = 6


@dataclass(frozen=True)
class ReportRequest:
    """What the person asked for."""

    period: Period
    audience: Audience = Audience.SPONSOR
    include: frozenset[str] = frozenset()
    clock: str | None = None  # one clock's report; None for every clock
    prepared_by: str | None = None  # the person's own name or initials, if they give one

    @property
    def shared(self) -> frozenset[str]:
        return AUDIENCE_INCLUDES[self.audience] | self.include


@dataclass(frozen=True)
class ReportSources:
    """Everything the report is built from, already read by the caller."""

    generated: datetime
    tz: tzinfo
    timezone: str
    clocks: Sequence[Clock]
    steps: Mapping[str, Sequence[Step]]  # clock name -> milestone schedule
    schemes: Mapping[str, str]  # clock name -> scheme name
    # Oldest first, as the store reads them; they must cover the previous period (and
    # any goal's round) too. Read once, a month at a time: never all held at once.
    entries: Iterable[Entry] = ()
    # Or the month files holding them, oldest first, read from read_since (the previous
    # period's first day when not given): closed months add the counts kept for them.
    months: Iterable[MonthFile] = ()
    read_since: date | None = None
    people: Sequence[Mapping[str, Any]] = ()
    goals: Mapping[str, Any] = field(default_factory=dict)
    hide: Sequence[str] = ()  # words and phrases every report hides (report.hide)
    toolkit: Sequence[str] = ()  # technique names, spelled as the toolkit spells them


def build_report(request: ReportRequest, sources: ReportSources) -> ReportJson:
    """The whole report as a JSON-ready dict, holding only what the audience may see."""
    period, tz, shared = request.period, sources.tz, request.shared
    clocks = [
        c
        for c in sources.clocks
        if request.clock is None or c.name.casefold() == request.clock.casefold()
    ]
    own_goals = _own_goals(sources.goals, period)
    counted = ReportTally(
        period,
        tz,
        request.clock,
        clocks,
        spelling=sources.toolkit,
        notes=bool({NOTES, JOURNAL} & shared),
        goals=own_goals,
    )
    counted.add(sources.entries)
    count_months(counted, sources.months, sources.read_since or period.previous().since)
    ins = counted.insights.result(clocks, trigger_limit=None, now=sources.generated)
    people = _People.known(counted.people, sources.people, sources.hide, NAMES in shared)
    report: ReportJson = {
        "report_version": REPORT_VERSION,
        "kind": REPORT_KIND,
        "generated": sources.generated.isoformat(),
        "timezone": sources.timezone,
        "prepared_by": request.prepared_by,
        "audience": request.audience,
        "shared": _shared(shared),
        # What it shares in the person's own words, and what it leaves out (filled in
        # last, from what the report holds).
        "shared_as_written": [],
        "left_out": [],
        "banner": [],
        "period": _period_dict(period),
        "previous_period": _period_dict(period.previous()),
        "clock_filter": clocks[0].name if request.clock and clocks else None,
        "clocks": [_clock_dict(c, ins, sources, period) for c in clocks],
        "lapses": _lapses(ins, tz, LAPSE_DETAILS in shared, people),
        "cravings": _cravings(ins, counted.hours.result(), clocks, people),
        "coping": _coping(ins, people),
        "peer_support": _peer_support(counted.peer, period, sources, people, NAMES in shared),
        "checkins": _checkins(counted.checkins, NOTES in shared, people),
        "selfchecks": [
            {"week_start": s.week_start.isoformat(), "date": s.day.isoformat(), "total": s.total}
            for s in ins.selfchecks
        ],
        "coming_up": [],
    }
    if own_goals:  # absent when there are none: reports without them stay as they were
        report["goals"] = _goals(own_goals, counted, period, people, NOTES in shared)
    report["coming_up"] = _coming_up(report)
    if CALENDAR in shared:
        report["calendar"] = _calendar(clocks, ins.days, period, tz)
    if NOTES in shared:
        report["notes"] = _notes(counted.notes, people)
    if JOURNAL in shared:
        report["journal"] = _journal(counted.notes, people)
    if MOOD in shared:
        report["mood"] = mood_json(ins.mood)
    said = banner(report, words_hidden=any(w.strip() for w in sources.hide))
    report["shared_as_written"] = said["shared_as_written"]
    report["left_out"] = said["left_out"]
    report["banner"] = said["banner"]
    return report


def _shared(shared: frozenset[str]) -> SharedJson:
    flags: SharedJson = {
        "notes": NOTES in shared,
        "names": NAMES in shared,
        "lapse_details": LAPSE_DETAILS in shared,
        "journal": JOURNAL in shared,
        "calendar": CALENDAR in shared,
    }
    if MOOD in shared:  # absent otherwise: reports without mood stay as they were
        flags["mood"] = True
    return flags


# --- helpers -------------------------------------------------------------------


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _round(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def _period_dict(period: Period) -> PeriodJson:
    return {
        "since": period.since.isoformat(),
        "until": period.until.isoformat(),
        "days": period.days,
    }


def _at(m: Milestone) -> AtJson:
    return {} if m.at is None else {"at": m.at.isoformat()}


def _keytag(m: Milestone) -> KeytagJson:
    return {"keytag": m.colour} if m.colour else {}


def _upcoming(m: Milestone, today: date) -> UpcomingMilestoneJson:
    return {
        "label": m.label,
        "date": m.date.isoformat(),
        **_at(m),
        "days_left": (m.date - today).days,
        **_keytag(m),
    }


# --- clocks ----------------------------------------------------------------------


def _clock_dict(
    clock: Clock, ins: Insights, sources: ReportSources, period: Period
) -> ReportClockJson:
    until, tz, now = period.until, sources.tz, sources.generated
    ct = clean_time(clock, until, tz, now)
    steps = sources.steps[clock.name]
    status = milestone_status(
        ct.headline_start,
        until,
        steps,
        NEXT_MILESTONES,
        start_at=ct.headline_start_at,
        now=now,
    )
    calendar = clean_calendar(clock, period.since, period.until, tz)
    share = clean_share(clock, calendar, period.since, period.until)
    days: CleanDays | None = next((c for c in ins.clean if c.clock == clock.name), None)
    return {
        "name": clock.name,
        "clean_since": clock.clean_since.isoformat(),
        "clean_since_at": _moment(clock.clean_since_at),
        "counting_from": ct.headline_start.isoformat(),
        "counting_from_at": _moment(ct.headline_start_at),
        "started": ct.started,
        # False on the day of a lapse: the new run ("counting_from") begins the next day.
        "current_run_started": ct.headline_start <= until
        if ct.headline_start_at is None
        else ct.headline_start_at <= as_of(until, now, tz),
        "days": ct.headline_days,
        # Real minutes since counting_from_at, for a clock started at a known moment.
        "minutes_clean": ct.headline_minutes,
        "current_run_days": ct.current_days,
        "longest_run_days": ct.longest_run_days,
        "total_clean_days": ct.total_clean_days,
        "days_since_first_clean_day": ct.elapsed_days,
        "share_clean": _round(ct.share_clean, 4),
        "lapses_total": ct.lapse_count,
        "trend_score": _round(days.score if days else None, 3),
        "scheme": sources.schemes.get(clock.name),
        "in_period": {
            "days_counted": share.counted,
            "clean_days": share.clean,
            "lapse_days": share.lapse_days,
            "lapses": share.lapses,
            "share_clean": _round(share.share, 4),
        },
        "milestones_reached": _reached_in(period, clock, ct, steps, now),
        "next_milestones": [_upcoming(m, until) for m in status.upcoming],
    }


def _reached_in(
    period: Period, clock: Clock, ct: CleanTime, steps: Sequence[Step], now: datetime
) -> list[ReachedMilestoneJson]:
    """Milestones reached during the period, in any run: one reached before a lapse in
    the same period is still reached. ``run_from`` says which run it belongs to."""
    return [
        {
            "label": m.label,
            "date": m.date.isoformat(),
            **_at(m),
            **_keytag(m),
            "run_from": run.start.isoformat(),
        }
        for run, achieved in run_milestones(clock, ct, steps, period.until, now)
        for m in achieved
        if period.contains(m.date)
    ]


# --- other people, when their names are not shared ------------------------------------


# Words too common to stand for a person on their own, even when part of a name
# ("my sponsor", "Jo from the group").
_COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "with",
    ]
)


@dataclass(frozen=True)
class _People:
    """What free text hides. Unless names are shared: a trigger logged with the kind
    'people', or text that mentions someone in the support network or a contact, by
    their whole name or by any word of it ('Jo' for Jo Bloggs), in any case, as a whole
    word. Always: the words and phrases on the hide list, in the same way."""

    trigger_keys: frozenset[str]
    names: re.Pattern[str] | None  # known people; None when names are shared
    hidden: re.Pattern[str] | None  # known people and the hide list
    by_kind: bool  # a trigger of the kind 'people' names someone

    @classmethod
    def known(
        cls,
        found: PeopleFound,
        people: Iterable[Mapping[str, Any]],
        hide: Iterable[str] = (),
        names_shared: bool = False,
    ) -> _People:
        if names_shared:
            return cls(frozenset(), None, phrase_pattern(hide), by_kind=False)
        keys = found.trigger_keys
        names = set(found.names)
        for person in people:
            names.update(text_key(n) for n in person_names(person))
        words = {w for n in names for w in _name_words(n)}
        return cls(
            frozenset(keys),
            phrase_pattern(names | words),
            phrase_pattern([*names, *words, *hide]),
            by_kind=True,
        )

    def names_someone(self, trigger: str, kind: str | None = None) -> bool:
        if (self.by_kind and kind == PEOPLE) or text_key(trigger) in self.trigger_keys:
            return True
        return self.names is not None and self.names.search(trigger) is not None

    def hide(self, text: str) -> str:
        """The text with every name and hidden word in it replaced by 'a person'."""
        return text if self.hidden is None else self.hidden.sub(A_PERSON, text)

    def trigger(self, name: str, kind: str | None = None) -> str:
        """A trigger as shown: 'a person' when it names someone, else with hidden words
        replaced."""
        return A_PERSON if self.names_someone(name, kind) else self.hide(name)


def _name_words(name: str) -> list[str]:
    """The words of a name that could stand for the person alone: 'jo', 'bloggs'."""
    words = (w.strip(".,;:!?()[]{}\"'") for w in name.split())
    return [w for w in words if len(w) > 1 and w not in _COMMON_WORDS]


def _lapses(ins: Insights, tz: tzinfo, details: bool, people: _People) -> list[ReportLapseJson]:
    """When and on which clock; what set it off and the circumstances are lapse details."""
    out = []
    for clock_name, lapse in ins.lapses:
        local = lapse.at  # where it happened, as for every record
        item: ReportLapseJson = {
            "clock": clock_name,
            "date": day_of(local).isoformat(),
            "time": local.strftime("%H:%M"),
            "next_run_from": lapse.restart.isoformat(),
        }
        if details:
            item["triggers"] = list(dict.fromkeys(people.trigger(t) for t in lapse.triggers))
            item["note"] = _hidden(lapse.note, people)
        out.append(item)
    return out


# --- cravings ---------------------------------------------------------------------


def _stats(count: int, average: float | None, peak: int | None) -> CravingStatsJson:
    return {"count": count, "average_intensity": average, "peak_intensity": peak}


def _triggers(ins: Insights, people: _People) -> list[ReportTriggerJson]:
    """The top triggers, as shown: one that names another person becomes 'a person'
    (several together, 'people'), and rows that read the same once hidden are one."""
    shown = [
        replace(t, name=A_PERSON, kind=PEOPLE)
        if people.names_someone(t.name, t.kind)
        else replace(t, name=people.hide(t.name))
        for t in ins.triggers.triggers
    ]
    stats = _merged(shown)
    return [
        {
            "name": t.name,
            "count": t.count,
            "cravings": t.cravings,
            "average_intensity": t.average_intensity,
            "kind": t.kind,
        }
        for t in stats[:TOP_TRIGGERS]
    ]


def _merged(stats: Sequence[TriggerStat]) -> list[TriggerStat]:
    """Rows with the same name as one, keeping their counts, in the order the insights
    use: most often, then strongest."""
    groups: dict[str, list[TriggerStat]] = {}
    for stat in stats:
        groups.setdefault(stat.name.casefold(), []).append(stat)
    rows = [group[0] if len(group) == 1 else _one_row(group) for group in groups.values()]
    rows.sort(key=lambda t: (-t.count, -(t.average_intensity or 0), t.name.casefold()))
    return rows


def _one_row(group: Sequence[TriggerStat]) -> TriggerStat:
    """Several triggers that read the same; several people become 'people'."""
    cravings = sum(t.cravings for t in group)
    total = sum((t.average_intensity or 0) * t.cravings for t in group)
    people = group[0].name == A_PERSON
    kinds = {t.kind for t in group}
    return TriggerStat(
        name=PEOPLE if people else group[0].name,
        count=sum(t.count for t in group),
        cravings=cravings,
        average_intensity=round(total / cravings, 1) if cravings else None,
        kind=PEOPLE if people else (kinds.pop() if len(kinds) == 1 else None),
    )


def _cravings(
    ins: Insights,
    hours: Sequence[HourIntensity],
    clocks: Sequence[Clock],
    people: _People,
) -> ReportCravingsJson:
    trend, times = ins.trend, ins.times
    first = min((c.clean_since for c in clocks), default=None)
    busiest_day = _clear_leader(times.by_weekday)
    busiest_block = _clear_leader(times.by_block())
    # The period before, when it ended ahead of the first clock and holds nothing, was
    # never tracked: there is nothing to compare with, so no change is given.
    untracked = (
        first is not None and trend.previous_period.until < first and not trend.previous.count
    )
    return {
        **_stats(
            trend.current.count, trend.current.average_intensity, trend.current.peak_intensity
        ),
        "previous": _stats(
            trend.previous.count, trend.previous.average_intensity, trend.previous.peak_intensity
        ),
        # When the period before starts ahead of the first clock, part of it was not
        # tracked, and the comparison says so.
        "previous_from_first_clean_day": first.isoformat()
        if first is not None and trend.previous_period.since < first
        else None,
        "previous_tracked": not untracked,
        "change": None if untracked else trend.change,
        "direction": None if untracked else trend.direction,
        "by_day": [
            {
                "date": d.day.isoformat(),
                **_stats(d.count, d.average_intensity, d.peak_intensity),
            }
            for d in ins.days
        ],
        "by_week": [
            {
                "since": w.start.isoformat(),
                "until": w.end.isoformat(),
                **_stats(w.count, w.average_intensity, w.peak_intensity),
            }
            for w in ins.weeks
        ],
        "by_weekday": [{"day": WEEKDAYS[i], "count": n} for i, n in enumerate(times.by_weekday)],
        "by_part_of_day": [
            {"part": DAY_PARTS[i], "hours": block_label(i), "count": n}
            for i, n in enumerate(times.by_block())
        ],
        "by_hour": [
            {"hour": h.hour, **_stats(h.count, h.average_intensity, h.peak_intensity)}
            for h in hours
        ],
        "busiest_weekday": None if busiest_day is None else WEEKDAYS[busiest_day],
        "busiest_part_of_day": None if busiest_block is None else DAY_PARTS[busiest_block],
        "triggers": _triggers(ins, people),
        "halt": _halt(ins.halt),
        "outcomes": _outcomes(ins.outcomes),
    }


def _halt(halt: HaltStats) -> ReportHaltJson:
    return {
        "cravings": halt.cravings,
        "with_any": halt.with_any,
        "states": [
            {"state": state, "count": count, "share": _round(halt.share(state), 4)}
            for state, count in halt.counts.items()
        ],
    }


def _outcomes(outcomes: OutcomeStats) -> ReportOutcomesJson:
    return {
        "passed": outcomes.passed,
        "used": outcomes.used,
        "unknown": outcomes.unknown,
        "pass_rate": _round(outcomes.pass_rate, 4),
        "average_duration_min": outcomes.average_duration_min,
    }


def _clear_leader(counts: Sequence[int]) -> int | None:
    """The index of the largest count when it clearly leads: enough cravings to speak of
    a pattern, more than one there, and no tie."""
    if sum(counts) < MIN_CRAVINGS_FOR_PATTERNS:
        return None
    top = max(counts)
    return counts.index(top) if top > 1 and list(counts).count(top) == 1 else None


def _coping(ins: Insights, people: _People) -> ReportCopingJson:
    """What was used and how it helped. A technique that names someone ('call Jo'), or
    holds a hidden word, says 'a person' instead."""
    techniques: list[CopingTechniqueJson] = [
        {
            "name": people.hide(c.name),
            "times_used": c.times_used,
            "average_helped": c.average_helped,
            "cravings": c.cravings,
            "passed_with": c.passed_with,
            "known_with": c.known_with,
            "pass_rate": _round(c.pass_rate_with, 4),
            "enough_data": c.enough_data,
        }
        for c in ins.coping
    ]
    proven = [c for c in ins.coping if c.enough_data and c.known_with]
    best = people.hide(proven[0].name) if proven else None
    return {"techniques": techniques, "worked_best": best}


# --- peer support, check-ins ---------------------------------------------------------


def _peer_support(
    peer: PeerSupport,
    period: Period,
    sources: ReportSources,
    people: _People,
    names: bool,
) -> PeerSupportJson:
    """Meetings and contacts (of every clock: they support them all); who each contact
    was with only when ``names`` are shared. Names and hidden words in a meeting's name
    or a contact's say 'a person' instead."""
    meetings_goal = _goal(sources.goals.get("meetings"), peer, "meetings", period)
    contacts_goal = _goal(sources.goals.get("contacts"), peer, "contacts", period)
    return {
        "meetings": _meetings(peer.meetings, people, meetings_goal),
        "contacts": _contacts(peer.contacts, _roles(sources.people), people, names, contacts_goal),
    }


def _meetings(
    meetings: Sequence[Meeting], people: _People, goal: ReportGoalJson | None
) -> MeetingsJson:
    online = sum(1 for m in meetings if m.online)
    fellowships: dict[str, int] = {}
    for meeting in meetings:
        if meeting.fellowship:
            key = str(meeting.fellowship)
            fellowships[key] = fellowships.get(key, 0) + 1
    return {
        "count": len(meetings),
        "in_person": len(meetings) - online,
        "online": online,
        "by_fellowship": _counted(fellowships, "fellowship"),
        "list": [
            {
                "date": day_of(m.at).isoformat(),
                "name": _hidden(m.name, people),
                "fellowship": m.fellowship,
                "online": bool(m.online),
            }
            for m in sorted(meetings, key=lambda m: m.at)
        ],
        "goal": goal,
    }


def _roles(people: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each person's role, by their name in any case and spacing."""
    return {
        " ".join(str(p.get("name", "")).split()).casefold(): str(p.get("role") or "other")
        for p in people
        if p.get("name")
    }


def _contacts(
    contacts: Sequence[Contact],
    roles: Mapping[str, str],
    people: _People,
    names: bool,
    goal: ReportGoalJson | None,
) -> ContactsJson:
    by_role: dict[str, int] = {}
    by_via: dict[str, int] = {}
    per_person: dict[str, ContactPersonJson] = {}
    for contact in contacts:
        person, via = contact.person, contact.via
        role = roles.get(person.casefold(), "other")
        by_role[role] = by_role.get(role, 0) + 1
        by_via[via] = by_via.get(via, 0) + 1
        if names and person:
            shown = people.hide(person)
            row = per_person.setdefault(shown.casefold(), {"name": shown, "role": role, "count": 0})
            row["count"] += 1
    part: ContactsJson = {
        "count": len(contacts),
        "by_role": _counted(by_role, "role"),
        "by_via": _counted(by_via, "via"),
        "goal": goal,
    }
    if names:
        part["people"] = sorted(
            per_person.values(), key=lambda r: (-r["count"], r["name"].casefold())
        )
    return part


def _hidden(text: Any, people: _People) -> Any:
    return people.hide(str(text)) if text else text


def _counted(counts: Mapping[str, int], key: str) -> list[dict[str, Any]]:
    return [
        {key: name, "count": n}
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _goal(raw: Any, peer: PeerSupport, kind: str, period: Period) -> ReportGoalJson | None:
    """Progress towards a goal such as 90 meetings in 90 days (or 3 contacts every 7
    days), as of the period's last day, counted the way ``goal show`` counts it. For a
    repeating goal, ``start`` and ``end`` are the current round. None when there is no
    goal, it is malformed, or it starts after the period."""
    goal = goal_from_dict(kind, raw)
    if goal is None or goal.start > period.until:
        return None
    progress = goal_progress(goal, peer.goal_days[GOAL_KINDS[kind]], period.until)
    return _goal_progress_json(goal, progress)


def _goal_progress_json(goal: Goal, progress: GoalProgress) -> ReportGoalJson:
    return {
        "count": goal.count,
        "days": goal.days,
        "repeat": goal.repeat,
        "goal_start": goal.start.isoformat(),
        "start": progress.window_start.isoformat(),
        "end": progress.window_end.isoformat(),
        "done": progress.done,
        "day": progress.day,
        "finished": progress.finished,
    }


def _own_goals(stored: Mapping[str, Any], period: Period) -> list[Goal]:
    """Goals beyond meetings and contacts (check-ins, self-checks, a technique, a tag)
    that start by the period's last day, in the order ``goal show`` lists them."""
    found = (goal_from_dict(key, raw) for key, raw in stored.items())
    goals = [
        g
        for g in found
        if g is not None and g.kind not in ("meetings", "contacts") and g.start <= period.until
    ]
    order = (*GOAL_KINDS, *NAMED_KINDS)
    return sorted(goals, key=lambda g: order.index(g.kind))


def _goals(
    goals: Sequence[Goal], counted: ReportTally, period: Period, people: _People, named: bool
) -> list[OwnGoalJson]:
    """Each goal as of the period's last day. A technique or a tag is the person's own
    words: shared only with notes, names and hidden words in it saying 'a person'."""
    out: list[OwnGoalJson] = []
    for goal in goals:
        progress = uses_progress(goal, counted.goals.uses.get(goal.key, []), period.until)
        out.append(
            {
                "kind": goal.kind,
                "name": people.hide(goal.name) if goal.name and named else None,
                **_goal_progress_json(goal, progress),
            }
        )
    return out


def _checkins(checkins: Sequence[Checkin], words: bool, people: _People) -> CheckinsJson | None:
    """Counts of the daily check-ins; with ``words`` (notes shared) their answers in the
    person's own words too: gratitudes, the intention, and the answer about tomorrow.
    Names and hidden words in them say 'a person' (see ``_People``).
    A check-in on a day with a lapse recorded for a clock it covers is never counted
    clean, whatever it said."""
    found = sorted(checkins, key=lambda c: c.at)
    if not found:
        return None
    out: CheckinsJson = {
        "count": len(found),
        "clean": sum(1 for c in found if c.clean),
        "not_clean": sum(1 for c in found if c.not_clean),
        "difficulty": _counted(_difficulties(found), "label"),
        "average_mood": _average_mood(found),
    }
    if words:
        out["answers"] = [
            _checkin_answers(c.at, c.answers, people) for c in found if c.answers is not None
        ]
    return out


def _difficulties(checkins: Iterable[Checkin]) -> dict[str, int]:
    """How many check-ins gave each answer to how hard the day was."""
    counts: dict[str, int] = {}
    for checkin in checkins:
        if checkin.difficulty:
            label = str(checkin.difficulty)
            counts[label] = counts.get(label, 0) + 1
    return counts


def _average_mood(checkins: Iterable[Checkin]) -> float | None:
    moods = [
        mood
        for checkin in checkins
        if isinstance(mood := checkin.mood, int) and not isinstance(mood, bool)
    ]
    return round(sum(moods) / len(moods), 1) if moods else None


def _checkin_answers(
    at: datetime, answers: Mapping[str, Any], people: _People
) -> CheckinAnswersJson:
    """A check-in's answers in the person's own words, names and hidden words hidden."""
    return {
        "date": day_of(at).isoformat(),
        "gratitude": [_hidden(str(g), people) for g in answers["gratitude"] or []],
        "intention": _hidden(answers["intention"], people),
        "tomorrow": _hidden(answers["tomorrow"], people),
    }


# --- what's coming up, calendar, notes -------------------------------------------------


def _coming_up(report: ReportJson) -> list[ComingUpJson]:
    """The next milestones of every clock, and the last day of any goal still running."""
    items = [
        _milestone_ahead(clock["name"], m)
        for clock in report["clocks"]
        for m in clock["next_milestones"]
    ]
    until = date.fromisoformat(report["period"]["until"])
    peer = report["peer_support"]
    for what, goal in (
        ("meetings", peer["meetings"]["goal"]),
        ("contacts", peer["contacts"]["goal"]),
    ):
        if goal and not goal["finished"]:
            items.append(_goal_ahead(what, goal, until))
    for own in report.get("goals") or []:
        if not own["finished"]:
            items.append(_goal_ahead(own["kind"], own, until))
    items.sort(key=lambda item: (item["date"], item["label"]))
    return items[:COMING_UP]


def _milestone_ahead(clock: str, m: UpcomingMilestoneJson) -> ComingUpJson:
    item: ComingUpJson = {
        "date": m["date"],
        "kind": "milestone",
        "label": m["label"],
        "clock": clock,
        "days_left": m["days_left"],
    }
    if "at" in m:
        item["at"] = m["at"]
    return item


def _goal_ahead(what: str, goal: ReportGoalJson, until: date) -> ComingUpJson:
    return {
        "date": goal["end"],
        "kind": "goal",
        "label": goal_label(goal, what),
        "clock": None,
        "days_left": (date.fromisoformat(goal["end"]) - until).days,
        "repeat": goal["repeat"],
    }


def goal_label(goal: Mapping[str, Any], what: str) -> str:
    """'90 meetings in 90 days', or for a repeating goal '1 contact every 7 days'."""
    count, days, repeat = int(goal["count"]), int(goal["days"]), bool(goal.get("repeat"))
    return goal_words(what, count, days, repeat, goal.get("name"))


CALENDAR_WORDS = {DayStatus.CLEAN: "clean", DayStatus.LAPSE: "lapse"}  # anything else: no data


def _calendar(
    clocks: Sequence[Clock], per_day: Sequence[DayCravings], period: Period, tz: tzinfo
) -> CalendarJson:
    """A timeline-followback style grid: each day's status per clock and its cravings."""
    calendars = [clean_calendar(c, period.since, period.until, tz) for c in clocks]
    days: list[CalendarDayJson] = []
    for i, row in enumerate(per_day):
        statuses: dict[str, str] = {}
        for cal in calendars:
            status = cal.statuses[i] if i < len(cal.statuses) else DayStatus.BEFORE
            statuses[cal.clock] = CALENDAR_WORDS.get(status, "no data")
        days.append(
            {
                "date": row.day.isoformat(),
                "weekday": WEEKDAYS[row.day.weekday()][:3],
                "statuses": statuses,
                "cravings": row.count,
                "peak_intensity": row.peak_intensity,
            }
        )
    return {"clocks": [c.name for c in clocks], "days": days}


def _notes(notes: Sequence[Note], people: _People) -> list[NoteJson]:
    """Free-text notes on entries other than journal notes, oldest first (names and
    hidden words in them say 'a person')."""
    return [
        {
            "at": n.at.strftime("%Y-%m-%d %H:%M"),
            "type": str(n.type),
            "note": _hidden(n.text, people),
        }
        for n in sorted(notes, key=lambda n: n.at)
        if n.type is not EntryType.NOTE
    ]


def _journal(notes: Sequence[Note], people: _People) -> list[JournalNoteJson]:
    return [
        _journal_note(n, people)
        for n in sorted(notes, key=lambda n: n.at)
        if n.type is EntryType.NOTE
    ]


def _journal_note(note: Note, people: _People) -> JournalNoteJson:
    """A journal note; with its question only when it answers one, so every other note
    reads as before."""
    out: JournalNoteJson = {
        "at": note.at.strftime("%Y-%m-%d %H:%M"),
        "text": _hidden(note.text, people),
        "mood": note.mood,
    }
    if note.prompt is not None:
        out["prompt"] = _hidden(note.prompt, people)
    return out
