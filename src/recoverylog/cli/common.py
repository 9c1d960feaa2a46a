"""Small helpers shared by command modules: times, notes, confirmation, output."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import typer

from recoverylog.cli import state
from recoverylog.domain.timeparse import (
    TimeParseError,
    parse_bound,
    parse_day,
    parse_duration,
    parse_past,
    parse_start,
)
from recoverylog.environment import Environment
from recoverylog.errors import InvalidInput
from recoverylog.messages import CSV_ONLY_FOR_LISTS
from recoverylog.render.lines import Line, Look, print_lines, screen_safe
from recoverylog.render.output import Format, resolve_format
from recoverylog.services.workspace import Workspace

T = TypeVar("T")


def _parsed(parse: Callable[[str, list[str]], T], value: str | None, option: str) -> T | None:
    """An option's value through its parser; an error names the option, and so does
    a note the parser has for the person (a time that comes twice, say)."""
    if value is None:
        return None
    notes: list[str] = []
    try:
        parsed = parse(value, notes)
    except TimeParseError as exc:
        raise InvalidInput(f"{option}: {exc}") from exc
    for note in notes:
        state.screen().message(f"Note: {option}: {note}")
    return parsed


def when(ws: Workspace, value: str | None, option: str = "--at") -> datetime | None:
    return _parsed(lambda v, notes: parse_past(v, ws.now, notes=notes), value, option)


def bound(ws: Workspace, value: str | None, option: str, *, end: bool = False) -> datetime | None:
    """A --since/--until limit: a day on its own covers that whole day."""
    return _parsed(lambda v, notes: parse_bound(v, ws.now, end=end, notes=notes), value, option)


def day(ws: Workspace, value: str | None, option: str) -> date | None:
    return _parsed(lambda v, notes: parse_day(v, ws.now, notes=notes), value, option)


def start(
    ws: Workspace, value: str | None, option: str, after: datetime | None = None
) -> date | datetime | None:
    """When a clock or a new run starts: a day, or a moment when a time of day is given
    (for a run after a lapse at ``after``, the first such time after it)."""
    return _parsed(lambda v, notes: parse_start(v, ws.now, notes=notes, after=after), value, option)


def duration(value: str | None) -> timedelta | None:
    return _parsed(lambda v, _notes: parse_duration(v), value, "--duration")


def note_text(
    ws: Workspace,
    note: str | None,
    edit: bool,
    current: str | None = None,
    *,
    empty_clears: bool = False,
    from_stdin: str = "--note -",
) -> str | None:
    """A note from the option, from standard input ('-'), or from $EDITOR.

    An empty note is refused: given on purpose, it would silently store nothing. When
    a note is being changed, ``empty_clears`` lets a typed '' remove it. ``from_stdin``
    is how this command reads a note from standard input, for the hints."""
    if edit:
        if note is not None:
            raise InvalidInput("give either --note or --edit, not both")
        text = edited_text(ws, current or "", from_stdin)
        if text is None:
            state.screen().message("The note was empty, so nothing was saved.")
            raise typer.Exit(0)
        return text
    if note is None or (note == "" and empty_clears):
        return note
    text = read_stdin() if note == "-" else note
    if not text.strip():
        hint = "nothing came on standard input" if note == "-" else "write a few words"
        raise InvalidInput(
            "the note is empty, so nothing was saved", hint=f"{hint}, or leave the note out"
        )
    return text


def read_stdin() -> str:
    """All of standard input ('' when there is none)."""
    stream = state.environment().stdin
    return stream.read() if stream is not None else ""


def edited_text(ws: Workspace, initial: str, from_stdin: str) -> str | None:
    """What the editor leaves from ``initial`` (None if left empty); when it fails, the
    words it left are kept as a draft and the error says how to use them."""
    try:
        return edit_in_editor(ws, initial, from_stdin)
    except EditorFailed as failed:
        raise _kept_as_draft(ws, failed, initial, from_stdin) from None


def edit_in_editor(ws: Workspace, initial: str, from_stdin: str = "--note -") -> str | None:
    """Open $VISUAL/$EDITOR on a 0600 scratch file in a private folder (in RAM for an
    encrypted journal, where possible); always removed afterwards. None if left empty."""
    from recoverylog.store.scratch import scratch_file

    environment = ws.environment
    editor = _editor(environment, from_stdin)
    encrypted = ws.store.io.encrypted()
    with scratch_file(ws.layout, encrypted, initial, environment.runtime_dir) as path:
        text = _edit(editor, path, environment.shareable_variables())
    return text if text.strip() else None


def _editor(environment: Environment, from_stdin: str) -> str:
    """$VISUAL or $EDITOR; vi only when there is a terminal for it to run in."""
    if environment.editor:
        return environment.editor
    if not environment.stdin_is_terminal:
        raise InvalidInput(f"no editor: set $EDITOR, or use {from_stdin}")
    return "vi"


def _edit(editor: str, path: Path, variables: dict[str, str]) -> str:
    """Run the editor on ``path`` with ``variables`` as its environment (no passphrase
    among them); the text it leaves there."""
    from recoverylog.store.atomic import read_bytes

    try:
        result = subprocess.run([*shlex.split(editor), str(path)], check=False, env=variables)
    except OSError as exc:
        raise InvalidInput(
            f"could not start the editor '{editor}': {exc.strerror}",
            hint="set $EDITOR, or use --note -",
        ) from exc
    if result.returncode != 0:
        left = (read_bytes(path) or b"").decode("utf-8", errors="replace")
        raise EditorFailed(result.returncode, left)
    try:
        return (read_bytes(path) or b"").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"the editor saved text that is not valid UTF-8 (byte {exc.start}); nothing was saved",
            hint="save the note as UTF-8 in your editor, or use --note -",
        ) from None


class EditorFailed(InvalidInput):
    """The editor exited with an error; ``text`` is what it left in the file."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"the editor exited with status {status}, so nothing was saved")
        self.text = text


def _kept_as_draft(
    ws: Workspace, failed: EditorFailed, initial: str, from_stdin: str
) -> InvalidInput:
    """The editor's failure, with the words it left kept as a draft (unless there are
    none: empty, or the text it was given) and how to use them."""
    if not failed.text.strip() or failed.text == initial:
        return failed
    from recoverylog.errors import RecoveryLogError
    from recoverylog.services import drafts

    try:
        path = drafts.keep(ws, failed.text)
    except RecoveryLogError as exc:
        return InvalidInput(f"{failed.message}, and your text could not be kept: {exc.message}")
    if ws.store.io.encrypted():
        return InvalidInput(
            f"{failed.message}; your text is kept as a sealed draft: {path.stem}",
            hint=f"see it with: recoverylog draft show {path.stem}",
        )
    use = "log it with" if from_stdin.startswith("recoverylog") else "to use it, run again with"
    return InvalidInput(
        f"{failed.message}; your text is kept as a draft: {path}",
        hint=f"{use}: {from_stdin} < {path}",
    )


def confirm(question: str, yes: bool) -> None:
    """Ask before something destructive; --yes skips. Without a terminal, refuse."""
    if yes:
        return
    if not state.environment().stdin_is_terminal:
        raise InvalidInput(f"{question} Add --yes to confirm without a prompt.")
    if not typer.confirm(screen_safe(question), default=False):
        raise typer.Exit(0)


def show_lines(lines: Sequence[Line], fmt: Format | None) -> None:
    chosen = output_format(fmt)
    if chosen in (Format.CSV,):
        raise InvalidInput(CSV_ONLY_FOR_LISTS)
    print_lines(lines, look=look_for(chosen), screen=state.screen())


def check_bom(bom: bool, csv: bool) -> None:
    if bom and not csv:
        raise InvalidInput("--bom is for CSV files: add --format csv")


def say(message: str) -> None:
    """A confirmation line: to stdout, since it carries the new entry's id."""
    state.screen().write(message)


def output_format(fmt: Format | None) -> Format:
    """The format asked for; else a table when this command's output is a terminal and
    plain text when it is piped (as the command's Environment says)."""
    return resolve_format(fmt, terminal=state.environment().stdout_is_terminal)


def look_for(chosen: Format) -> Look:
    """How a view in the ``chosen`` format is drawn: said in words for a screen reader
    when accessible mode is on (--a11y, $RECOVERYLOG_ACCESSIBLE or the 'accessible'
    setting), else with a terminal's marks in a table and ASCII ones in plain text."""
    if state.screen().accessible:
        return Look.SPOKEN
    return Look.TERMINAL if chosen is Format.TABLE else Look.PLAIN
