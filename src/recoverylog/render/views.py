"""Views of the data services return: status, milestones, clocks, entries, messages.

Words matter here: people may read this on the worst day of their year. Lead with
totals, show streaks beside them, never "back to zero" alone, no cheerleading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from recoverylog.domain.fields import fellowship_shown
from recoverylog.domain.moments import hours_and_minutes
from recoverylog.domain.text import percent, plural
from recoverylog.messages import FIRST_CLOCK, NO_CLOCKS_YET
from recoverylog.render.lines import Line, Look, bar, screen_safe, text
from recoverylog.render.output import Column


def days(count: int) -> str:
    return plural(count, "day")


def nice_date(iso: str | None) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso[:10])
    return f"{day:%a} {day.day} {day:%b %Y}"


def nice_moment(iso: str | None, day: str | None = None) -> str:
    """'Fri 4 Dec 2026 at 22:00' for a known moment, else the day: 'Fri 4 Dec 2026'."""
    if not iso:
        return nice_date(day)
    return f"{nice_date(iso)} at {iso[11:16]}"


def clean_for(count: int, minutes: int | None) -> str:
    """The headline count: hours and minutes on day one of a clock started at a known
    moment, else whole days."""
    return hours_and_minutes(minutes) if minutes is not None and count == 0 else days(count)


DAY_MINUTES = 24 * 60


def time_to_go(item: dict[str, Any]) -> str:
    """How far off a milestone is: hours and minutes when it is at a moment less than a
    day away, else days."""
    minutes = item.get("minutes_left")
    if minutes is not None and minutes < DAY_MINUTES:
        return hours_and_minutes(minutes)
    return days(item["days_left"])


def money(amount: float | None, currency: str) -> str:
    return "" if amount is None else f"{currency}{amount:,.2f}"


# --- status --------------------------------------------------------------------


def clock_lines(clock: Mapping[str, Any], currency: str, *, look: Look) -> list[Line]:
    name = clock["name"]
    lines: list[Line] = []
    if not clock["started"]:
        until = clock["starts_in_days"]
        starts = nice_moment(clock.get("clean_since_at"), clock["clean_since"])
        lines.append([text(name, "bold cyan"), text(f"  starts {starts}")])
        if until > 0:
            lines.append([text(f"  {plural(until, 'day')} to go until your start date.")])
        return lines
    if clock["reset_on_lapse"] and not clock.get("current_run_started", True):
        # The day of a lapse: the new run begins tomorrow; say so rather than "0 days".
        starts = nice_moment(clock.get("current_run_start_at"), clock["current_run_start"])
        lines.append([text(name, "bold cyan"), text(f"  a new run starts {starts}", "bold")])
    elif not clock["reset_on_lapse"] and clock["days"] > clock["total_clean_days"]:
        lines.append(_kept_date_headline(clock))
    else:
        headline = f"  {clean_for(clock['days'], clock.get('minutes_clean'))} clean"
        key = "current_run_start" if clock["reset_on_lapse"] else "clean_since"
        since = nice_moment(clock.get(f"{key}_at"), clock[key])
        lines.append([text(name, "bold cyan"), text(headline, "bold"), text(f"  since {since}")])
    if not _first_day(clock):
        lines.append(_totals(clock, look=look))
    lines.extend(_saved_and_next(clock, currency, look=look, first_day=_first_day(clock)))
    return lines


def _kept_date_headline(clock: Mapping[str, Any]) -> Line:
    """A clock that keeps its date through a lapse counts every day since it began; the
    lapse days were not clean, so say how many were rather than "N days clean"."""
    since = nice_moment(clock.get("clean_since_at"), clock["clean_since"])
    return [
        text(clock["name"], "bold cyan"),
        text(f"  {days(clock['days'])} since you began", "bold"),
        text(f" on {since} ({clock['total_clean_days']} of them clean)"),
    ]


def _first_day(clock: Mapping[str, Any]) -> bool:
    """Day one of a clock started at a known moment, with no lapse: the totals would only
    say "0 days", so they wait until there is a whole day to show."""
    return (
        clock.get("minutes_clean") is not None
        and clock["days"] == 0
        and not clock["lapses"]
        and clock.get("current_run_started", True)
    )


def _totals(clock: Mapping[str, Any], *, look: Look) -> Line:
    if not clock["total_clean_days"] and not clock["longest_run_days"]:
        # Nothing whole to count yet: zeros would read as a verdict, so say what is true.
        facts = [plural(clock["lapses"], "lapse")] if clock["lapses"] else []
        facts.append("each clean day from here counts")
        return [text("  " + " · ".join(facts), "dim" if not look.plain else None)]
    facts = [f"{days(clock['total_clean_days'])} clean in total"]
    facts.append(f"longest run {days(clock['longest_run_days'])}")
    if clock["share_clean"] is not None:
        facts.append(f"{percent(clock['share_clean'])} of days clean")
    if clock["lapses"]:
        facts.append(plural(clock["lapses"], "lapse"))
    return [text("  " + " · ".join(facts), "dim" if not look.plain else None)]


def _saved_and_next(
    clock: Mapping[str, Any], currency: str, *, look: Look, first_day: bool = False
) -> list[Line]:
    lines: list[Line] = []
    saved = []
    if clock["money_saved"] is not None:
        saved.append(f"{money(clock['money_saved'], currency)} not spent")
    if clock["hours_saved"] is not None:
        saved.append(f"{clock['hours_saved']:g} hours back")
    if saved and not first_day:  # savings count whole days
        lines.append([text("  " + " · ".join(saved))])
    upcoming = clock["next_milestone"]
    if upcoming:
        soon = upcoming.get("minutes_left") is not None and upcoming["minutes_left"] < DAY_MINUTES
        when = f" at {upcoming['at'][11:16]}" if soon else f" on {nice_date(upcoming['date'])}"
        lines.append(
            [
                text("  next: "),
                text(upcoming["label"], "bold"),
                text(when),
                text(f" ({time_to_go(upcoming)} to go)  "),
                bar(upcoming["progress"], 16, look=look),
            ]
        )
    return lines


def status_lines(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    lines: list[Line] = []
    if not data["clocks"]:
        lines.append([text("No clocks yet. Add what you are staying away from:")])
        lines.append([text(f"  {FIRST_CLOCK}", "bold")])
    for clock in data["clocks"]:
        lines.extend(clock_lines(clock, data["currency"], look=look))
        lines.append([])
    week = data["last_7_days"]
    lines.append([text("Last 7 days", "bold")])
    craving = plural(week["cravings"], "craving")
    if week["average_intensity"] is not None:
        craving += f" (average intensity {week['average_intensity']:g}"
        craving += f", {week['cravings_passed']} passed)"
    parts = [craving, plural(week["meetings"], "meeting"), plural(week["contacts"], "contact")]
    if week["lapses"]:
        parts.append(plural(week["lapses"], "lapse"))
    lines.append([text("  " + " · ".join(parts))])
    if data.get("nudge"):  # inside the hours cravings most often come, or just before
        lines += [[], [text(data["nudge"]["text"])]]
    if data.get("support"):
        from recoverylog.render.goals import support_status_lines

        lines.append([])
        lines.extend(support_status_lines(data["support"], look=look))
    return lines


# --- milestones ----------------------------------------------------------------


def milestone_lines(clocks: Sequence[dict[str, Any]], *, look: Look) -> list[Line]:
    lines: list[Line] = []
    if not clocks:
        lines.append([text(NO_CLOCKS_YET)])
    for clock in clocks:
        since = nice_moment(clock.get("counting_from_at"), clock["counting_from"])
        if not clock.get("current_run_started", True):
            # The day of a lapse: the new run begins tomorrow; say so rather than "0 days".
            headline = f"  a new run starts {since}"
        else:
            count = clean_for(clock["days"], clock.get("minutes_clean"))
            headline = f"  {count} · counting from {since}"
        lines.append([text(clock["clock"], "bold cyan"), text(headline)])
        if clock.get("lapses"):  # the current run beside every clean day so far
            lines.append([text(_whole_history(clock), "dim" if not look.plain else None)])
        lines += _reached(clock["achieved"], "  ", look=look)
        for item in clock["upcoming"]:
            lines.append(
                [
                    text("  coming: " if look.spoken else "  ○ " if not look.plain else "  - "),
                    text(f"{item['label']}{_tag(item)}", "bold"),
                    text(f"{', ' if look.spoken else '  '}{_when(item)}, in {time_to_go(item)}"),
                ]
            )
        lines += _earlier_runs(clock, look=look)
        lines.append([])
    return lines[:-1] if lines and not lines[-1] else lines


def _whole_history(clock: dict[str, Any]) -> str:
    total = plural(int(clock["total_clean_days"]), "clean day")
    longest = days(int(clock["longest_run_days"]))
    return f"  {total} in total since {nice_date(clock['clean_since'])} · longest run {longest}"


def _earlier_runs(clock: dict[str, Any], *, look: Look) -> list[Line]:
    """What earlier runs reached, as the printed summary lists it: still yours."""
    from recoverylog.domain.milestones import EARLIER

    runs = [run for run in clock.get("earlier_runs") or [] if run["achieved"]]
    lines: list[Line] = [[text(f"  {EARLIER}", "bold")]] if runs else []
    for run in runs:
        title = f"{nice_date(run['from'])} to {nice_date(run['to'])}: "
        lines.append([text(f"    {title}{plural(int(run['days']), 'clean day')}")])
        lines += _reached(run["achieved"], "    ", look=look)
    return lines


def _reached(items: Sequence[dict[str, Any]], indent: str, *, look: Look) -> list[Line]:
    return [
        [
            text(f"{indent}{_REACHED_MARK[look]}", "green"),
            text(f"{item['label']}{_tag(item)}"),
            text(f"{', ' if look.spoken else '  '}{_when(item)}", "dim"),
        ]
        for item in items
    ]


_REACHED_MARK = {Look.TERMINAL: "✓ ", Look.PLAIN: "* ", Look.SPOKEN: "reached: "}


def _tag(item: dict[str, Any]) -> str:
    return f" ({item['keytag']} keytag)" if item.get("keytag") else ""


def _when(item: dict[str, Any]) -> str:
    """A milestone's day, and its time when it falls at a known moment."""
    return nice_date(item["date"]) + (f" {item['at'][11:16]}" if item.get("at") else "")


# --- clocks ----------------------------------------------------------------------

CLOCK_COLUMNS = [
    Column("name", "Clock"),
    Column("clean_since", "Clean since"),
    Column("days", "Days", justify="right"),
    Column("total_clean_days", "Total clean", justify="right"),
    Column("longest_run_days", "Longest run", justify="right"),
    Column("lapses", "Lapses", justify="right"),
    Column(
        "next_milestone",
        "Next milestone",
        show=lambda m: "" if not m else f"{m['label']} ({m['date']})",
    ),
]


def clock_row(clock: Mapping[str, Any]) -> dict[str, Any]:
    """A clock for the table: the start's time when it is known, hours on day one."""
    row = dict(clock)
    if clock.get("clean_since_at"):
        row["clean_since"] = f"{clock['clean_since']} {clock['clean_since_at'][11:16]}"
    minutes = clock.get("minutes_clean")
    if minutes is not None and clock["days"] == 0 and clock["started"]:
        hours, rest = divmod(minutes, 60)
        row["days"] = f"{hours}h {rest:02d}m"
    return row


def clock_detail_lines(detail: Mapping[str, Any], currency: str, *, look: Look) -> list[Line]:
    lines = clock_lines(detail, currency, look=look)
    lines.append([])
    lines.append([text("Runs", "bold")])
    for run in detail["runs"]:
        start = run["start"] + (f" {run['start_at'][11:16]}" if run.get("start_at") else "")
        if "starts_in_days" in run:  # not begun yet, so not "to now"
            lines.append([text(f"  {start}  "), text(_starts(run), "bold")])
            continue
        end = "now" if run["current"] else run["end"]
        count = days(run["days"])
        if run["current"] and run.get("start_at") and detail.get("current_run_started", True):
            minutes = detail.get("minutes_clean") if detail["reset_on_lapse"] else None
            count = clean_for(run["days"], minutes)
        lines.append(
            [
                text(f"  {start} → {end}  " if not look.plain else f"  {start} to {end}  "),
                text(count),
            ]
        )
    if detail["lapse_history"]:
        lines.append([text("Lapses", "bold")])
        for lapse in detail["lapse_history"]:
            about = f"  {lapse['id'][:8]}  {lapse['at'][:16].replace('T', ' ')}"
            if lapse["triggers"]:
                about += f"  triggers: {', '.join(lapse['triggers'])}"
            lines.append([text(about)])
    return lines


def _starts(run: dict[str, Any]) -> str:
    """'starts today' (at a later hour), 'starts tomorrow', 'starts Fri 27 Nov 2026'."""
    ahead = run["starts_in_days"]
    if ahead <= 1:
        return "starts today" if ahead <= 0 else "starts tomorrow"
    return f"starts {nice_date(run['start'])}"


# --- entries ----------------------------------------------------------------------


def describe(entry: dict[str, Any], *, short_note: bool = False) -> str:
    """A one-line summary of an entry's own fields. With ``short_note`` only the note's
    first words are shown: a confirmation line need not repeat a private note whole."""
    kind = entry["type"]
    own_fields = _DESCRIBE_BY_TYPE.get(kind)
    parts = own_fields(entry) if own_fields else []
    if entry.get("note"):
        note = first_words(entry["note"]) if short_note else entry["note"]
        parts.append(f"“{note}”" if kind != "note" else note)
    return screen_safe(" · ".join(p for p in parts if p))


def _listed(label: str, items: list[str] | None, between: str = "; ") -> list[str]:
    return [label + between.join(items)] if items else []


def _craving(entry: dict[str, Any]) -> list[str]:
    end = entry.get("intensity_end")
    then = f", then {end}" if isinstance(end, int) else ""
    parts = [f"intensity {entry['intensity']}{then}"]
    if entry.get("outcome"):
        parts.append(entry["outcome"])
    if entry.get("duration_min") is not None:
        parts.append(f"{entry['duration_min']} min")
    parts += _listed("triggers: ", entry.get("triggers"))
    parts += _listed("HALT: ", entry.get("halt"), ", ")
    parts += _listed("coping: ", entry.get("coping"))
    return parts


def _trigger(entry: dict[str, Any]) -> list[str]:
    return [entry.get("text") or "", entry.get("kind") or ""]


def _coping(entry: dict[str, Any]) -> list[str]:
    helped = entry.get("helped")
    return [entry.get("technique") or "", "" if helped is None else f"helped {helped}/5"]


def _meeting(entry: dict[str, Any]) -> list[str]:
    online = "online" if entry.get("online") else ""
    return [entry.get("name") or "meeting", fellowship_shown(entry.get("fellowship")), online]


def _note(entry: dict[str, Any]) -> list[str]:
    mood = entry.get("mood")
    return [] if mood is None else [f"mood {mood}/5"]


def _contact(entry: dict[str, Any]) -> list[str]:
    return [entry.get("person") or "", entry.get("via") or ""]


def _lapse(entry: dict[str, Any]) -> list[str]:
    return [
        f"next run from {nice_date(entry['restart'])}",
        *_listed("triggers: ", entry.get("triggers")),
    ]


def _checkin(entry: dict[str, Any]) -> list[str]:
    from recoverylog.render.checkin import describe_checkin

    return list(describe_checkin(entry))


# What each type of entry says of itself, before its note (a type not here: the note).
_DESCRIBE_BY_TYPE: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "craving": _craving,
    "trigger": _trigger,
    "coping": _coping,
    "meeting": _meeting,
    "note": _note,
    "contact": _contact,
    "lapse": _lapse,
    "checkin": _checkin,
}


NOTE_WORDS = 6
NOTE_CHARACTERS = 60


def first_words(text: str) -> str:
    """The start of a note, on one line: its first words, cut short with '…'."""
    words = text.split()
    start = " ".join(words[:NOTE_WORDS])
    if len(start) > NOTE_CHARACTERS:
        return start[:NOTE_CHARACTERS].rstrip() + "…"
    return start + "…" if len(words) > NOTE_WORDS else start


ENTRY_COLUMNS = [
    Column("short_id", "ID"),
    Column("when", "When"),
    Column("type", "Type"),
    Column("clock", "Clock"),
    Column("summary", "What", max_width=60),
]


def entry_row(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "short_id": entry["id"][:8],
        "when": entry["at"][:16].replace("T", " "),
        "type": entry["type"],
        "clock": entry.get("clock") or "",
        "summary": describe(entry),
    }


def more_note(shown: int) -> str:
    """Said when a listing stops at its limit, so a saved file is never cut short unseen."""
    newest = "the newest entry" if shown == 1 else f"the newest {shown} entries"
    return f"Showing {newest}; there are more: --all shows every one."


DETAIL_LABELS = {"restart": "next run starts"}
# Shown last, just above the note: the question a journal note answers.
ABOVE_THE_NOTE = ("prompt", "question")


def entry_detail_lines(entry: dict[str, Any]) -> list[Line]:
    lines: list[Line] = [
        [text(entry["type"].capitalize(), "bold"), text(f"  {entry['id'][:8]}", "dim")],
    ]
    skip = {"id", "type", "note", ABOVE_THE_NOTE[0]}
    for key, value in entry.items():
        if key in skip or value in (None, [], ""):
            continue
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        label = DETAIL_LABELS.get(key, key.replace("_", " "))
        lines.append([text(f"  {label}: ", "dim"), text(screen_safe(shown))])
    key, label = ABOVE_THE_NOTE
    if entry.get(key):
        lines.append([text(f"  {label}: ", "dim"), text(screen_safe(str(entry[key])))])
    if entry.get("note"):
        lines.append([text("  note:", "dim")])
        note = screen_safe(entry["note"], one_line=False)
        lines.extend([text("    " + row)] for row in note.splitlines())
    return lines


TOOLKIT_COLUMNS = [
    Column("name", "Technique"),
    Column("times_used", "Used", justify="right"),
    Column(
        "average_helped",
        "Helped (1-5)",
        justify="right",
        show=lambda v: "" if v is None else f"{v:g}",
    ),
    Column("passed", "Craving passed", justify="right"),
    Column("description", "About", max_width=40),
]


def toolkit_row(item: dict[str, Any]) -> dict[str, Any]:
    passed = (
        f"{item['cravings_passed']} of {item['cravings_with_outcome']}"
        if item["cravings_with_outcome"]
        else ""
    )
    return {**item, "passed": passed}


# --- messages ----------------------------------------------------------------------


def celebration_message(clock: str, label: str, when: date) -> str:
    """One line, whatever a hand-edited name holds."""
    said = f"Milestone: {label} without {clock}, reached {nice_date(when.isoformat())}. Well done."
    return screen_safe(said)


# --- medical safety notes (domain/substances.py decides which a clock's name calls for)


def withdrawal_note(clock: str) -> str:
    return (
        f"A note about {clock}: stopping heavy, long-term use suddenly can cause dangerous "
        "withdrawal. Please talk to a doctor or a local health service about a safe way to stop."
    )


NEVER_USE_ALONE_US = "1-800-484-3731"


def opioid_note(clock: str) -> str:
    """Harm reduction, said calmly: at clock add, and after every lapse on such a clock."""
    return (
        f"A note about {clock}, to keep you safe: after a break, even a few days, tolerance "
        "falls quickly, so an amount that used to be usual can cause an overdose. If you use, "
        "keep naloxone near, start with much less, and try not to use alone (in the US, the "
        f"Never Use Alone line: {NEVER_USE_ALONE_US})."
    )
