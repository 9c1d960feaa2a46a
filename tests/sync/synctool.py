"""A sync tool in miniature, for two recoverylog homes on two computers.

It keeps what the shared folder held after the last sync (the "cloud"). At each sync, a
file changed on one computer only is copied to the other (a deletion too); a file changed
on both is a conflict: one version stays the live file on both computers and the other
becomes a conflict copy, named as the chosen tool names them, on both computers. Which
version stays live follows the tool: Syncthing keeps the newer change, Dropbox and
Nextcloud the one that reached the server first (the older change), iCloud Drive the
newer. "Newer" is the order of the commands that wrote the files, counted by the tool, so
every run is the same. A file deleted on one computer and changed on the other comes back
changed, as these tools do. Per-computer files are never synced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# What the design asks people to leave out of a synced folder: kept per computer.
PER_COMPUTER_FILES = frozenset({".lock", "glance.json", "greeted", "notices.txt", "reminders.toml"})
PER_COMPUTER_FOLDERS = frozenset({"tmp", "cache", "backups"})

Files = dict[str, bytes]


def synced_files(home: Path) -> Files:
    """Every file the tool syncs, by its path in the home, with its bytes."""
    if not home.exists():
        return {}
    found: Files = {}
    for path in sorted(home.rglob("*")):
        relative = path.relative_to(home)
        if relative.parts[0] in PER_COMPUTER_FOLDERS or relative.parts[0] == ".git":
            continue
        if path.is_file() and path.name not in PER_COMPUTER_FILES:
            found[relative.as_posix()] = path.read_bytes()
    return found


CopyName = Callable[[str, str, datetime, int, str], str]  # stem, ext, when, attempt, device


def _later(when: datetime, attempt: int) -> datetime:
    """A second later per attempt: two copies of one file in one second get two names."""
    return when.replace(second=(when.second + attempt) % 60)


def _syncthing(stem: str, ext: str, when: datetime, attempt: int, device: str) -> str:
    return f"{stem}.sync-conflict-{_later(when, attempt):%Y%m%d-%H%M%S}-{device}{ext}"


def _dropbox(stem: str, ext: str, when: datetime, attempt: int, device: str) -> str:
    number = f" ({attempt})" if attempt else ""
    return f"{stem} ({device}'s conflicted copy {when:%Y-%m-%d}{number}){ext}"


def _nextcloud(stem: str, ext: str, when: datetime, attempt: int, device: str) -> str:
    return f"{stem} (conflicted copy {_later(when, attempt):%Y-%m-%d %H%M%S}){ext}"


def _nextcloud_older(stem: str, ext: str, when: datetime, attempt: int, device: str) -> str:
    return f"{stem}_conflict-{_later(when, attempt):%Y%m%d-%H%M%S}{ext}"


def _icloud(stem: str, ext: str, when: datetime, attempt: int, device: str) -> str:
    return f"{stem} {attempt + 2}{ext}"


@dataclass(frozen=True)
class Naming:
    """How one tool names a conflict copy, and which version it keeps live."""

    copy_name: CopyName
    newer_stays_live: bool
    devices: tuple[str, str] = ("", "")  # how each computer shows in a copy's name


NAMINGS: dict[str, Naming] = {
    "syncthing": Naming(_syncthing, newer_stays_live=True, devices=("ABCDEF1", "XYZ2345")),
    "dropbox": Naming(_dropbox, newer_stays_live=False, devices=("Sam", "Sam's desktop")),
    "nextcloud": Naming(_nextcloud, newer_stays_live=False),
    "nextcloud-older": Naming(_nextcloud_older, newer_stays_live=False),
    "icloud": Naming(_icloud, newer_stays_live=True),
}

# Names a copy of any of the forms above can have (for the "no copy is left" checks).
CONFLICT_COPY = re.compile(
    r"\.sync-conflict-\d{8}-\d{6}-|conflicted copy|_conflict-\d{8}-\d{6}|^\S+ \d+(\.\w+)?$"
)


def conflict_copies(home: Path) -> list[str]:
    """The files in ``home`` that are named as a sync tool names a conflict copy."""
    return [name for name in synced_files(home) if CONFLICT_COPY.search(Path(name).name)]


@dataclass
class SyncTool:
    """Two homes (computer 0 and 1) kept in one synced folder by ``tool``."""

    tool: str
    homes: tuple[Path, Path]
    cloud: Files = field(default_factory=dict)
    seen: list[Files] = field(default_factory=lambda: [{}, {}])
    changed_at: list[dict[str, int]] = field(default_factory=lambda: [{}, {}])
    commands: int = 0

    def after_command(self, computer: int) -> None:
        """Note which files a command on ``computer`` changed, and when (in command order)."""
        self.commands += 1
        now = synced_files(self.homes[computer])
        before = self.seen[computer]
        for path in set(now) | set(before):
            if now.get(path) != before.get(path):
                self.changed_at[computer][path] = self.commands
        self.seen[computer] = now

    def sync(self, when: datetime) -> list[str]:
        """Bring both homes together; returns the names of the conflict copies it made."""
        sides = [synced_files(home) for home in self.homes]
        made: list[str] = []
        for path in sorted(set(sides[0]) | set(sides[1]) | set(self.cloud)):
            made += self._sync_one(path, sides, when)
        self.seen = [synced_files(home) for home in self.homes]
        return made

    def _sync_one(self, path: str, sides: list[Files], when: datetime) -> list[str]:
        ours, theirs, last = sides[0].get(path), sides[1].get(path), self.cloud.get(path)
        if ours == theirs:
            self._settle(path, ours)
            return []
        if ours == last or theirs == last:
            self._settle(path, theirs if ours == last else ours)
            return []
        if ours is None or theirs is None:  # deleted on one, changed on the other
            self._settle(path, ours if theirs is None else theirs)
            return []
        return [self._conflict(path, (ours, theirs), when)]

    def _conflict(self, path: str, versions: tuple[bytes, bytes], when: datetime) -> str:
        newer = 0 if self.changed_at[0].get(path, 0) > self.changed_at[1].get(path, 0) else 1
        live = newer if NAMINGS[self.tool].newer_stays_live else 1 - newer
        copy = self._free_copy_name(path, 1 - live, when)
        self._settle(path, versions[live])
        self._settle(copy, versions[1 - live])
        return copy

    def _free_copy_name(self, path: str, computer: int, when: datetime) -> str:
        folder, _, name = path.rpartition("/")
        stem, dot, ext = name.rpartition(".")
        stem, ext = (stem, dot + ext) if dot else (name, "")
        taken = (
            set(self.cloud) | set(synced_files(self.homes[0])) | set(synced_files(self.homes[1]))
        )
        spec = NAMINGS[self.tool]
        for attempt in range(60):
            copy = spec.copy_name(stem, ext, when, attempt, spec.devices[computer])
            full = f"{folder}/{copy}" if folder else copy
            if full not in taken:
                return full
        raise AssertionError(f"no free name for a copy of {path}")

    def _settle(self, path: str, content: bytes | None) -> None:
        """Make ``path`` hold ``content`` (None: absent) on both computers and in the cloud."""
        for home in self.homes:
            target = home / path
            if content is None:
                target.unlink(missing_ok=True)
            elif not target.exists() or target.read_bytes() != content:
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                target.write_bytes(content)
                target.chmod(0o600)
        if content is None:
            self.cloud.pop(path, None)
        else:
            self.cloud[path] = content
