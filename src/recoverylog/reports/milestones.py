"""A milestone summary for paper or a calendar: Markdown, plain text, HTML and iCalendar.

Input is the shape ``services.progress.milestones`` returns (one dict per clock), with
today's date. Pure: the caller writes the text where it belongs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from recoverylog.domain.milestones import EARLIER
from recoverylog.domain.text import plural
from recoverylog.render.width import wrap
from recoverylog.reports.words import at_time, clean_count, in_days, nice_date
from recoverylog.reports.writers import WIDTH, md, one_line, render_template

TITLE = "Milestones"
LINE = 76  # printed lines stay inside 80 columns with room to spare


def _tag(item: Mapping[str, Any]) -> str:
    return f" ({item['keytag']} keytag)" if item.get("keytag") else ""


def headline(clock: Mapping[str, Any], today: date) -> tuple[str, str]:
    """('61 days', 'without alcohol'); before a planned start ('Starting Tue 1 Dec 2026',
    'without alcohol'); the day of a lapse ('A new run', 'without alcohol starts ...')."""
    counting = date.fromisoformat(clock["counting_from"])
    name = one_line(clock["clock"])
    if counting > today:
        if clock.get("started", date.fromisoformat(clock["clean_since"]) <= today):
            return "A new run", f"without {name} starts {nice_date(clock['counting_from'])}"
        return f"Starting {nice_date(clock['counting_from'])}", f"without {name}"
    return clean_count(clock), f"without {name}"


def facts(clock: Mapping[str, Any], today: date) -> list[str]:
    """The lines under the headline: since when (or, before a planned start, how soon
    counting begins), and after a lapse the current run beside every clean day so far
    and the longest run."""
    clean_since = date.fromisoformat(clock["clean_since"])
    if clean_since > today:  # a planned start: nothing is clean yet
        return [f"Counting begins {in_days((clean_since - today).days)}."]
    if not clock.get("lapses"):
        line = (
            f"Clean since {nice_date(clock['clean_since'])}{at_time(clock.get('clean_since_at'))}"
        )
        if clock["counting_from"] != clock["clean_since"]:
            line += f"; counting from {nice_date(clock['counting_from'])}"
        return [line]
    total = (
        f"{plural(int(clock['total_clean_days']), 'clean day')} in total since "
        f"{nice_date(clock['clean_since'])}"
    )
    longest = f"longest run {plural(int(clock['longest_run_days']), 'day')}"
    run_from = clock.get("current_run_from", clock["counting_from"])
    if date.fromisoformat(run_from) > today:  # the headline says when the new run starts
        return [f"{total}, and they all still count; {longest}"]
    days = plural(int(clock.get("current_run_days", clock["days"])), "day")
    return [f"Current run: {days}, from {nice_date(run_from)}", f"{total}; {longest}"]


def run_title(run: Mapping[str, Any]) -> str:
    """'Sun 23 Aug 2026 to Wed 30 Sep 2026: 38 clean days'."""
    return (
        f"{nice_date(run['from'])} to {nice_date(run['to'])}: "
        f"{plural(int(run['days']), 'clean day')}"
    )


def _earlier(clock: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [run for run in clock.get("earlier_runs") or [] if run.get("achieved")]


def to_text(summary: Mapping[str, Any]) -> str:
    """Plain text for a printer: 80 columns, no colour, dotted leaders to the dates."""
    today = date.fromisoformat(summary["today"])
    out = [TITLE, "=" * len(TITLE), nice_date(summary["today"])]
    if not summary["clocks"]:
        out += ["", "No clocks yet."]
    for clock in summary["clocks"]:
        big, small = headline(clock, today)
        out += ["", *_lines(f"{big} {small}")]
        for line in facts(clock, today):
            out += _lines(line)
        if clock["achieved"]:
            out += ["", "Reached"]
            out += [
                _leader("[x]", f"{m['label']}{_tag(m)}", nice_date(m["date"]))
                for m in clock["achieved"]
            ]
        if clock["upcoming"]:
            out += ["", "Next"]
            out += [
                _leader(
                    "[ ]",
                    f"{m['label']}{_tag(m)}",
                    f"{nice_date(m['date'])} ({in_days(int(m['days_left']))})",
                )
                for m in clock["upcoming"]
            ]
        earlier = _earlier(clock)
        if earlier:
            out += ["", EARLIER]
            for run in earlier:
                out += _lines(run_title(run), "  ")
                out += [
                    _leader("[x]", f"{m['label']}{_tag(m)}", nice_date(m["date"]))
                    for m in run["achieved"]
                ]
    return "\n".join(out) + "\n"


def _lines(text: str, indent: str = "") -> list[str]:
    """One line of the summary, wrapped to fit 80 columns."""
    return wrap(one_line(text), WIDTH, indent + "  ", indent) or [indent]


def _leader(mark: str, label: str, when: str, width: int = LINE) -> str:
    """'  [x] 90 days ........ Tue 22 Dec 2026', exactly ``width`` wide when it fits."""
    label = one_line(label)
    room = width - len(mark) - len(when) - 7
    if len(label) > room:
        label = label[: max(1, room - 1)] + "…"
    dots = "." * max(2, width - 5 - len(mark) - len(label) - len(when))
    return f"  {mark} {label} {dots} {when}"


def _md_reached(items: Any, head: str = "Reached") -> list[str]:
    return [f"| {head} | Date |", "|---|---|"] + [
        f"| {md(m['label'] + _tag(m))} | {md(nice_date(m['date']))} |" for m in items
    ]


def to_markdown(summary: Mapping[str, Any]) -> str:
    today = date.fromisoformat(summary["today"])
    out = [f"# {TITLE}", "", md(nice_date(summary["today"]))]
    if not summary["clocks"]:
        out += ["", "No clocks yet."]
    for clock in summary["clocks"]:
        big, small = headline(clock, today)
        out += ["", f"## {md(big)} {md(small)}", ""]
        out += [f"{md(line)}  " for line in facts(clock, today)]
        if clock["achieved"]:
            out += ["", *_md_reached(clock["achieved"])]
        if clock["upcoming"]:
            out += ["", "| Next | Date | |", "|---|---|---|"]
            out += [
                f"| {md(m['label'] + _tag(m))} | {md(nice_date(m['date']))} "
                f"| {md(in_days(int(m['days_left'])))} |"
                for m in clock["upcoming"]
            ]
        earlier = _earlier(clock)
        if earlier:
            out += ["", f"### {md(EARLIER)}"]
            for run in earlier:
                out += ["", md(run_title(run)), "", *_md_reached(run["achieved"])]
    return "\n".join(out) + "\n"


KEYTAG_COLOURS = {
    "white": "#ffffff",
    "orange": "#f39a2b",
    "green": "#3f9b57",
    "red": "#d0453f",
    "blue": "#3b6fc4",
    "yellow": "#f2cf3a",
    "glow-in-the-dark": "#d9f7c8",
    "gray": "#9aa1a8",
    "grey": "#9aa1a8",
    "black": "#1d1d1d",
}


def to_html(summary: Mapping[str, Any]) -> str:
    """One printable page (A4 or Letter) per summary; keytags get a colour swatch."""
    today = date.fromisoformat(summary["today"])
    clocks = []
    for clock in summary["clocks"]:
        big, small = headline(clock, today)
        clocks.append(
            {
                "big": big,
                "small": small,
                "facts": facts(clock, today),
                "achieved": [_html_item(m) for m in clock["achieved"]],
                "upcoming": [
                    {**_html_item(m), "left": in_days(int(m["days_left"]))}
                    for m in clock["upcoming"]
                ],
                "earlier": [
                    {"title": run_title(run), "achieved": [_html_item(m) for m in run["achieved"]]}
                    for run in _earlier(clock)
                ],
            }
        )
    return render_template(
        "milestones.html",
        title=TITLE,
        today=nice_date(summary["today"]),
        clocks=clocks,
        earlier_heading=EARLIER,
    )


def _html_item(m: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "label": m["label"],
        "date": nice_date(m["date"]),
        "keytag": m.get("keytag"),
        "swatch": KEYTAG_COLOURS.get(str(m.get("keytag") or "")),
    }


# SEQUENCE counts minutes from here: every newer file outranks every older one, so a
# calendar takes its version of each event, with nothing stored between exports. (Lapse
# counts would fall when a mistaken lapse is deleted.) Within one minute the newer
# DTSTAMP, to the second, decides. Minutes fit SEQUENCE's 32 bits past the year 6000.
SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SET_ASIDE = "Not among the next milestones for now; a newer calendar file brings it back."


def to_ics(summary: Mapping[str, Any], now: datetime, discreet: bool = False) -> str:
    """Milestones as all-day events (RFC 5545, via the icalendar library); "" when there
    are none, since an empty calendar is no use to anyone.

    One event per clock and milestone, whose UID never depends on the date, so a newer
    file moves or cancels the events of an older one instead of adding copies. Each clock
    gives its next milestones; after a lapse, also what the new run has reached (on the
    days it was reached) and, cancelled, the ones after the next that an older file may
    still hold at a day that is gone. ``discreet`` keeps the clock's name and keytags out
    of titles and descriptions, for a shared or work calendar."""
    import icalendar

    stamp = now.astimezone(UTC).replace(microsecond=0)
    events: dict[str, icalendar.Event] = {}
    for clock in summary["clocks"]:
        for m, cancelled in _calendar_items(clock):
            event = _event(clock, m, cancelled, stamp, discreet)
            events.setdefault(str(event["uid"]), event)  # a label twice: the first wins
    if not events:
        return ""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//recoverylog//milestones//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Milestones")
    for event in events.values():
        cal.add_component(event)
    return bytes(cal.to_ical()).decode("utf-8")


def _calendar_items(clock: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], bool]]:
    """(milestone, cancelled) for each event of one clock."""
    if clock.get("new_run"):
        yield from ((m, False) for m in clock["achieved"])
    yield from ((m, False) for m in clock["upcoming"])
    yield from ((m, True) for m in clock.get("later") or [])


def _event(
    clock: Mapping[str, Any],
    m: Mapping[str, Any],
    cancelled: bool,
    stamp: datetime,
    discreet: bool,
) -> Any:
    import icalendar

    name = one_line(clock["clock"])
    day = date.fromisoformat(m["date"])
    event = icalendar.Event()
    event.add("uid", event_uid(name, m["label"]))
    event.add("sequence", max(0, int((stamp - SEQUENCE_EPOCH).total_seconds()) // 60))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Milestone: {m['label']}" if discreet else f"{m['label']} without {name}")
    event.add("description", SET_ASIDE if cancelled else _about(clock, m, discreet))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _about(clock: Mapping[str, Any], m: Mapping[str, Any], discreet: bool) -> str:
    since = nice_date(clock["counting_from"])
    if discreet:
        return f"Counting from {since}."
    keytag = f". {m['keytag'].capitalize()} keytag" if m.get("keytag") else ""
    return f"Milestone for {one_line(clock['clock'])}, counting from {since}{keytag}."


def event_uid(clock: str, label: str) -> str:
    """The same for a clock's milestone in every file, whatever day it falls on."""
    digest = hashlib.sha256(f"{clock.casefold()}|{label}".encode()).hexdigest()
    return f"{digest[:32]}@recoverylog"
