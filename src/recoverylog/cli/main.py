"""The recoverylog application: the global options, the table of commands (each
loaded on first use), and the console entry point. What went wrong is said by
cli/edge.py, loaded only then."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from recoverylog import __version__
from recoverylog.cli import state
from recoverylog.cli.lazy import LazyCommand
from recoverylog.environment import read_environment
from recoverylog.errors import RecoveryLogError
from recoverylog.messages import FIRST_CLOCK

# Commands that must not read or change the journal after they run.
_NO_CELEBRATION = {
    *("demo", "config", "doctor", "backup", "decrypt", "encrypt", "passphrase"),
    *("unlock", "lock"),
    *("help-now", "crisis", "emergency", "schema"),
    *("prompt", "greet"),  # a shell's prompt and start: one line, never more
    "remind",  # a reminder rings from a scheduler, where nobody reads the celebration
}


# Commands with a --home of their own: the demo's is where to build the sample.
_OWN_HOME = {"demo"}


def globals_first(args: list[str]) -> list[str]:
    """`recoverylog status --home DIR` means `recoverylog --home DIR status`, and
    `recoverylog insights --a11y` means `recoverylog --a11y insights`: these are global
    options, but people type them where they type the others. (Up to a lone `--`,
    after which everything is the command's own.)"""
    out: list[str] = []
    moved: list[str] = []
    rest = list(args)
    command = None
    while rest:
        token = rest.pop(0)
        if token == "--":
            out += [token, *rest]
            break
        if command is None:
            out.append(token)
            if token == "--home" and rest:
                out.append(rest.pop(0))  # the global option's own value
            elif not token.startswith("-"):
                command = token
            continue
        if token == "--a11y":
            moved.append(token)
        elif command in _OWN_HOME:
            out.append(token)
        elif token == "--home" and rest:
            moved += [token, rest.pop(0)]
        elif token.startswith("--home="):
            moved.append(token)
        else:
            out.append(token)
    return moved + out


def _to_the_edge(exc: BaseException, ctx: Any) -> NoReturn:
    """Hand a failure to cli/edge.py, loaded only when something went wrong."""
    from recoverylog.cli.edge import as_exit

    as_exit(exc, state.environment_of(ctx))


class RecoveryGroup(TyperGroup):
    """The main group: commands come from COMMANDS when used, and every failure, in a
    command or in the options before it, ends as an 'Error: ...' line and its
    documented exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """The options before the command, --help and --version among them."""
        try:
            return super().parse_args(ctx, globals_first(args) if ctx.parent is None else args)
        except typer.Exit:
            raise  # --help or --version said all there was to say
        except (Exception, KeyboardInterrupt) as exc:
            _to_the_edge(exc, ctx)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            _celebrate(ctx)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:
            _to_the_edge(exc, ctx)
        return result

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)  # in the order of the help screen

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list, from the table alone: listing loads no command."""
        shown = {name: entry for name, entry in COMMANDS.items() if not entry.hidden}
        limit = formatter.width - 6 - max(map(len, shown))  # as Click leaves for the help
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.listed(limit)) for name, entry in shown.items()])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Suggest the closest command names for a typo: the groups are not loaded yet,
        so Typer's own suggestion, which looks only at loaded ones, finds none."""
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as exc:  # Click's UsageError
            if args and exc.message.startswith("No such command"):
                import difflib

                close = difflib.get_close_matches(args[0], self.list_commands(ctx))
                if close:
                    names = ", ".join(repr(name) for name in close)
                    exc.message = f"No such command {args[0]!r}. Did you mean {names}?"
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Build a command only when it is used: a command loads its own module and
        none of the others', which keeps every command's startup short."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            from recoverylog.cli.helptext import with_example_lines

            loaded = COMMANDS[cmd_name].load(cmd_name, self.rich_markup_mode)
            self.commands[cmd_name] = with_example_lines(loaded)
        return self.commands.get(cmd_name)


# What the command list says of sos and help-now, short enough to stay whole at 80
# columns (their help opens with a longer sentence).
SOS_SHORT = "A craving now: your reasons, people, crisis lines, a timer."
HELP_NOW_SHORT = "Crisis lines to call now (also: crisis, emergency)."
_CRISIS = "recoverylog.cli.sos:CrisisCommand"  # crisis lines first, whatever was mistyped


def _crisis(target: str, summary: str, hidden: bool = False) -> LazyCommand:
    return LazyCommand(target, summary, own_short_help=True, hidden=hidden, command_class=_CRISIS)


# Every top-level command, in the order of the help screen: where it lives, and the
# first sentence of its help (tests/test_lazy_commands.py keeps the two in step).
COMMANDS: dict[str, LazyCommand] = {
    # Crisis help first, where someone in a hurry looks; crisis and emergency are
    # help-now under the names people reach for (hidden from the list).
    "sos": _crisis("recoverylog.cli.sos:sos", SOS_SHORT),
    "help-now": _crisis("recoverylog.cli.sos:help_now", HELP_NOW_SHORT),
    "crisis": _crisis("recoverylog.cli.sos:help_now", HELP_NOW_SHORT, hidden=True),
    "emergency": _crisis("recoverylog.cli.sos:help_now", HELP_NOW_SHORT, hidden=True),
    "demo": LazyCommand(
        "recoverylog.cli.demo:demo",
        "Build a sample journal (about 100 days, one lapse) and show it.",
    ),
    "status": LazyCommand(
        "recoverylog.cli.progress:status",
        "Your dashboard: clean time, milestones and the last 7 days.",
    ),
    "milestones": LazyCommand(
        "recoverylog.cli.progress:milestones",
        "Milestones reached (with dates) and the next ones; md, txt or html to print, "
        "ics for a calendar.",
    ),
    "greet": LazyCommand(
        "recoverylog.cli.rhythm:greet",
        "One calm line for your shell's start, at most once a day: your count, the next "
        "milestone, and whether you have checked in today.",
    ),
    "prompt": LazyCommand(
        "recoverylog.cli.rhythm:prompt",
        "A tiny segment for your shell prompt, such as 62d (format: the prompt.format setting).",
    ),
    "clock": LazyCommand(
        "recoverylog.cli.clock:app", "Clocks: what you are staying away from, and since when."
    ),
    "log": LazyCommand(
        "recoverylog.cli.log:app",
        "Log a craving, trigger, coping, meeting, contact, note or lapse.",
    ),
    "draft": LazyCommand(
        "recoverylog.cli.draft:app", "Notes kept as drafts when the editor did not end well."
    ),
    "list": LazyCommand(
        "recoverylog.cli.entries:list_entries", "List entries and lapses, newest first."
    ),
    "show": LazyCommand("recoverylog.cli.entries:show", "Show one entry or lapse in full."),
    "edit": LazyCommand("recoverylog.cli.entries:edit", "Change an entry or a lapse."),
    "delete": LazyCommand(
        "recoverylog.cli.entries:delete",
        "Delete an entry or a lapse (asks first; a lapse is backed up first).",
    ),
    "insights": LazyCommand(
        "recoverylog.cli.insights:insights",
        "Patterns in your log: when cravings come, what sets them off, what helps.",
    ),
    "selfcheck": LazyCommand(
        "recoverylog.cli.insights:selfcheck",
        "A weekly craving self-check: five questions about the past week, each 0-6.",
    ),
    "coping": LazyCommand(
        "recoverylog.cli.progress:coping_app",
        "Your coping toolkit, and how well each technique works for you.",
    ),
    "people": LazyCommand(
        "recoverylog.cli.people:app", "Your support network: sponsor, peers, counsellor, family."
    ),
    "goal": LazyCommand(
        "recoverylog.cli.goals:goal_app",
        "Goals: meetings, contacts, check-ins, self-checks, a technique or a tag.",
    ),
    "meetings": LazyCommand(
        "recoverylog.cli.meetings:app",
        "Meetings you went to, week by week, and your meetings goal.",
    ),
    "checkin": LazyCommand(
        "recoverylog.cli.checkin:checkin",
        "The daily check-in: clean today, how hard it was, mood, HALT, gratitude and a "
        "short inventory.",
    ),
    "plan": LazyCommand(
        "recoverylog.cli.plan:plan_app",
        "Your relapse-prevention plan: reasons, warning signs, what you do instead.",
    ),
    "remind": LazyCommand(
        "recoverylog.cli.remind:app",
        "Reminders from your system's own scheduler: a check-in, a self-check, a meeting.",
    ),
    "config": LazyCommand("recoverylog.cli.config:app", "Show and change settings (config.toml)."),
    "backup": LazyCommand(
        "recoverylog.cli.backup:app", "Backups of your journal: create, list, restore."
    ),
    "sync": LazyCommand(
        "recoverylog.cli.sync:sync",
        "Send and receive your journal's changes through its git remote.",
    ),
    "doctor": LazyCommand(
        "recoverylog.cli.doctor:doctor",
        "Check every file: parse, schema, permissions, leftovers, duplicate or misplaced entries.",
    ),
    "encrypt": LazyCommand(
        "recoverylog.cli.encryption:encrypt",
        "Encrypt your journal, backups included, with a passphrase.",
    ),
    "decrypt": LazyCommand(
        "recoverylog.cli.encryption:decrypt", "Turn an encrypted journal back into plain files."
    ),
    "unlock": LazyCommand(
        "recoverylog.cli.encryption:unlock",
        "Open an encrypted journal for a while: commands then need no passphrase.",
    ),
    "lock": LazyCommand(
        "recoverylog.cli.encryption:lock",
        "Lock an unlocked journal now: its key is forgotten, and commands ask for the "
        "passphrase again.",
    ),
    "passphrase": LazyCommand(
        "recoverylog.cli.passphrase:app", "The passphrase of an encrypted journal: change it."
    ),
    "report": LazyCommand(
        "recoverylog.cli.report:app",
        "A report for your sponsor or counsellor: clean time, lapses, cravings, what helped, "
        "meetings, and what is coming up.",
    ),
    "export": LazyCommand(
        "recoverylog.cli.exchange:export",
        "Everything (clocks with their history, toolkit, people, settings, every entry) as "
        "one versioned document.",
    ),
    "import": LazyCommand(
        "recoverylog.cli.exchange:import_",
        "Bring entries in, merging by id: importing the same file twice changes nothing.",
    ),
    "schema": LazyCommand(
        "recoverylog.cli.schema:schema", "The JSON Schema of a command's JSON output."
    ),
}


def _celebrate(ctx: Any) -> None:
    """Show a milestone reached since the last command, once."""
    opened = state.opened()
    if ctx.invoked_subcommand in _NO_CELEBRATION or opened is None:
        return
    if not state.celebration_allowed():
        return
    if not state.writes_allowed():  # marking a milestone as shown is a write
        return
    if opened.store.io.locked():  # never ask for a passphrase just to celebrate
        return
    from recoverylog.cli.hooks import after
    from recoverylog.render.views import celebration_message
    from recoverylog.services.hooks import milestone_facts
    from recoverylog.services.progress import new_celebrations

    try:
        ws = state.workspace()
        for item in new_celebrations(ws):
            state.screen().message(celebration_message(item.clock, item.label, item.date))
            after(ws, "milestone", milestone_facts(item.clock, item.label, item.date.isoformat()))
    except RecoveryLogError:
        pass  # a celebration is never worth failing a command for


app = typer.Typer(
    cls=RecoveryGroup,
    name="recoverylog",
    help=(
        "A private, local-first recovery journal and milestone tracker.\n\n"
        "Everything stays on this computer. Start with 'recoverylog demo' to see it on "
        f"sample data, or '{FIRST_CLOCK}' to begin."
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
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Keep config and data in this folder (overrides $RECOVERYLOG_HOME).",
            metavar="DIR",
        ),
    ] = None,
    a11y: Annotated[
        bool,
        typer.Option(
            "--a11y",
            help="For a screen reader: charts and bars in words, tables as sentences, "
            "no drawing characters (also $RECOVERYLOG_ACCESSIBLE=1, or "
            "'config set accessible true').",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A private, local-first recovery journal and milestone tracker."""
    state.begin(ctx, home, accessible=a11y)


POSIX_ONLY = "recoverylog runs on Linux and macOS (it needs POSIX file locks); on Windows, use WSL."


def run() -> None:
    """Console-script entry point."""
    if sys.platform == "win32":  # the journal's lock is fcntl's, which Windows lacks
        sys.stderr.write(POSIX_ONLY + "\n")
        raise SystemExit(1)
    environment = read_environment()
    try:
        app(prog_name="recoverylog", obj=environment)
    except SystemExit as exc:
        _exit_now(exc.code)
    except BaseException as exc:  # outside any command: shell completion, or Ctrl-C
        from recoverylog.cli.edge import exit_code_for

        _exit_now(exit_code_for(exc, debug=environment.debug))
    _exit_now(0)


def _exit_now(code: int | str | None) -> None:
    """End the process without tearing the interpreter down. Every file a command
    writes is already fsynced and closed (and a lock ends with the process), so only
    the standard streams need flushing; unloading some 300 modules one by one would
    cost about a tenth of a short command's time."""
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (| head) or stream: there is nothing left to save.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)
