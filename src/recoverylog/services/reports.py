"""Reports to share, printable milestone summaries, and writing them to files.

Reading the journal happens here; building the report is pure (``reports.build``),
and so is writing it in each format (``reports.writers``, ``reports.milestones``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoverylog.domain import fields
from recoverylog.domain.goals import goal_from_dict, goal_window
from recoverylog.domain.insights.period import Period
from recoverylog.domain.moments import day_of
from recoverylog.errors import DataError, InvalidInput, NotFound, not_json
from recoverylog.messages import since_after_the_end, until_after_today
from recoverylog.paths import user_path
from recoverylog.reports.audiences import Audience
from recoverylog.reports.build import (
    INCLUDES,
    ReportRequest,
    ReportSources,
    build_report,
)
from recoverylog.reports.shapes import ReportJson
from recoverylog.services.clocks import steps_for
from recoverylog.services.workspace import Workspace, resolve_clock

if TYPE_CHECKING:
    from recoverylog.store.tallycache import CountedMonth

PERIOD_DAYS = {"week": 7, "month": 30, "quarter": 90}
PERIODS = (*PERIOD_DAYS, "all")
DEFAULT_PERIOD = "week"


def resolve_period(
    ws: Workspace, period: str | None, since: date | None, until: date | None
) -> Period:
    """--since/--until win over --period; the default is the 7 days ending today."""
    end = until or ws.today
    if end > ws.today:
        raise InvalidInput(f"{until_after_today(end, ws.today)}; a report looks back")
    if since is not None:
        if since > end:
            raise InvalidInput(since_after_the_end(since, end))
        return Period(since, end)
    name = (period or DEFAULT_PERIOD).lower()
    if name == "all":
        first = _first_day(ws)
        return Period(min(first, end) if first else end, end)
    if name not in PERIOD_DAYS:
        raise InvalidInput(f"unknown period '{period}' (use {', '.join(PERIODS)})")
    return Period.last_days(PERIOD_DAYS[name], end)


def _first_day(ws: Workspace) -> date | None:
    days = [c.clean_since for c in ws.journal().clocks]
    months = ws.store.entries.months()
    if months:
        entries = ws.store.entries.load_month(months[0])
        if entries:
            days.append(day_of(entries[0].at))
    return min(days) if days else None


def parse_includes(values: Iterable[str] | None) -> frozenset[str]:
    """'notes,names' or repeated --include; unknown words are refused with the list."""
    found: set[str] = set()
    for value in values or []:
        for part in value.split(","):
            word = part.strip().lower().replace("_", "-")
            if not word:
                continue
            if word not in INCLUDES:
                raise InvalidInput(
                    f"--include: unknown part '{part.strip()}' (use {', '.join(INCLUDES)})"
                )
            found.add(word)
    return frozenset(found)


def check_audience(audience: str | None) -> Audience:
    chosen = (audience or Audience.SPONSOR).lower()
    if chosen not in set(Audience):
        known = ", ".join(Audience)
        raise InvalidInput(f"unknown audience '{audience}' (use {known})")
    return Audience(chosen)


def build(
    ws: Workspace,
    *,
    period: str | None = None,
    since: date | None = None,
    until: date | None = None,
    clock: str | None = None,
    audience: str | None = None,
    include: Iterable[str] | None = None,
    prepared_by: str | None = None,
) -> ReportJson:
    """The report for the chosen period and audience, as its documented dict."""
    chosen = resolve_period(ws, period, since, until)
    journal = ws.journal()
    name = resolve_clock(ws, clock, journal).name if clock else None
    request = ReportRequest(
        period=chosen,
        audience=check_audience(audience),
        include=parse_includes(include),
        clock=name,
        prepared_by=fields.name(prepared_by, "name") if prepared_by else None,
    )
    # Read from the start of the previous period (for the trend), or of a goal's
    # current round.
    first = chosen.previous().since
    for kind, raw in journal.goals.items():
        goal = goal_from_dict(kind, raw)
        if goal is not None:
            first = min(first, goal_window(goal, chosen.until)[0])
    start_at, end_at = Period(first, chosen.until).bounds(ws.tz)
    sources = ReportSources(
        generated=ws.now,
        tz=ws.tz,
        timezone=str(ws.tz),
        clocks=journal.clocks,
        steps={c.name: steps_for(ws, c) for c in journal.clocks},
        schemes={c.name: c.scheme or ws.settings.milestone_scheme for c in journal.clocks},
        months=_month_files(ws, start_at, end_at),
        read_since=first,
        people=journal.people,
        goals=journal.goals,
        hide=ws.settings.report_hide,
        toolkit=[t.name for t in journal.toolkit],
    )
    return build_report(request, sources)


def _month_files(ws: Workspace, since: datetime, until: datetime) -> Iterator[CountedMonth]:
    """The month files a report reads, one at a time: the counts of closed months are
    kept in the home's cache/ folder (never in an encrypted home)."""
    from recoverylog.store.tallycache import CountedMonth, TallyCache

    cache = TallyCache(ws.store.io)
    for month in ws.store.entries.months_between(since, until):
        yield CountedMonth(ws.store.entries, cache, month)


# --- files the person writes or receives --------------------------------------------


def write_user_file(path: Path, text: str | Iterable[str]) -> None:
    """A file the person asked for (--output): written atomically, readable only by them,
    into a folder that is already there. ``text`` may come piece by piece."""
    from recoverylog.store.atomic import atomic_write_chunks
    from recoverylog.store.tomlfile import encode_text

    target = user_path(path)
    _check_folder(target)
    try:
        atomic_write_chunks(target, map(encode_text, [text] if isinstance(text, str) else text))
    except PermissionError as exc:
        raise InvalidInput(f"cannot write {target}: permission denied") from exc
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot write {target}: the folder does not exist") from exc


def _check_folder(target: Path) -> None:
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name for --output")
    folder = target.parent
    if not folder.is_dir():
        # Never make folders the person did not ask for: a typo in the path is caught.
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InvalidInput(
            f"cannot write {target}: the folder {folder} {what}",
            hint="check the path, or make the folder first",
        )


def write_sealed_report(path: Path, text: str | Iterable[str], recipient: str) -> None:
    """The report encrypted for ``recipient`` (age or GPG; see store/envelope.py) in the
    file the person asked for."""
    from recoverylog.store.envelope import seal
    from recoverylog.store.tomlfile import encode_text

    plain = encode_text(text if isinstance(text, str) else "".join(text))
    sealed = seal(plain, recipient)
    _check_folder(user_path(path))
    from recoverylog.store.atomic import atomic_write

    atomic_write(user_path(path), sealed)


def opened_report(path: Path, identity: Path | None) -> str:
    """A received report, opened first with the reader's key when it is encrypted."""
    from recoverylog.store.atomic import read_bytes
    from recoverylog.store.envelope import is_sealed, open_sealed

    target = user_path(path)
    data = read_bytes(target)
    if data is None:
        raise NotFound(f"no report at {target}")
    if is_sealed(data):
        data = open_sealed(data, None if identity is None else user_path(identity))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{target} is not UTF-8 text (byte {exc.start})") from exc


def read_user_file(path: Path, what: str = "file") -> str:
    """A file the person gives us (an import, a received report), as text."""
    from recoverylog.store.atomic import read_bytes

    target = user_path(path)
    data = read_bytes(target)
    if data is None:
        raise NotFound(f"no {what} at {target}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{target} is not UTF-8 text (byte {exc.start})") from exc


def load_received_report(path: Path, identity: Path | None = None) -> dict[str, Any]:
    """A report someone shared (JSON, perhaps encrypted for the reader): checked, so that
    it can be shown without a journal."""
    import json

    from recoverylog.reports.document import ReportShapeError, check_report, document

    text = opened_report(path, identity)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            not_json(path, exc),
            hint="'report view' reads the .json file made by 'recoverylog report --format json'",
        ) from exc
    try:
        check_report(data)
        document(data)  # every part can be read
    except ReportShapeError as exc:
        raise DataError(f"{path}: {exc}") from exc
    return dict(data)


# --- printable milestone summaries ----------------------------------------------------


def milestone_text(
    ws: Workspace, clock: str | None, upcoming: int, fmt: str, discreet: bool | None = None
) -> str:
    """Milestones of one clock or every clock, as md, txt, html, ics or json text (an ics
    with no events is ""). ``discreet`` (ics) defaults to the calendar.discreet setting."""
    from recoverylog.reports import milestones as summary
    from recoverylog.services.progress import milestones

    clocks = milestones(ws, clock, upcoming)
    if fmt == "ics":
        clocks = [_for_calendar(ws, c, upcoming) for c in clocks]
    data = {"today": ws.today.isoformat(), "clocks": clocks}
    if fmt == "md":
        return summary.to_markdown(data)
    if fmt == "html":
        return summary.to_html(data)
    if fmt == "ics":
        if discreet is None:
            discreet = ws.settings.calendar_discreet
        return summary.to_ics(data, ws.now, discreet)
    if fmt == "json":
        import json

        return json.dumps(data["clocks"], ensure_ascii=False, indent=2) + "\n"
    return summary.to_text(data)


def _for_calendar(ws: Workspace, summary: dict[str, Any], upcoming: int) -> dict[str, Any]:
    """A clock's milestones with what a calendar file needs after a lapse: whether a new
    run has begun, and the milestones after the next ``upcoming`` that a file made in an
    earlier run may hold ("later"). A run that reached n milestones had, in any file made
    during it, none beyond the first n + ``upcoming``."""
    from recoverylog.domain.milestones import run_milestones
    from recoverylog.services.clocks import clean_time_now, milestones_now

    found = ws.journal().find_clock(summary["clock"])
    if found is None:
        return summary
    ct = clean_time_now(ws, found)
    runs = run_milestones(found, ct, steps_for(ws, found), ws.today, ws.now)
    earlier = [len(achieved) for run, achieved in runs if run.end is not None]
    reached = len(summary["achieved"])
    beyond = max([reached, *earlier]) - reached
    ahead = milestones_now(ws, found, ct, upcoming + beyond).upcoming
    return {
        **summary,
        "new_run": bool(earlier),
        "later": [_milestone_item(m) for m in ahead[upcoming:]],
    }


def _milestone_item(m: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"label": m.label, "date": m.date.isoformat()}
    if m.at is not None:
        out["at"] = m.at.isoformat()
    if m.colour:
        out["keytag"] = m.colour
    return out
