"""The urge-surfing timer: a plain countdown, or a Rich one on a terminal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from recoverylog.domain.moments import hours_and_minutes
from recoverylog.render.lines import Look, bar
from recoverylog.render.output import Screen


@dataclass(frozen=True)
class TimerResult:
    elapsed: int  # seconds
    stopped: bool  # Ctrl-C before the end


def clock_text(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def urge_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    *,
    fancy: bool,
    live: bool,
    screen: Screen,
) -> TimerResult:
    """Count down one second per ``sleep(1)``, with a prompt at the start of each minute.

    fancy: a Rich progress bar (on ``screen``). live: a plain line rewritten every second
    (a terminal without colour). Neither: one line a minute, in words (piped output, and
    a screen reader, which would read a redrawn line again each second). Ctrl-C stops
    early."""
    elapsed = [0]
    try:
        if fancy:
            _rich_timer(seconds, sleep, prompt_for, elapsed, screen)
        else:
            _plain_timer(seconds, sleep, prompt_for, elapsed, live, screen.stdout)
    except KeyboardInterrupt:
        screen.stdout.write("\n")
        screen.stdout.flush()
        return TimerResult(elapsed[0], True)
    return TimerResult(elapsed[0], False)


def _plain_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    elapsed: list[int],
    live: bool,
    out: TextIO,
) -> None:
    width = 0
    try:
        while elapsed[0] < seconds:
            left = seconds - elapsed[0]
            if elapsed[0] % 60 == 0:
                if live:
                    out.write("\r" + " " * width + "\r")
                    out.write(f"{prompt_for(elapsed[0] // 60)}\n")
                else:
                    # Said in words (read aloud, 05:00 is a time of day); a line comes
                    # at each whole minute, so what is left is whole minutes.
                    said = f"{hours_and_minutes(left // 60)} left"
                    out.write(f"{said}. {prompt_for(elapsed[0] // 60)}\n")
            if live:
                drawn, _ = bar(elapsed[0] / seconds, 30, look=Look.PLAIN)
                status = f"  {clock_text(left)} left  {drawn}"
                width = len(status) + 2  # and the ^C a terminal may echo after it
                out.write("\r" + status)
            out.flush()
            sleep(1)
            elapsed[0] += 1
    finally:
        if live:
            out.write("\r" + " " * width + "\r")
            out.flush()
    out.write("Time is up.\n")
    out.flush()


def _rich_timer(
    seconds: int,
    sleep: Callable[[float], None],
    prompt_for: Callable[[int], str],
    elapsed: list[int],
    screen: Screen,
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn
    from rich.text import Text

    from recoverylog.render.console import stdout_console

    console = stdout_console(screen)
    with Progress(
        TextColumn("[bold cyan]Riding the wave[/]"),
        BarColumn(bar_width=40),
        TextColumn("{task.fields[left]} left"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("urge", total=seconds, left=clock_text(seconds))
        while elapsed[0] < seconds:
            if elapsed[0] % 60 == 0:
                progress.console.print(Text(prompt_for(elapsed[0] // 60), style="cyan"))
            sleep(1)
            elapsed[0] += 1
            progress.update(task, completed=elapsed[0], left=clock_text(seconds - elapsed[0]))
    console.print(Text("Time is up.", style="bold"))
