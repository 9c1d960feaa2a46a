"""The names of a home's files, and its folders as plain strings, with nothing but the
standard library's smallest part: what `prompt` needs before anything else loads, as it
runs before every shell prompt. paths.py builds the Layout the rest of recoverylog uses
on the same names."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

APP_NAME = "recoverylog"
CONFIG_FILE = "config.toml"
JOURNAL_FILE = "journal.toml"
ENCRYPTION_FILE = "encryption.toml"
GLANCE_FILE = "glance.json"


def usual_folders(variables: Mapping[str, str], system: str) -> tuple[str, str] | None:
    """platformdirs' settings and data folders where its answer is plain and has not
    changed between its versions: on Linux, from a home folder and XDG_CONFIG_HOME and
    XDG_DATA_HOME given in full or not at all. None for anything else: then platformdirs
    itself decides (see paths.resolve_layout)."""
    if system != "linux" or "ANDROID_DATA" in variables:
        return None
    config = _base(variables, "XDG_CONFIG_HOME", ".config")
    data = _base(variables, "XDG_DATA_HOME", ".local/share")
    if config is None or data is None:
        return None
    return os.path.join(config, APP_NAME), os.path.join(data, APP_NAME)


def _base(variables: Mapping[str, str], name: str, under_home: str) -> str | None:
    given = variables.get(name, "")
    if given:
        return given if os.path.isabs(given) else None
    home = variables.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return home.rstrip("/") + "/" + under_home
