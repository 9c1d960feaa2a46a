"""Crisis lines: the shipped list, the person's own, the country chosen, help-now."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from recoverylog.domain import crisis as crisis_rules
from recoverylog.environment import Environment
from recoverylog.errors import RecoveryLogError
from recoverylog.messages import DOCTOR_CAN_CHECK


def shipped_crisis_lines() -> crisis_rules.CrisisData:
    """The dated data file shipped inside the package."""
    import tomllib
    from importlib.resources import files

    text = files("recoverylog.data").joinpath("crisis_lines.toml").read_text(encoding="utf-8")
    return crisis_rules.shipped_lines(tomllib.loads(text))


@dataclass
class CrisisView:
    country: str
    country_name: str | None
    lines: list[crisis_rules.CrisisLine]
    problems: list[str] = field(default_factory=list)
    known: bool = True  # recoverylog knows this country (lines or an emergency number)
    helplines: bool = True  # it has lines beyond the emergency number


def crisis_view(
    country: str,
    mine: Iterable[crisis_rules.CrisisLine] = (),
    problems: list[str] | None = None,
    clock_names: Iterable[str] = (),
) -> CrisisView:
    """What to show for a country: the person's own lines, the shipped ones (with
    those for their addictions), and where nothing is shipped the emergency number."""
    data = shipped_crisis_lines()
    code = crisis_rules.country_code(country)
    addictions = crisis_rules.addictions_named(clock_names, data.addictions)
    lines = crisis_rules.lines_for([*mine, *data.lines], code, addictions)
    shipped_here = code in data.countries
    if not shipped_here and (emergency := crisis_rules.emergency_line(data, code)):
        lines.append(emergency)
    name = data.countries.get(code) or data.emergency.get(code, (None, ""))[0]
    return CrisisView(
        code,
        name,
        lines,
        list(problems or []),
        known=shipped_here or code in data.emergency,
        helplines=shipped_here,
    )


def country_warning(country: str) -> str | None:
    """What 'config set country' says when recoverylog has no lines for a country."""
    view = crisis_view(country)
    if view.helplines:
        return None
    if view.known:
        return (
            f"recoverylog has no helplines for {view.country} yet. sos and help-now will "
            f"show the emergency number, {view.lines[-1].number}, and suggest looking for a "
            "local helpline; you can add lines of your own to crisis.toml"
        )
    return (
        f"recoverylog does not know the country '{view.country}'. sos and help-now will "
        "show the common emergency numbers (112, 911, 999, 000, 111) and suggest looking "
        "for a local helpline"
    )


def country_choice(option: str | None, environment: Environment) -> str | None:
    """--country, else $RECOVERYLOG_COUNTRY (over config.toml's `country`); None leaves
    it to the settings."""
    return option or environment.country


def help_now(environment: Environment, country: str | None) -> CrisisView:
    """Crisis lines without the passphrase: the country from --country,
    RECOVERYLOG_COUNTRY, crisis.toml (never encrypted) or config.toml if it can be read,
    else the default, saying how to choose. Your own lines come from crisis.toml (and
    config.toml when readable); the clocks' names, when the journal is plain, add the
    lines for a gambling or nicotine clock. Nothing here ever asks for a passphrase."""
    from recoverylog.config import load_crisis, load_raw
    from recoverylog.paths import resolve_layout
    from recoverylog.store.files import FileIO
    from recoverylog.store.trust import check_home

    problems: list[str] = []
    chosen = country_choice(country, environment)
    try:
        layout = resolve_layout(environment.home)
        check_home(layout)
    except RecoveryLogError as exc:
        problems.append(exc.message)
        return crisis_view(chosen or crisis_rules.DEFAULT_COUNTRY, (), problems)
    io = FileIO(layout, None, passphrase=environment.passphrase)
    crisis: dict[str, Any] = {}
    try:
        crisis = load_crisis(layout.config_file)
    except (RecoveryLogError, OSError, ValueError):
        problems.append(f"crisis.toml could not be read ({DOCTOR_CAN_CHECK})")
    chosen = chosen or _text_or_none(crisis.get("country"))
    config: dict[str, Any] = {}
    try:
        config = load_raw(layout.config_file, io)
    except (RecoveryLogError, OSError, ValueError):
        if chosen is None:
            problems.append(_unread_settings(io))
    chosen = chosen or _text_or_none(config.get("country"))
    mine = own_lines(crisis, config, problems)
    return crisis_view(chosen or crisis_rules.DEFAULT_COUNTRY, mine, problems, _clock_names(io))


def own_lines(
    crisis: dict[str, Any], config: dict[str, Any], problems: list[str]
) -> list[crisis_rules.CrisisLine]:
    """Your own lines from crisis.toml, then any still in config.toml."""
    mine: list[crisis_rules.CrisisLine] = []
    for doc, where in ((crisis, "crisis.toml"), (config, "config.toml")):
        lines, trouble = crisis_rules.own_lines(doc.get("crisis_lines"), where)
        mine += lines
        problems += trouble
    return mine


def _unread_settings(io: Any) -> str:
    why = (
        "your settings could not be read without the passphrase"
        if _settings_encrypted(io)
        else f"your settings could not be read from config.toml ({DOCTOR_CAN_CHECK})"
    )
    return (
        f"{why}, so these are the lines for {crisis_rules.DEFAULT_COUNTRY}; choose another with "
        f"--country UK, or 'recoverylog config set country UK' once to keep it readable"
    )


def _text_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _clock_names(io: Any) -> list[str]:
    """The clocks' names from a plain journal; nothing (never a prompt) otherwise."""
    from recoverylog.store.atomic import read_bytes
    from recoverylog.store.crypto import is_encrypted

    try:
        data = read_bytes(io.layout.journal_file) or b""
        if is_encrypted(data):
            return []
        import tomllib

        clocks = tomllib.loads(data.decode("utf-8")).get("clocks", [])
        return [str(c["name"]) for c in clocks if isinstance(c, dict) and "name" in c]
    except (RecoveryLogError, OSError, ValueError, TypeError, AttributeError):
        return []


def _settings_encrypted(io: Any) -> bool:
    """Is config.toml encrypted (or the home, by its encryption.toml)?"""
    from recoverylog.store.files import is_sealed_file

    return bool(io.encrypted() or is_sealed_file(io.layout.config_file))


def crisis_as_dict(view: CrisisView) -> dict[str, Any]:
    return {
        "country": view.country,
        "country_name": view.country_name,
        "lines": [
            {
                "name": line.name,
                "contact": line.contact,
                "number": line.number,
                "about": line.about,
                "verified_on": line.verified_on.isoformat() if line.verified_on else None,
                "own": line.own,
                "rechecked": line.rechecked,
                "addiction": line.addiction,
                "source": line.source,
            }
            for line in view.lines
        ],
        "known": view.known,
        "helplines": view.helplines,
        "problems": view.problems,
    }
