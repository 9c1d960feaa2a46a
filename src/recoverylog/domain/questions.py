"""Journal prompts: the questions a note can start from, which one today, and what of
the editor's text is the person's answer. Pure: the day and the history are passed in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# A small set written for recovery, in our own words: gratitude, what helped, a worry
# to share, honesty and making things right, and the day ahead.
BUILT_IN = (
    "What are you grateful for today, however small?",
    "What helped you today, and who helped?",
    "What is worrying you that you could share with your sponsor or a friend?",
    "Where were you honest with yourself today, and where was it hard?",
    "Is there someone you would like to make things right with? What is one small step?",
    "What do you want tomorrow to hold?",
)

# The check-in asks for gratitude and about tomorrow itself: the question after it is
# one of the others (or one of your own).
CHECKIN_ASKS = (BUILT_IN[0], BUILT_IN[-1])

PLACEHOLDER = "{prompt}"
HEADER_MARK = "# "
HEADER_HINT = "# Write your answer below; these two lines are left out."


def pool(own: Sequence[str], leave_out: Sequence[str] = ()) -> list[str]:
    """The built-in questions (but ``leave_out``), then the person's own, each once (in
    any case)."""
    seen: dict[str, str] = {}
    for question in (*(q for q in BUILT_IN if q not in leave_out), *own):
        seen.setdefault(" ".join(question.split()).casefold(), question)
    return list(seen.values())


def todays_question(
    day: date, own: Sequence[str], last: str | None, leave_out: Sequence[str] = ()
) -> str:
    """One question for ``day``: it changes from day to day, and is never the one
    answered last (``last``), so two days running never ask the same."""
    questions = pool(own, leave_out)
    index = day.toordinal() % len(questions)
    if last is not None and _same(questions[index], last) and len(questions) > 1:
        index = (index + 1) % len(questions)
    return questions[index]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def filled(template: str, question: str | None) -> str:
    """The template with ``{prompt}`` replaced by the question (by plain replacement:
    nothing else in the template is read as a format)."""
    return template.replace(PLACEHOLDER, question or "")


def uses_question(template: str) -> bool:
    return PLACEHOLDER in template


def header(question: str) -> str:
    """The lines above the note in the editor: the question, and how to answer."""
    return f"{HEADER_MARK}{' '.join(question.split())}\n{HEADER_HINT}\n\n"


def unheaded(text: str) -> tuple[str | None, str]:
    """A note's question and words, from text that may still carry the editor's header
    (a draft kept when the editor failed): (None, text) when it has none."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[0].startswith(HEADER_MARK) and lines[1] == HEADER_HINT:
        return lines[0][len(HEADER_MARK) :].strip(), "\n".join(lines[2:]).strip("\n")
    return None, text


def answer(edited: str, start: str, head: str) -> str | None:
    """The person's own words in the editor's text: without the header's lines (``head``)
    when they are still on top; None when nothing was written (empty, or the text the
    editor started from, ``start``, unchanged)."""
    text, body = _without(edited, head), _without(start, head)
    if not text.strip() or text.strip() == body.strip():
        return None
    return text.strip("\n")


def _without(text: str, head: str) -> str:
    head_lines = head.rstrip("\n").split("\n") if head else []
    lines = text.split("\n")
    if head_lines and lines[: len(head_lines)] == head_lines:
        lines = lines[len(head_lines) :]
    return "\n".join(lines)
