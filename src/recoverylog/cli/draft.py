"""recoverylog draft ...: notes kept when the editor did not end well."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, say
from recoverylog.cli.options import YesOpt
from recoverylog.services import drafts as service

app = typer.Typer(
    help="Notes kept as drafts when the editor did not end well.", no_args_is_help=True
)

NameArg = Annotated[str, typer.Argument(help="The draft's name, e.g. note-20261123-200000.")]


@app.command("list")
def list_() -> None:
    """Every draft, oldest first.

    Example: recoverylog draft list
    """
    names = service.names(state.workspace())
    state.screen().write("\n".join(names) if names else "No drafts.")


@app.command("show")
def show(name: NameArg) -> None:
    """Print a draft's text as it was left (to log it, or to copy from).

    Example: recoverylog draft show note-20261123-200000
    """
    state.screen().write_data(service.text_of(state.workspace(), name))


@app.command("delete")
def delete(name: NameArg, yes: YesOpt = False) -> None:
    """Delete a draft you have logged or no longer need (asks first).

    Example: recoverylog draft delete note-20261123-200000 --yes
    """
    ws = state.workspace()
    service.text_of(ws, name)  # a draft that cannot be found or read is said before asking
    confirm(f"Delete the draft {name}? Its words are not kept anywhere else.", yes)
    say(f"Deleted the draft {service.delete(ws, name)}.")
