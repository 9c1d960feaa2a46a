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
from recoverylog.domain.goals import GOAL_KINDS, goal_from_dict, goal_progress, goal_words
from recoverylog.domain.insights.build import Insights, build_insights
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
    block_label,
    intensity_by_hour,
)
from recoverylog.domain.insights.cravings import cravings_by_day
from recoverylog.domain.insights.period import Period, only_clock
from recoverylog.domain.insights.triggers import TriggerStat
from recoverylog.domain.milestones import Milestone, Step, milestone_status, run_milestones
from recoverylog.domain.model import Clock, Entry, EntryType
from recoverylog.domain.moments import as_of, day_of
from recoverylog.domain.names import phrase_pattern
from recoverylog.domain.people import person_names
from recoverylog.reports.audiences import Audience
from recoverylog.reports.sharing import A_PERSON, PEOPLE, banner

REPORT_KIND = "recoverylog-report"
REPORT_VERSION = 2  # 2: lapse triggers are lapse details

NOTES = "notes"
NAMES = "names"
LAPSE_DETAILS = "lapse-details"
JOURNAL = "journal"
CALENDAR = "calendar"
INCLUDES = (NOTES, NAMES, LAPSE_DETAILS, JOURNAL, CALENDAR)

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
    entries: Sequence[Entry]  # must cover the previous period (and any goal) too
    people: Sequence[Mapping[str, Any]] = ()
    goals: Mapping[str, Any] = field(default_factory=dict)
    hide: Sequence[str] = ()  # words and phrases every report hides (report.hide)
    toolkit: Sequence[str] = ()  # technique names, spelled as the toolkit spells them


def build_report(request: ReportRequest, sources: ReportSources) -> dict[str, Any]:
    """The whole report as a JSON-ready dict, holding only what the audience may see."""
    period, tz, shared = request.period, sources.tz, request.shared
    clocks = [
        c
        for c in sources.clocks
        if request.clock is None or c.name.casefold() == request.clock.casefold()
    ]
    entries = list(sources.entries)
    ins = build_insights(
        entries,
        period,
        tz,
        clocks,
        request.clock,
        trigger_limit=None,
        now=sources.generated,
        spelling=sources.toolkit,
    )
    people = _People.known(entries, sources.people, sources.hide, NAMES in shared)
    scoped = list(only_clock(entries, request.clock))
    loose = _peer_entries(entries)
    report: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "kind": REPORT_KIND,
        "generated": sources.generated.isoformat(),
        "timezone": sources.timezone,
        "prepared_by": request.prepared_by,
        "audience": request.audience,
        "shared": {key.replace("-", "_"): key in shared for key in INCLUDES},
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
        "cravings": _cravings(ins, scoped, period, tz, clocks, people),
        "coping": _coping(ins, people),
        "peer_support": _peer_support(loose, period, tz, sources, people, NAMES in shared),
        "checkins": _checkins(scoped, period, tz, NOTES in shared, people, clocks),
        "selfchecks": [
            {"week_start": s.week_start.isoformat(), "date": s.day.isoformat(), "total": s.total}
            for s in ins.selfchecks
        ],
        "coming_up": [],
    }
    report["coming_up"] = _coming_up(report)
    if CALENDAR in shared:
        report["calendar"] = _calendar(clocks, scoped, period, tz)
    if NOTES in shared:
        report["notes"] = _notes(scoped, period, tz, people)
    if JOURNAL in shared:
        report["journal"] = _journal(scoped, period, tz, people)
    report.update(banner(report, words_hidden=any(w.strip() for w in sources.hide)))
    return report


# --- helpers -------------------------------------------------------------------


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _round(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def _local_day(entry: Entry, tz: tzinfo) -> date:
    return day_of(entry.at)


def _in(entries: Iterable[Entry], period: Period, tz: tzinfo) -> list[Entry]:
    return [e for e in entries if period.contains(_local_day(e, tz))]


def _period_dict(period: Period) -> dict[str, Any]:
    return {
        "since": period.since.isoformat(),
        "until": period.until.isoformat(),
        "days": period.days,
    }


def _milestone(m: Milestone, today: date | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"label": m.label, "date": m.date.isoformat()}
    if m.at is not None:
        out["at"] = m.at.isoformat()
    if today is not None:
        out["days_left"] = (m.date - today).days
    if m.colour:
        out["keytag"] = m.colour
    return out


# --- clocks ----------------------------------------------------------------------


def _clock_dict(
    clock: Clock, ins: Insights, sources: ReportSources, period: Period
) -> dict[str, Any]:
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
        "next_milestones": [_milestone(m, until) for m in status.upcoming],
    }


def _reached_in(
    period: Period, clock: Clock, ct: CleanTime, steps: Sequence[Step], now: datetime
) -> list[dict[str, Any]]:
    """Milestones reached during the period, in any run: one reached before a lapse in
    the same period is still reached. ``run_from`` says which run it belongs to."""
    return [
        {**_milestone(m), "run_from": run.start.isoformat()}
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
        entries: Iterable[Entry],
        people: Iterable[Mapping[str, Any]],
        hide: Iterable[str] = (),
        names_shared: bool = False,
    ) -> _People:
        if names_shared:
            return cls(frozenset(), None, phrase_pattern(hide), by_kind=False)
        keys: set[str] = set()
        names: set[str] = set()
        for entry in entries:
            if entry.type is EntryType.TRIGGER and entry.get("kind") == PEOPLE:
                keys.add(_key(str(entry.get("text") or "")))
            elif entry.type is EntryType.CONTACT and entry.get("person"):
                names.add(_key(str(entry.get("person"))))
        for person in people:
            names.update(_key(n) for n in person_names(person))
        words = {w for n in names for w in _name_words(n)}
        return cls(
            frozenset(keys),
            phrase_pattern(names | words),
            phrase_pattern([*names, *words, *hide]),
            by_kind=True,
        )

    def names_someone(self, trigger: str, kind: str | None = None) -> bool:
        if (self.by_kind and kind == PEOPLE) or _key(trigger) in self.trigger_keys:
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


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lapses(ins: Insights, tz: tzinfo, details: bool, people: _People) -> list[dict[str, Any]]:
    """When and on which clock; what set it off and the circumstances are lapse details."""
    out = []
    for clock_name, lapse in ins.lapses:
        local = lapse.at  # where it happened, as for every record
        item: dict[str, Any] = {
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


def _stats(count: int, average: float | None, peak: int | None) -> dict[str, Any]:
    return {"count": count, "average_intensity": average, "peak_intensity": peak}


def _triggers(ins: Insights, people: _People) -> list[dict[str, Any]]:
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
    entries: Sequence[Entry],
    period: Period,
    tz: tzinfo,
    clocks: Sequence[Clock],
    people: _People,
) -> dict[str, Any]:
    trend, times, halt, outcomes = ins.trend, ins.times, ins.halt, ins.outcomes
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
            for d in cravings_by_day(entries, period, tz)
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
            for h in intensity_by_hour(entries, period, tz)
        ],
        "busiest_weekday": None if busiest_day is None else WEEKDAYS[busiest_day],
        "busiest_part_of_day": None if busiest_block is None else DAY_PARTS[busiest_block],
        "triggers": _triggers(ins, people),
        "halt": {
            "cravings": halt.cravings,
            "with_any": halt.with_any,
            "states": [
                {"state": state, "count": count, "share": _round(halt.share(state), 4)}
                for state, count in halt.counts.items()
            ],
        },
        "outcomes": {
            "passed": outcomes.passed,
            "used": outcomes.used,
            "unknown": outcomes.unknown,
            "pass_rate": _round(outcomes.pass_rate, 4),
            "average_duration_min": outcomes.average_duration_min,
        },
    }


def _clear_leader(counts: Sequence[int]) -> int | None:
    """The index of the largest count when it clearly leads: enough cravings to speak of
    a pattern, more than one there, and no tie."""
    if sum(counts) < MIN_CRAVINGS_FOR_PATTERNS:
        return None
    top = max(counts)
    return counts.index(top) if top > 1 and list(counts).count(top) == 1 else None


def _coping(ins: Insights, people: _People) -> dict[str, Any]:
    """What was used and how it helped. A technique that names someone ('call Jo'), or
    holds a hidden word, says 'a person' instead."""
    techniques = [
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


def _peer_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Meetings and contacts support every clock, so a one-clock report counts them all."""
    return [e for e in entries if e.type in (EntryType.MEETING, EntryType.CONTACT)]


def _peer_support(
    entries: Sequence[Entry],
    period: Period,
    tz: tzinfo,
    sources: ReportSources,
    people: _People,
    names: bool,
) -> dict[str, Any]:
    """Meetings and contacts; who each contact was with only when ``names`` are shared.
    Names and hidden words in a meeting's name or a contact's say 'a person' instead."""
    meetings = [e for e in _in(entries, period, tz) if e.type is EntryType.MEETING]
    contacts = [e for e in _in(entries, period, tz) if e.type is EntryType.CONTACT]
    roles = {
        " ".join(str(p.get("name", "")).split()).casefold(): str(p.get("role") or "other")
        for p in sources.people
        if p.get("name")
    }
    by_role: dict[str, int] = {}
    by_via: dict[str, int] = {}
    per_person: dict[str, dict[str, Any]] = {}
    for contact in contacts:
        person = " ".join(str(contact.get("person") or "").split())
        role = roles.get(person.casefold(), "other")
        by_role[role] = by_role.get(role, 0) + 1
        via = str(contact.get("via") or "not said")
        by_via[via] = by_via.get(via, 0) + 1
        if names and person:
            shown = people.hide(person)
            row = per_person.setdefault(shown.casefold(), {"name": shown, "role": role})
            row["count"] = row.get("count", 0) + 1
    contact_part: dict[str, Any] = {
        "count": len(contacts),
        "by_role": _counted(by_role, "role"),
        "by_via": _counted(by_via, "via"),
        "goal": _goal(sources.goals.get("contacts"), entries, "contacts", period, tz),
    }
    if names:
        contact_part["people"] = sorted(
            per_person.values(), key=lambda r: (-r["count"], r["name"].casefold())
        )
    online = sum(1 for m in meetings if m.get("online"))
    fellowships: dict[str, int] = {}
    for meeting in meetings:
        if meeting.get("fellowship"):
            key = str(meeting.get("fellowship"))
            fellowships[key] = fellowships.get(key, 0) + 1
    return {
        "meetings": {
            "count": len(meetings),
            "in_person": len(meetings) - online,
            "online": online,
            "by_fellowship": _counted(fellowships, "fellowship"),
            "list": [
                {
                    "date": _local_day(m, tz).isoformat(),
                    "name": _hidden(m.get("name"), people),
                    "fellowship": m.get("fellowship"),
                    "online": bool(m.get("online")),
                }
                for m in sorted(meetings, key=lambda e: e.at)
            ],
            "goal": _goal(sources.goals.get("meetings"), entries, "meetings", period, tz),
        },
        "contacts": contact_part,
    }


def _hidden(text: Any, people: _People) -> Any:
    return people.hide(str(text)) if text else text


def _counted(counts: Mapping[str, int], key: str) -> list[dict[str, Any]]:
    return [
        {key: name, "count": n}
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _goal(
    raw: Any, entries: Sequence[Entry], kind: str, period: Period, tz: tzinfo
) -> dict[str, Any] | None:
    """Progress towards a goal such as 90 meetings in 90 days (or 3 contacts every 7
    days), as of the period's last day, counted the way ``goal show`` counts it. For a
    repeating goal, ``start`` and ``end`` are the current round. None when there is no
    goal, it is malformed, or it starts after the period."""
    goal = goal_from_dict(kind, raw)
    if goal is None or goal.start > period.until:
        return None
    wanted = GOAL_KINDS[kind]
    days = [_local_day(e, tz) for e in entries if e.type is wanted]
    progress = goal_progress(goal, days, period.until)
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


CHECKIN_WORDS = ("gratitude", "intention", "tomorrow")  # answers in the person's own words


def _checkins(
    entries: Sequence[Entry],
    period: Period,
    tz: tzinfo,
    words: bool,
    people: _People,
    clocks: Sequence[Clock] = (),
) -> dict[str, Any] | None:
    """Counts of the daily check-ins; with ``words`` (notes shared) their answers in the
    person's own words too: gratitudes, the intention, and the answer about tomorrow.
    Names and hidden words in them say 'a person' (see ``_People``).
    A check-in on a day with a lapse recorded for a clock it covers is never counted
    clean, whatever it said."""
    found = sorted(
        (e for e in _in(entries, period, tz) if e.type is EntryType.CHECKIN), key=lambda e: e.at
    )
    if not found:
        return None
    out: dict[str, Any] = {
        "count": len(found),
        "clean": sum(1 for e in found if _said_clean(e, tz, clocks)),
        "not_clean": sum(1 for e in found if _not_clean(e, tz, clocks)),
        "difficulty": _counted(_difficulties(found), "label"),
        "average_mood": _average_mood(found),
    }
    if words:
        out["answers"] = [_checkin_answers(e, tz, people) for e in found if _in_words(e)]
    return out


def _in_words(checkin: Entry) -> bool:
    """Whether the check-in answered anything in the person's own words."""
    return any(checkin.get(key) for key in CHECKIN_WORDS)


def _difficulties(checkins: Iterable[Entry]) -> dict[str, int]:
    """How many check-ins gave each answer to how hard the day was."""
    counts: dict[str, int] = {}
    for entry in checkins:
        if entry.get("difficulty"):
            label = str(entry.get("difficulty"))
            counts[label] = counts.get(label, 0) + 1
    return counts


def _average_mood(checkins: Iterable[Entry]) -> float | None:
    moods = [
        mood
        for entry in checkins
        if isinstance(mood := entry.get("mood"), int) and not isinstance(mood, bool)
    ]
    return round(sum(moods) / len(moods), 1) if moods else None


def _checkin_answers(entry: Entry, tz: tzinfo, people: _People) -> dict[str, Any]:
    """A check-in's answers in the person's own words, names and hidden words hidden."""
    return {
        "date": _local_day(entry, tz).isoformat(),
        "gratitude": [_hidden(str(g), people) for g in entry.get("gratitude") or []],
        "intention": _hidden(entry.get("intention"), people),
        "tomorrow": _hidden(entry.get("tomorrow"), people),
    }


def _not_clean(entry: Entry, tz: tzinfo, clocks: Sequence[Clock]) -> bool:
    """Said not clean, or said clean on a day with a lapse on a clock it covers."""
    said = entry.get("clean")
    return said is False or (said is True and not _said_clean(entry, tz, clocks))


def _said_clean(entry: Entry, tz: tzinfo, clocks: Sequence[Clock]) -> bool:
    """Clean, and no clock the check-in covers (its own, or every clock) has a lapse
    recorded on its day."""
    if entry.get("clean") is not True:
        return False
    day = _local_day(entry, tz)
    wanted = entry.clock.casefold() if entry.clock else None
    return not any(
        day_of(lapse.at) == day
        for clock in clocks
        if wanted is None or clock.name.casefold() == wanted
        for lapse in clock.lapses
    )


# --- what's coming up, calendar, notes -------------------------------------------------


def _coming_up(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The next milestones of every clock, and the last day of any goal still running."""
    items: list[dict[str, Any]] = [
        {
            "date": m["date"],
            "kind": "milestone",
            "label": m["label"],
            "clock": clock["name"],
            "days_left": m["days_left"],
            **({"at": m["at"]} if m.get("at") else {}),
        }
        for clock in report["clocks"]
        for m in clock["next_milestones"]
    ]
    until = date.fromisoformat(report["period"]["until"])
    for key in ("meetings", "contacts"):
        goal = report["peer_support"][key]["goal"]
        if goal and not goal["finished"]:
            items.append(
                {
                    "date": goal["end"],
                    "kind": "goal",
                    "label": goal_label(goal, key),
                    "clock": None,
                    "days_left": (date.fromisoformat(goal["end"]) - until).days,
                    "repeat": bool(goal.get("repeat")),
                }
            )
    items.sort(key=lambda item: (item["date"], item["label"]))
    return items[:COMING_UP]


def goal_label(goal: Mapping[str, Any], what: str) -> str:
    """'90 meetings in 90 days', or for a repeating goal '1 contact every 7 days'."""
    return goal_words(what, int(goal["count"]), int(goal["days"]), bool(goal.get("repeat")))


CALENDAR_WORDS = {DayStatus.CLEAN: "clean", DayStatus.LAPSE: "lapse"}  # anything else: no data


def _calendar(
    clocks: Sequence[Clock], entries: Sequence[Entry], period: Period, tz: tzinfo
) -> dict[str, Any]:
    """A timeline-followback style grid: each day's status per clock and its cravings."""
    calendars = [clean_calendar(c, period.since, period.until, tz) for c in clocks]
    per_day = cravings_by_day(entries, period, tz)
    days = []
    for i, row in enumerate(per_day):
        statuses = {}
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


def _notes(
    entries: Sequence[Entry], period: Period, tz: tzinfo, people: _People
) -> list[dict[str, Any]]:
    """Free-text notes on entries other than journal notes, oldest first (names and
    hidden words in them say 'a person')."""
    return [
        {
            "at": e.at.strftime("%Y-%m-%d %H:%M"),
            "type": str(e.type),
            "note": _hidden(e.note, people),
        }
        for e in sorted(_in(entries, period, tz), key=lambda e: e.at)
        if e.note and e.type is not EntryType.NOTE
    ]


def _journal(
    entries: Sequence[Entry], period: Period, tz: tzinfo, people: _People
) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at.strftime("%Y-%m-%d %H:%M"),
            "text": _hidden(e.note, people),
            "mood": e.get("mood"),
        }
        for e in sorted(_in(entries, period, tz), key=lambda e: e.at)
        if e.type is EntryType.NOTE and e.note
    ]
