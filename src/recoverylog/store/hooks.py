"""Running a program of the person's own when something happens (a lapse, a check-in,
a milestone, sos): its path, a small JSON document on standard input, never a shell,
a time limit, and nothing it does stops recoverylog."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


class HookRun(NamedTuple):
    """How the program ended: None when it did well, else what went wrong, in words."""

    problem: str | None


def run_program(
    program: Path, document: bytes, seconds: float, variables: Mapping[str, str]
) -> HookRun:
    """Run ``program`` with ``document`` on its standard input and ``variables`` as its
    environment, from its own folder, for at most ``seconds``; what it writes is not
    shown (a hook is for the people it reaches, not for this screen)."""
    try:
        done = subprocess.run(
            [str(program)],
            input=document,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(variables),
            cwd=program.parent,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return HookRun(f"did not finish within {seconds:g} seconds and was stopped")
    except FileNotFoundError:
        return HookRun(f"{program} was not found")
    except PermissionError:
        return HookRun(f"{program} cannot be run (is it executable? chmod +x)")
    except OSError as exc:
        return HookRun(f"{program} could not be run: {exc.strerror or exc}")
    if done.returncode != 0:
        return HookRun(f"ended with exit code {done.returncode}")
    return HookRun(None)
