"""SOS: three things to try now, and the urge-surfing timer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverylog.errors import InvalidInput

if TYPE_CHECKING:
    from recoverylog.domain.insights.coping import CopingEffect

DEFAULT_TECHNIQUES: tuple[tuple[str, str], ...] = (
    ("urge surfing", "notice the urge rise, peak and fall; you do not have to act on it"),
    ("call someone", "your sponsor, a peer, or one of the crisis lines"),
    ("play the tape through", "picture tonight, tomorrow morning and next week if you used"),
    ("delay 15 minutes", "tell yourself: not now, maybe later; then wait and see"),
    ("leave the situation", "go outside, walk around the block, change rooms"),
)
TOP = 3


@dataclass(frozen=True)
class Suggestion:
    """A technique to try now, and why it is suggested."""

    name: str
    source: str  # "log" (it has helped you), "toolkit" (yours, untried), "suggested"
    description: str | None = None
    times_used: int = 0
    passed: int = 0
    with_outcome: int = 0
    average_helped: float | None = None


def _unhelpful(effect: CopingEffect) -> bool:
    """Clearly not working for this person: never passed in 2+ tries, or rated below 2."""
    never_passed = effect.known_with >= 2 and effect.passed_with == 0
    rated_low = effect.average_helped is not None and effect.average_helped < 2
    return never_passed or rated_low


def top_techniques(
    effects: Sequence[CopingEffect],
    toolkit: Sequence[tuple[str, str | None]],
    count: int = TOP,
) -> list[Suggestion]:
    """The techniques to suggest in a hard moment: what has worked best in the log, in
    the order the insights rank them (``effects`` from insights.coping_effectiveness),
    then the rest of the toolkit, then sensible defaults. Never one that clearly has not
    helped this person; never the same name twice."""
    described = {" ".join(name.split()).casefold(): about for name, about in toolkit}
    chosen: list[Suggestion] = []
    skip = {" ".join(e.name.split()).casefold() for e in effects if e.times_used and _unhelpful(e)}

    def take(suggestion: Suggestion) -> None:
        key = " ".join(suggestion.name.split()).casefold()
        if len(chosen) < count and key not in skip:
            skip.add(key)
            chosen.append(suggestion)

    for e in effects:
        if e.times_used > 0:
            take(
                Suggestion(
                    e.name,
                    "log",
                    described.get(" ".join(e.name.split()).casefold()),
                    e.times_used,
                    e.passed_with,
                    e.known_with,
                    e.average_helped,
                )
            )
    for name, about in toolkit:
        take(Suggestion(name, "toolkit", about))
    for name, about in DEFAULT_TECHNIQUES:
        take(Suggestion(name, "suggested", about))
    return chosen


def calls_not_listed(lines: Iterable[str], names: Iterable[str]) -> list[str]:
    """The plan's "Who I call" lines that do not name someone already shown with their
    number (a line such as "Sam 555 0100" beside Sam from the support network)."""
    patterns = [
        re.compile(r"(?<!\w)" + re.escape(" ".join(n.split())) + r"(?!\w)", re.IGNORECASE)
        for n in names
        if n.strip()
    ]
    return [line for line in lines if not any(p.search(line) for p in patterns)]


# --- SOS: the urge-surfing timer ------------------------------------------------------

MIN_MINUTES = 1
MAX_MINUTES = 60
BREATHING_PROMPTS = (
    "Breathe in slowly for four counts, hold for four, breathe out for six.",
    "Notice where you feel the urge in your body. You do not have to act on it.",
    "Urges rise, peak and fall, like a wave. You are riding this one.",
    "Breathe in for four, out for six. Let your shoulders drop.",
    "Play the tape through: tonight, tomorrow morning, next week.",
    "Name five things you can see, four you can hear, three you can touch.",
)


def timer_minutes(value: int) -> int:
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise InvalidInput(f"--minutes must be from {MIN_MINUTES} to {MAX_MINUTES}")
    return value


def breathing_prompt(minute: int) -> str:
    """The prompt for the start of the given minute (0, 1, 2 ...)."""
    return BREATHING_PROMPTS[minute % len(BREATHING_PROMPTS)]


def minutes_from_seconds(seconds: int) -> int:
    """Whole minutes, rounding half up: 89 s -> 1, 90 s -> 2."""
    return (max(0, seconds) + 30) // 60
