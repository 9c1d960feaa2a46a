"""The console script's first module. `recoverylog prompt` and `recoverylog greet`,
typed bare (with at most --home and --clock), are answered here from the glance file,
so that a shell prompt costs little more than Python starting; everything else, and
anything the glance cannot answer, goes on to the full application (cli/main.py)
unchanged.

`prompt` runs before every shell prompt, so it loads the least of all: this module
reads the few variables it needs itself (the entry point, like environment.py, may
read its process) and writes its one line, with neither typing nor pathlib loaded."""

from __future__ import annotations

import os
import sys

from recoverylog.variables import HOME_ENV, NOW_ENV, TIMEZONE_ENV

TYPE_CHECKING = False
if TYPE_CHECKING:
    from recoverylog.environment import Environment
    from recoverylog.paths import Layout
    from recoverylog.services.glance import Glance

QUICK_COMMANDS = ("prompt", "greet")


class Request:
    """A bare `prompt` or `greet`, with the --home and --clock given."""

    __slots__ = ("clock", "command", "home")

    def __init__(self, command: str, home: str | None, clock: str | None) -> None:
        self.command, self.home, self.clock = command, home, clock


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
    from recoverylog.services.prompt_segment import Unanswered

    try:
        if request.command == "prompt":
            text = _quick_segment(request)
        else:
            from recoverylog.environment import read_environment

            text = answer(request, read_environment().with_home(request.home))
    except Unanswered:
        return False
    except Exception:  # a prompt or a shell's start never shows an error
        text = ""
    try:
        if text:
            sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass  # a closed pipe: nothing left to say
    return True


def _quick_segment(request: Request) -> str:
    """The segment, from this process's variables, with the home's folders found
    without platformdirs where their place is plain (folders.usual_folders)."""
    from recoverylog.folders import usual_folders
    from recoverylog.services.prompt_segment import Unanswered, prompt_segment

    variables = os.environ
    home = request.home or variables.get(HOME_ENV)
    folders = usual_folders(variables, sys.platform) if home is None else _home_folders(home)
    if folders is None:
        raise Unanswered("the home's place is not plain")  # paths.py knows it
    zone, frozen = variables.get(TIMEZONE_ENV), variables.get(NOW_ENV)
    return _printable(prompt_segment(*folders, request.clock, zone or None, frozen or None))


def _home_folders(home: str) -> tuple[str, str] | None:
    root = os.path.expanduser(home)
    if not home.strip() or root.startswith("~"):
        return None  # empty, or an account's name that paths.user_path must judge
    return root, root


def answer(request: Request, environment: Environment) -> str:
    """The segment or the greeting line, from the glance (Unanswered: take the full
    path)."""
    from recoverylog.paths import resolve_layout
    from recoverylog.services.glance import open_glance
    from recoverylog.services.prompt_segment import prompt_segment

    layout = resolve_layout(environment.home)
    if request.command == "prompt":
        segment = prompt_segment(
            layout.config_dir,
            layout.data_dir,
            request.clock,
            environment.timezone,
            environment.frozen_now,
        )
        return _printable(segment)
    glance = open_glance(layout, environment)
    return greeting_text(layout, glance, request.clock, environment.width)


def greeting_text(layout: Layout, glance: Glance | None, clock: str | None, width: int) -> str:
    """The greeting when it is due (then marked as shown), at the screen's ``width``,
    and any notices left for it; nothing when there is nothing new."""
    from recoverylog.domain.nudge_window import nudge_lines
    from recoverylog.render.greeting import greeting_lines, greeting_parts
    from recoverylog.render.weekly import weekly_lines
    from recoverylog.services.glance import (
        checked_in_today,
        chosen_clock,
        greeted,
        greeting_due,
        notices,
    )
    from recoverylog.services.weekly import weekly_counts

    parts: list[str] = []
    more: list[str] = []
    today = None if glance is None else chosen_clock(glance, clock)
    if glance is not None and today is not None and greeting_due(layout, glance):
        parts = greeting_parts(today, checked_in_today(glance))
        more += nudge_lines(glance.doc.get("nudge"), glance.now)  # services/nudges.py
        more += weekly_lines(weekly_counts(layout, glance))  # services/weekly.py
        greeted(layout, glance)
    parts += notices(layout)
    return "\n".join(_printable(line) for line in [*greeting_lines(parts, width), *more])


def _printable(text: str) -> str:
    """Never a control character into a prompt, whatever a file was made to hold."""
    return "".join(ch for ch in text if ch.isprintable())
