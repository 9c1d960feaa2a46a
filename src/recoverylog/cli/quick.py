"""The console script's first module. `recoverylog prompt` and `recoverylog greet`,
typed bare (with at most --home and --clock), are answered here from the glance file
with the standard library alone, so that a shell prompt costs little more than Python
starting; everything else, and anything the glance cannot answer, goes on to the full
application (cli/main.py) unchanged."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from recoverylog.environment import Environment
    from recoverylog.paths import Layout
    from recoverylog.services.glance import Glance

QUICK_COMMANDS = ("prompt", "greet")


class Request(NamedTuple):
    command: str
    home: str | None
    clock: str | None


def run() -> None:
    """Console-script entry point."""
    request = quick_request(sys.argv[1:])
    if request is not None and sys.platform != "win32" and _answered(request):
        os._exit(0)  # nothing to tear down: the streams are flushed
    from recoverylog.cli.main import run as run_fully

    run_fully()


def quick_request(args: list[str]) -> Request | None:
    """The quick form in ``args``, or None: [--home DIR] prompt|greet [--clock NAME]."""
    rest = list(args)
    home = _option(rest, "--home", before=True)
    if not rest or rest[0] not in QUICK_COMMANDS:
        return None
    command = rest.pop(0)
    clock = _option(rest, "--clock")
    if rest:
        return None  # --help, or anything else: the full application answers
    return Request(command, home, clock)


def _option(rest: list[str], name: str, *, before: bool = False) -> str | None:
    """Take ``name VALUE`` or ``name=VALUE`` from the front of ``rest``."""
    if not rest:
        return None
    if rest[0] == name and len(rest) > 1:
        value = rest[1]
        del rest[:2]
        return value
    if rest[0].startswith(name + "="):
        return rest.pop(0).split("=", 1)[1]
    return None


def _answered(request: Request) -> bool:
    """Print the answer from the glance; False when the full path must answer."""
    from recoverylog.environment import read_environment
    from recoverylog.services.glance import Unanswered

    environment = read_environment().with_home(request.home).with_streams()
    try:
        text = answer(request, environment)
    except Unanswered:
        return False
    except Exception:  # a prompt or a shell's start never shows an error
        text = ""
    out = environment.stdout
    assert out is not None
    try:
        if text:
            out.write(text + "\n")
        out.flush()
    except (OSError, ValueError):
        pass  # a closed pipe: nothing left to say
    return True


def answer(request: Request, environment: Environment) -> str:
    """The segment or the greeting line, from the glance (Unanswered: take the full
    path)."""
    from recoverylog.paths import resolve_layout
    from recoverylog.services.glance import open_glance

    layout = resolve_layout(environment.home)
    glance = open_glance(layout, environment)
    if request.command == "prompt":
        return prompt_text(glance, request.clock)
    return greeting_text(layout, glance, request.clock)


def prompt_text(glance: Glance | None, clock: str | None) -> str:
    """The segment, or nothing when there is no clock to show."""
    from recoverylog.render.greeting import DEFAULT_SEGMENT, segment
    from recoverylog.services.glance import chosen_clock, segment_format

    today = None if glance is None else chosen_clock(glance, clock)
    if glance is None or today is None:
        return ""
    return _printable(segment(segment_format(glance) or DEFAULT_SEGMENT, today))


def greeting_text(layout: Layout, glance: Glance | None, clock: str | None) -> str:
    """The greeting when it is due (then marked as shown), and any notices left for it;
    nothing when there is nothing new."""
    from recoverylog.render.greeting import greeting_line, greeting_parts
    from recoverylog.services.glance import (
        checked_in_today,
        chosen_clock,
        greeted,
        greeting_due,
        notices,
    )

    parts: list[str] = []
    today = None if glance is None else chosen_clock(glance, clock)
    if glance is not None and today is not None and greeting_due(layout, glance):
        parts = greeting_parts(today, checked_in_today(glance))
        # Lines of the person's own patterns will join the greeting here.
        greeted(layout, glance)
    parts += notices(layout)
    return _printable(greeting_line(parts))


def _printable(text: str) -> str:
    """Never a control character into a prompt, whatever a file was made to hold."""
    return "".join(ch for ch in text if ch.isprintable())
