"""The context every use case runs in: where the files are, settings, and "now"."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from recoverylog.config import Settings, load_settings
from recoverylog.domain.model import Clock, Journal
from recoverylog.domain.moments import day_of, days_start_at
from recoverylog.environment import Environment
from recoverylog.errors import DataError, InvalidInput, NotFound
from recoverylog.messages import FIRST_CLOCK, no_clock_named
from recoverylog.paths import Layout, resolve_layout
from recoverylog.store.atomic import LOCK_TIMEOUT_SECONDS
from recoverylog.store.files import AskPassphrase, FileIO
from recoverylog.store.home import Store, WriteLog
from recoverylog.store.scratch import remove_stale_scratch
from recoverylog.store.trust import check_home
from recoverylog.variables import LOCK_WAIT_ENV, NOW_ENV

if TYPE_CHECKING:
    from recoverylog.store.keycache import KeyCache

MAX_LOCK_WAIT = 3600.0  # an hour: longer is surely a mistake


@dataclass
class Workspace:
    layout: Layout
    settings: Settings
    store: Store
    tz: tzinfo
    now: datetime
    environment: Environment = field(repr=False)
    _journal: Journal | None = field(default=None, repr=False)

    @property
    def today(self) -> date:
        """Today, as the day_starts_at setting counts days (after midnight and before
        it, still the evening before)."""
        return day_of(self.now)

    def journal(self) -> Journal:
        """The journal, read once per command."""
        if self._journal is None:
            self._journal = self.store.load_journal()
        return self._journal

    def reload_journal(self) -> Journal:
        """Read the journal again (inside the writer lock, before changing it)."""
        self._journal = self.store.load_journal()
        return self._journal

    def save_journal(self, journal: Journal) -> None:
        self.store.save_journal(journal)
        self._journal = journal

    def forget_journal(self) -> None:
        """The journal's file was replaced (by a merge): read it again when asked."""
        self._journal = None

    def reload_settings(self) -> None:
        """config.toml or crisis.toml was replaced (by a merge): read them again."""
        self.settings = load_settings(
            self.layout.config_file, self.store.io, timezone=self.environment.timezone
        )

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)


def open_workspace(
    environment: Environment,
    ask_passphrase: AskPassphrase | None = None,
    *,
    strict_settings: bool = True,
) -> Workspace:
    """Open the environment's home: settings, time zone, "now", and the store (nothing
    is written).

    With ``strict_settings=False`` a damaged config.toml falls back to defaults
    (for doctor and help-now, which must work when things are broken)."""
    io = home_files(environment, ask_passphrase)
    layout = io.layout
    remove_stale_scratch(layout, environment.runtime_dir)
    try:
        settings = load_settings(layout.config_file, io, timezone=environment.timezone)
    except DataError:
        if strict_settings:
            raise
        settings = Settings()
    days_start_at(time.fromisoformat(settings.day_starts_at))
    tz = resolve_timezone(settings.timezone, environment.system_timezone)
    now = current_time(tz, environment.frozen_now)
    store = Store(
        layout,
        io,
        now,
        settings.backups_keep,
        partial(lock_wait, environment.lock_wait),
        settings.sync_keep_deleted_days,
    )
    workspace = Workspace(layout, settings, store, tz, now, environment)
    store.after_writes = partial(_refresh_glance, workspace)
    return workspace


def _refresh_glance(ws: Workspace, log: WriteLog) -> None:
    """Every block of writes ends by bringing the glance file up to date."""
    from recoverylog.services.glance_refresh import refresh_glance

    refresh_glance(ws, log)


def home_files(environment: Environment, ask_passphrase: AskPassphrase | None = None) -> FileIO:
    """The files of the environment's home, nothing read yet (for `lock`, which needs
    no setting and no passphrase)."""
    layout = resolve_layout(environment.home)
    check_home(layout)
    kept_keys = partial(key_cache, environment)
    return FileIO(layout, ask_passphrase, passphrase=environment.passphrase, kept_keys=kept_keys)


def key_cache(environment: Environment) -> KeyCache:
    """Where `unlock` keeps keys for this user (loaded only in an encrypted home)."""
    from recoverylog.store.keycache import KeyCache

    return KeyCache(environment.runtime_dir, partial(seconds_now, environment.frozen_now))


def lock_wait(given: str | None) -> float:
    """Seconds a write waits for another command ($RECOVERYLOG_LOCK_WAIT), else 5."""
    if given is None:
        return LOCK_TIMEOUT_SECONDS
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_LOCK_WAIT:  # also refuses nan and inf
        raise InvalidInput(
            f"{LOCK_WAIT_ENV}={given!r} is not a number of seconds from 0 to {MAX_LOCK_WAIT:g}"
        )
    return seconds


def current_time(tz: tzinfo, frozen: str | None = None) -> datetime:
    """Now, to the second; or the ``frozen`` time ($RECOVERYLOG_NOW), in ``tz`` when it
    names no offset of its own."""
    if frozen:
        try:
            moment = datetime.fromisoformat(frozen)
        except ValueError as exc:
            raise InvalidInput(f"{NOW_ENV}={frozen!r} is not an ISO 8601 time") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment.astimezone(tz).replace(microsecond=0)
    return datetime.now(tz).replace(microsecond=0)


def seconds_now(frozen: str | None = None) -> float:
    """Now (or the ``frozen`` time), in POSIX seconds: the clock of keys kept by
    `unlock`. Read before any setting, so a frozen time without an offset is UTC."""
    return current_time(UTC, frozen).timestamp()


def resolve_timezone(name: str | None, system: str | None = None) -> tzinfo:
    """The configured zone, else the system's (``system``, from $TZ, or /etc/localtime),
    else the local UTC offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [name] if name else [system, _system_zone_name()]
    for candidate in candidates:
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return local


def _system_zone_name() -> str | None:
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


def did_you_mean(name: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.casefold(): c for c in choices}
        close = [lowered[c] for c in difflib.get_close_matches(name.casefold(), lowered, n=1)]
    return f"did you mean '{close[0]}'?" if close else None


def resolve_clock(ws: Workspace, name: str | None, journal: Journal | None = None) -> Clock:
    """The named clock; with no name, the only clock or the configured default."""
    journal = journal or ws.journal()
    if name is None:
        if ws.settings.default_clock and journal.find_clock(ws.settings.default_clock):
            found = journal.find_clock(ws.settings.default_clock)
            assert found is not None
            return found
        if len(journal.clocks) == 1:
            return journal.clocks[0]
        if not journal.clocks:
            raise NotFound(
                "there are no clocks yet",
                hint=f"add one with: {FIRST_CLOCK}",
            )
        raise InvalidInput(
            f"there are {len(journal.clocks)} clocks; say which with --clock "
            f"({', '.join(journal.clock_names())})",
            hint="or set one: recoverylog config set default_clock NAME",
        )
    clock = journal.find_clock(name)
    if clock is None:
        known = journal.clock_names()
        hint = did_you_mean(name, known) or (
            f"known clocks: {', '.join(known)}" if known else "add one with 'recoverylog clock add'"
        )
        raise NotFound(no_clock_named(name), hint=hint)
    return clock


def optional_clock(ws: Workspace, name: str | None) -> str | None:
    """For entries: a named clock must exist; with no name, the only clock if unambiguous."""
    journal = ws.journal()
    if name is not None:
        return resolve_clock(ws, name, journal).name
    if ws.settings.default_clock and journal.find_clock(ws.settings.default_clock):
        return resolve_clock(ws, None, journal).name
    return journal.clocks[0].name if len(journal.clocks) == 1 else None
