"""The system's scheduler, as reminders use it: the files it reads (outside the home),
the programs that load them (systemctl, crontab, launchctl), and the record in the home
of the reminders set (reminders.toml).

Programs are started with a list of words, never through a shell, and each is given a
time limit. reminders.toml stays plain in an encrypted home, like crisis.toml: a
reminder rings from a scheduler, where nobody types a passphrase.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from recoverylog.errors import RecoveryLogError
from recoverylog.paths import Layout
from recoverylog.store.atomic import atomic_write, read_bytes, remove_file
from recoverylog.store.tomlfile import dump_toml, encode_text, parse_toml

REMINDERS_FILE = "reminders.toml"
REMINDERS_HEADER = (
    "# Reminders set with 'recoverylog remind add'; change them with the command, which\n"
    "# also changes what the system's scheduler runs.\n"
)
TIME_LIMIT = 30.0  # seconds any scheduler program may take
NO_CRONTAB = "no crontab for"  # what crontab -l says of an account with none yet


class SchedulerFailed(RecoveryLogError):
    """A scheduler's program did not do what was asked."""


# --- the record in the home -------------------------------------------------------------


def reminders_path(layout: Layout) -> Path:
    return layout.config_dir / REMINDERS_FILE


def load_reminders(layout: Layout) -> dict[str, Any]:
    """Each reminder's table by name ({} when none is set)."""
    path = reminders_path(layout)
    data = read_bytes(path)
    if data is None:
        return {}
    doc = parse_toml(data.decode("utf-8", errors="replace"), path)
    found = doc.get("reminders", {})
    return dict(found) if isinstance(found, dict) else {}


def save_reminders(layout: Layout, reminders: Mapping[str, Any]) -> None:
    path = reminders_path(layout)
    if not reminders:
        remove_file(path)
        return
    text = REMINDERS_HEADER + dump_toml({"reminders": dict(reminders)})
    atomic_write(path, encode_text(text))


# --- finding things -----------------------------------------------------------------------


def find_program(name: str, search_path: str | None) -> str | None:
    """The program's path on ``search_path`` ($PATH), or None."""
    return shutil.which(name, path=search_path or os.defpath)


def systemd_user_manager(runtime_dir: Path | None) -> bool:
    """Whether this account's systemd manager is running: it listens in the runtime
    folder ($XDG_RUNTIME_DIR/systemd/private)."""
    return runtime_dir is not None and os.path.exists(runtime_dir / "systemd" / "private")


def session_bus(runtime_dir: Path | None) -> str | None:
    """The address of this account's desktop bus where it listens, for a program
    started without one (cron gives its jobs neither $DBUS_SESSION_BUS_ADDRESS nor
    $XDG_RUNTIME_DIR): the socket in the runtime folder, or in /run/user/UID."""
    folders = [runtime_dir] if runtime_dir is not None else []
    if hasattr(os, "getuid"):
        folders.append(Path("/run/user") / str(os.getuid()))
    for folder in folders:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.stat(folder / "bus").st_mode):
                return f"unix:path={folder / 'bus'}"
    return None


def file_exists(path: Path) -> bool:
    return os.path.lexists(path)


# --- files and programs ------------------------------------------------------------------


def write_scheduler_file(path: Path, data: bytes) -> None:
    """Write one of the scheduler's files (0600: read by this account only)."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise SchedulerFailed(f"could not write {path}: {exc.strerror}") from exc


def remove_scheduler_file(path: Path) -> None:
    try:
        remove_file(path)
    except OSError as exc:
        raise SchedulerFailed(f"could not remove {path}: {exc.strerror}") from exc


def run_program(
    words: Sequence[str],
    variables: Mapping[str, str],
    stdin_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a program (no shell) with ``variables`` as its environment; the finished
    process, whatever its exit status. One that cannot start or takes too long fails."""
    try:
        return subprocess.run(
            list(words),
            input=stdin_text,
            capture_output=True,
            text=True,
            env=dict(variables),
            timeout=TIME_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SchedulerFailed(f"'{words[0]}' took more than {TIME_LIMIT:g} seconds") from None
    except OSError as exc:
        raise SchedulerFailed(f"could not run '{words[0]}': {exc.strerror}") from None


def run_or_fail(
    words: Sequence[str], variables: Mapping[str, str], stdin_text: str | None = None
) -> str:
    """Run a program that must succeed; its output."""
    done = run_program(words, variables, stdin_text)
    if done.returncode != 0:
        said = " ".join(done.stderr.split())[:200] or f"exit status {done.returncode}"
        raise SchedulerFailed(f"'{' '.join(words[:3])}' failed: {said}")
    return done.stdout


def read_crontab(crontab: str, variables: Mapping[str, str]) -> str:
    """This account's crontab ('' when it has none yet)."""
    done = run_program([crontab, "-l"], variables)
    if done.returncode == 0:
        return done.stdout
    if NO_CRONTAB in done.stderr.lower():
        return ""
    said = " ".join(done.stderr.split())[:200] or f"exit status {done.returncode}"
    raise SchedulerFailed(f"could not read your crontab: {said}")


def write_crontab(crontab: str, text: str, variables: Mapping[str, str]) -> None:
    run_or_fail([crontab, "-"], variables, text)
