"""Words about lapses: correcting or deleting one, and the numbers counted again.

People may read this on the worst day of their year: plain, short, never shaming.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from recoverylog.render.lines import Line, Look, screen_safe
from recoverylog.render.views import clock_lines, days, nice_date


def lapse_message(shown: dict[str, Any]) -> list[str]:
    """Kind words after a lapse: what happened, what is kept, when the next run starts,
    then the person's own plan for after a lapse and who they can call."""
    day = nice_date(shown["day"])
    lines = [f"Recorded a lapse for {shown['clock']} on {day}."]
    total, longest = shown["total_clean_days"], shown["longest_run_days"]
    if total == 0:
        # Nothing to count yet: say something true, not "0 days ... still yours".
        lines.append(
            "A lapse is one moment, not the whole story. Many people lapse in the early "
            "days; writing it down honestly is part of recovery."
        )
    else:
        lines.append(
            f"A lapse is one moment, not the whole story. You have {days(total)} clean in "
            f"total and your longest run is {days(longest)}; that is all still yours."
        )
    restart = shown["restart"]
    if restart > shown["today"]:
        tomorrow = date.fromisoformat(shown["today"]) + timedelta(days=1)
        when = "tomorrow, " if restart == tomorrow.isoformat() else ""
        lines.append(f"Your next run starts {when}{nice_date(restart)}.")
    elif restart == shown["today"]:
        lines.append(f"Your new run starts today, {nice_date(restart)}.")
    else:
        current = days(shown["current_run_days"])
        lines.append(f"Your current run started {nice_date(restart)}: {current} so far.")
    steps = shown["if_lapse"]
    if steps:
        lines.append("")
        lines.append("Your plan for after a lapse:")
        lines.extend(f"  - {screen_safe(step)}" for step in steps)
    person = shown["person"]
    if person:
        lines.append(f"If it would help, reach out to {person_words(person)} today.")
    elif not steps:
        lines.append("If it would help, reach out to someone you trust today.")
    return lines


def person_words(person: dict[str, Any]) -> str:
    """'Sam (your sponsor, 07700 900123)'."""
    how = person.get("phone") or person.get("email")
    role = person.get("role")
    about = f"your {role}, {how}" if role and role != "other" else str(how)
    return screen_safe(f"{person['name']} ({about})")


def delete_question(lapse: dict[str, Any]) -> str:
    return (
        f"Delete the lapse {lapse['id'][:8]} on {nice_date(lapse['at'])} from "
        f"{lapse['clock']}? Your runs and totals will be counted again without it."
    )


def deleted(lapse: dict[str, Any]) -> str:
    return (
        f"Deleted the lapse on {nice_date(lapse['at'])} from {lapse['clock']} "
        "(a backup of your journal was taken first)."
    )


def recounted_lines(
    clocks: Sequence[Mapping[str, Any]], currency: str, *, look: Look
) -> list[Line]:
    """Each clock a change touched, as status shows it."""
    lines: list[Line] = []
    for clock in clocks:
        lines.extend(clock_lines(clock, currency, look=look))
    return lines


def offer_question(clock: str) -> str:
    return (
        f"Would you like to record this as a lapse on your {clock} clock too? "
        "Your history and totals are kept."
    )


def offer_declined() -> str:
    return "All right. The craving is saved; your clock is as it was."


def offer_hint(clock: str | None, at: str) -> str:
    """How to record the lapse later (no terminal to ask on, or no clock named)."""
    import shlex

    name = shlex.quote(clock) if clock else "CLOCK"
    return (
        "If you want your clock to show it, this records it as a lapse: "
        f"recoverylog log lapse {name} --at {shlex.quote(at[:16].replace('T', ' '))}"
    )


def checkin_lapse_recorded(clock: str, day: str) -> str:
    return (
        f"You recorded a lapse on {nice_date(day)} for {clock}; the answer below starts from that."
    )


def checkin_keeps_lapse(clock: str, day: str, lapse_id: str) -> str:
    return (
        f"a lapse for {clock} is recorded on {nice_date(day)}, so the answer is lapse; "
        f"if it was recorded by mistake, 'recoverylog delete {lapse_id[:8]}' removes it"
    )
