"""Which characters can hide text or drive a terminal. Pure.

Controls (C0, DEL, C1: ESC starts a sequence that can clear the screen, hide text or
write the clipboard), format characters (bidi overrides reorder a line; zero-width
ones hide a difference), line and paragraph separators, and lone surrogates. Views
show them as escapes (render.lines.screen_safe); names refuse them (domain.fields).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Format characters that only join or separate letters: Persian, Indic scripts and
# emoji sequences need them, and they cannot reorder or hide anything.
JOINERS = frozenset("\u200c\u200d")

# Every character of an unsafe category lies in one of these ranges (a test checks
# this against the whole of Unicode); only these are looked at, so long text is fast.
# Compiled on first use (re keeps it): most commands never show an unsafe character.
_CANDIDATES = (
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u089f\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001345f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)


def is_unsafe(ch: str) -> bool:
    import unicodedata

    return ch not in JOINERS and unicodedata.category(ch) in UNSAFE_CATEGORIES


def unsafe_characters(text: str) -> list[str]:
    return [m.group() for m in re.compile(_CANDIDATES).finditer(text) if is_unsafe(m.group())]


def replace_unsafe(text: str, replacement: Callable[[str], str]) -> str:
    """``text`` with each unsafe character replaced by ``replacement(ch)``."""

    def swap(match: re.Match[str]) -> str:
        ch = match.group()
        return replacement(ch) if is_unsafe(ch) else ch

    return re.compile(_CANDIDATES).sub(swap, text)


def escaped(ch: str) -> str:
    """How a character is written in Python and JSON-like text: \\x1b, \\u202e."""
    return repr(ch)[1:-1]


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 day', '3 days'; ``words`` for a plural that is not word + s ('2 people')."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def percent(share: float | None) -> str:
    """A share as a whole percentage ('38%'); a dash when there is nothing to divide."""
    return "–" if share is None else f"{float(share) * 100:.0f}%"


def named_values(pairs: Iterable[tuple[str, str]]) -> str:
    """A row as a sentence: 'Clock alcohol, clean since 2026-10-06, days 61.' Values
    that are empty or a dash (nothing to say) are left out."""
    named = [f"{name} {' '.join(value.split())}" for name, value in pairs if value.strip("–- ")]
    return ", ".join(named[:1] + [_in_sentence(n) for n in named[1:]]).rstrip(".") + "."


def _in_sentence(words: str) -> str:
    """'Clean since' as a sentence goes on ('clean since'); 'ID' stays."""
    return words[:1].lower() + words[1:] if words[1:2].islower() else words
