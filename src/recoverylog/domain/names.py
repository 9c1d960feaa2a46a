"""Names in free text: matching words to hide, and finding words that look like names.

A report hides the names it knows (people in the support network, words on the hide
list). Before sharing, the preview points out other words that look like someone's
name, so the person can add them to the hide list. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for any of the phrases as whole words, in any case and spacing; longer
    phrases first, so 'Jo Bloggs' wins over 'Jo'. None when there is nothing to match."""
    keys = {" ".join(p.split()).casefold() for p in phrases}
    ordered = sorted((k for k in keys if k), key=lambda k: (-len(k), k))
    if not ordered:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class NameLike:
    """A word that looks like a name: where it is in the text, without any 's."""

    start: int
    end: int
    word: str


# Letters, with inner apostrophes and hyphens: "O'Brien", "Mary-Jane", "Jon's".
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END = ".!?\n"
_OPENING = " \t\"'“‘([{*-–—"

# Capitalised or possessive, but not a name: days, months, fellowships, the everyday
# words people write with 's ("today's", "it's", "my mum's"), and "a person's", what a
# hidden name becomes.
_NOT_NAMES = frozenset(
    word
    for line in (
        "i monday tuesday wednesday thursday friday saturday sunday",
        "mon tue tues wed thu thur thurs fri sat sun",
        "january february march april may june july august september october november",
        "december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter",
        "aa na ca ga smart halt cma al-anon nar-anon lifering",
        "recovery dharma refuge celebrate",
        "it that what who where there here he she let one",
        "today tonight tomorrow yesterday week year night work",
        "everyone everybody someone somebody anyone nobody",
        "mum mom dad wife husband partner sister brother son daughter friend boss sponsor",
        "person people",
    )
    for word in line.split()
)


def name_like(text: str, hidden: Iterable[str] = ()) -> tuple[NameLike, ...]:
    """Words that look like someone's name: a capitalised word that does not start a
    sentence, or any word with a possessive 's ("Jon's", "mike's"). Never "I", days,
    months and a few everyday words, nor a word inside a phrase already ``hidden``."""
    covered = phrase_pattern(hidden)
    spans = [m.span() for m in covered.finditer(text)] if covered else []
    found = []
    for match in _WORD.finditer(text):
        start, token = match.start(), match.group()
        word = _POSSESSIVE.sub("", token)
        if any(a <= start < b for a, b in spans) or _ordinary(word):
            continue
        capitalised = word[0].isupper() and not _starts_sentence(text, start)
        if capitalised or word != token:
            found.append(NameLike(start, start + len(word), word))
    return tuple(found)


def _ordinary(word: str) -> bool:
    key = word.casefold()
    return key in _NOT_NAMES or key.startswith(("i'", "i’"))


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENING)
    return not before or before[-1] in _SENTENCE_END
