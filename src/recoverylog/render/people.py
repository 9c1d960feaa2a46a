"""Views of the support network: rows for the list, and the line after a change."""

from __future__ import annotations

from typing import Any

from recoverylog.render.output import Column
from recoverylog.render.words import ago

PEOPLE_COLUMNS = [
    Column("name", "Name"),
    Column("role", "Role"),
    Column("phone", "Phone"),
    Column("email", "Email"),
    Column("last", "Last contact"),
    Column("note", "Note", max_width=40),
]


def person_row(person: dict[str, Any]) -> dict[str, Any]:
    return {**person, "last": ago(person["days_since_contact"])}


def person_saved(verb: str, person: dict[str, Any]) -> str:
    details = [str(person.get("role") or "other")]
    details += [str(person[k]) for k in ("phone", "email") if person.get(k)]
    return f"{verb} {person['name']} ({', '.join(details)})."
