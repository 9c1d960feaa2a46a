"""Crisis lines, the SOS screen, the hard-moment view, and what SOS saved.

Read in the worst moments: short, calm, plain words; facts without judgement.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.render.lines import Line, Look, heading, paragraph, text

COMMON_EMERGENCY_NUMBERS = (
    "112 in Europe and many other countries, 911 in North America, 999 in the UK and "
    "Ireland, 000 in Australia, 111 in New Zealand"
)


def crisis_lines(crisis: dict[str, Any], *, look: Look) -> list[Line]:
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


def help_now_lines(crisis: dict[str, Any], *, look: Look) -> list[Line]:
    lines = crisis_lines(crisis, look=look)
    lines.append([])
    lines.append([text("You do not have to go through this alone.")])
    return lines


SOS_OPENING = "You reached out. Stay with this for a few minutes: cravings rise, peak and pass."


def sos_opening_lines(crisis: dict[str, Any], *, look: Look) -> list[Line]:
    """What SOS shows first, before the journal is opened: it needs no data at all."""
    return [[text(SOS_OPENING)], [], *crisis_lines(crisis, look=look)]


def sos_lines(
    screen: dict[str, Any],
    minutes: int | None,
    *,
    look: Look,
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
        lines.extend(crisis_lines(crisis, look=look))
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


def hard_moment_lines(data: dict[str, Any], *, look: Look) -> list[Line]:
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
    lines.extend(crisis_lines(data["crisis"], look=look))
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
