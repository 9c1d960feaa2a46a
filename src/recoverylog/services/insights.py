"""Insights over a period, and the weekly self-check. No printing here.

``insights`` reads only the months the period (and the one before it, for the trend)
can touch, streaming them through the domain's one-pass aggregates, and returns the
documented JSON-ready shape (``INSIGHTS_VERSION``) that the screen is drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from recoverylog.domain import selfcheck as sc
from recoverylog.domain.insights.build import Insights, build_insights
from recoverylog.domain.insights.clean_days import CleanDays, CleanShare
from recoverylog.domain.insights.coping import CopingEffect
from recoverylog.domain.insights.craving_times import BLOCK_HOURS, WEEKDAYS, TimeOfDay
from recoverylog.domain.insights.cravings import SpanCravings
from recoverylog.domain.insights.mood_json import mood_json
from recoverylog.domain.insights.outcomes import OutcomeStats
from recoverylog.domain.insights.period import DEFAULT_DAYS, Period
from recoverylog.domain.insights.selfchecks import SelfCheckWeek
from recoverylog.domain.insights.triggers import TriggerSummary
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of
from recoverylog.errors import InvalidInput
from recoverylog.messages import since_after_the_end, until_after_today
from recoverylog.render.observations import observations
from recoverylog.services.entries import NewEntry, add_entry
from recoverylog.services.shapes import (
    CleanDaysJson,
    CopingJson,
    InsightsCravingsJson,
    InsightsJson,
    OutcomesJson,
    SelfCheckJson,
    ShareWindowJson,
    SpanJson,
    TriggersJson,
    WhenJson,
)
from recoverylog.services.workspace import Workspace, optional_clock, resolve_clock

INSIGHTS_VERSION = 1


def resolve_period(today: date, since: date | None, until: date | None) -> Period:
    """Default: the 90 days ending today; --since alone runs to today; --until alone
    looks back 90 days from it. The period may not end after today."""
    if until is not None and until > today:
        raise InvalidInput(f"{until_after_today(until, today)}; insights look back, not ahead")
    end = until or today
    if since is None:
        return Period.last_days(DEFAULT_DAYS, end)
    if since > end:
        raise InvalidInput(since_after_the_end(since, end))
    return Period(since, end)


def load_insights(
    ws: Workspace, since: date | None = None, until: date | None = None, clock: str | None = None
) -> Insights:
    """Every insight for the period, computed in one pass over the months it touches."""
    period = resolve_period(ws.today, since, until)
    name = resolve_clock(ws, clock).name if clock else None
    start, _ = period.previous().bounds(ws.tz)
    _, end = period.bounds(ws.tz)
    entries = ws.store.entries.iter_newest_first(start, end)
    journal = ws.journal()
    return build_insights(
        entries,
        period,
        ws.tz,
        journal.clocks,
        name,
        newest_first=True,
        tracked_since=first_entry_day(ws),
        now=ws.now,
        spelling=[t.name for t in journal.toolkit],
    )


def first_entry_day(ws: Workspace) -> date | None:
    """The local day of the oldest entry (only the oldest month is read)."""
    for month in ws.store.entries.months():
        entries = ws.store.entries.load_month(month)
        if entries:
            return day_of(entries[0].at)
    return None


def insights(
    ws: Workspace, since: date | None = None, until: date | None = None, clock: str | None = None
) -> InsightsJson:
    """The documented JSON shape (docs/json.md; schema: insights)."""
    return insights_as_dict(load_insights(ws, since, until, clock), _zone_name(ws))


def _zone_name(ws: Workspace) -> str:
    return str(getattr(ws.tz, "key", None) or ws.tz)


def _round(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def insights_as_dict(ins: Insights, timezone: str) -> InsightsJson:
    before = ins.trend.previous_period
    return {
        "insights_version": INSIGHTS_VERSION,
        "period": {
            "since": ins.period.since.isoformat(),
            "until": ins.period.until.isoformat(),
            "days": ins.period.days,
            "timezone": timezone,
        },
        "previous_period": {"since": before.since.isoformat(), "until": before.until.isoformat()},
        "clock": ins.clock,
        "cravings": _cravings_dict(ins),
        "when": _when_dict(ins.times),
        "triggers": _triggers_dict(ins.triggers),
        "halt": {
            "cravings": ins.halt.cravings,
            "with_any": ins.halt.with_any,
            "counts": dict(ins.halt.counts),
        },
        "coping": [_coping_dict(c) for c in ins.coping],
        "outcomes": _outcomes_dict(ins.outcomes),
        "lapses": [{"clock": name, "at": lapse.at.isoformat()} for name, lapse in ins.lapses],
        "clean_days": [_clean_dict(c) for c in ins.clean],
        "selfchecks": [_selfcheck_dict(s) for s in ins.selfchecks],
        "observations": [{"section": o.section, "text": o.text} for o in observations(ins)],
        "mood": mood_json(ins.mood),
    }


def _cravings_dict(ins: Insights) -> InsightsCravingsJson:
    trend = ins.trend
    return {
        "count": trend.current.count,
        "average_intensity": trend.current.average_intensity,
        "peak_intensity": trend.current.peak_intensity,
        "previous": {
            "count": trend.previous.count,
            "average_intensity": trend.previous.average_intensity,
            "peak_intensity": trend.previous.peak_intensity,
        },
        "change": trend.change,
        "change_share": _round(trend.change_share),
        "direction": trend.direction,
        "intensity_change": trend.intensity_change,
        "comparable": trend.comparable,
        "tracked_since": trend.tracked_since.isoformat() if trend.tracked_since else None,
        "months": [_span_dict(m) for m in ins.months],
        "weeks": [_span_dict(w) for w in ins.weeks],
    }


def _span_dict(span: SpanCravings) -> SpanJson:
    return {
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "days": span.days,
        "count": span.count,
        "average_intensity": span.average_intensity,
        "peak_intensity": span.peak_intensity,
    }


def _when_dict(times: TimeOfDay) -> WhenJson:
    return {
        "weekdays": list(WEEKDAYS),
        "blocks": [f"{h:02d}-{h + BLOCK_HOURS:02d}" for h in range(0, 24, BLOCK_HOURS)],
        "grid": [list(row) for row in times.blocks()],
        "by_weekday": list(times.by_weekday),
        "by_hour": list(times.by_hour),
    }


def _triggers_dict(summary: TriggerSummary) -> TriggersJson:
    return {
        "top": [
            {
                "name": t.name,
                "count": t.count,
                "cravings": t.cravings,
                "average_intensity": t.average_intensity,
                "kind": t.kind,
            }
            for t in summary.triggers
        ],
        "kinds": [
            {"kind": k.kind, "count": k.count, "average_intensity": k.average_intensity}
            for k in summary.kinds
        ],
    }


def _coping_dict(c: CopingEffect) -> CopingJson:
    return {
        "technique": c.name,
        "times_used": c.times_used,
        "cravings": c.cravings,
        "passed_with": c.passed_with,
        "known_with": c.known_with,
        "pass_rate_with": _round(c.pass_rate_with),
        "passed_without": c.passed_without,
        "known_without": c.known_without,
        "pass_rate_without": _round(c.pass_rate_without),
        "average_helped": c.average_helped,
        "ratings": c.ratings,
        "enough_data": c.enough_data,
    }


def _outcomes_dict(o: OutcomeStats) -> OutcomesJson:
    return {
        "cravings": o.cravings,
        "passed": o.passed,
        "used": o.used,
        "unknown": o.unknown,
        "pass_rate": _round(o.pass_rate),
        "average_duration_min": o.average_duration_min,
        "with_duration": o.with_duration,
        "average_intensity_passed": o.average_intensity_passed,
        "average_intensity_used": o.average_intensity_used,
        "by_intensity": [
            {"low": b.low, "high": b.high, "passed": b.passed, "used": b.used, "unknown": b.unknown}
            for b in o.bands
        ],
    }


def _clean_dict(c: CleanDays) -> CleanDaysJson:
    return {
        "clock": c.clock,
        "today": c.today.isoformat(),
        "total_clean_days": c.total_clean_days,
        "day_one_minutes": c.day_one_minutes,
        "score": None if c.score is None else round(c.score, 3),
        "shares": {str(days): _share_dict(s) for days, s in c.shares.items()},
        "calendar": {
            "start": c.calendar.start.isoformat(),
            "end": c.calendar.end.isoformat(),
            "ranges": [
                {"start": first.isoformat(), "end": last.isoformat(), "status": status}
                for first, last, status in c.calendar.ranges()
            ],
        },
        "weekly_scores": [
            {"date": day.isoformat(), "score": round(score, 3)} for day, score in c.weekly_scores
        ],
    }


def _share_dict(s: CleanShare) -> ShareWindowJson:
    return {
        "since": s.since.isoformat() if s.since else None,
        "until": s.until.isoformat() if s.until else None,
        "days": s.days,
        "counted": s.counted,
        "clean": s.clean,
        "lapse_days": s.lapse_days,
        "lapses": s.lapses,
        "share": _round(s.share),
    }


def _selfcheck_dict(s: SelfCheckWeek) -> SelfCheckJson:
    return {
        "week_start": s.week_start.isoformat(),
        "date": s.day.isoformat(),
        "total": s.total,
        "answers": list(s.answers),
        "clock": s.clock,
    }


# --- the weekly self-check ---------------------------------------------------------


def selfcheck_clock(ws: Workspace, clock: str | None) -> str | None:
    """The clock the self-check is about: the named one, else the only/default one."""
    return optional_clock(ws, clock)


def selfcheck_questions(clock: str | None) -> tuple[sc.Question, ...]:
    return sc.questions(clock)


@dataclass(frozen=True)
class SavedSelfCheck:
    entry: Entry
    total: int
    # The self-check before this one (within the last 13 weeks): its total and local day.
    previous_total: int | None = None
    previous_day: date | None = None


def save_selfcheck(
    ws: Workspace,
    answers: list[int],
    clock: str | None = None,
    at: datetime | None = None,
    note: str | None = None,
) -> SavedSelfCheck:
    """Validate the five answers and store them as a selfcheck entry."""
    values = sc.validate_answers(answers)
    data = {"answers": values, "total": sum(values)}
    previous = _previous_selfcheck(ws, ws.local(at or ws.now), optional_clock(ws, clock))
    entry = add_entry(ws, NewEntry(EntryType.SELFCHECK, at, clock, note, [], data))
    if previous is None:
        return SavedSelfCheck(entry, sum(values))
    total = previous.data.get("total")
    return SavedSelfCheck(
        entry,
        sum(values),
        int(total) if isinstance(total, int) else None,
        day_of(previous.at),
    )


def _previous_selfcheck(ws: Workspace, before: datetime, clock: str | None) -> Entry | None:
    wanted = (clock or "").casefold()
    for found in ws.store.entries.iter_newest_first(before - timedelta(weeks=13), before):
        if found.type is EntryType.SELFCHECK and (found.clock or "").casefold() == wanted:
            return found
    return None
