"""The weekly craving self-check: five questions about the past week, each 0-6.

Its shape follows the Penn Alcohol Craving Scale (how often, how strong at the peak,
how much time, how hard to resist, overall: total 0-30), which is free to use and to
adapt to other substances. The questions and answers here are in our own words. It is
a reflection for the person, never a diagnosis. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from recoverylog.errors import InvalidInput

QUESTION_COUNT = 5
LOWEST = 0
HIGHEST = 6
MAX_TOTAL = QUESTION_COUNT * HIGHEST
# A total from here up (four fifths of the most) is a very hard week: the self-check
# then shows the crisis lines and the person's plan. Our choice, not a clinical cut-off.
TOP_BAND = 24

REFLECTION_NOTE = (
    "This is a reflection for you, not a diagnosis: a way to notice how the week went."
)


@dataclass(frozen=True)
class Wording:
    """How the questions speak about a clock's substance or behaviour."""

    topic: str  # "drinking": what the person thinks about
    act: str  # "drink": what the urge is to do


# Clock names that read better with their own verbs; anything else is "using NAME".
_WORDINGS: dict[str, Wording] = {}
for _names, _wording in (
    (("alcohol", "drinking", "drink", "booze", "beer", "wine"), Wording("drinking", "drink")),
    (
        ("nicotine", "smoking", "cigarettes", "cigarette", "tobacco"),
        Wording("smoking", "smoke"),
    ),
    (("vaping", "vape", "vapes"), Wording("vaping", "vape")),
    (("gambling", "betting", "gambler"), Wording("gambling", "gamble")),
):
    for _name in _names:
        _WORDINGS[_name] = _wording


def wording_for(clock: str | None) -> Wording:
    """The wording for a clock name ('alcohol' -> drinking / drink); None is generic."""
    if not clock or not clock.strip():
        return Wording("using", "use")
    name = " ".join(clock.split())
    return _WORDINGS.get(name.casefold(), Wording(f"using {name}", f"use {name}"))


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[str, ...]  # seven answers, for 0 to 6


def questions(clock: str | None = None) -> tuple[Question, ...]:
    """The five questions, worded for the clock, each with its seven answers."""
    w = wording_for(clock)
    return (
        Question(
            "frequency",
            f"In the past week, how often did thoughts of {w.topic}, or of how good it "
            "would feel, come to you?",
            (
                "not at all",
                "once or twice",
                "now and then",
                "several times",
                "often",
                "most of the time",
                "nearly all the time",
            ),
        ),
        Question(
            "peak",
            f"At its strongest this week, how strong was the urge to {w.act}?",
            (
                "no urge at all",
                "very faint",
                "faint",
                "moderate",
                "strong",
                "very strong",
                "as strong as it gets",
            ),
        ),
        Question(
            "time",
            f"Added up over the week, how much time went on thinking about {w.topic}?",
            (
                "none",
                "under 20 minutes",
                "20 to 45 minutes",
                "45 to 90 minutes",
                "1½ to 3 hours",
                "3 to 6 hours",
                "more than 6 hours",
            ),
        ),
        Question(
            "resist",
            f"If the chance had been right there, how hard would it have been not to {w.act}?",
            (
                "not hard at all",
                "very slightly hard",
                "slightly hard",
                "moderately hard",
                "hard",
                "very hard",
                "I could not have held back",
            ),
        ),
        Question(
            "overall",
            "Taking the whole week together, how would you describe your cravings?",
            (
                "there were none",
                "very mild",
                "mild",
                "moderate",
                "strong",
                "very strong",
                "overwhelming",
            ),
        ),
    )


def parse_answers(text: str) -> list[int]:
    """'2,3,1,0,2' (commas or spaces) -> [2, 3, 1, 0, 2]; exactly five numbers 0-6."""
    parts = [p for p in text.replace(",", " ").split() if p]
    values: list[int] = []
    for part in parts:
        try:
            values.append(int(part))
        except ValueError:
            raise InvalidInput(
                f"'{part}' is not a number: give five answers from {LOWEST} to {HIGHEST}, "
                "e.g. --answers 2,3,1,0,2"
            ) from None
    return validate_answers(values)


def validate_answers(values: list[int]) -> list[int]:
    if len(values) != QUESTION_COUNT:
        raise InvalidInput(
            f"the self-check has {QUESTION_COUNT} questions; {len(values)} "
            f"answer{'s were' if len(values) != 1 else ' was'} given"
        )
    for number, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"answer {number} must be a whole number")
        if not LOWEST <= value <= HIGHEST:
            raise InvalidInput(f"answer {number} must be from {LOWEST} to {HIGHEST}, not {value}")
    return list(values)


def total(values: list[int]) -> int:
    """The self-check total, 0-30."""
    return sum(validate_answers(values))
