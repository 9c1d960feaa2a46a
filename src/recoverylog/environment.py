"""What recoverylog takes from the process it runs in: the standard streams, whether a
person is there to answer, how wide the screen is, and the environment variables.

They are read here and nowhere else, once per command, into an Environment that is
handed down: to services through the workspace or a parameter, to the store and the
views as the plain values they need. Nothing else looks at os.environ or sys.stdin, and
only the entry point writes to sys.stdout or sys.stderr itself (before a command has
its Environment, or after it failed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, TextIO

from recoverylog.variables import (
    ACCESSIBLE_ENV,
    COUNTRY_ENV,
    DEBUG_ENV,
    HOME_ENV,
    LOCK_WAIT_ENV,
    NEW_PASSPHRASE_ENV,
    NOW_ENV,
    PASSPHRASE_ENV,
    TIMEZONE_ENV,
)

RUNTIME_ENV = "XDG_RUNTIME_DIR"
SECRETS = (PASSPHRASE_ENV, NEW_PASSPHRASE_ENV)
UNSHOWN = frozenset({"passphrase", "new_passphrase", "variables"})  # in a repr
DEFAULT_WIDTH = 80  # what a screen of unknown size is taken to be


class Environment(NamedTuple):
    """One command's view of its process, never changed once read. Every field has a
    quiet default, so a test, a benchmark or another program builds the one it needs:
    Environment(home=...). (A NamedTuple: every command builds one, and a dataclass of
    this size would cost startup a millisecond to define.)"""

    home: str | None = None  # --home, else $RECOVERYLOG_HOME; None: the platform's folders
    stdin: TextIO | None = None
    # A person is there to answer questions asked on stdin (a terminal, or answers
    # scripted as if typed at one).
    stdin_is_terminal: bool = False
    # stdin is a terminal device itself: only then can a passphrase be typed unseen, and
    # does an answer show its own line break.
    stdin_is_tty: bool = False
    # Where data and views go, and messages (None: the process's own, see with_streams).
    stdout: TextIO | None = None
    stderr: TextIO | None = None
    # Where the command's output goes is a terminal: tables there, plain text when piped.
    stdout_is_terminal: bool = False
    stderr_is_terminal: bool = False
    width: int = DEFAULT_WIDTH  # columns: $COLUMNS, else the terminal's, else 80
    colour: bool = True  # False when $NO_COLOR is set (to anything but "")
    # Screen-reader mode: --a11y or $RECOVERYLOG_ACCESSIBLE (1 or 0); None: the setting's.
    accessible: bool | None = None
    frozen_now: str | None = None  # $RECOVERYLOG_NOW, an ISO 8601 time
    timezone: str | None = None  # $RECOVERYLOG_TIMEZONE, over config.toml's setting
    system_timezone: str | None = None  # $TZ, without the leading ':' it may have
    editor: str | None = None  # $VISUAL, else $EDITOR
    passphrase: str | None = None  # for scripts; never shown (see __repr__)
    new_passphrase: str | None = None
    country: str | None = None  # $RECOVERYLOG_COUNTRY
    debug: bool = False  # $RECOVERYLOG_DEBUG: let an unexpected error show its traceback
    lock_wait: str | None = None  # $RECOVERYLOG_LOCK_WAIT, seconds (the store's default: 5)
    runtime_dir: Path | None = None  # $XDG_RUNTIME_DIR: RAM-backed scratch space
    # For reminders, which install files for the system's scheduler: the account's
    # folders ($HOME, $XDG_CONFIG_HOME), where programs are found ($PATH), the system
    # (sys.platform), and how to start this same recoverylog again from a scheduler.
    user_home: Path | None = None
    config_home: Path | None = None
    search_path: str | None = None
    system: str = ""
    launcher: tuple[str, ...] = ()
    # Every variable, for Rich (COLUMNS, FORCE_COLOR, TERM...) and for programs we start.
    variables: Mapping[str, str] = MappingProxyType({})

    def __repr__(self) -> str:
        """Every field but the passphrases and the variables (which hold them too)."""
        fields = zip(self._fields, self, strict=True)
        shown = (f"{name}={value!r}" for name, value in fields if name not in UNSHOWN)
        return f"Environment({', '.join(shown)})"

    def with_home(self, home: str | None) -> Environment:
        """This environment with --home, when one was given, in place of $RECOVERYLOG_HOME."""
        return self if home is None else self._replace(home=home)

    def with_streams(self) -> Environment:
        """This environment writing to the process's standard streams where it names
        none (one a caller built with only what it needed)."""
        if self.stdout is not None and self.stderr is not None:
            return self
        return self._replace(stdout=self.stdout or sys.stdout, stderr=self.stderr or sys.stderr)

    def shareable_variables(self) -> dict[str, str]:
        """The variables without any passphrase: what an editor or Rich may see."""
        return {key: value for key, value in self.variables.items() if key not in SECRETS}


class ScriptedInput:
    """The test hook. Handed to the app as Click's ``obj`` (``CliRunner().invoke(app,
    args, input=..., obj=ScriptedInput())``), it says standard input holds answers
    scripted as if typed at a terminal: questions are asked on it, but, as it is no
    terminal device, never a passphrase. Without it, the test runner's input is what it
    is, piped input with no one there."""


def read_environment(*, scripted_input: bool = False) -> Environment:
    """The Environment of this process, as it is now (``scripted_input``: see
    ScriptedInput). A variable set to "" counts as not set."""
    variables = dict(os.environ)
    stdin = sys.stdin
    tty = _isatty(stdin)
    runtime = _given(variables, RUNTIME_ENV)
    zone = variables.get("TZ", "").lstrip(":")  # ':Europe/Dublin' names a zone file too
    country = variables.get(COUNTRY_ENV, "").strip()
    return Environment(
        home=_given(variables, HOME_ENV),
        stdin=stdin,
        stdin_is_terminal=tty or scripted_input,
        stdin_is_tty=tty,
        stdout=sys.stdout,
        stderr=sys.stderr,
        stdout_is_terminal=_isatty(sys.stdout),
        stderr_is_terminal=_isatty(sys.stderr),
        width=_width(variables),
        colour=_given(variables, "NO_COLOR") is None,
        accessible=_switch(_given(variables, ACCESSIBLE_ENV)),
        frozen_now=_given(variables, NOW_ENV),
        timezone=_given(variables, TIMEZONE_ENV),
        system_timezone=zone or None,
        editor=_given(variables, "VISUAL") or _given(variables, "EDITOR"),
        passphrase=_given(variables, PASSPHRASE_ENV),
        new_passphrase=_given(variables, NEW_PASSPHRASE_ENV),
        country=country or None,
        debug=_given(variables, DEBUG_ENV) is not None,
        lock_wait=_given(variables, LOCK_WAIT_ENV),
        runtime_dir=Path(runtime) if runtime else None,
        user_home=_folder(variables, "HOME"),
        config_home=_folder(variables, "XDG_CONFIG_HOME"),
        search_path=_given(variables, "PATH"),
        system=sys.platform,
        launcher=_launcher(),
        variables=variables,
    )


def _given(variables: Mapping[str, str], name: str) -> str | None:
    return variables.get(name) or None


def _switch(value: str | None) -> bool | None:
    """A variable that turns something on or off: 1, true, yes or on; else off."""
    if value is None:
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def _folder(variables: Mapping[str, str], name: str) -> Path | None:
    """A folder named by a variable; a relative one counts as not set (as XDG says)."""
    given = _given(variables, name)
    return Path(given) if given and os.path.isabs(given) else None


def _launcher() -> tuple[str, ...]:
    """The command that starts this recoverylog again: the absolute path of its script,
    or this Python with -m when it was started so (or from a test runner)."""
    script = sys.argv[0] if sys.argv else ""
    if os.path.basename(script) == "recoverylog":
        return (os.path.abspath(script),)
    return (os.path.abspath(sys.executable), "-m", "recoverylog")


def _width(variables: Mapping[str, str]) -> int:
    """$COLUMNS when it is a number, else the size of the first standard stream that is a
    terminal (as Rich would measure it), else 80; a dumb terminal is 80 wide."""
    columns = variables.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if variables.get("TERM", "").lower() in ("dumb", "unknown"):
        return DEFAULT_WIDTH
    for descriptor in (0, 1, 2):
        try:
            measured = os.get_terminal_size(descriptor).columns
        except (OSError, ValueError):  # not a terminal, or closed
            continue
        return measured or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def _isatty(stream: TextIO | None) -> bool:
    if stream is None:  # no standard input at all (file descriptor 0 closed)
        return False
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):  # a replaced or closed stream
        return False


# --- the shell's start-up files (for `greet --install`) ---------------------------

SHELLS = ("bash", "zsh", "fish")


def login_shell(environment: Environment) -> str | None:
    """The shell $SHELL names, if it is one whose start-up file recoverylog knows."""
    name = os.path.basename(environment.variables.get("SHELL", ""))
    return name if name in SHELLS else None


def shell_startup_file(environment: Environment, shell: str) -> Path | None:
    """The file an interactive ``shell`` reads when it starts: ~/.bashrc, ~/.zshrc
    (in $ZDOTDIR when set), fish's config.fish (in $XDG_CONFIG_HOME when set)."""
    variables = environment.variables
    home = _given(variables, "HOME")
    if home is None:
        return None
    if shell == "bash":
        return Path(home) / ".bashrc"
    if shell == "zsh":
        return Path(_given(variables, "ZDOTDIR") or home) / ".zshrc"
    if shell == "fish":
        config = _given(variables, "XDG_CONFIG_HOME") or str(Path(home) / ".config")
        return Path(config) / "fish" / "config.fish"
    return None
