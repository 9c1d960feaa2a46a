"""The free text a report shares, and the banner that says what it shares. Pure.

Both are read from the report dict itself, so the banner can never promise more than
the report keeps: a kind of text is "shared as written" when the report holds some of
it, and a part the options leave out is named as left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from recoverylog.reports.shapes import BannerJson

A_PERSON = "a person"  # what a hidden name or word becomes
PEOPLE = "people"  # the trigger kind, and the row that stands for several people


@dataclass(frozen=True)
class TextKind:
    label: str  # as the banner names it: "meeting names"
    texts: Callable[[Mapping[str, Any]], Iterable[Any]]


def _triggers(r: Mapping[str, Any]) -> Iterable[Any]:
    for t in r["cravings"]["triggers"]:
        if not (t.get("kind") == PEOPLE and t["name"] in (A_PERSON, PEOPLE)):
            yield t["name"]


def _checkin_answers(r: Mapping[str, Any]) -> Iterable[Any]:
    for answer in (r.get("checkins") or {}).get("answers") or []:
        yield from answer.get("gratitude") or []
        yield answer.get("intention")
        yield answer.get("tomorrow")


KINDS = (
    TextKind("triggers", _triggers),
    TextKind(
        "meeting names", lambda r: (m.get("name") for m in r["peer_support"]["meetings"]["list"])
    ),
    TextKind("coping techniques", lambda r: (t["name"] for t in r["coping"]["techniques"])),
    TextKind("lapse triggers", lambda r: (t for x in r["lapses"] for t in x.get("triggers") or [])),
    TextKind("lapse circumstances", lambda r: (x.get("note") for x in r["lapses"])),
    TextKind("notes on entries", lambda r: (n["note"] for n in r.get("notes") or [])),
    TextKind("check-in answers", _checkin_answers),
    TextKind("journal entries", lambda r: (j["text"] for j in r.get("journal") or [])),
    TextKind(
        "names of contacts",
        lambda r: (p["name"] for p in r["peer_support"]["contacts"].get("people") or []),
    ),
    TextKind("goal names", lambda r: (g.get("name") for g in r.get("goals") or [])),
)

# Each part of a report that --include shares (a key of report["shared"]), as the banner
# says it when the part is left out.
LEFT_OUT = {
    "notes": "notes on entries and check-in answers",
    "lapse_details": "lapse triggers and circumstances",
    "journal": "journal entries",
    "names": "names of contacts (they are counted by role)",
}


# Goals named in the person's own words (a technique, a tag), and what the banner says
# when a report leaves their names out.
NAMED_GOALS = ("coping", "tag")
GOAL_NAMES_LEFT_OUT = "names of goals of your own"


def free_texts(report: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """Each kind of free text the report holds, with its texts (each once), in the
    order of KINDS; kinds it does not hold are left out."""
    found = []
    for kind in KINDS:
        texts = list(dict.fromkeys(str(t) for t in kind.texts(report) if t))
        if texts:
            found.append((kind.label, texts))
    return found


def banner(report: Mapping[str, Any], words_hidden: bool) -> BannerJson:
    """What the report shares as written and what it leaves out, as lists and as the
    lines every format shows at the top. ``words_hidden``: a hide list is in use."""
    shared = [label for label, _ in free_texts(report)]
    left_out = [text for part, text in LEFT_OUT.items() if not report["shared"].get(part)]
    if any(g["kind"] in NAMED_GOALS and not g.get("name") for g in report.get("goals") or []):
        left_out.append(GOAL_NAMES_LEFT_OUT)
    names_hidden = not report["shared"].get("names")
    lines = [_shared_line(shared, names_hidden, words_hidden)]
    if left_out:
        lines.append("Not in this report: " + "; ".join(left_out) + ".")
    return {"shared_as_written": shared, "left_out": left_out, "banner": lines}


def _shared_line(shared: list[str], names_hidden: bool, words_hidden: bool) -> str:
    if not shared:
        return "Shared as written: no free text."
    hidden = []
    if names_hidden:
        hidden.append("names from the support network and contacts")
    if words_hidden:
        hidden.append("words chosen to be hidden")
    line = "Shared as written: " + _and(shared)
    if hidden:
        line += f', with {" and ".join(hidden)} shown as "{A_PERSON}"'
    return line + "."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
