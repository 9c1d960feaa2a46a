"""recoverylog config ...: show and change settings."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from recoverylog.cli import state
from recoverylog.cli.common import output_format, say
from recoverylog.cli.options import FormatOpt
from recoverylog.config import KEYS, load_settings
from recoverylog.errors import InvalidInput
from recoverylog.paths import resolve_layout
from recoverylog.render.output import Column, Format

app = typer.Typer(help="Show and change settings (config.toml).", no_args_is_help=True)


def _shown(value: Any, between: str = ",") -> Any:
    """A value as it is typed after 'config set': a list with its separator between the
    items, yes or no as true or false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return between.join(value) if isinstance(value, tuple) else value


def _between(key: str) -> str:
    return KEYS[key].between if key in KEYS else ","


def _settings_rows() -> list[dict[str, Any]]:
    ws = state.workspace()
    settings = load_settings(ws.layout.config_file, ws.store.io, timezone=ws.environment.timezone)
    rows = [
        {"key": name, "value": settings.value(name), "about": key.help}
        for name, key in KEYS.items()
    ]
    rows += [
        {"key": f"schemes.{name}", "value": ",".join(specs), "about": "your own scheme"}
        for name, specs in settings.schemes.items()
    ]
    return rows


@app.command("show")
def show(fmt: FormatOpt = None) -> None:
    """Show every setting and its current value.

    Example: recoverylog config show
    """
    rows = _settings_rows()
    columns = [Column("key", "Key"), Column("value", "Value"), Column("about", "About")]
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json({row["key"]: row["value"] for row in rows})
        return
    shown = [{**row, "value": _shown(row["value"], _between(row["key"]))} for row in rows]
    state.screen().emit_rows(shown, columns, chosen)


@app.command("get")
def get(key: Annotated[str, typer.Argument(help="Setting name, e.g. timezone.")]) -> None:
    """Print one setting's value.

    Example: recoverylog config get milestone_scheme
    """
    values = {row["key"]: row["value"] for row in _settings_rows()}
    if key not in values:
        raise InvalidInput(f"unknown setting '{key}'", hint=f"known: {', '.join(values)}")
    state.screen().write(
        ("" if values[key] is None else str(_shown(values[key], _between(key)))) + "\n"
    )  # a line, even empty


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(help="Setting name.")],
    value: Annotated[str, typer.Argument(help="New value ('' clears optional ones).")],
) -> None:
    """Change a setting.

    Examples: recoverylog config set timezone Europe/London;
    recoverylog config set schemes.mine 1d,2w,30d,6mo,1y;
    recoverylog config set report.hide "Mike,St Marys"
    """
    from recoverylog.services.settings import set_setting

    stored = set_setting(state.workspace(), key, value)
    shown = _shown(stored, _between(key)) if stored is not None else "(default)"
    say(f"{key} = {shown}")
    if key == "country" and stored is not None:
        from recoverylog.services.crisis import country_warning

        warning = country_warning(stored)
        if warning:
            state.screen().message(f"Note: {warning}.")


@app.command("path")
def path() -> None:
    """Print where config and data live.

    Example: recoverylog config path
    """
    layout = resolve_layout(state.home())
    state.screen().write(f"config:  {layout.config_file}")
    state.screen().write(f"crisis:  {layout.crisis_file}")
    state.screen().write(f"journal: {layout.journal_file}")
    state.screen().write(f"entries: {layout.entries_dir}")
