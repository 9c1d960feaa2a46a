"""Small terminal charts: bars, sparklines, a heatmap, a year calendar and a trend line.

Each chart is a list of styled lines (see render.lines), so one description serves
a terminal (colour, block characters), plain text (ASCII, no colour) when the output is
piped, and a screen reader (the spoken look: every chart said in words, with the same
numbers). ``Chart`` wraps the lines as a Rich renderable. Charts are laid out to read
well at 80 columns; meaning never depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recoverylog.domain.insights.period import by_month as series_by_month
from recoverylog.domain.moments import hours_and_minutes
from recoverylog.domain.text import percent, plural
from recoverylog.messages import FIRST_CLOCK
from recoverylog.render.lines import Line, Look, Segment, as_plain, safe_line, text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions

SPARK = "▁▂▃▄▅▆▇█"
SPARK_PLAIN = "_.-:=+*#"
EIGHTHS = " ▏▎▍▌▋▊▉"
BLOCK = "█"
HEAT_STYLES = ("dim", "on #203a5c", "on #2c5d8f", "on #3f82c4", "bold on #5aa7f0")

# Calendar glyphs: terminal, plain, style, legend words.
CALENDAR_MARKS = {
    "clean": ("■", "#", "green", "clean"),
    "lapse": ("×", "x", "bold red", "lapse"),
    "gap": ("○", "o", "yellow", "not counted"),
    "before": ("·", ".", "dim", "before the clock"),
}
CALENDAR_DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class Chart:
    """Styled lines as a Rich renderable: ``console.print(Chart(lines))``."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = list(lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        from rich.text import Text

        for line in self.lines:
            safe = safe_line(line)
            yield Text.assemble(*[(seg, style or "") for seg, style in safe], no_wrap=True)

    def plain(self) -> str:
        return as_plain(self.lines)


# --- sparkline and bars ---------------------------------------------------------


def sparkline(
    values: Sequence[float | None],
    *,
    lo: float | None = None,
    hi: float | None = None,
    look: Look = Look.TERMINAL,
    style: str | None = "cyan",
) -> Segment:
    """One character per value, from the lowest to the highest level; None is a space.
    Spoken: the values themselves, "none" for None."""
    if look.spoken:
        return text(", ".join("none" if v is None else f"{round(v, 1):g}" for v in values))
    ramp = SPARK_PLAIN if look.plain else SPARK
    known = [v for v in values if v is not None]
    if not known:
        return text(" " * len(values))
    low = min(known) if lo is None else lo
    high = max(known) if hi is None else hi
    span = high - low
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
            continue
        level = 0 if span <= 0 else round((value - low) / span * (len(ramp) - 1))
        chars.append(ramp[max(0, min(len(ramp) - 1, level))])
    return text("".join(chars), style)


def bar(value: float, high: float, width: int, *, look: Look = Look.TERMINAL) -> str:
    """A bar ``width`` wide at full scale, in eighths of a cell on a terminal; nothing
    when spoken (the row says its number)."""
    if look.spoken:
        return ""
    if high <= 0 or value <= 0:
        return " " * width
    cells = max(0.0, min(1.0, value / high)) * width
    if look.plain:
        whole = max(1, round(cells))
        return ("#" * whole).ljust(width)
    eighths = max(1, round(cells * 8))
    whole, part = divmod(eighths, 8)
    return (BLOCK * whole + (EIGHTHS[part] if part else "")).ljust(width)


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float
    note: str = ""
    said: str = ""  # the row in words, when spoken; else the label and the note


def bar_rows(
    rows: Sequence[BarRow],
    *,
    width: int = 30,
    look: Look = Look.TERMINAL,
    style: str = "cyan",
    indent: str = "  ",
) -> list[Line]:
    """Horizontal bars, one row each: label, bar (scaled to the largest), note. Spoken:
    a line a row, in its own words."""
    if not rows:
        return []
    if look.spoken:
        return [[text(f"{indent}{row.said or _spoken_row(row)}")] for row in rows]
    label_width = max(len(r.label) for r in rows)
    high = max(r.value for r in rows)
    return [
        [
            text(f"{indent}{row.label.ljust(label_width)}  "),
            text(bar(row.value, high, width, look=look), style),
            text(f"  {row.note}" if row.note else ""),
        ]
        for row in rows
    ]


def _spoken_row(row: BarRow) -> str:
    return f"{row.label}: {' '.join(row.note.split())}"


# --- heatmap ----------------------------------------------------------------------


def heat_level(value: int, high: int) -> int:
    """0 for nothing, else 1-4 in even steps up to the highest value."""
    if value <= 0 or high <= 0:
        return 0
    return max(1, min(4, -(-value * 4 // high)))


def heatmap(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    grid: Sequence[Sequence[int]],
    *,
    look: Look = Look.TERMINAL,
    cell_width: int = 6,
    totals: bool = True,
    indent: str = "  ",
) -> list[Line]:
    """Counts in a grid, shaded by size on a terminal; a dot for zero; row totals.
    Spoken: a line a row, its total and then each count that is not zero."""
    if look.spoken:
        return _spoken_grid(row_labels, col_labels, grid, indent)
    label_width = max(len(label) for label in row_labels)
    high = max((v for row in grid for v in row), default=0)
    header: Line = [text(indent + " " * label_width)]
    header += [text(label.rjust(cell_width), "dim") for label in col_labels]
    if totals:
        header.append(text("total".rjust(cell_width + 2), "dim"))
    lines = [header]
    for label, row in zip(row_labels, grid, strict=True):
        line: Line = [text(indent + label.ljust(label_width))]
        for value in row:
            shown = str(value) if value else ("." if look.plain else "·")
            style = None if look.plain else HEAT_STYLES[heat_level(value, high)]
            line.append(text(" "))
            line.append(text(shown.rjust(cell_width - 1), style))
        if totals:
            line.append(text(str(sum(row)).rjust(cell_width + 2), "bold"))
        lines.append(line)
    return lines


def _spoken_grid(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    grid: Sequence[Sequence[int]],
    indent: str,
) -> list[Line]:
    lines: list[Line] = []
    for label, row in zip(row_labels, grid, strict=True):
        counts = [f"{col}: {value}" for col, value in zip(col_labels, row, strict=True) if value]
        said = f"{label}: {sum(row)} in all" + (f"; {', '.join(counts)}" if counts else "")
        lines.append([text(indent + said)])
    return lines


# --- calendar heatmap of clean days --------------------------------------------------


def calendar(
    start: date,
    statuses: Sequence[str],
    *,
    look: Look = Look.TERMINAL,
    indent: str = "  ",
    legend: bool = True,
    today: date | None = None,
) -> list[Line]:
    """A year at a glance: one column per week (Monday at the top), one mark per day.

    ``start`` must be a Monday; days after the last status are left blank. Spoken: each
    stretch of days alike, in words ("6 Oct to 5 Dec: clean, 61 days"), and ``today``,
    which is not over yet, on its own ("today, 6 Dec: clean so far")."""
    if start.weekday() != 0:
        raise ValueError("the calendar starts on a Monday")
    if look.spoken:
        return [[text(indent + said)] for said in _stretches(start, statuses, today)]
    weeks = -(-len(statuses) // 7)
    label_width = max(len(label) for label in CALENDAR_DAY_LABELS)
    months = [" "] * (weeks + 3)
    for week in range(weeks):
        monday = start + timedelta(days=7 * week)
        if monday.day <= 7 and all(m == " " for m in months[week : week + 3]):
            months[week : week + 3] = f"{monday:%b}"  # the first week of a month
    header = "".join(months).rstrip()
    lines: list[Line] = [[text(indent + " " * (label_width + 1)), text(header, "dim")]]
    for weekday in range(7):
        line: Line = [text(indent + CALENDAR_DAY_LABELS[weekday].ljust(label_width) + " ", "dim")]
        for week in range(weeks):
            index = week * 7 + weekday
            if index >= len(statuses):
                line.append(text(" "))
                continue
            mark, ascii_mark, style, _ = CALENDAR_MARKS.get(
                statuses[index], CALENDAR_MARKS["before"]
            )
            line.append(text(ascii_mark if look.plain else mark, None if look.plain else style))
        lines.append(line)
    if legend:
        key: Line = [text(indent + " " * (label_width + 1))]
        for status in ("clean", "lapse", "gap", "before"):
            mark, ascii_mark, style, words = CALENDAR_MARKS[status]
            if status in statuses:
                key += [text(ascii_mark if look.plain else mark, None if look.plain else style)]
                key += [text(f" {words}   ", "dim")]
        lines.append(key)
    return lines


def _stretches(start: date, statuses: Sequence[str], today: date | None = None) -> list[str]:
    """Runs of days with one status, as words; the days before the clock are left out,
    and today is said on its own."""
    now = None if today is None else (today - start).days
    if today is not None and now is not None and 0 <= now < len(statuses):
        words = CALENDAR_MARKS.get(statuses[now], CALENDAR_MARKS["before"])[3]
        return [*_stretches(start, statuses[:now]), f"today, {_short(today)}: {words} so far"]
    said: list[str] = []
    first = 0
    for index in range(1, len(statuses) + 1):
        if index < len(statuses) and statuses[index] == statuses[first]:
            continue
        status = statuses[first]
        if status != "before":
            words = CALENDAR_MARKS.get(status, CALENDAR_MARKS["before"])[3]
            begin, end = start + timedelta(days=first), start + timedelta(days=index - 1)
            span = _short(begin) if begin == end else f"{_short(begin)} to {_short(end)}"
            said.append(f"{span}: {words}, {plural(index - first, 'day')}")
        first = index
    return said


# --- trend line ---------------------------------------------------------------------


def trend_line(
    points: Sequence[tuple[str, float]],
    *,
    lo: float,
    hi: float,
    height: int = 5,
    look: Look = Look.TERMINAL,
    indent: str = "  ",
    style: str = "cyan",
) -> list[Line]:
    """Values over time as a small line chart: y axis from ``lo`` to ``hi``, one column
    per point, the first and last labels under the axis. Spoken: each point's label and
    value."""
    if not points:
        return []
    if look.spoken:
        said = ", ".join(f"{label}: {value:g}" for label, value in points)
        return [[text(f"{indent}{said}")]]
    n = len(points)
    step = max(1, min(4, 60 // n))
    y_width = max(len(f"{lo:g}"), len(f"{hi:g}"))
    rows = [[" "] * (n * step) for _ in range(height)]
    for i, (_, value) in enumerate(points):
        share = 0.0 if hi == lo else (min(hi, max(lo, value)) - lo) / (hi - lo)
        level = round(share * (height - 1))
        rows[height - 1 - level][i * step] = "*" if look.plain else "●"
    lines: list[Line] = []
    for r, row in enumerate(rows):
        if r == 0:
            label = f"{hi:g}"
        elif r == height - 1:
            label = f"{lo:g}"
        elif r == (height - 1) // 2 and height % 2:
            label = f"{(lo + hi) / 2:g}"
        else:
            label = ""
        axis = "|" if look.plain else "┤" if label else "│"
        lines.append(
            [text(f"{indent}{label.rjust(y_width)} {axis}", "dim"), text("".join(row), style)]
        )
    corner, dash = ("+", "-") if look.plain else ("└", "─")
    lines.append([text(f"{indent}{' ' * y_width} {corner}{dash * (n * step)}", "dim")])
    first, last = points[0][0], points[-1][0]
    gap = max(1, n * step - len(first) - len(last))
    axis_labels = first if n == 1 else first + " " * gap + last
    lines.append([text(f"{indent}{' ' * (y_width + 2)}{axis_labels}", "dim")])
    return lines


# --- the insights screen ---------------------------------------------------------------


NO_DATA_HINT = (
    "Not enough data yet to see patterns. Log cravings as they come, e.g.\n"
    'recoverylog log craving 6 --trigger "after work" --outcome passed'
)


def _day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def _fit(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _said(data: Mapping[str, Any], section: str, indent: str = "  ") -> list[Line]:
    """The section's observations, wrapped to fit 80 columns."""
    from recoverylog.render.width import wrap

    lines: list[Line] = []
    for o in data["observations"]:
        if o["section"] == section:
            lines += [[text(row, "italic")] for row in wrap(o["text"], 78, indent)]
    return lines


def section_heading(title: str, note: str = "", *, look: Look) -> Line:
    """A section's title and a short note beside it; spoken, with a colon between them,
    which a screen reader pauses at."""
    line: Line = [text(title, "bold cyan")]
    if note:
        line.append(text(f": {note}" if look.spoken else f"  {note}", "dim"))
    return line


def insights_lines(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    """The whole insights screen, section by section, from the documented JSON shape."""
    period = data["period"]
    since, until = _day(period["since"]), _day(period["until"])
    title = f"Insights · {_short(since)} {since:%Y} – {_short(until)} {until:%Y}"
    title += f" ({plural(period['days'], 'day')})"
    if data["clock"]:
        title += f" · {data['clock']}"
    lines: list[Line] = [[text(title, "bold")], []]
    lines += cravings_section(data, look=look)
    if data["cravings"]["count"]:
        for section in (when_section, triggers_section, coping_section, outcomes_section):
            lines.append([])
            lines += section(data, look=look)
    else:
        lines += [[text("  " + row, "dim")] for row in NO_DATA_HINT.splitlines()]
    lines.append([])
    lines += clean_section(data, look=look)
    lines.append([])
    lines += selfcheck_section(data, look=look)
    from recoverylog.render.insights_mood import mood_section  # it draws with these charts

    lines += [[], *mood_section(data, look=look)]
    return lines


def cravings_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    cravings = data["cravings"]
    lines = [section_heading("Cravings over time", look=look), *_said(data, "cravings")]
    if not cravings["count"]:
        return lines
    by_month = series_by_month(cravings["weeks"], cravings.get("months") or ())
    spans = cravings["months"] if by_month else cravings["weeks"]
    rows = [_span_row(w, by_month) for w in spans]
    if look.spoken:
        return lines + bar_rows(rows, look=look)
    lines.append([text("  month" if by_month else "  week of", "dim")])
    lines += bar_rows(rows, width=40, look=look)
    averages = [w["average_intensity"] for w in spans]
    lines.append(
        [
            text(f"  average intensity by {'month' if by_month else 'week'} (0-10)  ", "dim"),
            sparkline(averages, lo=0, hi=10, look=look),
        ]
    )
    return lines


def _span_row(span: Mapping[str, Any], by_month: bool) -> BarRow:
    """A week's or a month's cravings: the count, the average intensity, and the days
    counted when fewer than the whole span."""
    note = f"{span['count']:>3}"
    said = plural(span["count"], "craving")
    if span["average_intensity"] is not None:
        note += f"   avg {span['average_intensity']:g}"
        said += f", average intensity {span['average_intensity']:g}"
    start = _day(span["start"])
    if by_month:
        label = f"{start:%b %Y}"
        full = (_day(span["end"]) + timedelta(days=1)).month != start.month
        partial = not full or start.day != 1
    else:
        label = _short(start)
        partial = span["days"] < 7
    if partial:
        note += f"   ({plural(span['days'], 'day')})"
        said += f" ({plural(span['days'], 'day')} counted)"
    return BarRow(label, span["count"], note, f"{'' if by_month else 'week of '}{label}: {said}")


def when_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    when = data["when"]
    lines = [section_heading("When", "cravings by weekday and time of day", look=look)]
    days, blocks = when["weekdays"], when["blocks"]
    if look.spoken:  # "16 to 20", which reads better aloud than "16-20"
        blocks = [" to ".join(str(int(hour)) for hour in block.split("-")) for block in blocks]
    else:
        days = [day[:3] for day in days]
    lines += heatmap(days, blocks, when["grid"], look=look)
    return lines + _said(data, "when")


def triggers_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    triggers = data["triggers"]
    lines = [section_heading("What sets them off", look=look)]
    if triggers["top"]:
        rows = []
        for t in triggers["top"]:
            note = f"{t['count']:>3}"
            said = f"{t['name']}: {plural(t['count'], 'time')}"
            if t["average_intensity"] is not None:
                note += f"   avg {t['average_intensity']:g}"
                said += f", average intensity {t['average_intensity']:g}"
            if t["kind"]:
                note += f"   {t['kind']}"
                said += f", {t['kind']}"
            rows.append(BarRow(_fit(t["name"], 24), t["count"], note, said))
        lines += bar_rows(rows, width=20, look=look)
    else:
        lines.append(
            [text("  No triggers named yet: add --trigger when you log a craving.", "dim")]
        )
    if triggers["kinds"]:
        kinds = " · ".join(
            f"{k['kind']} {k['count']}"
            + (
                f" (avg {k['average_intensity']:g})"
                if k.get("average_intensity") is not None
                else ""
            )
            for k in triggers["kinds"]
        )
        lines.append([text("  kinds: ", "dim"), text(kinds)])
    lines += _said(data, "triggers")
    halt = data["halt"]
    lines.append(
        [text("  HALT", "bold"), text(f"  in {plural(halt['cravings'], 'craving')}", "dim")]
    )
    rows = []
    for state, count in halt["counts"].items():
        share = percent(count / halt["cravings"] if halt["cravings"] else None)
        said = f"{state}: {plural(count, 'craving')}, {share}"
        rows.append(BarRow(state, count, f"{count:>3}  {share}", said))
    lines += bar_rows(rows, width=20, look=look, style="magenta", indent="    ")
    return lines + _said(data, "halt")


def coping_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    coping = data["coping"]
    lines = [section_heading("What helps", "best first, for you", look=look)]
    if not coping:
        lines.append([text("  No coping logged yet: add --coping when you log a craving.", "dim")])
        return lines
    if look.spoken:
        return lines + [[text(f"  {_coping_said(c)}")] for c in coping] + _said(data, "coping")
    lines.append(
        [
            text(
                f"  {'technique':<22}{'used':>5}  {'passed when used':<17}"
                f"{'when not':>9}{'helped':>8}",
                "dim",
            )
        ]
    )
    few = False
    for c in coping:
        with_text = (
            f"{c['passed_with']} of {c['known_with']}".ljust(10)
            + percent(c["pass_rate_with"]).rjust(4)
            if c["known_with"]
            else "–"
        )
        helped = f"{c['average_helped']:g}/5" if c["average_helped"] is not None else "–"
        flag = "" if c["enough_data"] else " *"
        few = few or not c["enough_data"]
        lines.append(
            [
                text(
                    f"  {_fit(c['technique'], 21) + flag:<22}", "bold" if c["enough_data"] else None
                ),
                text(f"{c['times_used']:>5}  {with_text:<17}"),
                text(f"{percent(c['pass_rate_without']):>9}{helped:>8}"),
            ]
        )
    if few:
        lines.append([text("  * fewer than 5 uses: too early to say", "dim")])
    return lines + _said(data, "coping")


def _coping_said(c: Mapping[str, Any]) -> str:
    """One technique's row of the table, in a sentence."""
    said = f"{c['technique']}: used {plural(c['times_used'], 'time')}"
    if c["known_with"]:
        said += (
            f"; passed {c['passed_with']} of {c['known_with']} times when used"
            f" ({percent(c['pass_rate_with'])})"
        )
    if c["pass_rate_without"] is not None:
        said += f", {percent(c['pass_rate_without'])} when not"
    if c["average_helped"] is not None:
        said += f"; helped {c['average_helped']:g} of 5"
    if not c["enough_data"]:
        said += "; fewer than 5 uses, too early to say"
    return said + "."


def outcomes_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    o = data["outcomes"]
    lines = [section_heading("Outcomes", look=look)]
    rows = [
        BarRow("passed", o["passed"], str(o["passed"])),
        BarRow("used", o["used"], str(o["used"])),
    ]
    if o["unknown"]:
        rows.append(BarRow("not noted", o["unknown"], str(o["unknown"])))
    lines += bar_rows(rows, width=40, look=look, style="green")
    bands = [b for b in o["by_intensity"] if b["passed"] + b["used"] + b["unknown"]]
    if bands and look.spoken:
        lines += [
            [text(f"  starting at intensity {b['low']} to {b['high']}: ")]
            + [text(f"{b['passed']} passed, {b['used']} used")]
            for b in bands
        ]
    elif bands:
        lines.append([text(f"  {'starting intensity':<20}{'passed':>7}{'used':>6}", "dim")])
        for b in bands:
            label = f"{b['low']}-{b['high']}"
            lines.append([text(f"  {label:<20}{b['passed']:>7}{b['used']:>6}")])
    return lines + _said(data, "outcomes")


def clean_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    lines = [section_heading("Clean days", "shares count whole days, up to yesterday", look=look)]
    if not data["clean_days"]:
        lines.append([text(f"  No clocks yet: {FIRST_CLOCK}", "dim")])
        return lines
    for c in data["clean_days"]:
        so_far = f"  {plural(c['total_clean_days'], 'clean day')} in total"
        if c.get("day_one_minutes") is not None:
            so_far = f"  {hours_and_minutes(c['day_one_minutes'])} clean, day one"
        lines.append(
            [
                text(f"  {c['clock']}", "bold"),
                text(so_far),
                text(
                    f" · trend score {round(c['score'] * 100)} of 100"
                    if c["score"] is not None
                    else " · trend score after the first whole day"
                ),
            ]
        )
        shares = " · ".join(_share_texts(c["shares"]))
        lines.append([text("  share clean: ", "dim"), text(shares)])
        statuses = _expand(c["calendar"])
        today = _day(c["today"]) if c.get("today") else None
        lines += calendar(_day(c["calendar"]["start"]), statuses, look=look, today=today)
        scores = [s["score"] for s in c["weekly_scores"]]
        if look.spoken:  # the score as the line above says it: of 100
            if c["score"] is not None:  # before a whole day, a lone 0 would read as a verdict
                hundreds = [None if v is None else round(v * 100) for v in scores]
                said = sparkline(hundreds, look=look)
                lines.append([text("  trend score by week, of 100: "), said])
        else:
            lines.append(
                [
                    text("  trend score by week  ", "dim"),
                    sparkline(scores, lo=0, hi=1, look=look, style="green"),
                ]
            )
    lines.append(
        [
            text(
                "  The trend score starts at 0 and grows with each clean day: about 50 after",
                "dim",
            )
        ]
    )
    lines.append(
        [text("  two weeks, 80 after a month. A lapse eases it down a little, no more.", "dim")]
    )
    return lines


def _share_texts(shares: Mapping[str, Any]) -> list[str]:
    """'30 days 100%', then '365 days 99% of 101 days tracked' for the first window
    longer than the clock; longer windows than that hold the same days, so they are
    left out."""
    out: list[str] = []
    for days, share in shares.items():
        if share["counted"] < int(days):
            if share["counted"]:
                tracked = plural(share["counted"], "day")
                out.append(f"{days} days {percent(share['share'])} of {tracked} tracked")
            else:
                out.append("no whole day yet")
            break
        out.append(f"{days} days {percent(share['share'])}")
    return out


def _expand(cal: Mapping[str, Any]) -> list[str]:
    statuses: list[str] = []
    for r in cal["ranges"]:
        statuses += [r["status"]] * ((_day(r["end"]) - _day(r["start"])).days + 1)
    return statuses


def selfcheck_section(data: Mapping[str, Any], *, look: Look) -> list[Line]:
    checks = data["selfchecks"]
    lines = [section_heading("Weekly self-check", "a reflection, not a diagnosis", look=look)]
    if not checks:
        lines.append(
            [
                text(
                    "  No self-checks in this period: 'recoverylog selfcheck' takes a minute.",
                    "dim",
                )
            ]
        )
        return lines
    by_clock: dict[str, list[Mapping[str, Any]]] = {}
    for s in checks:
        by_clock.setdefault(s["clock"] or "", []).append(s)
    for name, series in by_clock.items():
        if name and len(by_clock) > 1:
            lines.append([text(f"  {name}", "bold")])
        points = [(_short(_day(s["week_start"])), float(s["total"])) for s in series]
        if look.spoken:  # each week's total, with its week
            weeks = [(f"week of {label}", total) for label, total in points]
            lines += [[text("  weekly totals, of 30:")], *trend_line(weeks, lo=0, hi=30, look=look)]
            continue
        lines += trend_line(points, lo=0, hi=30, height=7, look=look)
        totals = " ".join(str(s["total"]) for s in series[-15:])
        lines.append([text("  weekly totals, 0-30: ", "dim"), text(totals)])
    return lines + _said(data, "selfcheck")


def selfcheck_result_lines(
    total: int, previous: int | None = None, previous_day: date | None = None
) -> list[Line]:
    """What selfcheck says after saving: the total, last time's, and what it is for."""
    line: Line = [text("Your self-check total: "), text(f"{total} of 30", "bold")]
    if previous is not None and previous_day is not None:
        line.append(text(f" (last time, {_short(previous_day)}: {previous})"))
    return [
        line,
        [
            text(
                "This is a reflection for you, not a diagnosis. 'recoverylog insights' shows", "dim"
            )
        ],
        [text("your weekly totals over time.", "dim")],
    ]
