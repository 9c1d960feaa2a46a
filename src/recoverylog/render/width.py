"""How many terminal columns text takes, and text wrapped to a number of columns.

CJK characters and most emoji take two columns, so wrapping by characters lets such
lines run past 80 columns. ASCII text is measured by its length; other text with
rich.cells, imported only then, so plain output of ASCII text never loads Rich.
Every view and printed format wraps with ``wrap`` here.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"(\s+)")


def cells(text: str) -> int:
    """The columns ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (on the left when ``right``)."""
    spaces = " " * max(0, width - cells(text))
    return spaces + text if right else text + spaces


def _chop(word: str, width: int) -> list[str]:
    """A word cut into pieces of at most ``width`` columns (at least one character each)."""
    if word.isascii():
        return [word[i : i + width] for i in range(0, len(word), width)]
    from rich.cells import chop_cells

    return [piece for piece in chop_cells(word, width) if piece]


def wrap(text: str, width: int = 80, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` as lines of at most ``width`` columns: the first line begins with ``first``
    (``indent`` unless given), the others with ``indent``. Lines break at spaces; a word
    wider than a line fills the line it starts on and is cut there. Spaces at the start
    of ``text`` stay on its first line; spaces between words on a line stay as they are.
    No words, no lines."""
    room = max(2, width - cells(indent))  # a wide character needs two columns
    lines: list[str] = []
    line = indent if first is None else first
    used, has_words, gap = cells(line), False, ""
    for chunk in _SPACES.split(text):
        if chunk.isspace() or not chunk:
            gap = " " * len(chunk)
            continue
        sep = gap if has_words or not lines else ""  # a wrapped line starts at its word
        size = cells(chunk)
        if size > width - used - len(sep) and (size <= room or width - used - len(sep) < 2):
            if has_words or line.strip():
                lines.append(line)
            line, used, sep = indent, cells(indent), ""
        left = width - used - len(sep)
        if size <= left:
            line, used, has_words = line + sep + chunk, used + len(sep) + size, True
            continue
        head = _chop(chunk, left)[0]
        *full, last = [line + sep + head] + [indent + p for p in _chop(chunk[len(head) :], room)]
        lines.extend(full)
        line, used, has_words = last, cells(last), True
    if has_words:
        lines.append(line)
    return lines
