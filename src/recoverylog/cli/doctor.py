"""recoverylog doctor: check every file, and repair what is safe to repair."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import output_format
from recoverylog.cli.options import FormatOpt
from recoverylog.errors import ExitCode
from recoverylog.render.doctor import closing_line, finding_columns, finding_rows, looks_fine
from recoverylog.render.output import Format
from recoverylog.services import doctor as service


def doctor(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Repair what is safe to repair (after a backup). Damaged files are "
            "kept in quarantine/; of a damaged month or journal, what still reads stays.",
        ),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Check every file: parse, schema, permissions, leftovers, duplicate or misplaced entries.

    Examples: recoverylog doctor;  recoverylog doctor --fix
    """
    ws = state.workspace(strict_settings=False)
    report = service.examine(ws, fix=fix)
    data = service.describe_report(report, ws.layout.data_dir)
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
    elif not report.findings:
        state.screen().write(looks_fine(report.checked))
    else:
        state.screen().emit_rows(
            finding_rows(data["problems"], service.NOTES),
            finding_columns(fix),
            chosen,
        )
        closing = closing_line(data["problems"], report.backup, fix)
        if closing:
            state.screen().write(closing)
    if report.unresolved():
        raise typer.Exit(int(ExitCode.DATA_PROBLEM))
