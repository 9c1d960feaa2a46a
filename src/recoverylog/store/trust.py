"""Whether a home can be trusted, checked before anything in it is read or written.

Like ssh's StrictModes: every folder of the home must be a folder, owned by the person
running recoverylog and writable by nobody else, or another account could plant a link
that steers a repair or a write onto a file outside the home. A folder the person
linked elsewhere (a synced folder) is judged by where the link leads.
"""

from __future__ import annotations

import getpass
import os
import stat
from pathlib import Path

from recoverylog.errors import DataError
from recoverylog.paths import Layout
from recoverylog.store.atomic import DIR_MODE, FILE_MODE

OTHERS_MAY_WRITE = stat.S_IWGRP | stat.S_IWOTH


def home_folders(layout: Layout) -> list[Path]:
    """The home's folders, each parent before what it holds."""
    folders = [layout.config_dir, layout.data_dir]
    folders += [
        layout.entries_dir,
        layout.backups_dir,
        layout.quarantine_dir,
        layout.private_tmp_dir,
        layout.drafts_dir,
    ]
    return list(dict.fromkeys(folders))


def check_home(layout: Layout) -> None:
    """Refuse a home that is not a folder, not the person's own, or open to others."""
    for folder in home_folders(layout):
        try:
            info = os.stat(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue  # made (privately) when first needed
        if not stat.S_ISDIR(info.st_mode):
            raise DataError(
                f"{folder} is a file, but recoverylog keeps a folder there",
                hint=f"move the file out of the way (mv '{folder}' '{folder}.moved'), "
                "or choose another folder with --home",
            )
        check_owned(folder, info)
        if info.st_mode & OTHERS_MAY_WRITE:
            raise DataError(
                f"{folder} can be changed by other accounts, so recoverylog will not use it",
                hint=f"make it yours alone: chmod 700 '{folder}'",
            )


def check_owned(path: Path, info: os.stat_result, what: str = "folder") -> None:
    if info.st_uid != os.getuid():
        raise DataError(
            f"{path} belongs to another account, so recoverylog will not use it",
            hint=f"if this {what} is yours: chown {_user()} '{path}'; "
            "otherwise choose another folder with --home",
        )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def loose_modes(roots: list[Path]) -> list[tuple[Path, int, int]]:
    """Each file or folder under ``roots`` whose mode is not the private one: (path,
    its mode, the mode it should have). Links are the person's and are left alone."""
    found = []
    for root in dict.fromkeys(roots):
        if not root.is_dir():
            continue
        for path in [root, *root.rglob("*")]:
            if path.is_symlink():
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            wanted = DIR_MODE if path.is_dir() else FILE_MODE
            if mode != wanted:
                found.append((path, mode, wanted))
    return found


def make_private(path: Path) -> None:
    """Give a file 0600 or a folder 0700; never through a link, nor if it is gone."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISLNK(info.st_mode):
        os.chmod(path, DIR_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE)
