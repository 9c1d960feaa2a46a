"""recoverylog remind ...: reminders from the system's own scheduler."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, output_format, say
from recoverylog.cli.options import FormatOpt, YesOpt
from recoverylog.domain.reminders import parse_reminder, schedule_words
from recoverylog.render.reminders import (
    NO_REMINDERS,
    REMINDER_COLUMNS,
    already_set_message,
    plan_lines,
    reminder_row,
    set_message,
)
from recoverylog.services import reminders as service

app = typer.Typer(
    help="Reminders from your system's own scheduler: a check-in, a self-check, a meeting.",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="The reminder's name, as 'remind list' shows it.")]


@app.command("add")
def add(
    kind: Annotated[str, typer.Argument(help="checkin, selfcheck or meeting.", metavar="KIND")],
    when: Annotated[
        list[str],
        typer.Argument(
            help="Days (mon..sun, comma-separated; none: every day), a time (21:00, 9pm), "
            "then a label for the list, e.g. tue 18:30 'Home group'.",
            metavar="[DAYS] TIME [LABEL]",
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Its name (default: checkin, selfcheck, meeting-tue-1830)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="systemd, cron or launchd (default: launchd on macOS, a systemd user "
            "timer where systemd runs, else cron).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would be written; change nothing.")
    ] = False,
    yes: YesOpt = False,
) -> None:
    """Set a reminder: shows what will be written for the scheduler, then asks.

    Examples: recoverylog remind add checkin 21:00 ;
    recoverylog remind add selfcheck sun 18:00 ;
    recoverylog remind add meeting tue 18:30 "Home group" --scheduler cron --dry-run
    """
    environment = state.environment()
    reminder = parse_reminder(kind, when, name)
    plan = service.plan_reminder(environment, reminder, scheduler)
    if plan.already_set:
        say(already_set_message(reminder))
        return
    screen = state.screen()
    screen.write("\n".join(plan_lines(reminder, plan.files, plan.crontab_line, plan.commands)))
    if dry_run:
        state.promise_no_writes()
        screen.message("Nothing was changed (--dry-run).")
        return
    confirm("Set this reminder?", yes)
    service.install(environment, plan)
    say(set_message(reminder))


@app.command("list")
def list_(fmt: FormatOpt = None) -> None:
    """Your reminders: when each rings, and whether the scheduler still has it.

    Example: recoverylog remind list
    """
    rows = service.list_reminders(state.environment())
    state.screen().emit_rows(
        [reminder_row(row) for row in rows],
        REMINDER_COLUMNS,
        output_format(fmt),
        json_rows=rows,
        empty=NO_REMINDERS,
    )


@app.command("remove")
def remove(name: NameArg) -> None:
    """Remove a reminder: its scheduler files, or exactly its crontab line.

    Example: recoverylog remind remove checkin
    """
    environment = state.environment()
    removed = service.remove_reminder(environment, name)
    if removed is None:
        known = service.known_names(environment)
        also = f" (yours: {', '.join(known)})" if known else ""
        say(f"No reminder is named '{name}'{also}; nothing changed.")
        return
    reminder = removed.reminder
    say(f"Removed the reminder '{reminder.name}' ({schedule_words(reminder)}).")


@app.command("fire")
def fire(
    name: NameArg,
    debug: Annotated[
        bool, typer.Option("--debug", help="Say what happened, and show any error.")
    ] = False,
) -> None:
    """Ring a reminder now (what the scheduler runs): a desktop notification, or a
    line kept for the greeting. Silent when the check-in is done already.

    Example: recoverylog remind fire checkin --debug
    """
    environment = state.environment()
    try:
        fired = service.fire(environment, name)
    except Exception:
        # A scheduler mails what a job prints: a reminder that fails stays quiet.
        if debug or environment.debug:
            raise
        raise typer.Exit(0) from None
    if debug:
        state.screen().message(f"Reminder '{name}': {fired.value}.")
