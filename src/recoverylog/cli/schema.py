"""recoverylog schema: the JSON Schema of each JSON output, for scripts that check it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from recoverylog.cli import state


class NamesFormat(StrEnum):
    PLAIN = "plain"
    JSON = "json"


def schema(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Which output, e.g. status, list, clock-show, report (default: list the names).",
            metavar="NAME",
        ),
    ] = None,
    fmt: Annotated[
        NamesFormat,
        typer.Option(
            "--format",
            "-f",
            help="The list of names: plain (one per line) or json (an array). "
            "A schema itself is always JSON.",
            case_sensitive=False,
        ),
    ] = NamesFormat.PLAIN,
) -> None:
    """The JSON Schema of a command's JSON output.

    Each schema (draft 2020-12) names its version. Alone, the names of every schema,
    one per line. No journal needed.

    Examples: recoverylog schema ; recoverylog schema status > status.schema.json
    """
    from recoverylog.services import schemas

    if name is not None:
        state.screen().write_data(schemas.schema_text(name))
    elif fmt is NamesFormat.JSON:
        state.screen().emit_json(schemas.schema_names())
    else:
        state.screen().write("\n".join(schemas.schema_names()))
