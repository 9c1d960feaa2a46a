"""A report dict in words: sections of paragraphs, lists, tables and charts. Pure.

Every writer (Markdown, plain text, HTML) renders this one description, so all formats
say the same things. Blocks hold plain text only, never markup: each writer escapes
the text for its own format. The dict may come from another person's file (``report
view``), so reading it is defensive: a missing or odd value is a ``ReportShapeError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recoverylog.domain.moments import hours_and_minutes
from recoverylog.domain.text import plural
from recoverylog.reports.build import REPORT_KIND, REPORT_VERSION, goal_label


class ReportShapeError(ValueError):
    """The data is not a report this version can read."""


# --- blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right
    kind: str = "plain"  # "calendar": cells are clean / lapse / no data
    text_only: bool = False  # HTML shows the same numbers another way (a chart, a grid)


@dataclass(frozen=True)
class Figure:
    value: str  # "61 days"
    label: str  # "alcohol"
    detail: str  # "counting from Mon 14 Sep 2026"


@dataclass(frozen=True)
class Figures:
    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Quotes:
    """Free text written by the person: (when, text) pairs, shown as written."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Chart:
    """A small bar chart; drawn in HTML only (the tables beside it carry the numbers)."""

    title: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # one per bar; "" for no label under it
    tips: tuple[str, ...]  # one per bar: what the bar means, in words
    top: float  # the value of a full-height bar
    unit: str


@dataclass(frozen=True)
class GridDay:
    label: str  # "25" or "1 Nov" where a month begins
    status: str  # clean, lapse, no data
    cravings: int
    tip: str


@dataclass(frozen=True)
class Grid:
    """A calendar of weeks (Monday first) for one clock; drawn in HTML only."""

    title: str
    weeks: tuple[tuple[GridDay | None, ...], ...]


Block = Para | Bullets | Table | Figures | Quotes | Chart | Grid


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    meta: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str
    banner: tuple[str, ...] = field(default_factory=tuple)  # what is shared, what is not


# --- words -------------------------------------------------------------------------


def nice_date(iso: str) -> str:
    day = date.fromisoformat(str(iso)[:10])
    return f"{day:%a} {day.day} {day:%b %Y}"


def at_time(at: Any) -> str:
    """' at 22:00' after a day, for something at a known moment (an ISO date and time)."""
    return f" at {str(at)[11:16]}" if at else ""


def clean_count(clock: Mapping[str, Any]) -> str:
    """'14 hours 30 minutes' on day one of a clock started at a known moment, else days."""
    minutes = clock.get("minutes_clean")
    if minutes is not None and int(clock["days"]) == 0:
        return hours_and_minutes(int(minutes))
    return plural(int(clock["days"]), "day")


def short_date(iso: str, year: int | None = None) -> str:
    """'Mon 30 Nov'; with the year too ('Sat 9 Jan 2027') when it is not ``year``, the
    year the report was made in (always, when no year is given)."""
    day = date.fromisoformat(str(iso)[:10])
    if day.year != year:
        return nice_date(iso)
    return f"{day:%a} {day.day} {day:%b}"


def report_year(r: Mapping[str, Any]) -> int:
    """The year the report was made in: dates in it are written without their year."""
    return date.fromisoformat(str(r["generated"])[:10]).year


def number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def percent(share: Any) -> str:
    return "–" if share is None else f"{float(share) * 100:.0f}%"


def in_days(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{plural(-days, 'day')} ago"
    return f"in {plural(days, 'day')}"


AUDIENCE_WORDS = {
    "sponsor": "for a sponsor",
    "clinician": "for a counsellor or clinician",
    "self": "for my own use",
}
DAILY_TABLE_DAYS = 14  # longer periods get a table by week (the chart still shows each day)
MEETING_LIST_DAYS = 31  # longer periods show meetings by fellowship only
STATUS_MARKS = {"clean": "clean", "lapse": "lapse", "no data": "no data"}


# --- the document ---------------------------------------------------------------------


def check_report(data: Any) -> Mapping[str, Any]:
    """The report dict if it looks like one this version can read; else ReportShapeError."""
    if not isinstance(data, Mapping) or data.get("kind") != REPORT_KIND:
        raise ReportShapeError("this is not a recoverylog report")
    version = data.get("report_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReportShapeError("the report has no report_version")
    if version > REPORT_VERSION:
        raise ReportShapeError(
            f"the report is version {version}, newer than this recoverylog reads "
            f"({REPORT_VERSION}); update recoverylog to read it"
        )
    return data


def document(data: Any) -> Document:
    """The words of a report, from its dict."""
    report = check_report(data)
    try:
        return _document(report)
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        StopIteration,
        ArithmeticError,
    ) as exc:
        raise ReportShapeError(f"the report is incomplete or damaged ({exc!r})") from exc


def _document(r: Mapping[str, Any]) -> Document:
    period = r["period"]
    who = r.get("prepared_by")
    title = f"Recovery report: {who}" if who else "Recovery report"
    meta = [
        f"{nice_date(period['since'])} to {nice_date(period['until'])} "
        f"({plural(int(period['days']), 'day')})",
        f"Prepared {nice_date(r['generated'])} {AUDIENCE_WORDS.get(r['audience'], '')}".rstrip(),
    ]
    if r.get("clock_filter"):
        meta.append(f"Only about: {r['clock_filter']}")
    sections = [
        _clean_time(r),
        _lapses(r),
        _cravings(r),
        _coping(r),
        _peer_support(r),
        *_checkins(r),
        _coming_up(r),
        *_calendar(r),
        *_notes(r),
        *_journal(r),
    ]
    return Document(
        title=title,
        meta=tuple(meta),
        sections=tuple(sections),
        footer="Shared by choice, in confidence. Please keep it private.",
        banner=_banner(r),
    )


def _banner(r: Mapping[str, Any]) -> tuple[str, ...]:
    """The report's own banner; a report of the first version had only its list of
    what it left out."""
    if "banner" in r:
        return tuple(str(line) for line in r["banner"])
    left_out = [str(x) for x in r.get("left_out", [])]
    if not left_out:
        return ()
    return ("Not in this report: " + "; ".join(x[:1].lower() + x[1:] for x in left_out) + ".",)


def _run_started(r: Mapping[str, Any], clock: Mapping[str, Any]) -> bool:
    """False on the day of a lapse, when the new run only begins the next day (worked out
    from the dates for a report saved before the report said so itself)."""
    if "current_run_started" in clock:
        return bool(clock["current_run_started"])
    return str(clock["counting_from"]) <= str(r["period"]["until"])


def _clean_time(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    blocks: list[Block] = []
    clocks = r["clocks"]
    if not clocks:
        blocks.append(Para("No clocks are set up."))
    figures = []
    for c in clocks:
        if not c["started"]:
            figures.append(
                Figure("Not started", c["name"], f"starts {nice_date(c['clean_since'])}")
            )
            continue
        if not _run_started(r, c):  # the day of a lapse: say when the new run starts
            figures.append(
                Figure("A new run", c["name"], f"starts {nice_date(c['counting_from'])}")
            )
            continue
        figures.append(
            Figure(
                clean_count(c),
                c["name"],
                f"counting from {nice_date(c['counting_from'])}"
                + at_time(c.get("counting_from_at")),
            )
        )
    if figures:
        blocks.append(Figures(tuple(figures)))
    for c in clocks:
        if not c["started"]:
            continue
        if c.get("minutes_clean") is not None and not int(c["days"]) and not c["lapses_total"]:
            # Day one, counted in hours: no whole day to total yet.
            since = nice_date(c["clean_since"]) + at_time(c.get("clean_since_at"))
            items = [f"{c['name']}: clean since {since}; day one is counted in hours."]
            blocks.append(Bullets(tuple(items + _upcoming(c, year))))
            continue
        facts = [
            f"{plural(int(c['total_clean_days']), 'clean day')} in total since "
            f"{nice_date(c['clean_since'])}"
            + (f" ({percent(c['share_clean'])} of days)" if c["share_clean"] is not None else ""),
            f"longest run {plural(int(c['longest_run_days']), 'day')}",
        ]
        if c["lapses_total"]:
            facts.append(f"{plural(int(c['lapses_total']), 'lapse')} in all")
        items = [f"{c['name']}: " + "; ".join(facts) + "."]
        part = c["in_period"]
        if part["days_counted"]:
            items.append(
                f"This period: {part['clean_days']} of {plural(int(part['days_counted']), 'day')} "
                f"clean ({percent(part['share_clean'])})."
            )
        if c.get("trend_score") is not None:
            items.append(
                f"Trend score {round(float(c['trend_score']) * 100)} of 100. It grows with "
                "each clean day (about 50 after two weeks, 80 after a month), so a new start "
                "shows a small number; a lapse costs a little, not everything."
            )
        reached = c["milestones_reached"]
        if reached:
            items.append(
                "Reached this period: " + ", ".join(_reached(m, c, year) for m in reached) + "."
            )
        items += _upcoming(c, year)
        blocks.append(Bullets(tuple(items)))
    return Section("clean-time", "Clean time", tuple(blocks))


def _upcoming(c: Mapping[str, Any], year: int) -> list[str]:
    upcoming = c["next_milestones"]
    if not upcoming:
        return []
    return [
        "Next: "
        + "; ".join(
            f"{_milestone_name(m)} on {short_date(m['date'], year)}{at_time(m.get('at'))} "
            f"({in_days(m['days_left'])})"
            for m in upcoming
        )
        + "."
    ]


def _reached(m: Mapping[str, Any], clock: Mapping[str, Any], year: int) -> str:
    """'30 days on Sat 31 Oct', saying which run when it is not the one counted now."""
    text = f"{_milestone_name(m)} on {short_date(m['date'], year)}{at_time(m.get('at'))}"
    run_from = m.get("run_from")
    if run_from and run_from != clock["counting_from"]:
        text += f" (in the run from {short_date(run_from, year)})"
    return text


def _milestone_name(m: Mapping[str, Any]) -> str:
    return f"{m['label']} ({m['keytag']} keytag)" if m.get("keytag") else str(m["label"])


def _lapses(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    lapses = r["lapses"]
    if not lapses:
        return Section("lapses", "Lapses", (Para("No lapses in this period."),))
    details = bool(r["shared"].get("lapse_details"))
    # Triggers are lapse details; a report of the first version had them anyway.
    triggers = details or any("triggers" in lapse for lapse in lapses)
    headers = ["Date", "Clock", *(["Triggers"] if triggers else []), "Next run from"]
    if details:
        headers.append("Circumstances")
    rows = []
    for lapse in lapses:
        row = [f"{short_date(lapse['date'], year)} {lapse['time']}", lapse["clock"]]
        if triggers:
            row.append("; ".join(lapse.get("triggers") or []) or "–")
        row.append(short_date(lapse["next_run_from"], year))
        if details:
            row.append(lapse.get("note") or "–")
        rows.append(tuple(row))
    intro = Para(
        f"{plural(len(lapses), 'lapse')} in this period. A lapse is one moment, not the whole "
        "story: the clean days before it still count."
    )
    return Section("lapses", "Lapses", (intro, Table(tuple(headers), tuple(rows))))


def _cravings(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    c = r["cravings"]
    days = int(r["period"]["days"])
    prev = c["previous"]
    blocks: list[Block] = []
    if c["count"]:
        text = (
            f"{plural(int(c['count']), 'craving')}, average intensity "
            f"{number(c['average_intensity'])} of 10, strongest {number(c['peak_intensity'])}."
        )
    else:
        text = "No cravings logged in this period."
    started = c.get("previous_from_first_clean_day")
    if c.get("previous_tracked") is False:
        text += " No earlier period to compare with"
        text += f": tracking began on {nice_date(started)}." if started else "."
    elif c["change"]:
        text += (
            f" The {plural(days, 'day')} before: {prev['count']} "
            f"({abs(int(c['change']))} {c['direction']} now)."
        )
    elif c["count"] or prev["count"]:
        text += f" The same number as the {plural(days, 'day')} before."
    if started and (c["count"] or prev["count"]) and c.get("previous_tracked") is not False:
        text += f" (Tracking began on {nice_date(started)}; the days before it were not tracked.)"
    blocks.append(Para(text))
    if not c["count"]:
        return Section("cravings", "Cravings", tuple(blocks))

    per_day = c["by_day"]
    blocks.append(
        Chart(
            "Cravings per day",
            tuple(float(d["count"]) for d in per_day),
            tuple(_day_label(i, d["date"], len(per_day)) for i, d in enumerate(per_day)),
            tuple(
                f"{short_date(d['date'], year)}: {plural(int(d['count']), 'craving')}"
                for d in per_day
            ),
            float(max(1, *(int(d["count"]) for d in per_day))),
            "cravings",
        )
    )
    if days <= DAILY_TABLE_DAYS:
        blocks.append(
            Table(
                ("Day", "Cravings", "Average", "Strongest"),
                tuple(
                    (
                        short_date(d["date"], year),
                        str(d["count"]),
                        number(d["average_intensity"]),
                        number(d["peak_intensity"]),
                    )
                    for d in per_day
                ),
                numeric=(1, 2, 3),
            )
        )
    else:
        blocks.append(
            Table(
                ("Week", "Cravings", "Average", "Strongest"),
                tuple(
                    (
                        short_date(w["since"], year)
                        if w["since"] == w["until"]
                        else f"{short_date(w['since'], year)} – {short_date(w['until'], year)}",
                        str(w["count"]),
                        number(w["average_intensity"]),
                        number(w["peak_intensity"]),
                    )
                    for w in c["by_week"]
                ),
                numeric=(1, 2, 3),
            )
        )
    when = []
    if c.get("busiest_weekday"):
        when.append(f"most often on {c['busiest_weekday']}s")
    if c.get("busiest_part_of_day"):
        part = next(p for p in c["by_part_of_day"] if p["part"] == c["busiest_part_of_day"])
        when.append(f"in the {part['part']} ({part['hours']})")
    if when:
        blocks.append(Para("When: " + " and ".join(when) + "."))
    blocks.append(
        Para(
            "By weekday: " + " · ".join(f"{w['day'][:3]} {w['count']}" for w in c["by_weekday"]),
            small=True,
        )
    )
    blocks.append(
        Para(
            "By time of day: "
            + " · ".join(f"{p['part']} {p['count']}" for p in c["by_part_of_day"]),
            small=True,
        )
    )
    hours = c["by_hour"]
    blocks.append(
        Chart(
            "Average intensity by hour of the day",
            tuple(float(h["average_intensity"] or 0) for h in hours),
            tuple(f"{h['hour']:02d}" if h["hour"] % 6 == 0 else "" for h in hours),
            tuple(
                f"{h['hour']:02d}:00–{h['hour'] + 1:02d}:00: "
                + (
                    f"{plural(int(h['count']), 'craving')}, "
                    f"average {number(h['average_intensity'])}"
                    if h["count"]
                    else "no cravings"
                )
                for h in hours
            ),
            10.0,
            "intensity",
        )
    )
    triggers = c["triggers"]
    if triggers:
        kinds = any(t.get("kind") for t in triggers)
        blocks.append(
            Table(
                ("Trigger", "Times", "Average intensity", *(("Kind",) if kinds else ())),
                tuple(
                    (
                        t["name"],
                        str(t["count"]),
                        number(t["average_intensity"]),
                        *((t.get("kind") or "",) if kinds else ()),
                    )
                    for t in triggers
                ),
                numeric=(1, 2),
            )
        )
    halt = c["halt"]
    if halt["cravings"]:
        states = ", ".join(f"{s['state']} {s['count']}" for s in halt["states"])
        blocks.append(
            Para(
                f"HALT (hungry, angry, lonely, tired): {states}; "
                f"{halt['with_any']} of {plural(int(halt['cravings']), 'craving')} "
                "had at least one."
            )
        )
    o = c["outcomes"]
    known = int(o["passed"]) + int(o["used"])
    words = []
    if known:
        words.append(
            f"{o['passed']} of {plural(known, 'craving')} with an outcome passed without using"
        )
    if o["unknown"]:
        words.append(f"{o['unknown']} without an outcome recorded")
    if o.get("average_duration_min") is not None:
        words.append(f"on average a craving lasted {number(o['average_duration_min'])} minutes")
    if words:
        sentence = "; ".join(words)
        blocks.append(Para("Outcomes: " + sentence + "."))
    return Section("cravings", "Cravings", tuple(blocks))


def _day_label(index: int, iso: str, total: int) -> str:
    day = date.fromisoformat(iso)
    if total <= 10:
        return f"{day:%a}"[:2] + f" {day.day}"
    step = 7 if total <= 62 else 28
    return f"{day.day} {day:%b}" if index % step == 0 else ""


def _coping(r: Mapping[str, Any]) -> Section:
    coping = r["coping"]
    techniques = coping["techniques"]
    if not techniques:
        return Section("coping", "What helped", (Para("No coping logged in this period."),))
    rows = []
    for t in techniques:
        passed = f"{t['passed_with']} of {t['known_with']}" if t["known_with"] else "–"
        helped = f"{number(t['average_helped'])} of 5" if t["average_helped"] is not None else "–"
        rows.append((t["name"], str(t["times_used"]), passed, helped))
    blocks: list[Block] = [
        Table(("Technique", "Used", "Craving passed", "Helpfulness"), tuple(rows), numeric=(1,))
    ]
    best = coping.get("worked_best")
    if best:
        row = next(t for t in techniques if t["name"] == best)
        blocks.append(
            Para(
                f"Worked best: {best} (the craving passed {row['passed_with']} of "
                f"{plural(int(row['known_with']), 'time')})."
            )
        )
    else:
        blocks.append(
            Para("Too early to say what works best: no technique was used 5 times in this period.")
        )
    return Section("coping", "What helped", tuple(blocks))


def _peer_support(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    peer = r["peer_support"]
    meetings, contacts = peer["meetings"], peer["contacts"]
    blocks: list[Block] = []
    count = int(meetings["count"])
    if count:
        text = (
            f"{plural(count, 'meeting')} ({meetings['in_person']} in person, "
            f"{meetings['online']} online)"
        )
        if meetings["by_fellowship"]:
            text += ": " + ", ".join(
                f"{f['fellowship']} {f['count']}" for f in meetings["by_fellowship"]
            )
        blocks.append(Para(text + "."))
    else:
        blocks.append(Para("No meetings logged in this period."))
    goal = meetings.get("goal")
    if goal:
        blocks.append(Para(_goal_words(goal, "meetings", year)))
    if meetings["list"] and int(r["period"]["days"]) <= MEETING_LIST_DAYS:
        blocks.append(
            Table(
                ("Date", "Meeting", "Fellowship", "Where"),
                tuple(
                    (
                        short_date(m["date"], year),
                        m.get("name") or "meeting",
                        m.get("fellowship") or "",
                        "online" if m.get("online") else "in person",
                    )
                    for m in meetings["list"]
                ),
            )
        )
    n = int(contacts["count"])
    if n:
        whose = "my" if r.get("audience") == "self" else "their"  # the self report is mine
        text = f"{plural(n, 'contact')} with people in {whose} support network"
        if contacts["by_role"]:
            text += ": " + ", ".join(f"{x['role']} {x['count']}" for x in contacts["by_role"])
        if contacts["by_via"]:
            text += "; by " + ", ".join(f"{x['via']} {x['count']}" for x in contacts["by_via"])
        blocks.append(Para(text + "."))
    else:
        blocks.append(Para("No contacts logged in this period."))
    goal = contacts.get("goal")
    if goal:
        blocks.append(Para(_goal_words(goal, "contacts", year)))
    people = contacts.get("people")
    if people:
        blocks.append(
            Table(
                ("Person", "Role", "Contacts"),
                tuple((p["name"], p["role"], str(p["count"])) for p in people),
                numeric=(2,),
            )
        )
    return Section("peer-support", "Meetings and peer support", tuple(blocks))


def _goal_words(goal: Mapping[str, Any], what: str, year: int) -> str:
    head = f"Goal: {goal_label(goal, what)}"
    if goal["finished"]:
        return (
            f"{head}, from {short_date(goal['start'], year)} to {short_date(goal['end'], year)}: "
            f"{goal['done']} done."
        )
    last = "this round ends" if goal.get("repeat") else "last day"
    return (
        f"{head}: {goal['done']} so far, day {goal['day']} of {goal['days']} "
        f"({last} {short_date(goal['end'], year)})."
    )


def _checkins(r: Mapping[str, Any]) -> list[Section]:
    year = report_year(r)
    blocks: list[Block] = []
    checkins = r.get("checkins")
    if checkins:
        text = f"{plural(int(checkins['count']), 'daily check-in')}"
        if checkins["clean"] or checkins["not_clean"]:
            text += f": clean on {checkins['clean']}"
            if checkins["not_clean"]:
                text += f", not clean on {checkins['not_clean']}"
        blocks.append(Para(text + "."))
        if checkins["difficulty"]:
            blocks.append(
                Para(
                    "How hard the day was: "
                    + ", ".join(f"{d['label']} {d['count']}" for d in checkins["difficulty"])
                    + "."
                )
            )
        if checkins.get("average_mood") is not None:
            blocks.append(Para(f"Average mood: {number(checkins['average_mood'])}."))
        answers = checkins.get("answers") or []
        if answers:
            blocks.append(Quotes(tuple(_checkin_words(a, year) for a in answers)))
    selfchecks = r.get("selfchecks") or []
    if selfchecks:
        blocks.append(
            Para(
                "Weekly craving self-check (0 to 30; a reflection, not a diagnosis): "
                + "; ".join(
                    f"week of {short_date(s['week_start'], year)}: {s['total']}" for s in selfchecks
                )
                + "."
            )
        )
    return [Section("checkins", "Check-ins", tuple(blocks))] if blocks else []


def _checkin_words(answer: Mapping[str, Any], year: int) -> tuple[str, str]:
    lines = []
    if answer.get("gratitude"):
        lines.append("Grateful for: " + "; ".join(str(g) for g in answer["gratitude"]))
    if answer.get("intention"):
        lines.append(f"Intention: {answer['intention']}")
    if answer.get("tomorrow"):
        lines.append(f"Tomorrow: {answer['tomorrow']}")
    return f"{short_date(answer['date'], year)} (check-in)", "\n".join(lines)


def _coming_up(r: Mapping[str, Any]) -> Section:
    items = []
    for item in r["coming_up"]:
        what = item["label"]
        if item.get("kind") == "milestone" and item.get("clock"):
            what = f"{what} without {item['clock']}"
        elif item.get("kind") == "goal":
            last = "this round of " if item.get("repeat") else ""
            what = f"last day of {last}the goal of {what}"
        when = nice_date(item["date"]) + at_time(item.get("at"))
        items.append(f"{when}: {what} ({in_days(int(item['days_left']))})")
    if not items:
        return Section("coming-up", "Coming up", (Para("Nothing scheduled."),))
    return Section("coming-up", "Coming up", (Bullets(tuple(items)),))


def _calendar(r: Mapping[str, Any]) -> list[Section]:
    year = report_year(r)
    cal = r.get("calendar")
    if not cal:
        return []
    clocks = list(cal["clocks"])
    days = cal["days"]
    rows = tuple(
        (
            f"{d['weekday']} {short_date(d['date'], year)[4:]}",
            *(_status(d, c) for c in clocks),
            str(d["cravings"]),
        )
        for d in days
    )
    blocks: list[Block] = [
        Para(
            "Each day of the period: clean, lapse, or no data (before the clock started, or "
            "days not counted after a lapse), with the number of cravings logged."
        )
    ]
    blocks.extend(Grid(c, _weeks(days, c)) for c in clocks)
    blocks.append(
        Table(
            ("Day", *clocks, "Cravings"),
            rows,
            numeric=(len(clocks) + 1,),
            kind="calendar",
            text_only=True,
        )
    )
    return [Section("calendar", "Day by day", tuple(blocks))]


def _status(day: Mapping[str, Any], clock: str) -> str:
    return STATUS_MARKS.get(str(day["statuses"].get(clock, "")), "no data")


def _weeks(days: Sequence[Mapping[str, Any]], clock: str) -> tuple[tuple[GridDay | None, ...], ...]:
    weeks: list[list[GridDay | None]] = []
    for i, d in enumerate(days):
        day = date.fromisoformat(d["date"])
        if not weeks or day.weekday() == 0:
            weeks.append([None] * day.weekday() if not weeks else [])
        label = f"{day.day} {day:%b}" if i == 0 or day.day == 1 else str(day.day)
        status = _status(d, clock)
        count = int(d["cravings"])
        weeks[-1].append(
            GridDay(
                label,
                status,
                count,
                f"{nice_date(d['date'])}: {status}, {plural(count, 'craving')}",
            )
        )
    if weeks:
        weeks[-1].extend([None] * (7 - len(weeks[-1])))
    return tuple(tuple(w) for w in weeks)


def _notes(r: Mapping[str, Any]) -> list[Section]:
    if "notes" not in r:
        return []
    notes = r["notes"]
    if not notes:
        return [Section("notes", "Notes", (Para("No notes on entries in this period."),))]
    quotes = tuple((f"{n['at']} ({n['type']})", str(n["note"])) for n in notes)
    return [Section("notes", "Notes", (Quotes(quotes),))]


def _journal(r: Mapping[str, Any]) -> list[Section]:
    if "journal" not in r:
        return []
    journal = r["journal"]
    if not journal:
        return [Section("journal", "Journal", (Para("No journal entries in this period."),))]
    quotes = tuple(
        (
            j["at"] + (f" (mood {j['mood']} of 5)" if j.get("mood") is not None else ""),
            str(j["text"]),
        )
        for j in journal
    )
    return [Section("journal", "Journal", (Quotes(quotes),))]
