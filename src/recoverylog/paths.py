"""Where files live: in one folder given by --home or $RECOVERYLOG_HOME, else in the
platform's own folders for settings and data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from recoverylog.folders import (
    APP_NAME,
    CONFIG_FILE,
    ENCRYPTION_FILE,
    GLANCE_FILE,
    JOURNAL_FILE,
)

MEETINGS_FILE = "meetings.json"  # the meeting list last imported


class Layout(NamedTuple):
    """The folders and files of one recoverylog home."""

    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILE

    @property
    def crisis_file(self) -> Path:
        """The few settings crisis help needs (country, your own lines): never
        encrypted, so sos and help-now can read them before any passphrase."""
        return self.config_dir / "crisis.toml"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / JOURNAL_FILE

    @property
    def meetings_file(self) -> Path:
        """The meeting list last imported ('meetings import')."""
        return self.data_dir / MEETINGS_FILE

    @property
    def entries_dir(self) -> Path:
        return self.data_dir / "entries"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def private_tmp_dir(self) -> Path:
        """Editor scratch files live here, inside the private home, never in /tmp."""
        return self.data_dir / "tmp"

    @property
    def drafts_dir(self) -> Path:
        """Notes kept when the editor did not end well, until they are logged."""
        return self.private_tmp_dir / "drafts"

    @property
    def templates_dir(self) -> Path:
        """Your own starting texts for notes ('log note --template NAME')."""
        return self.data_dir / "templates"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".lock"

    @property
    def cache_dir(self) -> Path:
        """What reports counted from closed months: never the source of truth."""
        return self.data_dir / "cache"

    @property
    def encryption_file(self) -> Path:
        """There only in an encrypted home: how its key is made."""
        return self.data_dir / ENCRYPTION_FILE

    @property
    def glance_file(self) -> Path:
        """What the prompt segment and the greeting line read (store/glance.py)."""
        return self.data_dir / GLANCE_FILE

    @property
    def greeted_file(self) -> Path:
        """When the greeting line was last shown."""
        return self.data_dir / "greeted"

    def kept_counts_file(self, month: str) -> Path:
        return self.cache_dir / f"report-{month}.jsonl"


def user_path(path: str | os.PathLike[str]) -> Path:
    """A path as typed, with a leading ~ or ~name made the home folder it names."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # ~name of no account on this computer
        from recoverylog.errors import InvalidInput

        raise InvalidInput(
            f"{path}: no account here has the name after '~'",
            hint="write the path in full (or ./~name for a folder named so)",
        ) from None


def resolve_layout(home: str | os.PathLike[str] | None = None) -> Layout:
    """The home's folder (the Environment's home: --home, else $RECOVERYLOG_HOME), or
    with none, platformdirs' folders."""
    if home is not None and not str(home).strip():
        from recoverylog.errors import InvalidInput

        # An empty path would mean the current folder: never scatter a journal there.
        raise InvalidInput("--home is empty", hint="give the folder to keep your journal in")
    if home is not None:
        root = user_path(home)
        return Layout(config_dir=root, data_dir=root)
    import platformdirs  # deferred: only needed without an explicit home

    return Layout(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
    )
