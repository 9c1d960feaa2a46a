"""`greet --install` and `--uninstall`: one marked line in the shell's start-up file."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from recoverylog.environment import SHELLS, Environment, login_shell, shell_startup_file
from recoverylog.errors import InvalidInput
from recoverylog.store.startup_files import (
    has_line,
    read_startup_file,
    save_startup_file,
    with_line,
    without_line,
)

MARK = "# added by 'recoverylog greet --install'"
GREET_LINES = {
    "bash": f"if command -v recoverylog >/dev/null 2>&1; then recoverylog greet; fi  {MARK}",
    "zsh": f"if command -v recoverylog >/dev/null 2>&1; then recoverylog greet; fi  {MARK}",
    "fish": f"status is-interactive; and type -q recoverylog; and recoverylog greet  {MARK}",
}


class StartupChange(NamedTuple):
    path: Path
    line: str
    needed: bool  # False: the file is already as asked


def planned_change(environment: Environment, shell: str | None, adding: bool) -> StartupChange:
    """What adding (or removing) the greeting line would change, nothing written."""
    chosen = (shell or login_shell(environment) or "").lower()
    if chosen not in SHELLS:
        raise InvalidInput(
            "which shell? $SHELL names none that recoverylog knows",
            hint=f"say it with --shell ({', '.join(SHELLS)})",
        )
    path = shell_startup_file(environment, chosen)
    if path is None:
        raise InvalidInput("$HOME is not set, so the shell's start-up file is unknown")
    line = GREET_LINES[chosen]
    present = has_line(read_startup_file(path), line)
    return StartupChange(path, line, present != adding)


def apply_change(change: StartupChange, adding: bool) -> None:
    text = read_startup_file(change.path)
    changed = with_line(text, change.line) if adding else without_line(text, change.line)
    if changed != text:
        save_startup_file(change.path, changed)
