"""The recoverylog application: global options, error handling, command groups."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from recoverylog import __version__
from recoverylog.cli import state
from recoverylog.errors import ExitCode, RecoveryLogError

DEBUG_ENV = "RECOVERYLOG_DEBUG"
# Commands that must not read or change the journal after they run.
_NO_CELEBRATION = {"demo", "config", "doctor", "help-now", "backup", "decrypt", "encrypt"}


def report_error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"Error: {one_line(message)}\n")
    if hint:
        sys.stderr.write(f"Hint: {one_line(hint)}\n")


def one_line(text: str) -> str:
    """Messages echo what people typed: show control, format and line-break characters
    as escapes (\\n, \\x1b, \\u202e) so an error stays one plain line on the terminal."""
    import unicodedata

    unsafe = ("Cc", "Cf", "Cs", "Zl", "Zp")
    if all(ch.isprintable() for ch in text):
        return text
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) in unsafe else ch for ch in text)


class RecoveryGroup(TyperGroup):
    """Turns library errors into 'Error: ...' lines and documented exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
        except RecoveryLogError as exc:
            report_error(exc.message, exc.hint)
            raise typer.Exit(int(exc.exit_code)) from None
        except (KeyboardInterrupt, typer.Abort):  # Abort: Ctrl-C or Ctrl-D at a prompt
            sys.stderr.write("\nStopped. Nothing more was saved.\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as exc:
            if hasattr(exc, "exit_code") or os.environ.get(DEBUG_ENV):
                raise  # Typer's own exits and usage errors, or debugging
            report_error(
                f"something unexpected went wrong ({type(exc).__name__}: {exc})",
                f"nothing else was changed; set {DEBUG_ENV}=1 to see details",
            )
            raise typer.Exit(int(ExitCode.UNEXPECTED)) from None
        _celebrate(ctx)
        return result

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # keep the order they were added in


def _celebrate(ctx: Any) -> None:
    """Show a milestone reached since the last command, once."""
    if ctx.invoked_subcommand in _NO_CELEBRATION or state.opened() is None:
        return
    from recoverylog.render.views import celebration_message
    from recoverylog.services.progress import new_celebrations

    try:
        for item in new_celebrations(state.workspace()):
            sys.stderr.write(celebration_message(item.clock, item.label, item.date) + "\n")
    except RecoveryLogError:
        pass  # a celebration is never worth failing a command for


app = typer.Typer(
    cls=RecoveryGroup,
    name="recoverylog",
    help=(
        "A private, local-first recovery journal and milestone tracker.\n\n"
        "Everything stays on this computer. Start with 'recoverylog demo' to see it on "
        "sample data, or 'recoverylog clock add alcohol --since 2026-11-01' to begin."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"recoverylog {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Keep config and data in this folder (overrides $RECOVERYLOG_HOME).",
            metavar="DIR",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A private, local-first recovery journal and milestone tracker."""
    state.reset(home)


def _register() -> None:
    from recoverylog.cli import (
        backup,
        clock,
        config,
        demo,
        doctor,
        encryption,
        entries,
        exchange,
        insights,
        log,
        people,
        progress,
        report,
        support,
    )

    demo.register(app)
    progress.register(app)
    app.add_typer(clock.app, name="clock")
    app.add_typer(log.app, name="log")
    entries.register(app)
    insights.register(app)
    app.add_typer(progress.coping_app, name="coping")
    app.add_typer(people.app, name="people")
    support.register(app)
    app.add_typer(config.app, name="config")
    app.add_typer(backup.app, name="backup")
    doctor.register(app)
    encryption.register(app)
    report.register(app)
    exchange.register(app)


_register()


def run() -> None:
    """Console-script entry point."""
    app(prog_name="recoverylog")
