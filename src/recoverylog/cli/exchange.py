"""recoverylog export / import: your whole journal as one file, and bringing data in."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import check_bom, output_format
from recoverylog.cli.options import BomOpt, ForceOpt, FormatOpt
from recoverylog.domain.csvcells import CSV_COLUMNS
from recoverylog.render.imports import import_summary
from recoverylog.render.output import Format, to_csv_chunks
from recoverylog.services.export import export_chunks, export_records
from recoverylog.services.imports import import_file


class ExportFormat(StrEnum):
    JSON = "json"
    TOML = "toml"
    CSV = "csv"


EXTENSIONS = {".json": ExportFormat.JSON, ".toml": ExportFormat.TOML, ".csv": ExportFormat.CSV}


class Source(StrEnum):
    RECOVERYLOG = "recoverylog"
    JRNL = "jrnl"
    CSV = "csv"


def export(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json (default) or toml; csv holds entries and lapses only, for a "
            "spreadsheet. Or taken from the --output file's extension.",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (0600) instead of stdout.", metavar="FILE"
        ),
    ] = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Everything (clocks with their history, toolkit, people, settings, every entry) as
    one versioned document. It holds all your private data: keep it safe.

    Examples: recoverylog export --output backup-2026-11.json ;
    recoverylog export --output journal.csv --bom (every entry and lapse, for a spreadsheet)
    """
    from recoverylog.cli.report import deliver, format_for

    if fmt is None:
        fmt = ExportFormat.JSON
        if output is not None:
            fmt = format_for(output, EXTENSIONS, ExportFormat.JSON)
    check_bom(bom, fmt is ExportFormat.CSV)
    ws = state.workspace()
    if fmt is ExportFormat.CSV:
        chunks = to_csv_chunks(export_records(ws), CSV_COLUMNS, bom=bom)
    else:
        chunks = export_chunks(ws, fmt.value)
    deliver(chunks, output, "export", force)


def import_(
    file: Annotated[Path, typer.Argument(help="The file to import.", metavar="FILE")],
    source: Annotated[
        Source | None,
        typer.Option(
            "--from",
            help="recoverylog (an export, json or toml), jrnl (jrnl --format json) or csv "
            "(the columns 'list --all --format csv' writes). Default: from the file's "
            "extension (.json, .toml: recoverylog; .csv: csv).",
            case_sensitive=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Say what would change; write nothing.")
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Bring entries in, merging by id: importing the same file twice changes nothing.
    Where the file and your journal differ, the newer copy wins if both say when they
    were changed, otherwise yours stays; each difference is listed. A backup comes first.

    Examples: recoverylog import export.json --dry-run ;
    recoverylog import --from jrnl journal.json ; recoverylog import cravings.csv
    """
    if dry_run:
        state.promise_no_writes()
    chosen = source.value if source is not None else None
    result = import_file(state.workspace(), file, chosen, dry_run)
    if output_format(fmt) is Format.JSON:
        state.screen().emit_json(result.as_dict())
        return
    state.screen().write("\n".join(import_summary(result.as_dict(), str(file))))
