"""Views of the daily check-in: what was saved, and how a check-in reads in a list."""

from __future__ import annotations

from typing import Any

from recoverylog.render.views import nice_date


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
    if entry.get("slept") is not None:
        parts.append(slept_words(entry["slept"]))
    if entry.get("halt"):
        parts.append("HALT: " + ", ".join(entry["halt"]))
    if entry.get("gratitude"):
        parts.append("grateful: " + "; ".join(entry["gratitude"]))
    if entry.get("intention"):
        parts.append(f"intention: {entry['intention']}")
    return parts


def slept_words(hours: float) -> str:
    """'slept 6.5 hours', 'slept 1 hour'."""
    return f"slept {hours:g} {'hour' if hours == 1 else 'hours'}"


def unrecorded_lapse_hint(clock: str, day: str) -> str:
    return (
        f"Your {clock} clock does not show a lapse on {nice_date(day)}. If you want it to: "
        f"recoverylog log lapse {clock} --at {day}"
    )


# The question a check-in can end with ('checkin --prompt', or the checkin.prompt setting).
ANSWER_HOW = "Your answer in a line (Enter skips; 'edit' opens your editor)"


def one_more_question(asked: str) -> str:
    return f"One more, if you like: {asked}"


def answer_kept(short: str) -> str:
    return f"{short}  Kept your answer as a note of the day."
