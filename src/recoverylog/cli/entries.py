"""recoverylog list / show / edit / delete: read and change entries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import (
    bound,
    check_bom,
    confirm,
    day,
    duration,
    look_for,
    note_text,
    output_format,
    say,
    show_lines,
    when,
)
from recoverylog.cli.options import (
    DAY_HELP,
    WHEN_HELP,
    AtOpt,
    BomOpt,
    ClockOpt,
    EditOpt,
    FormatOpt,
    HaltOpt,
    NoteOpt,
    TagOpt,
    whole_number,
)
from recoverylog.domain.csvcells import CSV_COLUMNS
from recoverylog.domain.model import EntryType, short_id
from recoverylog.errors import DataError, InvalidInput, NotFound
from recoverylog.render import lapses as lapse_views
from recoverylog.render.output import Format, to_csv
from recoverylog.render.views import ENTRY_COLUMNS, entry_detail_lines, entry_row, more_note
from recoverylog.services import entries as service
from recoverylog.services import lapses
from recoverylog.services.lapses import LAPSE
from recoverylog.services.workspace import Workspace

IdArg = Annotated[str, typer.Argument(help="Entry id: 4 or more characters of it.")]


def list_entries(
    type_: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            help="craving, trigger, coping, meeting, note, contact, checkin, selfcheck or "
            "lapse (repeatable; default: all).",
        ),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help=f"From: {WHEN_HELP}.")] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help=f"Up to this time (a day on its own: to its end), as --since: {WHEN_HELP}.",
        ),
    ] = None,
    clock: ClockOpt = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only entries with this tag.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text to look for.")] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-l", help="How many, newest first (default 20; 0: all)."),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every entry that matches (as --limit 0).")
    ] = False,
    fmt: FormatOpt = None,
    bom: BomOpt = False,
) -> None:
    """List entries and lapses, newest first. When more match than are shown, a line on
    stderr says so.

    Examples: recoverylog list --type craving --since "7 days ago" --format csv ;
    recoverylog list --all --format csv --bom > journal.csv
    """
    chosen = output_format(fmt)
    check_bom(bom, chosen is Format.CSV)
    ws = state.workspace()
    kinds = [_entry_type(t) for t in type_ or []]
    query = service.EntryFilter(
        types=tuple(k for k in kinds if isinstance(k, EntryType)),
        since=bound(ws, since, "--since"),
        until=bound(ws, until, "--until", end=True),
        clock=clock,
        tag=tag.lstrip("#@") if tag else None,
        search=search,
        limit=_how_many(limit, all_),
    )
    listed = lapses.list_records(
        ws,
        query,
        entries=not kinds or bool(query.types),
        lapses=not kinds or LAPSE in kinds,
        on_damaged=_LeftOut(),
    )
    _show_listing(ws, listed, chosen, bom)


def _show_listing(ws: Workspace, listed: lapses.Listing, chosen: Format, bom: bool) -> None:
    """The records in the chosen format; CSV always has every documented column."""
    found = [lapses.record_as_dict(ws, r) for r in listed.records]
    if chosen is Format.CSV:
        state.screen().write_data(to_csv(found, CSV_COLUMNS, bom=bom))
    else:
        rows = [entry_row(e) for e in found]
        state.screen().emit_rows(
            rows,
            ENTRY_COLUMNS,
            chosen,
            json_rows=found,
            empty="No entries match.",
        )
    if listed.more:
        state.screen().message(more_note(len(found)))


DEFAULT_LIMIT = 20


def _how_many(limit: int | None, all_: bool) -> int | None:
    """The most entries to list; None for all of them."""
    if all_ and limit not in (None, 0):
        raise InvalidInput("--all lists every entry: give --all or --limit, not both")
    if limit is not None and limit < 0:
        raise InvalidInput("--limit must be a number of entries, or 0 for all of them")
    if all_ or limit == 0:
        return None
    return DEFAULT_LIMIT if limit is None else limit


class _LeftOut:
    """Says, in one line on stderr, which month file a listing had to leave out."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path, exc: DataError) -> None:
        from recoverylog.render.lines import screen_safe

        self.paths.append(path)
        state.screen().message(
            screen_safe(
                f"Warning: left out a file that cannot be read: {exc.message}. "
                "Run 'recoverylog doctor' to check it; nothing was changed."
            )
        )


def _entry_type(text: str) -> EntryType | str:
    wanted = text.strip().lower()
    if wanted in (LAPSE, LAPSE + "s"):
        return LAPSE
    try:
        return EntryType(wanted)
    except ValueError:
        names = ", ".join([*(t.value for t in EntryType), LAPSE])
        raise InvalidInput(f"'{text}' is not an entry type ({names})") from None


def show(entry_id: IdArg, fmt: FormatOpt = None) -> None:
    """Show one entry or lapse in full.

    Example: recoverylog show 3f2a
    """
    ws = state.workspace()
    left_out = _LeftOut()
    try:
        found = lapses.find_record(ws, entry_id, on_damaged=left_out)
    except NotFound as exc:
        if not left_out.paths:
            raise
        raise NotFound(exc.message, hint="it may be in the file left out above") from None
    entry = lapses.record_as_dict(ws, found)
    if output_format(fmt) is Format.JSON:
        state.screen().emit_json(entry)
        return
    show_lines(entry_detail_lines(entry), fmt)


def edit(
    entry_id: IdArg,
    at: AtOpt = None,
    clock: ClockOpt = None,
    note: NoteOpt = None,
    edit_note: EditOpt = False,
    tag: TagOpt = None,
    intensity: Annotated[
        int | None,
        typer.Option(
            "--intensity", help="Craving: 0 to 10.", parser=whole_number("intensity", 0, 10)
        ),
    ] = None,
    trigger: Annotated[
        list[str] | None,
        typer.Option("--trigger", help="Craving or lapse: triggers (replaces them)."),
    ] = None,
    restart: Annotated[
        str | None,
        typer.Option("--restart", help=f"Lapse: the day the next run starts: {DAY_HELP}."),
    ] = None,
    halt: HaltOpt = None,
    coping: Annotated[
        list[str] | None, typer.Option("--coping", help="Craving: coping (replaces it).")
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="Craving: passed or used.")
    ] = None,
    duration_: Annotated[
        str | None, typer.Option("--duration", help="Craving: 20m, 1h30m.")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="Trigger: what set you off.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Trigger: its kind.")] = None,
    technique: Annotated[str | None, typer.Option("--technique", help="Coping: technique.")] = None,
    helped: Annotated[
        int | None,
        typer.Option("--helped", help="Coping: 1 to 5.", parser=whole_number("rating", 1, 5)),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Meeting: its name.")] = None,
    fellowship: Annotated[
        str | None, typer.Option("--fellowship", help="Meeting: fellowship.")
    ] = None,
    online: Annotated[
        bool | None, typer.Option("--online/--in-person", help="Meeting: where.")
    ] = None,
    mood: Annotated[
        int | None,
        typer.Option("--mood", help="Note: 1 to 5.", parser=whole_number("mood", 1, 5)),
    ] = None,
) -> None:
    """Change an entry or a lapse. Only the options you give change.

    Examples: recoverylog edit 3f2a --intensity 5 --outcome passed ;
    recoverylog edit 9c1e --at "2026-11-10 21:00" (a lapse: its runs are counted again)
    """
    ws = state.workspace()
    current = lapses.find_record(ws, entry_id)
    changes = {
        "at": when(ws, at),
        "clock": clock,
        "note": note_text(
            ws, note, edit_note, _note_of(current) if edit_note else None, empty_clears=True
        ),
        "tags": tag,
        "intensity": intensity,
        "triggers": trigger,
        "halt": halt,
        "coping": coping,
        "outcome": outcome,
        "duration_min": duration(duration_),
        "text": text,
        "kind": kind,
        "technique": technique,
        "helped": helped,
        "name": name,
        "fellowship": fellowship,
        "online": online,
        "mood": mood,
        "restart": day(ws, restart, "--restart"),
    }
    if isinstance(current, lapses.LapseRecord):
        changed = lapses.edit_lapse(ws, current.id, changes)
        say(f"{short_id(changed.id)}  Updated the lapse; your runs and totals are counted again.")
        _show_clocks(ws, changed)
        return
    if changes.pop("restart") is not None:
        raise InvalidInput(f"a {current.type} entry has no restart (only a lapse has one)")
    entry = service.edit_entry(ws, current.id, changes)
    say(f"{short_id(entry.id)}  Updated the {entry.type}.")


def delete(
    entry_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry or a lapse (asks first; a lapse is backed up first).

    Example: recoverylog delete 3f2a --yes
    """
    ws = state.workspace()
    entry = lapses.find_record(ws, entry_id)
    if isinstance(entry, lapses.LapseRecord):
        _delete_lapse(ws, entry, yes)
        return
    confirm(f"Delete the {entry.type} {short_id(entry.id)} from {entry.at:%Y-%m-%d}?", yes)
    service.delete_entry(ws, entry.id)
    say(f"{short_id(entry.id)}  Deleted.")


def _delete_lapse(ws: Workspace, record: lapses.LapseRecord, yes: bool) -> None:
    shown = lapses.lapse_as_dict(ws, record)
    confirm(lapse_views.delete_question(shown), yes)
    deleted = lapses.delete_lapse(ws, record.id)
    say(f"{short_id(deleted.id)}  " + lapse_views.deleted(shown))
    _show_clocks(ws, deleted)


def _show_clocks(ws: Workspace, changed: lapses.ChangedLapse) -> None:
    """The clocks' numbers, counted again after a lapse changed."""
    state.no_celebration_now()
    recounted = lapse_views.recounted_lines(
        changed.clocks, ws.settings.currency, look=look_for(Format.PLAIN)
    )
    show_lines(recounted, None)


def _note_of(record: lapses.Record) -> str | None:
    return record.lapse.note if isinstance(record, lapses.LapseRecord) else record.note
