"""The building blocks of a report document: paragraphs, lists, tables, charts and
calendar grids, grouped in sections. Plain text only, never markup: each writer escapes
the text for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right
    kind: str = "plain"  # "calendar": cells are clean / lapse / no data
    text_only: bool = False  # HTML shows the same numbers another way (a chart, a grid)


@dataclass(frozen=True)
class Figure:
    value: str  # "61 days"
    label: str  # "alcohol"
    detail: str  # "counting from Mon 14 Sep 2026"


@dataclass(frozen=True)
class Figures:
    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Quotes:
    """Free text written by the person: (when, text) pairs, shown as written."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Chart:
    """A small bar chart; drawn in HTML only (the tables beside it carry the numbers)."""

    title: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # one per bar; "" for no label under it
    tips: tuple[str, ...]  # one per bar: what the bar means, in words
    top: float  # the value of a full-height bar
    unit: str


@dataclass(frozen=True)
class GridDay:
    label: str  # "25" or "1 Nov" where a month begins
    status: str  # clean, lapse, no data
    cravings: int
    tip: str


@dataclass(frozen=True)
class Grid:
    """A calendar of weeks (Monday first) for one clock; drawn in HTML only."""

    title: str
    weeks: tuple[tuple[GridDay | None, ...], ...]


Block = Para | Bullets | Table | Figures | Quotes | Chart | Grid


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    meta: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str
    banner: tuple[str, ...] = field(default_factory=tuple)  # what is shared, what is not
