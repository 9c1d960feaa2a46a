"""recoverylog doctor: check every file, and repair what is safe to repair."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.options import FormatOpt
from recoverylog.errors import ExitCode
from recoverylog.render.output import Column, Format, emit_json, emit_rows, resolve_format, write
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
    chosen = resolve_format(fmt)
    if chosen is Format.JSON:
        emit_json(data)
    elif not report.findings:
        write(looks_fine(report.checked))
    else:
        columns = [
            Column("file", "File"),
            Column("problem", "Problem", max_width=60),
            Column("action", "Repair" if not fix else "Done"),
        ]
        rows = [
            {**p, "action": ("fixed: " if p["fixed"] else "") + _action(p)}
            for p in data["problems"]
        ]
        emit_rows(rows, columns, chosen, screen=state.screen())
        if report.backup:
            write(f"A backup was taken first: {report.backup}")
        elif not fix and any(p["repair"] for p in data["problems"]):
            write("Run 'recoverylog doctor --fix' to repair what can be repaired safely.")
    if report.unresolved():
        raise typer.Exit(int(ExitCode.DATA_PROBLEM))


def _action(problem: dict[str, str | None]) -> str:
    if problem["repair"]:
        return problem["repair"]
    return "nothing needed" if problem["kind"] in service.NOTES else "fix by hand"


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)


def looks_fine(checked: int) -> str:
    if checked == 1:
        return "The 1 file looks fine."
    return f"All {checked} files look fine." if checked else "There are no files to check yet."
