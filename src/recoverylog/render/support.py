"""Views for peer support and the hard moments: people, goals, meetings, check-ins, the
plan, SOS, crisis lines, and the urge-surfing timer.

These may be read on the worst evening of someone's year: short, calm, plain words;
facts without judgement; no cheerleading.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from recoverylog.render.lines import Line, bar, paragraph, text
from recoverylog.render.output import Column
from recoverylog.render.views import nice_date, plural

# --- small words -----------------------------------------------------------------------


def ago(days: int | None) -> str:
    if days is None:
        return "none logged yet"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def short_date(iso: str) -> str:
    day = date.fromisoformat(iso[:10])
    return f"{day:%a} {day.day} {day:%b}"


def heading(title: str) -> Line:
    return [text(title, "bold")]


# --- people ---------------------------------------------------------------------------

PEOPLE_COLUMNS = [
    Column("name", "Name"),
    Column("role", "Role"),
    Column("phone", "Phone"),
    Column("email", "Email"),
    Column("last", "Last contact"),
    Column("note", "Note", max_width=40),
]


def person_row(person: dict[str, Any]) -> dict[str, Any]:
    return {**person, "last": ago(person["days_since_contact"])}


def person_saved(verb: str, person: dict[str, Any]) -> str:
    details = [str(person.get("role") or "other")]
    details += [str(person[k]) for k in ("phone", "email") if person.get(k)]
    return f"{verb} {person['name']} ({', '.join(details)})."


# --- goals ----------------------------------------------------------------------------


def goal_text(goal: dict[str, Any]) -> str:
    """'42 of 90 meetings, day 47 of 90', and how the goal stands."""
    kind, count, days = goal["kind"], goal["count"], goal["days"]
    what = f"{goal['done']} of {count} {kind}"
    if goal["finished"]:
        return (
            f"{goal['done']} {kind} in {days} days, from {short_date(goal['window_start'])} "
            f"to {short_date(goal['window_end'])} (the goal was {count})"
        )
    if goal["day"] == 0:
        return f"{count} {kind} in {days} days, starting {nice_date(goal['window_start'])}"
    out = f"{what}, day {goal['day']} of {days}"
    if goal["repeat"]:
        out += f" (starts again every {plural(days, 'day')})"
    if goal["reached"]:
        out += " · goal reached"
    return out


def goal_lines(goals: Sequence[dict[str, Any]], *, plain: bool) -> list[Line]:
    if not goals:
        return [
            [text("No goals yet. For example, 90 meetings in 90 days:")],
            [text("  recoverylog goal set meetings 90 --days 90", "bold")],
        ]
    lines: list[Line] = []
    for goal in goals:
        line: Line = [text(goal_text(goal))]
        if not goal["finished"] and goal["day"]:
            line += [text("  "), bar(min(1.0, goal["done"] / goal["count"]), 16, plain=plain)]
        lines.append(line)
    return lines


# --- meetings --------------------------------------------------------------------------

MEETING_COLUMNS = [
    Column("week_start", "Week of"),
    Column("when", "When"),
    Column("name", "Meeting"),
    Column("fellowship", "Fellowship"),
    Column("where", "Where"),
]


def meeting_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **meeting,
            "week_start": week["week_start"],
            "when": meeting["at"][:16].replace("T", " "),
            "where": "online" if meeting["online"] else "in person",
        }
        for week in data["weeks"]
        for meeting in week["meetings"]
    ]


def meetings_lines(data: dict[str, Any], *, plain: bool) -> list[Line]:
    total = plural(data["total"], "meeting")
    if data["online"]:
        total += f" ({data['online']} online)"
    lines: list[Line] = [
        [
            text("Meetings", "bold"),
            text(f" from {nice_date(data['since'])} to {nice_date(data['until'])}: {total}"),
        ]
    ]
    most = max([w["count"] for w in data["weeks"]] + [1])
    for week in data["weeks"]:
        lines.append(
            [
                text(f"Week of {short_date(week['week_start'])}".ljust(18), "cyan"),
                text(f"{week['count']:>3}  "),
                bar(week["count"] / most, min(most, 20), plain=plain),
            ]
        )
        for meeting in week["meetings"]:
            about = [meeting.get("name") or "meeting"]
            if meeting.get("fellowship"):
                about.append(meeting["fellowship"])
            if meeting.get("online"):
                about.append("online")
            lines.append(
                [
                    text(f"  {short_date(meeting['at'])} {meeting['at'][11:16]}  ", "dim"),
                    text(" · ".join(about)),
                ]
            )
    if data.get("goal"):
        lines.append([])
        lines.extend(goal_lines([data["goal"]], plain=plain))
    return lines


# --- check-in ----------------------------------------------------------------------------


def checkin_saved(
    short: str,
    updated: bool,
    day: str,
    today: str,
    morning: bool,
    data: dict[str, Any],
    past_midnight: bool = False,
) -> list[str]:
    """The confirmation, and a few kind words that fit the answers. ``past_midnight``:
    the clock shows the next date, but the day (day_starts_at) has not ended yet."""
    verb = "Updated" if updated else "Saved"
    what = "your intention for" if morning else "your check-in for"
    when = "today" if day == today else nice_date(day)
    if day == today and past_midnight:
        when = f"today, {nice_date(day)} (your day has not ended yet)"
    lines = [f"{short}  {verb} {what} {when}."]
    if morning and data.get("intention"):
        lines.append(f"Today: {data['intention']}")
    if data.get("clean") is False:
        lines.append(
            "Thank you for being honest. A lapse is one day, not the whole story; "
            "if it would help, reach out to someone tonight."
        )
    elif data.get("difficulty") in ("hard", "very hard"):
        lines.append("Hard days count too. You showed up for this one.")
    return lines


def checkins_combined() -> str:
    return "This now holds the day's check-ins for single clocks too; their notes are kept."


def describe_checkin(entry: dict[str, Any]) -> list[str]:
    """The parts of a check-in's one-line summary (for 'list')."""
    parts = []
    if entry.get("clean") is True:
        parts.append("clean")
    elif entry.get("clean") is False:
        lapsed = entry.get("lapsed") or []
        parts.append("lapse" + (f" ({', '.join(lapsed)})" if lapsed else ""))
    if entry.get("difficulty"):
        parts.append(str(entry["difficulty"]))
    if entry.get("mood") is not None:
        parts.append(f"mood {entry['mood']}/5")
    if entry.get("halt"):
        parts.append("HALT: " + ", ".join(entry["halt"]))
    if entry.get("gratitude"):
        parts.append("grateful: " + "; ".join(entry["gratitude"]))
    if entry.get("intention"):
        parts.append(f"intention: {entry['intention']}")
    return parts


def unrecorded_lapse_hint(clock: str, day: str) -> str:
    return (
        f"Your {clock} clock does not show a lapse on {nice_date(day)}. If you want it to: "
        f"recoverylog log lapse {clock} --at {day}"
    )


# --- the plan --------------------------------------------------------------------------


def plan_lines(plan: dict[str, Any]) -> list[Line]:
    if not any(section["lines"] for section in plan.values()):
        return [
            [text("No plan yet. A plan written on a calm day helps on a hard one:")],
            [text("  recoverylog plan edit", "bold")],
        ]
    lines: list[Line] = []
    for section in plan.values():
        if not section["lines"]:
            continue
        if lines:
            lines.append([])
        lines.append(heading(section["title"]))
        # Numbered, as 'plan remove SECTION N' takes them.
        lines.extend([text(f"  {n}. {item}")] for n, item in enumerate(section["lines"], 1))
    lines += [
        [],
        [text('To add a line: recoverylog plan add reasons "..."', "dim")],
        [text("To remove one: recoverylog plan remove reasons 2", "dim")],
    ]
    return lines


# --- crisis lines and SOS ------------------------------------------------------------


COMMON_EMERGENCY_NUMBERS = (
    "112 in Europe and many other countries, 911 in North America, 999 in the UK and "
    "Ireland, 000 in Australia, 111 in New Zealand"
)


def crisis_lines(crisis: dict[str, Any], *, plain: bool) -> list[Line]:
    where = crisis["country_name"] or crisis["country"]
    lines: list[Line] = [heading(f"If you are in danger or need to talk to someone now ({where})")]
    if not crisis.get("known", True):
        lines += paragraph(
            f"recoverylog does not know the country '{crisis['country']}'. If you are in "
            f"danger, call your local emergency number: {COMMON_EMERGENCY_NUMBERS}."
        )
    for line in crisis["lines"]:
        lines.append([text(f"  {line['name']}: ", "bold"), text(line["contact"], "bold yellow")])
        about = [line["about"]] if line.get("about") else []
        if line.get("verified_on") and line.get("rechecked", True):
            day = date.fromisoformat(line["verified_on"])
            about.append(f"checked {day.day} {day:%b %Y}")
        elif line.get("own"):
            about.append("your own line")
        if about:
            lines.append([text(f"    {' · '.join(about)}", "dim")])
    if not crisis.get("helplines", True):
        place = f"in {where}" if crisis.get("known", True) else "in your country"
        lines += paragraph(
            f"To talk to someone, look for a crisis or addiction helpline {place}, "
            "or ask a doctor or pharmacist."
        )
        if not crisis.get("known", True):
            lines.append([text("  Set your country: recoverylog config set country UK", "dim")])
    return lines


def help_now_lines(crisis: dict[str, Any], *, plain: bool) -> list[Line]:
    lines = crisis_lines(crisis, plain=plain)
    lines.append([])
    lines.append([text("You do not have to go through this alone.")])
    return lines


SOS_OPENING = "You reached out. Stay with this for a few minutes: cravings rise, peak and pass."


def sos_opening_lines(crisis: dict[str, Any], *, plain: bool) -> list[Line]:
    """What SOS shows first, before the journal is opened: it needs no data at all."""
    return [[text(SOS_OPENING)], [], *crisis_lines(crisis, plain=plain)]


def sos_lines(
    screen: dict[str, Any],
    minutes: int | None,
    *,
    plain: bool,
    shown: dict[str, Any] | None = None,
) -> list[Line]:
    """The part of the SOS screen that comes from the journal. ``shown``: the crisis
    lines already on screen; the journal's own choice is shown again only if it
    differs (another country in the settings, or lines of your own)."""
    lines: list[Line] = []
    if screen["intensity"] is not None:
        lines.append([text(f"Right now: {screen['intensity']} out of 10.")])
    if screen["problem"]:
        lines.append(
            [text(f"Note: {screen['problem']}. These are general ideas that help many people.")]
        )
    if lines:
        lines.append([])
    if screen["reasons"] or not screen["problem"]:
        lines.append(heading("Your reasons"))
        lines.extend([text(f"  - {reason}")] for reason in screen["reasons"])
        if not screen["reasons"]:
            lines.append(
                [
                    text(
                        "  Not written yet. On a calmer day, 'recoverylog plan edit' keeps "
                        "them here for moments like this.",
                        "dim",
                    )
                ]
            )
        lines.append([])
    lines.append(heading("Three things to try"))
    for number, item in enumerate(screen["techniques"], start=1):
        lines.append([text(f"  {number}. "), text(item["name"], "bold"), text(_why(item))])
    lines.append([])
    lines.append(heading("People you can call"))
    for person in screen["people"]:
        reach = " · ".join(str(person[k]) for k in ("phone", "email") if person.get(k))
        lines.append(
            [
                text(f"  {person['name']}", "bold"),
                text(f" ({person['role']})  "),
                text(reach, "bold yellow"),
            ]
        )
    lines.extend([text(f"  {item}")] for item in screen["call"])
    if not screen["people"] and not screen["call"]:
        if screen["problem"]:
            lines.append([text("  Your sponsor, a peer, a friend, or one of the lines above.")])
        else:
            lines.append(
                [
                    text(
                        "  No one added yet. When you can: recoverylog people add NAME "
                        "--role sponsor --phone NUMBER",
                        "dim",
                    )
                ]
            )
    crisis = screen.get("crisis")
    if crisis is not None and (shown is None or _lines_differ(crisis, shown)):
        lines.append([])
        lines.extend(crisis_lines(crisis, plain=plain))
    if minutes is not None:
        lines.append([])
        lines.append(
            [
                text(
                    f"Next: {plural(minutes, 'minute')} of urge surfing. Breathe, watch the "
                    "urge, let it pass. Ctrl-C stops the timer early."
                )
            ]
        )
    return lines


def _lines_differ(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["country"], a["lines"]) != (b["country"], b["lines"])


def _why(item: dict[str, Any]) -> str:
    if item["source"] == "log":
        reasons = []
        if item["cravings_with_outcome"]:
            reasons.append(
                f"the craving passed {item['cravings_passed']} of "
                f"{plural(item['cravings_with_outcome'], 'time')}"
            )
        if item["average_helped"] is not None:
            reasons.append(f"helped {item['average_helped']:g} of 5")
        if not reasons:
            reasons.append(f"used {plural(item['times_used'], 'time')}")
        return f": {', '.join(reasons)}"
    if item["source"] == "toolkit":
        return f": {item['description']}" if item.get("description") else ": from your toolkit"
    return f": {item['description']}" if item.get("description") else ""


def hard_moment_lines(data: dict[str, Any], *, plain: bool) -> list[Line]:
    """Your own plan's steps for this moment, the first person to call, and the lines."""
    lines: list[Line] = []
    for section in data["plan"]:
        lines.append(heading(f"From your plan: {section['title']}"))
        lines.extend([text(f"  - {item}")] for item in section["lines"])
    if not data["plan"]:
        lines += paragraph(
            "On a calmer day, 'recoverylog plan edit' can hold what you will do in the "
            "first hour and the first day after a lapse.",
            "dim",
            indent=0,
        )
    if data["person"]:
        from recoverylog.render.lapses import person_words

        lines.append([text(f"If it would help, reach out to {person_words(data['person'])}.")])
    lines.append([])
    lines.extend(crisis_lines(data["crisis"], plain=plain))
    return lines


def sos_saved(short: str, start: int, end: int | None, minutes: int, outcome: str | None) -> str:
    change = f"intensity {start}" if end is None else f"intensity {start}, then {end}"
    over = f"over {plural(minutes, 'minute')}" if minutes else "in under a minute"
    line = f"{short}  Logged this craving: {change}, {over}."
    if outcome == "passed":
        return line + " You rode it out. That matters."
    if outcome == "used":
        return line + " Thank you for being honest; a lapse is one moment, not the whole story."
    return line + " Thank you for staying with it."


# --- status ----------------------------------------------------------------------------


def support_status_lines(support: dict[str, Any] | None, *, plain: bool) -> list[Line]:
    """Sponsor contact, meetings this week and goals, for the status screen."""
    if not support:
        return []
    lines: list[Line] = []
    for sponsor in support["sponsors"]:
        lines.append(
            [text(f"  Last contact with {sponsor['name']} (sponsor): ")]
            + [text(ago(sponsor["days_since_contact"]))]
        )
    # Weeks start on Monday; said here so it is not read against the last 7 days above.
    meetings = plural(support["meetings_this_week"], "meeting")
    lines.append([text(f"  This week (since Monday): {meetings}")])
    for line in goal_lines(support["goals"], plain=plain) if support["goals"] else []:
        lines.append([text("  Goal · "), *line])
    return [[text("Support", "bold")], *lines]


# --- the urge-surfing timer ---------------------------------------------------------------


@dataclass(frozen=True)
class TimerResult:
    elapsed: int  # seconds
    stopped: bool  # Ctrl-C before the end


def clock_text(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def urge_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    *,
    fancy: bool,
    live: bool,
) -> TimerResult:
    """Count down one second per ``sleep(1)``, with a prompt at the start of each minute.

    fancy: a Rich progress bar. live: a plain line rewritten every second (a terminal
    without colour). Neither: one line a minute (piped output). Ctrl-C stops early."""
    elapsed = [0]
    try:
        if fancy:
            _rich_timer(seconds, sleep, prompt_for, elapsed)
        else:
            _plain_timer(seconds, sleep, prompt_for, elapsed, live)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        sys.stdout.flush()
        return TimerResult(elapsed[0], True)
    return TimerResult(elapsed[0], False)


def _plain_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    elapsed: list[int],
    live: bool,
) -> None:
    out = sys.stdout
    width = 0
    try:
        while elapsed[0] < seconds:
            left = seconds - elapsed[0]
            if elapsed[0] % 60 == 0:
                if live:
                    out.write("\r" + " " * width + "\r")
                    out.write(f"{prompt_for(elapsed[0] // 60)}\n")
                else:
                    out.write(f"{clock_text(left)} left. {prompt_for(elapsed[0] // 60)}\n")
            if live:
                status = (
                    f"  {clock_text(left)} left  {bar(elapsed[0] / seconds, 30, plain=True)[0]}"
                )
                width = len(status) + 2  # and the ^C a terminal may echo after it
                out.write("\r" + status)
            out.flush()
            sleep(1)
            elapsed[0] += 1
    finally:
        if live:
            out.write("\r" + " " * width + "\r")
            out.flush()
    out.write("Time is up.\n")
    out.flush()


def _rich_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    elapsed: list[int],
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn
    from rich.text import Text

    from recoverylog.render.console import stdout_console

    console = stdout_console()
    with Progress(
        TextColumn("[bold cyan]Riding the wave[/]"),
        BarColumn(bar_width=40),
        TextColumn("{task.fields[left]} left"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("urge", total=seconds, left=clock_text(seconds))
        while elapsed[0] < seconds:
            if elapsed[0] % 60 == 0:
                progress.console.print(Text(prompt_for(elapsed[0] // 60), style="cyan"))
            sleep(1)
            elapsed[0] += 1
            progress.update(task, completed=elapsed[0], left=clock_text(seconds - elapsed[0]))
    console.print(Text("Time is up.", style="bold"))
