"""Reminders: set with the system's own scheduler (a systemd user timer, a crontab line
or a launchd agent), recorded in the home's reminders.toml, and rung by `remind fire`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from recoverylog.domain import reminders as rules
from recoverylog.domain.model import EntryType
from recoverylog.domain.moments import day_of, reading_window
from recoverylog.domain.reminders import Launch, Recorded, Reminder, Scheduler
from recoverylog.environment import Environment
from recoverylog.errors import InvalidInput, NotFound, RecoveryLogError
from recoverylog.paths import Layout
from recoverylog.services.workspace import home_files, open_workspace
from recoverylog.store import scheduler as system
from recoverylog.store.notices import add_notice

SCHEDULER_HINT = "choose one with --scheduler systemd, cron or launchd"


class Plan(NamedTuple):
    """What setting a reminder writes and runs, shown before anything is done."""

    reminder: Reminder
    scheduler: Scheduler
    files: tuple[tuple[Path, bytes], ...] = ()  # the scheduler's files, with their text
    crontab_line: str | None = None  # the line added to the crontab
    commands: tuple[tuple[str, ...], ...] = ()  # run once the files are written
    already_set: bool = False  # the same reminder is set and in place: nothing to do


class Fired(StrEnum):
    NOTIFIED = "shown as a desktop notification"
    KEPT = "kept for the greeting line"
    DONE = "nothing to say: it is done already"


def layout_of(environment: Environment) -> Layout:
    return home_files(environment).layout


# --- setting one ---------------------------------------------------------------------------


def plan_reminder(environment: Environment, reminder: Reminder, chosen: str | None = None) -> Plan:
    """What setting ``reminder`` would write and run; nothing is done yet."""
    layout = layout_of(environment)
    scheduler = choose_scheduler(environment, chosen)
    plan = _plan_for(environment, layout, reminder, scheduler)
    known = _recorded(layout).get(reminder.name)
    if known is None:
        return plan
    if known.reminder != reminder or known.scheduler is not scheduler:
        raise InvalidInput(
            f"a reminder named '{reminder.name}' is set already "
            f"({rules.schedule_words(known.reminder)}, by {known.scheduler.value})",
            hint=f"remove it first (recoverylog remind remove {reminder.name}), "
            "or give this one another --name",
        )
    return plan._replace(already_set=in_place(environment, known))


def choose_scheduler(environment: Environment, chosen: str | None) -> Scheduler:
    """The scheduler asked for, else the system's: launchd on macOS, a systemd user
    timer where this account's systemd runs, else cron."""
    if chosen is not None:
        try:
            return Scheduler(chosen.strip().lower())
        except ValueError:
            raise InvalidInput(f"'{chosen}' is not a scheduler", hint=SCHEDULER_HINT) from None
    search = environment.search_path
    if environment.system == "darwin":
        return Scheduler.LAUNCHD
    if system.systemd_user_manager(environment.runtime_dir) and system.find_program(
        "systemctl", search
    ):
        return Scheduler.SYSTEMD
    if system.find_program("crontab", search):
        return Scheduler.CRON
    raise InvalidInput(
        "no scheduler was found here (no systemd user manager, no crontab)",
        hint=f"install cron, or {SCHEDULER_HINT}",
    )


def _plan_for(
    environment: Environment, layout: Layout, reminder: Reminder, scheduler: Scheduler
) -> Plan:
    launch = launch_of(environment, layout)
    if scheduler is Scheduler.CRON:
        return Plan(reminder, scheduler, crontab_line=rules.crontab_line(reminder, launch))
    if scheduler is Scheduler.SYSTEMD:
        folder = systemd_folder(environment)
        unit = rules.unit_name(reminder.name)
        files = (
            (folder / f"{unit}.service", rules.systemd_service(reminder, launch).encode()),
            (folder / f"{unit}.timer", rules.systemd_timer(reminder).encode()),
        )
        commands = (
            ("systemctl", "--user", "daemon-reload"),
            ("systemctl", "--user", "enable", "--now", f"{unit}.timer"),
        )
        return Plan(reminder, scheduler, files, commands=commands)
    plist = launchd_folder(environment) / f"{rules.launchd_label(reminder.name)}.plist"
    agent = ((plist, rules.launchd_plist(reminder, launch)),)
    return Plan(reminder, scheduler, agent, commands=(("launchctl", "load", "-w", str(plist)),))


def launch_of(environment: Environment, layout: Layout) -> Launch:
    """This recoverylog, and the home it was given, if any (so a reminder reads the
    same journal)."""
    home = None if environment.home is None else str(layout.data_dir.absolute())
    return Launch(environment.launcher, home)


def _account_home(environment: Environment) -> Path:
    if environment.user_home is None:
        raise InvalidInput("$HOME is not set, so there is nowhere to put the reminder")
    return environment.user_home


def systemd_folder(environment: Environment) -> Path:
    config = environment.config_home or _account_home(environment) / ".config"
    return config / "systemd" / "user"


def launchd_folder(environment: Environment) -> Path:
    return _account_home(environment) / "Library" / "LaunchAgents"


def install(environment: Environment, plan: Plan) -> None:
    """Write the plan's files, run its commands, and record the reminder. When the
    scheduler refuses, the files written are removed again and nothing is recorded."""
    if plan.already_set:
        return
    variables = environment.shareable_variables()
    if plan.crontab_line is not None:
        crontab = _program("crontab", environment)
        current = system.read_crontab(crontab, variables)
        changed = rules.crontab_with(current, plan.reminder.name, plan.crontab_line)
        system.write_crontab(crontab, changed, variables)
    try:
        for path, data in plan.files:
            system.write_scheduler_file(path, data)
        for words in plan.commands:
            system.run_or_fail([_program(words[0], environment), *words[1:]], variables)
    except RecoveryLogError:
        for path, _ in plan.files:
            system.remove_scheduler_file(path)
        raise
    layout = layout_of(environment)
    recorded = system.load_reminders(layout)
    files = [str(path) for path, _ in plan.files]
    recorded[plan.reminder.name] = rules.reminder_doc(plan.reminder, plan.scheduler, files)
    system.save_reminders(layout, recorded)


def _program(name: str, environment: Environment) -> str:
    found = system.find_program(name, environment.search_path)
    if found is None:
        raise InvalidInput(f"'{name}' was not found on $PATH", hint=SCHEDULER_HINT)
    return found


# --- seeing and removing them ------------------------------------------------------------


def _recorded(layout: Layout) -> dict[str, Recorded]:
    return {
        name: rules.recorded_reminder(name, doc)
        for name, doc in sorted(system.load_reminders(layout).items())
    }


def in_place(environment: Environment, known: Recorded) -> bool:
    """Whether the scheduler still has what was written for the reminder."""
    if known.scheduler is Scheduler.CRON:
        crontab = system.find_program("crontab", environment.search_path)
        if crontab is None:
            return False
        current = system.read_crontab(crontab, environment.shareable_variables())
        return any(
            rules.is_crontab_line_of(line, known.reminder.name) for line in current.splitlines()
        )
    return all(system.file_exists(Path(path)) for path in known.files)


def list_reminders(environment: Environment) -> list[dict[str, Any]]:
    """Every reminder set, by name, and whether its scheduler still has it."""
    rows = []
    for known in _recorded(layout_of(environment)).values():
        reminder = known.reminder
        rows.append(
            {
                "name": reminder.name,
                "kind": reminder.kind.value,
                "at": f"{reminder.at:%H:%M}",
                "days": rules.day_words(reminder),
                "label": reminder.label,
                "scheduler": known.scheduler.value,
                "files": list(known.files),
                "installed": in_place(environment, known),
            }
        )
    return rows


def remove_reminder(environment: Environment, name: str) -> Recorded | None:
    """Undo what setting the reminder did; None when no reminder has that name."""
    layout = layout_of(environment)
    wanted = name.strip().casefold()
    known = _recorded(layout).get(wanted)
    if known is None:
        return None
    variables = environment.shareable_variables()
    if known.scheduler is Scheduler.CRON:
        crontab = _program("crontab", environment)
        current = system.read_crontab(crontab, variables)
        kept = rules.crontab_without(current, wanted)
        if kept != current:
            system.write_crontab(crontab, kept, variables)
    else:
        _unload(environment, known)
        for path in known.files:
            system.remove_scheduler_file(Path(path))
        if known.scheduler is Scheduler.SYSTEMD:
            _run_quietly(environment, ("systemctl", "--user", "daemon-reload"))
    recorded = system.load_reminders(layout)
    recorded.pop(wanted, None)
    system.save_reminders(layout, recorded)
    return known


def _unload(environment: Environment, known: Recorded) -> None:
    """Stop the scheduler running it (where its files are gone, there is nothing to stop)."""
    if known.scheduler is Scheduler.SYSTEMD:
        timer = f"{rules.unit_name(known.reminder.name)}.timer"
        _run_quietly(environment, ("systemctl", "--user", "disable", "--now", timer))
    else:
        for path in known.files:
            if system.file_exists(Path(path)):
                _run_quietly(environment, ("launchctl", "unload", "-w", path))


def _run_quietly(environment: Environment, words: tuple[str, ...]) -> None:
    """Run a scheduler's program whose failure changes nothing of what is removed."""
    found = system.find_program(words[0], environment.search_path)
    if found is not None:
        system.run_program([found, *words[1:]], environment.shareable_variables())


def known_names(environment: Environment) -> list[str]:
    return sorted(system.load_reminders(layout_of(environment)))


# --- ringing -----------------------------------------------------------------------------


def fire(environment: Environment, name: str) -> Fired:
    """Ring the reminder ``name``: a desktop notification where one can be shown, else
    a notice for the greeting line; nothing when what it reminds of is done."""
    layout = layout_of(environment)
    known = _recorded(layout).get(name.strip().casefold())
    if known is None:
        raise NotFound(f"no reminder is named '{name}'")
    reminder = known.reminder
    if _done_already(environment, reminder):
        return Fired.DONE
    text = rules.notice_text(reminder)
    if _notify(environment, text):
        return Fired.NOTIFIED
    add_notice(layout, text)
    return Fired.KEPT


def _done_already(environment: Environment, reminder: Reminder) -> bool:
    """Whether today's check-in (this week's self-check) is in the journal. A journal
    that cannot be read now (encrypted and locked) counts as not done: the reminder
    says nothing private either way."""
    wanted = {rules.Kind.CHECKIN: EntryType.CHECKIN, rules.Kind.SELFCHECK: EntryType.SELFCHECK}
    if reminder.kind not in wanted:
        return False
    try:
        ws = open_workspace(environment)
        first, last = rules.days_done_covers(reminder, ws.today) or (ws.today, ws.today)
        start, end = reading_window(first, last, ws.tz)
        return any(
            entry.type is wanted[reminder.kind] and first <= day_of(entry.at) <= last
            for entry in ws.store.entries.iter_newest_first(start, end)
        )
    except RecoveryLogError:
        return False


BUS_ADDRESS = "DBUS_SESSION_BUS_ADDRESS"


def _notify(environment: Environment, text: str) -> bool:
    """Show ``text`` as a desktop notification; False where none could be shown."""
    darwin = environment.system == "darwin"
    program = system.find_program("osascript" if darwin else "notify-send", environment.search_path)
    if program is None:
        return False
    title = rules.NOTIFICATION_TITLE
    if darwin:
        words = [program, "-e", f'display notification "{text}" with title "{title}"']
    else:
        words = [program, "--app-name", title, title, text]
    variables = environment.shareable_variables()
    if not darwin and not variables.get(BUS_ADDRESS):
        bus = system.session_bus(environment.runtime_dir)
        if bus is not None:
            variables[BUS_ADDRESS] = bus
    try:
        done = system.run_program(words, variables)
    except RecoveryLogError:
        return False
    return done.returncode == 0
