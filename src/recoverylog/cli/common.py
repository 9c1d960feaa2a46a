"""Small helpers shared by command modules: times, notes, confirmation, output."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import typer

from recoverylog.domain.timeparse import (
    TimeParseError,
    parse_bound,
    parse_day,
    parse_duration,
    parse_past,
    parse_start,
)
from recoverylog.errors import InvalidInput
from recoverylog.render.lines import Line, print_lines, screen_safe
from recoverylog.render.output import Format, resolve_format, write
from recoverylog.services.workspace import Workspace

T = TypeVar("T")


def _parsed(parse: Callable[[str], T], value: str | None, option: str) -> T | None:
    """An option's value through its parser; a parse error names the option."""
    if value is None:
        return None
    try:
        return parse(value)
    except TimeParseError as exc:
        raise InvalidInput(f"{option}: {exc}") from exc


def when(ws: Workspace, value: str | None, option: str = "--at") -> datetime | None:
    return _parsed(lambda v: parse_past(v, ws.now), value, option)


def bound(ws: Workspace, value: str | None, option: str, *, end: bool = False) -> datetime | None:
    """A --since/--until limit: a day on its own covers that whole day."""
    return _parsed(lambda v: parse_bound(v, ws.now, end=end), value, option)


def day(ws: Workspace, value: str | None, option: str) -> date | None:
    return _parsed(lambda v: parse_day(v, ws.now), value, option)


def start(ws: Workspace, value: str | None, option: str) -> date | datetime | None:
    """When a clock or a new run starts: a day, or a moment when a time of day is given."""
    return _parsed(lambda v: parse_start(v, ws.now), value, option)


def duration(value: str | None) -> timedelta | None:
    return _parsed(parse_duration, value, "--duration")


def note_text(
    ws: Workspace, note: str | None, edit: bool, current: str | None = None
) -> str | None:
    """A note from the option, from standard input ('-'), or from $EDITOR."""
    if edit:
        if note is not None:
            raise InvalidInput("give either --note or --edit, not both")
        return edit_in_editor(ws, current or "")
    if note == "-":
        return sys.stdin.read()
    return note


def edit_in_editor(ws: Workspace, initial: str) -> str | None:
    """Open $VISUAL/$EDITOR on a 0600 file inside the home; always removed afterwards."""
    from recoverylog.store.atomic import FILE_MODE, ensure_private_dir

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    folder = ensure_private_dir(ws.layout.private_tmp_dir)
    _remove_stale_scratch(folder)
    path = folder / f"note-{os.getpid()}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with _removed_on_signals(path):
        return _edit(editor, path, fd, initial)


def _edit(editor: str, path: Path, fd: int, initial: str) -> str | None:
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            result = subprocess.run(
                [*shlex.split(editor), str(path)], check=False, env=child_environment()
            )
        except OSError as exc:
            raise InvalidInput(
                f"could not start the editor '{editor}': {exc.strerror}",
                hint="set $EDITOR, or use --note -",
            ) from exc
        if result.returncode != 0:
            raise InvalidInput(
                f"the editor exited with status {result.returncode}; nothing was saved"
            )
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"the editor saved text that is not valid UTF-8 (byte {exc.start}); "
                "nothing was saved",
                hint="save the note as UTF-8 in your editor, or use --note -",
            ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    return text if text.strip() else None


@contextlib.contextmanager
def _removed_on_signals(path: Path) -> Iterator[None]:
    """The scratch file holds a private note: a closed terminal (SIGHUP) or a kill
    (SIGTERM) removes it too, then ends the process as that signal would have."""
    import signal

    def remove_then_die(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    caught = (signal.SIGHUP, signal.SIGTERM)
    before = {sig: signal.signal(sig, remove_then_die) for sig in caught}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _remove_stale_scratch(folder: Path) -> None:
    """Scratch files left by an editor session that ended without cleaning up (a
    SIGKILL): their process is gone, so nothing will ever remove them but us."""
    for stale in folder.glob("note-*.txt"):
        pid = stale.stem.removeprefix("note-")
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                stale.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def child_environment() -> dict[str, str]:
    """The environment for a program we start: ours, without the passphrase."""
    from recoverylog.store.files import PASSPHRASE_ENV

    return {key: value for key, value in os.environ.items() if key != PASSPHRASE_ENV}


def confirm(question: str, yes: bool) -> None:
    """Ask before something destructive; --yes skips. Without a terminal, refuse."""
    if yes:
        return
    if not sys.stdin.isatty() and not _under_test():
        raise InvalidInput(f"{question} Add --yes to confirm without a prompt.")
    if not typer.confirm(screen_safe(question), default=False):
        raise typer.Exit(0)


def _under_test() -> bool:
    # CliRunner swaps stdin for a buffer; prompts read from it.
    return not hasattr(sys.stdin, "fileno") or _fileno_fails()


def _fileno_fails() -> bool:
    try:
        sys.stdin.fileno()
    except (OSError, ValueError, AttributeError):
        return True
    return False


def show_lines(lines: Sequence[Line], fmt: Format | None) -> None:
    chosen = resolve_format(fmt)
    if chosen in (Format.CSV,):
        raise InvalidInput("csv is only for lists; use table, plain or json")
    print_lines(lines, plain=chosen is not Format.TABLE)


def check_bom(bom: bool, csv: bool) -> None:
    if bom and not csv:
        raise InvalidInput("--bom is for CSV files: add --format csv")


def say(message: str) -> None:
    """A confirmation line: to stdout, since it carries the new entry's id."""
    write(message)
