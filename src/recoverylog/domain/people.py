"""The people someone leans on: roles, how they were in touch, numbers and addresses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from recoverylog.domain import fields
from recoverylog.errors import InvalidInput

ROLES = ("sponsor", "peer", "counsellor", "family", "other")
_ROLE_ALIASES = {"counselor": "counsellor", "therapist": "counsellor", "friend": "peer"}
# Who to show first when someone needs a number fast.
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}

VIAS = ("call", "text", "in-person", "video", "online")
_VIA_ALIASES = {
    "phone": "call",
    "in person": "in-person",
    "inperson": "in-person",
    "in_person": "in-person",
    "sms": "text",
    "message": "text",
}


def role(value: str) -> str:
    cleaned = " ".join(value.split()).casefold()
    cleaned = _ROLE_ALIASES.get(cleaned, cleaned)
    if cleaned not in ROLES:
        raise InvalidInput(f"'{value}' is not a role (choose from {', '.join(ROLES)})")
    return cleaned


def via(value: str) -> str:
    cleaned = " ".join(value.split()).casefold()
    cleaned = _VIA_ALIASES.get(cleaned, cleaned)
    if cleaned not in VIAS:
        raise InvalidInput(
            f"'{value}' is not a way of reaching out (choose from {', '.join(VIAS)})"
        )
    return cleaned


_PHONE_CHARS = re.compile(r"^[0-9A-Za-z +\-().#*/]+$")


def phone(value: str) -> str:
    cleaned = " ".join(value.split())
    if len(cleaned) > 40 or not _PHONE_CHARS.match(cleaned):
        raise InvalidInput(f"'{value}' does not look like a phone number")
    if sum(ch.isdigit() for ch in cleaned) < 3:
        raise InvalidInput(f"'{value}' does not look like a phone number (too few digits)")
    return cleaned


def email(value: str) -> str:
    cleaned = value.strip()
    local, at, domain = cleaned.partition("@")
    if not (local and at and domain) or any(ch.isspace() for ch in cleaned) or len(cleaned) > 254:
        raise InvalidInput(f"'{value}' does not look like an email address")
    return fields.plain(cleaned, "email address")


def person_names(person: Mapping[str, Any]) -> list[str]:
    """The names a person's contacts may have been logged under: the name, then old ones."""
    names = [str(person.get("name") or "")]
    aliases = person.get("aliases")
    if isinstance(aliases, list):
        names.extend(str(a) for a in aliases if isinstance(a, str))
    return [n for n in names if n]


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
