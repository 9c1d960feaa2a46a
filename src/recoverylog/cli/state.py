"""One command's state: its Environment, its workspace (opened on first use), and what it
has promised. A Run is made by the app's callback for each command and kept on the root
Click context, so nothing of one command outlives it or reaches the next."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from recoverylog.domain.moments import day_starts, days_start_at
from recoverylog.environment import Environment, ScriptedInput, read_environment
from recoverylog.messages import NO_PASSPHRASE_HINT
from recoverylog.services.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from recoverylog.render.output import Screen


class Run:
    """What one command knows and has promised, from its start to its end."""

    def __init__(self, environment: Environment) -> None:
        self.environment = environment
        self.opened: Workspace | None = None  # the workspace, once opened
        self.writes_nothing = False  # a dry run: nothing may write after it
        self.celebrations_wait = False  # a lapse was just recorded or corrected
        self.crisis_shown = False  # the crisis lines are on screen already
        self.shown_on: Screen | None = None  # where output goes, made on first use


# The Run of the command being carried out, from begin() until its context closes.
_running: ContextVar[Run | None] = ContextVar("recoverylog_run", default=None)


def begin(ctx: Any, home: str | None, *, accessible: bool = False) -> Run:
    """The Run of the command that the root context ``ctx`` is about to carry out, kept
    as its ``obj``. ``accessible``: --a11y was given."""
    environment = environment_of(ctx).with_home(home).with_streams()
    if accessible:
        environment = environment._replace(accessible=True)
    run = Run(environment)
    ctx.obj = run
    running = _running.set(run)
    ctx.call_on_close(lambda: _running.reset(running))
    # The workspace sets when days start (a rule the domain reads everywhere); the next
    # command in this process must not inherit it.
    before = day_starts()
    ctx.call_on_close(lambda: days_start_at(before))
    return run


def environment_of(ctx: Any) -> Environment:
    """The Environment of the command line ``ctx`` belongs to, also before its Run began
    (an error in the options, shell completion). A caller may hand the app one as
    Click's ``obj`` (run() reads it before the command line is parsed), or a
    ScriptedInput (a test's answers on stdin); otherwise it is read from the process."""
    given = ctx.find_root().obj
    if isinstance(given, Run):
        return given.environment
    if isinstance(given, Environment):
        return given
    return read_environment(scripted_input=isinstance(given, ScriptedInput))


def current() -> Run:
    """The Run of the command being carried out."""
    run = _running.get()
    if run is None:
        raise RuntimeError("no recoverylog command is running")
    return run


def environment() -> Environment:
    return current().environment


def home() -> str | None:
    return current().environment.home


def screen() -> Screen:
    """Where this command's output goes: its Environment's streams, at its width."""
    run = current()
    if run.shown_on is None:
        from recoverylog.render.output import Screen

        environment = run.environment
        assert environment.stdout is not None and environment.stderr is not None  # begin()
        run.shown_on = Screen(
            environment.stdout,
            environment.stderr,
            terminal=environment.stdout_is_terminal,
            width=environment.width,
            variables=environment.shareable_variables(),
            accessible=accessible(),
        )
    return run.shown_on


def accessible() -> bool:
    """Accessible mode: --a11y or $RECOVERYLOG_ACCESSIBLE when given, else the
    'accessible' setting (known once the workspace is open)."""
    run = current()
    if run.environment.accessible is not None:
        return run.environment.accessible
    return run.opened is not None and run.opened.settings.accessible


def no_celebration_now() -> None:
    """Right after a lapse is recorded or corrected, a milestone waits for the next command."""
    current().celebrations_wait = True


def celebration_allowed() -> bool:
    return not current().celebrations_wait


def promise_no_writes() -> None:
    """This command said it writes nothing (a dry run): nothing may write after it."""
    current().writes_nothing = True


def writes_allowed() -> bool:
    return not current().writes_nothing


def workspace(*, strict_settings: bool = True) -> Workspace:
    """The workspace for this command, opened on first use."""
    run = current()
    if run.opened is None:
        run.opened = open_workspace(
            run.environment, ask_passphrase, strict_settings=strict_settings
        )
        if run.shown_on is not None:  # the settings may turn accessible mode on
            run.shown_on.accessible = accessible()
        merge_sync_copies(run.opened)
    return run.opened


def merge_sync_copies(ws: Workspace, *, ask: bool = False) -> None:
    """Merge the copies a sync tool left when both computers changed a file, and say so
    once; a merge that cannot be done now is said and left for a later command."""
    from recoverylog.services.sync import has_copies, merge_copies

    if not has_copies(ws):
        return
    from recoverylog.errors import RecoveryLogError
    from recoverylog.render.sync import copies_merged

    try:
        result = merge_copies(ws, ask=ask)
    except RecoveryLogError as exc:
        screen().message(f"Copies from your other computer were not merged now: {exc.message}")
        return
    for line in copies_merged(result) if result else []:
        screen().message(line)


def ask_passphrase(prompt: str) -> str:
    """Ask on the terminal, never echoing; refuse when there is no terminal."""
    from recoverylog.errors import InvalidInput

    if not current().environment.stdin_is_tty:
        raise InvalidInput(
            "this journal is encrypted and there is no terminal to ask for the passphrase",
            hint=NO_PASSPHRASE_HINT,
        )
    import getpass

    return getpass.getpass(prompt)


def opened() -> Workspace | None:
    return current().opened
