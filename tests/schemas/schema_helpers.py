"""Helpers for the schema tests: which schema describes which command, the shipped
schemas, and a strict copy of one that refuses keys it does not name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import typer
import typer.main

from recoverylog.cli.main import app
from recoverylog.services.schemas import schema_text

# Every command with --format json (or JSON as its only kind, as export), and its schema.
COMMAND_SCHEMAS: dict[tuple[str, ...], str] = {
    ("list",): "list",
    ("show",): "show",
    ("status",): "status",
    ("milestones",): "milestones",
    ("clock", "list"): "clock-list",
    ("clock", "show"): "clock-show",
    ("coping", "list"): "coping-list",
    ("people", "list"): "people-list",
    ("remind", "list"): "remind-list",
    ("goal",): "goal",
    ("goal", "show"): "goal",
    ("meetings",): "meetings",
    ("meetings", "next"): "meetings-next",
    ("plan",): "plan",
    ("plan", "show"): "plan",
    ("plan", "list"): "plan",
    ("help-now",): "help-now",
    ("crisis",): "help-now",
    ("emergency",): "help-now",
    ("insights",): "insights",
    ("config", "show"): "config-show",
    ("backup", "list"): "backup-list",
    ("backup", "create"): "backup-copy",
    ("backup", "verify"): "backup-copy",
    ("doctor",): "doctor",
    ("export",): "export",
    ("import",): "import",
    ("report",): "report",
    ("report", "view"): "report",
    ("schema",): "schema",
    ("sync",): "sync",
}


def load_schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def strict(node: Any) -> Any:
    """A copy in which every object with named keys refuses any other key, unless the
    schema already says what other keys may hold (a map such as a count by kind)."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: strict(value) for key, value in node.items()}
    says_more = "additionalProperties" in copy or "unevaluatedProperties" in copy
    if copy.get("type") == "object" and "properties" in copy and not says_more:
        copy["unevaluatedProperties"] = False
    return copy


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            yield from _walk(command.get_command(ctx, name), (*path, name))


def _offers_json(command: Any) -> bool:
    for param in command.params:
        choices = getattr(param.type, "choices", ())
        if "--format" in getattr(param, "opts", ()) and "json" in [str(c) for c in choices]:
            return True
    return False


def json_format_commands() -> set[tuple[str, ...]]:
    """Every command whose --format offers json (a group's own options included)."""
    return {path for path, command in _walk(typer.main.get_command(app)) if _offers_json(command)}
