"""A month's report tallies as plain JSON values, and back. Pure.

What a report counts from one month file can be kept and added to a later report
(``ReportTally.merge``) instead of counting the month's entries again. The plain form
holds only JSON's own types (times and days as ISO text), so it can be written as JSON
and read back without running anything. Days are kept by date, not by their place in
the period, so a month can be read back into any period that holds all of its days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from recoverylog.domain.goals import GoalUse
from recoverylog.domain.insights.build import InsightsTally
from recoverylog.domain.insights.coping import CopingTally
from recoverylog.domain.insights.craving_times import HourTally, TimeTally
from recoverylog.domain.insights.cravings import CravingDayTally, CravingTally
from recoverylog.domain.insights.mood import MoodTally
from recoverylog.domain.insights.outcomes import OutcomeTally
from recoverylog.domain.insights.selfchecks import SelfCheckTally, SelfCheckWeek
from recoverylog.domain.insights.triggers import HaltTally, TriggerTally
from recoverylog.domain.model import EntryType
from recoverylog.reports.tallies import (
    Checkin,
    Contact,
    Meeting,
    Note,
    PeerSupport,
    PeopleFound,
    ReportTally,
)

Plain = dict[str, Any]


def tally_to_plain(tally: ReportTally) -> Plain:
    """Everything ``tally`` counted, as JSON values."""
    insights = tally.insights
    return {
        "before": _cravings_out(insights.before),
        "cravings": _cravings_out(insights.cravings),
        "days": _days_out(insights.days),
        "times": insights.times.grid,
        "triggers": _triggers_out(insights.triggers),
        "halt": [insights.halt.cravings, insights.halt.with_any, insights.halt.counts],
        "coping": _coping_out(insights.coping),
        "outcomes": _outcomes_out(insights.outcomes),
        "selfchecks": _selfchecks_out(insights.selfchecks),
        "mood": _mood_out(insights.mood),
        "hours": [_cravings_out(counter) for counter in tally.hours.hours],
        "people": [sorted(tally.people.trigger_keys), sorted(tally.people.names)],
        "peer": _peer_out(tally.peer),
        **_goals_out(tally),
        "checkins": [_checkin_out(c) for c in tally.checkins],
        "notes": [[n.at.isoformat(), n.type.value, n.text, n.mood, n.prompt] for n in tally.notes],
    }


def add_plain(tally: ReportTally, data: Plain) -> None:
    """Add counts kept by ``tally_to_plain`` to ``tally``, as if it had been fed the
    entries they were counted from. Raises ValueError (or KeyError, TypeError) when
    the data is not such counts, or holds a day outside the tally's period."""
    part = ReportTally(
        tally.period,
        tally.tz,
        tally.insights.clock,
        tally.clocks,
        notes=tally.keep_notes,
        goals=tally.goals.goals,
    )
    _fill_insights(part.insights, data)
    part.hours = _hours_in(data["hours"])
    part.people = _people_in(data["people"])
    part.peer = _peer_in(data["peer"])
    _goals_in(part, data)
    part.checkins = [_checkin_in(row) for row in data["checkins"]]
    part.notes = [
        Note(_at(at), EntryType(kind), text, mood, prompt)
        for at, kind, text, mood, prompt in data["notes"]
    ]
    tally.merge(part)


def add_plain_before(tally: ReportTally, data: Plain) -> None:
    """Add counts kept by ``tally_to_plain`` from entries of the period before
    ``tally``'s: their cravings (for the trend), who they name and their goal days."""
    tally.insights.before.merge(_cravings_in(data["cravings"]))
    add_plain_earlier(tally, data)


def add_plain_earlier(tally: ReportTally, data: Plain) -> None:
    """Add counts kept by ``tally_to_plain`` from entries read from before the period
    before ``tally``'s (a goal's round began earlier): who they name and their goal days."""
    tally.people.merge(_people_in(data["people"]))
    earlier = PeerSupport()
    earlier.goal_days = _peer_in(data["peer"]).goal_days
    tally.peer.merge(earlier)
    _goals_in(tally, data)


def _people_in(rows: list[list[str]]) -> PeopleFound:
    return PeopleFound(set(rows[0]), set(rows[1]))


def _fill_insights(insights: InsightsTally, data: Plain) -> None:
    insights.before = _cravings_in(data["before"])
    insights.cravings = _cravings_in(data["cravings"])
    _days_in(insights.days, data["days"])
    insights.times = TimeTally()
    insights.times.grid = [[int(n) for n in row] for row in data["times"]]
    insights.triggers = _triggers_in(data["triggers"])
    insights.halt = _halt_in(data["halt"])
    insights.coping = _coping_in(insights.coping, data["coping"])
    insights.outcomes = _outcomes_in(data["outcomes"])
    insights.selfchecks = _selfchecks_in(insights.selfchecks.newest_first, data["selfchecks"])
    _mood_in(insights.mood, data["mood"])


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- cravings ----------------------------------------------------------------------


def _cravings_out(tally: CravingTally) -> list[int | None]:
    return [tally.count, tally.total, tally.peak]


def _cravings_in(row: list[Any]) -> CravingTally:
    tally = CravingTally()
    tally.count, tally.total, tally.peak = int(row[0]), int(row[1]), row[2]
    return tally


def _days_out(tally: CravingDayTally) -> list[list[Any]]:
    """The days with cravings, by date."""
    return [
        [day.day.isoformat(), day.count, tally.totals[i], day.peak_intensity]
        for i, day in enumerate(tally.days())
        if day.count
    ]


def _days_in(tally: CravingDayTally, rows: list[list[Any]]) -> None:
    for day, count, total, peak in rows:
        index = (date.fromisoformat(day) - tally.since).days
        if not 0 <= index < len(tally.counts):
            raise ValueError(f"{day} is outside the period")
        tally.counts[index], tally.totals[index], tally.peaks[index] = count, total, peak


def _hours_in(rows: list[list[Any]]) -> HourTally:
    tally = HourTally()
    if len(rows) != len(tally.hours):
        raise ValueError("a day has 24 hours")
    tally.hours = [_cravings_in(row) for row in rows]
    return tally


# --- triggers, HALT, coping, outcomes, self-checks ---------------------------------


def _triggers_out(tally: TriggerTally) -> Plain:
    return {
        "names": [[key, at.isoformat(), spelling] for key, (at, spelling) in tally.names.items()],
        "counts": tally.counts,
        "cravings": tally.cravings,
        "totals": tally.totals,
        "kinds": [[key, at.isoformat(), kind] for key, (at, kind) in tally.kinds.items()],
        "entry_kinds": tally.entry_kinds,
    }


def _triggers_in(data: Plain) -> TriggerTally:
    tally = TriggerTally()
    tally.names = {key: (_at(at), spelling) for key, at, spelling in data["names"]}
    tally.counts, tally.cravings = dict(data["counts"]), dict(data["cravings"])
    tally.totals = dict(data["totals"])
    tally.kinds = {key: (_at(at), kind) for key, at, kind in data["kinds"]}
    tally.entry_kinds = {key: dict(per) for key, per in data["entry_kinds"].items()}
    return tally


def _halt_in(row: list[Any]) -> HaltTally:
    tally = HaltTally()
    tally.cravings, tally.with_any = int(row[0]), int(row[1])
    tally.counts = {state: int(row[2][state]) for state in tally.counts}
    return tally


def _coping_out(tally: CopingTally) -> Plain:
    return {
        "names": tally.names,
        "kinds": [[outcome, sorted(keys)] for outcome, keys in tally.kinds],
        "cravings": tally.cravings,
        "links": tally.links,
        "loose": tally.loose,
        "ratings": tally.ratings,
    }


def _coping_in(live: CopingTally, data: Plain) -> CopingTally:
    """Counts to merge into ``live``, which keeps the toolkit's spelling."""
    tally = CopingTally()
    tally.spelling = live.spelling
    tally.names = dict(data["names"])
    tally.kinds = {(outcome, frozenset(keys)): i for i, (outcome, keys) in enumerate(data["kinds"])}
    if len(tally.kinds) != len(data["kinds"]):
        raise ValueError("a kind of craving is listed twice")
    tally.cravings = {str(key): int(index) for key, index in data["cravings"].items()}
    tally.links = [(str(key), str(craving)) for key, craving in data["links"]]
    tally.loose = dict(data["loose"])
    tally.ratings = {key: list(values) for key, values in data["ratings"].items()}
    return tally


def _outcomes_out(tally: OutcomeTally) -> Plain:
    return {
        "counts": tally.counts,
        "intensity": tally.intensity,
        "bands": tally.bands,
        "durations": [tally.duration_total, tally.durations],
    }


def _outcomes_in(data: Plain) -> OutcomeTally:
    tally = OutcomeTally()
    tally.counts = {bucket: int(data["counts"][bucket]) for bucket in tally.counts}
    tally.intensity = {bucket: int(data["intensity"][bucket]) for bucket in tally.intensity}
    tally.bands = [{bucket: int(band[bucket]) for bucket in tally.counts} for band in data["bands"]]
    tally.duration_total, tally.durations = (int(n) for n in data["durations"])
    return tally


def _selfchecks_out(tally: SelfCheckTally) -> list[list[Any]]:
    return [
        [
            clock_key,
            [at.isoformat(), saved.isoformat()],
            [week.week_start.isoformat(), week.day.isoformat()],
            week.total,
            list(week.answers),
            week.clock,
        ]
        for (clock_key, _), ((at, saved), week) in tally.weeks.items()
    ]


def _selfchecks_in(newest_first: bool, rows: list[list[Any]]) -> SelfCheckTally:
    tally = SelfCheckTally(newest_first)
    for clock_key, (at, saved), (monday, day), total, answers, clock in rows:
        week = SelfCheckWeek(
            date.fromisoformat(monday), date.fromisoformat(day), total, tuple(answers), clock
        )
        tally.weeks[(clock_key, week.week_start)] = ((_at(at), _at(saved)), week)
    return tally


def _mood_out(tally: MoodTally) -> Plain:
    """The days with a mood, a meeting, a contact, coping or hours slept, by date; and
    the days each tag was used."""

    def day(index: int) -> str:
        return (tally.since + timedelta(days=index)).isoformat()

    days = [
        [day(i), tally.totals[i], count, tally.flags[i], tally.slept[i]]
        for i, count in enumerate(tally.counts)
        if count or tally.flags[i] or tally.slept[i] is not None
    ]
    tags = [
        [key, tally.tag_names[key], sorted(day(i) for i in used)]
        for key, used in tally.tags.items()
    ]
    return {"days": days, "tags": tags}


def _mood_in(tally: MoodTally, data: Plain) -> None:
    def index(day: str) -> int:
        found = (date.fromisoformat(day) - tally.since).days
        if not 0 <= found < len(tally.counts):
            raise ValueError(f"{day} is outside the period")
        return found

    for day, total, count, flags, slept in data["days"]:
        i = index(day)
        tally.totals[i], tally.counts[i], tally.flags[i] = int(total), int(count), int(flags)
        tally.slept[i] = slept
    for key, spelling, days in data["tags"]:
        tally.tags[str(key)] = {index(day) for day in days}
        tally.tag_names[str(key)] = str(spelling)


# --- peer support, check-ins ---------------------------------------------------------


def _peer_out(peer: PeerSupport) -> Plain:
    return {
        "meetings": [[m.at.isoformat(), m.name, m.fellowship, m.online] for m in peer.meetings],
        "contacts": [[c.person, c.via] for c in peer.contacts],
        "goal_days": {
            kind.value: [day.isoformat() for day in days] for kind, days in peer.goal_days.items()
        },
    }


def _peer_in(data: Plain) -> PeerSupport:
    peer = PeerSupport()
    peer.meetings = [Meeting(_at(at), *rest) for at, *rest in data["meetings"]]
    peer.contacts = [Contact(str(person), str(via)) for person, via in data["contacts"]]
    peer.goal_days = {
        EntryType(kind): [date.fromisoformat(day) for day in days]
        for kind, days in data["goal_days"].items()
    }
    return peer


def _goals_out(tally: ReportTally) -> Plain:
    """The uses of goals beyond meetings and contacts, when there are such goals (the
    counting key names them)."""
    if not tally.goals.goals:
        return {}
    rows = {
        key: [[use.day.isoformat(), use.craving] for use in found]
        for key, found in tally.goals.uses.items()
    }
    return {"goals": rows}


def _goals_in(tally: ReportTally, data: Plain) -> None:
    """Add kept uses of goals to ``tally``'s."""
    if not tally.goals.goals:
        return
    for key, rows in data["goals"].items():
        found = [GoalUse(date.fromisoformat(day), str(craving)) for day, craving in rows]
        tally.goals.uses.setdefault(key, []).extend(found)


def _checkin_out(checkin: Checkin) -> list[Any]:
    return [
        checkin.at.isoformat(),
        checkin.clean,
        checkin.not_clean,
        checkin.difficulty,
        checkin.mood,
        checkin.answers,
    ]


def _checkin_in(row: list[Any]) -> Checkin:
    at, clean, not_clean, difficulty, mood, answers = row
    return Checkin(_at(at), bool(clean), bool(not_clean), difficulty, mood, answers)
