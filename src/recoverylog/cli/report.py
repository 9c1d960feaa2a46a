"""recoverylog report: a report to share with a sponsor or counsellor, and reading one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from recoverylog.cli import state
from recoverylog.cli.common import day
from recoverylog.cli.options import DAY_HELP, ClockOpt, ForceOpt, OutputOpt
from recoverylog.errors import InvalidInput
from recoverylog.paths import user_path
from recoverylog.reports.audiences import Audience
from recoverylog.reports.formats import EXTENSIONS, ReportFormat

app = typer.Typer(invoke_without_command=True)
T = TypeVar("T")


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    ALL = "all"


ReportFormatOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="md (default), txt, html or json; or taken from the --output file's extension.",
        case_sensitive=False,
    ),
]


def format_for(output: Path, known: Mapping[str, T], default: T) -> T:
    """The format a file name asks for; an extension we do not write is refused, so a
    report.pdf never quietly holds Markdown. No extension at all: ``default``."""
    suffix = output.suffix.lower()
    if not suffix:
        return default
    if suffix not in known:
        raise InvalidInput(
            f"--output {output.name}: cannot write '{suffix}' files; "
            f"use one of {', '.join(known)}, or choose with --format"
        )
    return known[suffix]


def choose_format(fmt: ReportFormat | None, output: Path | None) -> ReportFormat:
    if fmt is not None:
        return fmt
    if output is not None:
        return format_for(output, EXTENSIONS, ReportFormat.MD)
    return ReportFormat.MD


@app.callback()
def report(
    ctx: typer.Context,
    period: Annotated[
        Period, typer.Option("--period", "-p", help="The last 7, 30 or 90 days, or all.")
    ] = Period.WEEK,
    since: Annotated[
        str | None,
        typer.Option("--since", help=f"First day (overrides --period): {DAY_HELP}.", metavar="DAY"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help=f"Last day (default today): {DAY_HELP}.", metavar="DAY"),
    ] = None,
    clock: ClockOpt = None,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            "-a",
            help="sponsor (default: no notes, journal, lapse details or known names), "
            "clinician (adds a day-by-day "
            "calendar) or self (everything).",
        ),
    ] = Audience.SPONSOR,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            "-i",
            help="Share more: notes, names, lapse-details, journal, calendar, mood "
            "(comma-separated).",
            metavar="PARTS",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Your name or initials, shown in the title.", metavar="NAME"),
    ] = None,
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    preview: Annotated[
        bool,
        typer.Option(
            "--preview",
            help="Show what would be shared, and any free text with words that look like "
            "names marked, then ask before writing.",
        ),
    ] = False,
    encrypt_to: Annotated[
        str | None,
        typer.Option(
            "--encrypt-to",
            help="Encrypt the --output file for your sponsor: their age public key "
            "(age1…) or their GPG key (an address or fingerprint in your keyring).",
            metavar="RECIPIENT",
        ),
    ] = None,
) -> None:
    """A report for your sponsor or counsellor: clean time, lapses, cravings, what helped,
    meetings, and what is coming up. Triggers, meetings and coping are shared as you
    wrote them, with the names of people you know hidden; notes, journal text and lapse
    details stay out unless you --include them. Hide any other word in every report with
    recoverylog config set report.hide "Mike,Maria".

    Examples: recoverylog report --output week.html ;
    recoverylog report --period month --preview --output month.md ;
    recoverylog report view received.json
    """
    if ctx.invoked_subcommand is not None:
        return
    from recoverylog.reports.writers import render, spoken, to_preview
    from recoverylog.services import reports as service

    if encrypt_to is not None and output is None:
        raise InvalidInput(
            "--encrypt-to writes an encrypted file: give it with --output",
            hint="e.g. --output week.json.age --encrypt-to age1…",
        )
    ws = state.workspace()
    data = service.build(
        ws,
        period=period.value,
        since=day(ws, since, "--since"),
        until=day(ws, until, "--until"),
        clock=clock,
        audience=audience.value,
        include=include,
        prepared_by=name,
    )
    chosen = choose_format(fmt, _inner_name(output) if encrypt_to else output)
    if preview:
        # Text formats are previewed as they will be written; HTML and JSON as plain text.
        shown = chosen if chosen in (ReportFormat.MD, ReportFormat.TXT) else ReportFormat.TXT
        state.screen().message("This is what the report will contain:\n")
        said = spoken(data) if state.screen().accessible else render(data, shown)
        state.screen().message(said)
        state.screen().message("\n" + to_preview(data, ws.settings.report_hide))
        ask_to_share(output)
    if encrypt_to is not None:
        assert output is not None
        deliver_sealed(render(data, chosen), output, encrypt_to, force)
        return
    deliver(_report_text(data, fmt, chosen, output), output, "report", force)


def _report_text(
    data: Mapping[str, Any], fmt: ReportFormat | None, chosen: ReportFormat, output: Path | None
) -> str:
    """The report in the ``chosen`` format; read on the screen in accessible mode (no
    format or file asked for), in sentences for a screen reader."""
    from recoverylog.reports.writers import render, spoken

    if state.screen().accessible and fmt is None and output is None:
        return spoken(data)
    return render(data, chosen)


SEALED_SUFFIXES = (".age", ".gpg", ".asc", ".pgp")


def _inner_name(output: Path | None) -> Path | None:
    """week.json.age -> week.json: the format is the one inside the envelope."""
    if output is not None and output.suffix.lower() in SEALED_SUFFIXES:
        return output.with_suffix("")
    return output


def deliver_sealed(text: str | Iterable[str], output: Path, recipient: str, force: bool) -> None:
    from recoverylog.services import reports as service

    if not force and os.path.lexists(user_path(output)):
        _may_replace(Path(output))
    service.write_sealed_report(output, text, recipient)
    state.screen().message(f"Wrote the report to {output}, encrypted for {recipient}.")


def ask_to_share(output: Path | None) -> None:
    """Ask on stderr, read the answer from stdin; anything but yes writes nothing.

    Nothing of the question reaches stdout (it may be the report's destination), and
    when the answer is not typed at a terminal (piped in, or none at all), the next
    line starts on a line of its own."""
    from recoverylog.render.lines import screen_safe

    where = f"to {screen_safe(str(output))}" if output else "to standard output"
    stderr = state.screen().stderr
    stderr.write(f"Write this report {where}? [y/N]: ")
    stderr.flush()
    environment = state.environment()
    try:
        reply = environment.stdin.readline() if environment.stdin is not None else ""
    except (KeyboardInterrupt, OSError, ValueError):
        reply = ""
    # A terminal shows the answer with its line break; otherwise the next line needs one.
    if not reply.endswith("\n") or not environment.stdin_is_tty:
        stderr.write("\n")
    if reply.strip().lower() not in ("y", "yes"):
        state.screen().message("Nothing was written.")
        raise typer.Exit(0)


def deliver(text: str | Iterable[str], output: Path | None, what: str, force: bool = False) -> None:
    """Write ``text`` (whole, or piece by piece as it is made) to stdout or to a file."""
    from recoverylog.services import reports as service

    if output is None:
        if isinstance(text, str):
            state.screen().write_data(text)
        else:
            state.screen().write_data_chunks(text)
        return
    if not force and os.path.lexists(user_path(output)):
        _may_replace(Path(output))
    service.write_user_file(output, text)
    state.screen().message(f"Wrote the {what} to {output}.")


def _may_replace(output: Path) -> None:
    """An existing file is never replaced silently: ask on a terminal, else refuse."""
    from recoverylog.cli.prompts import stdin_is_terminal

    if not stdin_is_terminal():
        raise InvalidInput(
            f"{output} already exists; nothing was written",
            hint="add --force to replace it, or choose another file name",
        )
    from recoverylog.render.lines import screen_safe

    shown = screen_safe(str(output))
    if not typer.confirm(f"{shown} already exists. Replace it?", default=False, err=True):
        raise InvalidInput(f"{output} was left as it was; nothing was written")


@app.command("view")
def view(
    file: Annotated[
        Path, typer.Argument(help="A report someone shared with you (.json).", metavar="FILE")
    ],
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            help="Your age key file, for a report encrypted for you with age "
            "(one encrypted with GPG opens with your GPG keyring).",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Read a report someone shared with you (the .json kind, perhaps encrypted for
    you). No journal needed.

    Examples: recoverylog report view alex-week.json --output alex-week.html ;
    recoverylog report view alex-week.json.age --identity ~/.config/age/keys.txt
    """
    from recoverylog.services import reports as service

    data = service.load_received_report(file, identity)
    chosen = fmt or (choose_format(None, output) if output else ReportFormat.TXT)
    deliver(_report_text(data, fmt, chosen, output), output, "report", force)
