"""Write a report document as Markdown, plain text (80 columns), HTML or JSON.

User text is escaped for each format: Markdown gets backslash escapes, HTML goes
through Jinja2 with autoescaping, and control characters (which could move a
terminal's cursor or hide text) are removed everywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from recoverylog.domain.text import named_values
from recoverylog.render.width import cells, pad, wrap
from recoverylog.reports.blocks import (
    Block,
    Bullets,
    Chart,
    Document,
    Figures,
    Para,
    Quotes,
    Table,
)
from recoverylog.reports.document import document
from recoverylog.reports.formats import ReportFormat
from recoverylog.reports.sharing import free_texts

WIDTH = 80


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: Any) -> str:
    """Text without control characters (newlines and tabs become spaces where unsafe)."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\t", " "))


def one_line(text: Any) -> str:
    return " ".join(clean(text).split())


def render(report: Mapping[str, Any], fmt: ReportFormat) -> str:
    """The report in one format, as text ready to write."""
    if fmt is ReportFormat.JSON:
        return to_json(report)
    doc = document(report)
    if fmt is ReportFormat.MD:
        return to_markdown(doc)
    if fmt is ReportFormat.TXT:
        return to_text(doc)
    return to_html(doc)


def spoken(report: Mapping[str, Any]) -> str:
    """The report for a screen reader: plain text with no ruled lines, and each table
    row a sentence that names its values, as a screen reader cannot see the columns."""
    return to_text(document(report), spoken=True)


def to_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# --- Markdown ----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text: Any) -> str:
    """User text as literal Markdown: special characters escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def to_markdown(doc: Document) -> str:
    out = [f"# {md(doc.title)}", ""]
    out.extend(f"{md(line)}  " for line in doc.meta)
    out.append("")
    if doc.banner:
        out.append("\n>\n".join(f"> {md(line)}" for line in doc.banner))
        out.append("")
    for section in doc.sections:
        out.append(f"## {md(section.title)}")
        out.append("")
        for block in section.blocks:
            lines = _md_block(block)
            if lines:
                out.extend(lines)
                out.append("")
    out.append(f"*{md(doc.footer)}*")
    return "\n".join(out) + "\n"


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [md(block.text)]
    if isinstance(block, Bullets):
        return [f"- {md(item)}" for item in block.items]
    if isinstance(block, Figures):
        return [f"**{md(f.value)}** {md(f.label)} · {md(f.detail)}  " for f in block.items]
    if isinstance(block, Table):
        head = "| " + " | ".join(md(h) for h in block.headers) + " |"
        rule = (
            "|"
            + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers)))
            + "|"
        )
        rows = ["| " + " | ".join(md(cell) for cell in row) + " |" for row in block.rows]
        return [head, rule, *rows]
    if isinstance(block, Quotes):
        lines: list[str] = []
        for when, text in block.items:
            lines.append(f"**{md(when)}**")
            lines.append("")
            for row in clean(text).splitlines() or [""]:
                lines.append("> " + _MD_SPECIAL.sub(r"\\\1", row))
            lines.append("")
        return lines[:-1]
    return []  # charts are drawn in HTML only; the tables carry the same numbers


# --- plain text ----------------------------------------------------------------------


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return wrap(one_line(text), WIDTH, indent, first) or [first or indent]


def to_text(doc: Document, *, spoken: bool = False) -> str:
    title = one_line(doc.title)
    out = [title] if spoken else [title, "=" * min(WIDTH, cells(title))]
    for line in doc.meta:
        out.extend(_wrap(line))
    for line in doc.banner:
        out.append("")
        out.extend(_wrap(line))
    for section in doc.sections:
        heading = one_line(section.title)
        if spoken:
            out.extend(["", heading])
        else:
            out.extend(["", heading.upper(), "-" * min(WIDTH, cells(heading))])
        for block in section.blocks:
            lines = _spoken_block(block) if spoken else _text_block(block)
            if lines:
                out.extend(lines)
                out.append("")
        if out[-1] == "":
            out.pop()
    out.extend(["", *_wrap(doc.footer)])
    return "\n".join(line.rstrip() for line in out) + "\n"


def _text_block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return _wrap(block.text)
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            lines.extend(_wrap(item, "    ", "  * "))
        return lines
    if isinstance(block, Figures):
        width = max(cells(one_line(f.value)) for f in block.items)
        lines = []
        for f in block.items:
            lines.extend(
                _wrap(
                    f"{one_line(f.label)}, {one_line(f.detail)}",
                    " " * (width + 4),
                    f"  {pad(one_line(f.value), width)}  ",
                )
            )
        return lines
    if isinstance(block, Table):
        return text_table(block)
    if isinstance(block, Quotes):
        lines = []
        for when, text in block.items:
            lines.append(one_line(when))
            for row in clean(text).splitlines() or [""]:
                lines.extend(_wrap(row, "  | ", "  | ") if row.strip() else ["  |"])
            lines.append("")
        return lines[:-1]
    return []


def _spoken_block(block: Block) -> list[str]:
    """A block in sentences: a table row names each value by its column, a list item
    has no marker to read out, and a quote is its words."""
    if isinstance(block, Table):
        lines: list[str] = []
        for row in block.rows:
            said = named_values(zip(map(one_line, block.headers), map(one_line, row), strict=True))
            lines.extend(_wrap(said, "    ", "  "))
        return lines
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(item, "    ", "  ")]
    if isinstance(block, Quotes):
        lines = []
        for when, text in block.items:
            lines.extend(_wrap(f"{one_line(when)}: {one_line(text)}", "    ", "  "))
        return lines
    return _text_block(block)


def text_table(table: Table, width: int = WIDTH) -> list[str]:
    """Aligned columns; the widest column wraps so that the table fits ``width``."""
    headers = [one_line(h) for h in table.headers]
    rows = [[one_line(c) for c in row] for row in table.rows]
    widths = [max([cells(h)] + [cells(r[i]) for r in rows]) for i, h in enumerate(headers)]
    gap = 2
    indent = 2
    while indent + sum(widths) + gap * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 8:
            break
        widths[widest] -= 1

    def lines_for(row: Sequence[str]) -> list[str]:
        wrapped = [wrap(cell, widths[i]) or [""] for i, cell in enumerate(row)]
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            parts = []
            for i, w in enumerate(wrapped):
                piece = w[n] if n < len(w) else ""
                parts.append(pad(piece, widths[i], right=i in table.numeric))
            out.append(" " * indent + (" " * gap).join(parts).rstrip())
        return out

    out = lines_for(headers)
    out.append(" " * indent + (" " * gap).join("-" * w for w in widths))
    for row in rows:
        out.extend(lines_for(row))
    return out


# --- HTML ----------------------------------------------------------------------------

CHART_WIDTH = 480
CHART_HEIGHT = 130
CHART_LEFT = 26
CHART_RIGHT = 6
CHART_TOP = 8
CHART_BOTTOM = 20


def chart_geometry(chart: Chart) -> dict[str, Any]:
    """Bars, labels and grid lines of a small SVG bar chart, in viewBox units."""
    n = max(1, len(chart.values))
    plot_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = plot_w / n
    bar_w = max(1.0, slot * 0.72)
    top = chart.top if chart.top > 0 else 1.0
    bars = []
    labels = []
    for i, value in enumerate(chart.values):
        h = max(0.0, min(1.0, value / top)) * plot_h
        x = CHART_LEFT + i * slot + (slot - bar_w) / 2
        bars.append(
            {
                "x": round(x, 2),
                "y": round(CHART_TOP + plot_h - h, 2),
                "w": round(bar_w, 2),
                "h": round(h, 2),
                "tip": chart.tips[i] if i < len(chart.tips) else "",
            }
        )
        label = chart.labels[i] if i < len(chart.labels) else ""
        if label:
            labels.append({"x": round(x + bar_w / 2, 2), "text": label})
    grid = []
    for fraction in (0.0, 0.5, 1.0):
        value = top * fraction
        if fraction == 0.5 and top < 2:
            continue
        grid.append(
            {
                "y": round(CHART_TOP + plot_h - fraction * plot_h, 2),
                "text": f"{value:g}",
            }
        )
    return {
        "title": chart.title,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
        "label_y": CHART_HEIGHT - 5,
        "bars": bars,
        "labels": labels,
        "grid": grid,
        "unit": chart.unit,
    }


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("recoverylog.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render a template shipped in reports/templates, with autoescaping on."""
    env = _environment()
    env.filters["clean"] = clean
    return str(env.get_template(name).render(**context))


def to_html(doc: Document) -> str:
    sections = []
    for section in doc.sections:
        blocks = []
        for block in section.blocks:
            kind = type(block).__name__.lower()
            entry: dict[str, Any] = {"kind": kind, "block": block}
            if isinstance(block, Chart):
                entry["svg"] = chart_geometry(block)
            blocks.append(entry)
        sections.append({"id": section.id, "title": section.title, "blocks": blocks})
    return render_template("report.html", doc=doc, sections=sections)


# --- the free text a preview points out --------------------------------------------------

HIDE_COMMAND = "recoverylog config set report.hide"


def to_preview(report: Mapping[str, Any], hidden: Sequence[str]) -> str:
    """Every piece of free text the report shares, by kind, with the words that look like
    names in [brackets], and the command that would hide them too (``hidden``: the words
    already on the hide list, which the command keeps)."""
    found = free_texts(report)
    if not found:
        return "Free text this report shares: none.\n"
    lines, names = _marked(found, hidden)
    if names:
        hint = "Words in [brackets] look like names. To hide them in every report:"
    else:
        hint = "Nothing here looks like a name. To hide a word in every report:"
    words = ",".join([*hidden, *(names or ["WORD"])])
    return (
        "\n".join(
            [
                "Free text this report shares, as it will read:",
                *lines,
                "",
                hint,
                f"  {HIDE_COMMAND} {_quoted(words)}",
            ]
        )
        + "\n"
    )


def _marked(
    found: Sequence[tuple[str, Sequence[str]]], hidden: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The lines of the free text, kind by kind, with name-like words in [brackets]; and
    those words, each once, in the order they first appear."""
    from recoverylog.domain.names import name_like

    lines: list[str] = []
    names: dict[str, str] = {}
    for label, texts in found:
        lines.append(f"  {label[:1].upper()}{label[1:]}:")
        for text in map(clean, texts):
            marks = name_like(text, hidden)
            for mark in marks:
                names.setdefault(mark.word.casefold(), mark.word)
            for mark in reversed(marks):
                text = f"{text[: mark.start]}[{text[mark.start : mark.end]}]{text[mark.end :]}"
            lines.extend(f"    {line}" for line in text.splitlines())
    return lines, list(names.values())


def _quoted(text: str) -> str:
    """Double quotes where the shell takes the text as it is; else the shell's own quoting."""
    import shlex

    return f'"{text}"' if not re.search(r'["$`\\!]', text) else shlex.quote(text)
