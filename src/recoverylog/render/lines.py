"""Styled lines that print as colour on a terminal and as plain text anywhere else.

A view is a list of lines; a line is a list of (text, style) segments. Building
views this way keeps one description of the output for both modes, and keeps user
text out of any markup language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recoverylog.render.output import Screen

Segment = tuple[str, str | None]
Line = list[Segment]


class Look(Enum):
    """How a view is drawn. TERMINAL: colour, block and box characters. PLAIN: for a
    pipe or a file, ASCII marks and no colour. SPOKEN: for a screen reader or a braille
    display, where a drawing reads as noise: plain text in which every chart, bar and
    mark is said in words, with the same numbers."""

    TERMINAL = "terminal"
    PLAIN = "plain"
    SPOKEN = "spoken"

    @property
    def plain(self) -> bool:
        """Printed without colour or Rich, in ASCII marks where marks remain."""
        return self is not Look.TERMINAL

    @property
    def spoken(self) -> bool:
        return self is Look.SPOKEN


BAR_FULL = "█"
BAR_EMPTY = "░"
PLAIN_FULL = "#"
PLAIN_EMPTY = "-"


def screen_safe(value: str, *, one_line: bool = True) -> str:
    """User text made safe to show: control and format characters (ESC, bidi overrides)
    appear as escapes such as \\x1b, so a name or a note can never move the cursor,
    recolour the terminal or reorder a line. Line breaks and tabs become spaces in
    one-line views; a multi-line view keeps line feeds. Every view reaches a terminal
    through this (print_lines, the table and plain writers, messages, errors)."""
    from recoverylog.domain.text import escaped, replace_unsafe

    def shown(ch: str) -> str:
        if ch == "\n" and not one_line:
            return ch
        return " " if ch in "\r\n\t" and (one_line or ch == "\t") else escaped(ch)

    return value if value.isprintable() else replace_unsafe(value, shown)


def text(value: str, style: str | None = None) -> Segment:
    return (value, style)


def paragraph(value: str, style: str | None = None, *, indent: int = 2) -> list[Line]:
    """A sentence as lines of at most 78 columns, each indented, so that it reads
    well at 80 columns on a terminal and in a pipe alike."""
    from recoverylog.render.width import wrap

    return [[(row, style)] for row in wrap(value, 78, " " * indent)]


def fit(block: str, width: int = 80) -> str:
    """Lines of a message wrapped to ``width`` columns, each under its own indent."""
    from recoverylog.render.width import wrap

    out = []
    for row in block.split("\n"):
        pad = " " * (len(row) - len(row.lstrip(" ")))
        out.append("\n".join(wrap(row, width, pad, "")) if row.strip() else row)
    return "\n".join(out)


def bar(fraction: float, width: int = 20, *, look: Look = Look.TERMINAL, said: str = "") -> Segment:
    """A progress bar; in the spoken look, ``said`` instead: the line must carry its
    number in words already, or ``said`` does ("3 of 10")."""
    if look.spoken:
        return (said, None)
    filled = round(max(0.0, min(1.0, fraction)) * width)
    full, empty = (PLAIN_FULL, PLAIN_EMPTY) if look.plain else (BAR_FULL, BAR_EMPTY)
    return (full * filled + empty * (width - filled), "green")


def safe_line(line: Line) -> Line:
    """The line as it may reach a terminal: every segment through ``screen_safe``."""
    return [(screen_safe(seg), style) for seg, style in line]


def as_plain(lines: Sequence[Line]) -> str:
    return "".join("".join(seg for seg, _ in safe_line(line)).rstrip() + "\n" for line in lines)


def print_lines(lines: Sequence[Line], *, look: Look, screen: Screen) -> None:
    """The lines on the screen's stdout: as plain text (the plain and spoken looks), or
    through Rich."""
    if look.spoken:
        screen.stdout.write(as_plain(_wrapped(lines, screen.width)))
        return
    if look.plain:
        screen.stdout.write(as_plain(lines))
        return
    from rich.text import Text

    from recoverylog.render.console import stdout_console

    console = stdout_console(screen)
    for line in lines:
        indent, line = _indent_of(safe_line(line))
        # A long indented line wraps under its own start, not at column 0; a list item
        # ("1. ", "- ") wraps under its text, past the marker (which keeps its style).
        if not indent:
            console.print(Text.assemble(*[(seg, style or "") for seg, style in line]))
            continue
        (marker, marker_style), line = _marker_of(line)
        row = Text.assemble(*[(seg, style or "") for seg, style in line])
        hang = indent + len(marker)
        for number, piece in enumerate(row.wrap(console, max(20, console.width - hang))):
            piece.rstrip()
            first = Text(" " * indent) + Text(marker, marker_style)
            console.print((first if number == 0 else Text(" " * hang)) + piece)


def _wrapped(lines: Sequence[Line], width: int) -> list[Line]:
    """Long lines wrapped under their own indent: a spoken view is sentences, which may
    run longer than a drawn row."""
    from recoverylog.render.width import wrap

    out: list[Line] = []
    for line in lines:
        whole = "".join(seg for seg, _ in line).rstrip()
        pad = " " * (len(whole) - len(whole.lstrip(" ")))
        out += [[(row, None)] for row in wrap(whole.lstrip(" "), width, pad + "  ", pad)] or [[]]
    return out


def _indent_of(line: Line) -> tuple[int, Line]:
    """The line's leading spaces, and the line without them."""
    if not line or not line[0][0].startswith(" "):
        return 0, line
    first, style = line[0]
    stripped = first.lstrip(" ")
    return len(first) - len(stripped), [(stripped, style), *line[1:]]


_MARKER = re.compile(r"^(?:\d{1,2}\.|[-*•]) ")


def _marker_of(line: Line) -> tuple[tuple[str, str], Line]:
    """A list item's marker ("1. ", "- ") with its style, and the line without it."""
    first, style = line[0] if line else ("", None)
    found = _MARKER.match(first)
    if found is None:
        return ("", ""), line
    return (found.group(0), style or ""), [(first[found.end() :], style), *line[1:]]


def heading(title: str) -> Line:
    return [text(title, "bold")]
