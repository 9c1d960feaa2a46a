"""One output sink that knows every format: table, plain, json, csv.

Plain, JSON and CSV are written without rich so that piped commands start fast;
tables import rich only when drawn.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple, TextIO

from recoverylog.domain.csvguard import guard_cell
from recoverylog.domain.text import named_values
from recoverylog.render.lines import screen_safe


class Format(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    CSV = "csv"


def resolve_format(chosen: Format | None, *, terminal: bool) -> Format:
    """Tables on a terminal, plain text when piped, unless the user chose. ``terminal``:
    the output is a terminal (the command's Environment says so)."""
    if chosen is not None:
        return chosen
    return Format.TABLE if terminal else Format.PLAIN


class Column(NamedTuple):
    key: str
    header: str
    show: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    justify: str = "left"
    max_width: int | None = None


class Screen:
    """Where one command's output goes, as its Environment describes it: data and views
    to ``stdout``, messages to ``stderr``; whether ``stdout`` is a terminal (which a
    person reads); the width to draw at; and the variables Rich reads (NO_COLOR,
    FORCE_COLOR, TERM...), so that Rich follows its own rules without looking at the
    process itself; and whether it is read by a screen reader (``accessible``), so that
    views are said in words rather than drawn."""

    __slots__ = ("accessible", "stderr", "stdout", "terminal", "variables", "width")

    def __init__(
        self,
        stdout: TextIO,
        stderr: TextIO,
        *,
        terminal: bool = False,
        width: int = 80,
        variables: Mapping[str, str] | None = None,
        accessible: bool = False,
    ) -> None:
        self.accessible = accessible
        self.stdout = stdout
        self.stderr = stderr
        self.terminal = terminal
        self.width = width
        self.variables: Mapping[str, str] = variables if variables is not None else {}

    def write(self, text: str) -> None:
        """Words for people (summaries, confirmations): never a raw control character."""
        _write_line(screen_safe(text, one_line=False), self.stdout)

    def write_data(self, text: str) -> None:
        """A document (JSON, CSV, an export, a report) exactly as made, for a file or a
        program; on a terminal, which a person reads, screen-safe like everything else."""
        _write_line(screen_safe(text, one_line=False) if self.terminal else text, self.stdout)

    def write_data_chunks(self, chunks: Iterable[str]) -> None:
        """``write_data`` of a document made piece by piece, each piece written as it
        comes (each one ends where a line may: a whole document ends with a newline)."""
        for chunk in chunks:
            self.stdout.write(screen_safe(chunk, one_line=False) if self.terminal else chunk)

    def emit_json(self, data: Any) -> None:
        self.write_data(to_json(data))

    def message(self, text: str) -> None:
        """Messages (not data) go to stderr so that stdout stays clean for scripts. What
        stdout holds so far goes first, so the two keep their order when they share a
        file."""
        with contextlib.suppress(OSError, ValueError):
            self.stdout.flush()
        self.stderr.write(screen_safe(text, one_line=False).rstrip("\n") + "\n")

    def emit_rows(
        self,
        rows: Sequence[dict[str, Any]],
        columns: Sequence[Column],
        fmt: Format,
        *,
        title: str | None = None,
        json_rows: Sequence[Mapping[str, Any]] | None = None,
        empty: str = "Nothing to show.",
    ) -> None:
        """Write a listing in the chosen format; JSON and CSV carry every key."""
        if fmt is Format.JSON:
            self.emit_json(list(json_rows if json_rows is not None else rows))
            return
        if fmt is Format.CSV:
            full = list(json_rows if json_rows is not None else rows)
            keys = list(dict.fromkeys(k for row in full for k in row)) or [c.key for c in columns]
            self.write_data(to_csv(full, keys))
            return
        if not rows:
            self.message(empty)
            return
        if self.accessible:
            self.write(to_spoken(rows, columns, title, width=self.width))
        elif fmt is Format.TABLE:
            print_table(rows, columns, self, title)
        else:
            self.write(to_plain(rows, columns))


def _write_line(text: str, out: TextIO) -> None:
    out.write(text if text.endswith("\n") or not text else text + "\n")


def to_json(data: Any) -> str:
    """JSON of the exact data. JSON escapes C0 controls itself; C1 controls, DEL and
    format characters (bidi overrides) get \\u escapes too, which read back the same,
    so no JSON output can drive a terminal."""
    from recoverylog.domain.text import replace_unsafe

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if text.isascii() and "\x7f" not in text:
        return text
    return replace_unsafe(text, _json_escape)


def _json_escape(ch: str) -> str:
    if ch < "\x7f":  # JSON's own escapes already cover C0 inside strings
        return ch
    units = ch.encode("utf-16-be", "surrogatepass").hex()  # a pair beyond U+FFFF
    return "".join(f"\\u{units[i : i + 4]}" for i in range(0, len(units), 4))


# --- CSV -----------------------------------------------------------------------


def safe_cell(value: Any) -> Any:
    """A value ready for a CSV cell; text is guarded against formulas (see ``guard_cell``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        from recoverylog.domain.csvcells import join_list

        value = join_list(value)
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)  # readable by scripts, unlike repr()
    if isinstance(value, str):
        return guard_cell(value)
    return value


# A byte order mark tells Excel that the file is UTF-8 (otherwise it guesses a local code
# page, and accents and emoji come out garbled).
BOM = "\ufeff"


def to_csv(rows: Sequence[Mapping[str, Any]], keys: Sequence[str], *, bom: bool = False) -> str:
    """RFC 4180 CSV: CRLF between rows, which also makes the writer quote any cell that
    holds a carriage return or a line feed, so no cell can break a row in two."""
    return "".join(to_csv_chunks([rows], keys, bom=bom))


def to_csv_chunks(
    batches: Iterable[Sequence[Mapping[str, Any]]], keys: Sequence[str], *, bom: bool = False
) -> Iterator[str]:
    """``to_csv`` of rows that come a batch at a time: the header, then each batch's text."""
    import csv  # only CSV output needs it; every command loads this module

    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard_cell(str(key)) for key in keys])
    yield buffer.getvalue()
    for rows in batches:
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            writer.writerow([safe_cell(row.get(key)) for key in keys])
        yield buffer.getvalue()


# --- plain text and tables -----------------------------------------------------


def to_plain(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Aligned columns with a header, no colour; the last column is not padded."""
    cells = [[_one_line(c.show(row.get(c.key)), c.max_width) for c in columns] for row in rows]
    headers = [c.header for c in columns]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if columns[i].justify == "right" else v.ljust(widths[i])
            for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in cells)]) + "\n"


def to_spoken(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    title: str | None = None,
    *,
    width: int = 80,
) -> str:
    """A listing for a screen reader: a sentence a row, each value named by its column
    ("Clock alcohol, clean since 2026-10-06, days 61."), since aligned values read out
    as numbers without their headers. Empty values are left out; a long sentence wraps
    under a small indent."""
    from recoverylog.render.width import wrap

    lines = [f"{title}:"] if title else []
    for row in rows:
        said = [(c.header, screen_safe(c.show(row.get(c.key)))) for c in columns]
        lines += wrap(named_values(said), width, "  ", "")
    return "\n".join(lines) + "\n"


def _one_line(text: str, max_width: int | None) -> str:
    flat = " ".join(screen_safe(text).split())
    if max_width and len(flat) > max_width:
        return flat[: max_width - 1] + "…"
    return flat


def print_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    screen: Screen,
    title: str | None = None,
) -> None:
    from rich.table import Table

    from recoverylog.render.console import stdout_console

    shown_title = _escape(screen_safe(title)) if title else None
    table = Table(title=shown_title, title_justify="left", header_style="bold", expand=False)
    for column in columns:
        table.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            max_width=column.max_width,
            overflow="fold",
        )
    for row in rows:
        table.add_row(*(_escape(screen_safe(c.show(row.get(c.key)))) for c in columns))
    stdout_console(screen).print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
