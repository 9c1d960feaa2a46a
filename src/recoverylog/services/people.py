"""The support network: people in journal.toml, and when each was last reached."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from recoverylog.domain import fields
from recoverylog.domain import people as people_rules
from recoverylog.domain.model import Entry, EntryType, Journal
from recoverylog.domain.moments import day_of
from recoverylog.errors import InvalidInput, NotFound
from recoverylog.messages import NOTHING_TO_CHANGE, already_in_your_network, not_in_your_network
from recoverylog.services.workspace import Workspace, did_you_mean

# How far back "when did I last reach them" looks in the log.
LOOKBACK_DAYS = 366


def find_person(journal: Journal, name: str) -> dict[str, Any] | None:
    return next(
        (p for p in journal.people if people_rules.same_name(str(p.get("name", "")), name)), None
    )


def resolve_person(journal: Journal, name: str) -> dict[str, Any]:
    """The named person, or NotFound with a 'did you mean'."""
    found = find_person(journal, name)
    if found is not None:
        return found
    known = [str(p.get("name")) for p in journal.people if p.get("name")]
    hint = did_you_mean(name, known) or (
        f"people you have added: {', '.join(known)}"
        if known
        else "add them with: recoverylog people add NAME --role sponsor"
    )
    raise NotFound(not_in_your_network(name), hint=hint)


def add_person(
    ws: Workspace,
    name: str,
    role: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    clean = fields.name(name, "name")
    person: dict[str, Any] = {"name": clean, "role": people_rules.role(role or "other")}
    if phone:
        person["phone"] = people_rules.phone(phone)
    if email:
        person["email"] = people_rules.email(email)
    if note and note.strip():
        person["note"] = fields.note(note)
    with ws.store.writing():
        journal = ws.reload_journal()
        existing = find_person(journal, clean)
        if existing is not None:
            raise InvalidInput(
                already_in_your_network(existing.get("name")),
                hint=f"change their details with: recoverylog people edit '{existing.get('name')}'",
            )
        journal.people.append(person)
        ws.save_journal(journal)
    return person


def edit_person(ws: Workspace, name: str, changes: dict[str, str | None]) -> dict[str, Any]:
    """Apply the given changes (None = unchanged, '' = clear phone, email or note)."""
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise InvalidInput(NOTHING_TO_CHANGE)
    checks = {"role": people_rules.role, "phone": people_rules.phone, "email": people_rules.email}
    with ws.store.writing():
        journal = ws.reload_journal()
        person = resolve_person(journal, name)
        if "name" in given:
            new_name = fields.name(given.pop("name") or "", "name")
            other = find_person(journal, new_name)
            if other is not None and other is not person:
                raise InvalidInput(already_in_your_network(other.get("name")))
            old = str(person.get("name", ""))
            if not people_rules.same_name(old, new_name):
                # Contacts logged under the old name still count as contacts with them.
                aliases = [a for a in people_rules.person_names(person)[1:] if a != new_name]
                person["aliases"] = [*aliases, old]
            person["name"] = new_name
        for key, value in given.items():
            assert value is not None
            if key == "role":
                person["role"] = people_rules.role(value)
            elif not value.strip():
                person.pop(key, None)
            elif key == "note":
                person["note"] = fields.note(value)
            else:
                person[key] = checks[key](value)
        ws.save_journal(journal)
    return person


def remove_person(ws: Workspace, name: str) -> dict[str, Any]:
    with ws.store.writing():
        journal = ws.reload_journal()
        person = resolve_person(journal, name)
        journal.people = [p for p in journal.people if p is not person]
        ws.save_journal(journal)
    return person


def contact_name(
    ws: Workspace, name: str, new: bool, accept: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[str, bool]:
    """The stored spelling of a person to log a contact with; with ``new``, someone not
    yet in the network is added (role other). Without ``new``, the one person whose name
    starts with ``name`` is offered to ``accept`` (None accepts). Returns (name, added)."""
    journal = ws.journal()
    person = find_person(journal, name) or (None if new else _the_one_meant(journal, name, accept))
    if person is not None:
        return str(person["name"]), False
    if not new:
        close = similar_person(journal, name)
        hint = (
            f"did you mean '{close}'? If '{name}' is someone new, add --new"
            if close
            else f"to add them as you log it: recoverylog log contact '{name}' --new"
        )
        raise NotFound(not_in_your_network(name), hint=hint)
    added = add_person(ws, name)
    return str(added["name"]), True


def _the_one_meant(
    journal: Journal, name: str, accept: Callable[[dict[str, Any]], bool] | None
) -> dict[str, Any] | None:
    """The only person whose name starts with ``name``, if ``accept`` agrees; several
    are refused, so that a contact is never logged with the wrong one."""
    found = people_starting_with(journal, name)
    if len(found) > 1:
        names = ", ".join(str(p["name"]) for p in found)
        raise InvalidInput(
            f"'{name}' could be {names}: say which", hint="give the whole name, in quotes"
        )
    if found and (accept is None or accept(found[0])):
        return found[0]
    return None


def people_starting_with(journal: Journal, name: str) -> list[dict[str, Any]]:
    """People whose name begins with the words of ``name``, in any case: 'Jo' finds
    'Jo Bloggs', never 'Joanna'."""
    words = name.casefold().split()
    return [
        p
        for p in journal.people
        if words and str(p.get("name") or "").casefold().split()[: len(words)] == words
    ]


def similar_person(journal: Journal, name: str) -> str | None:
    """The name of someone in the network spelled much like ``name``, or whose name
    starts with it, if any (for 'did you mean', and to mention them when someone new
    is added)."""
    known = [str(p.get("name")) for p in journal.people if p.get("name")]
    known = [k for k in known if not people_rules.same_name(k, name)]
    lowered = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(name.casefold(), list(lowered), n=1, cutoff=0.6)
    if close:
        return lowered[close[0]]
    starting = [p for p in people_starting_with(journal, name) if p.get("name") in known]
    return str(starting[0]["name"]) if starting else None


# --- reading ---------------------------------------------------------------------


def last_contacts(
    ws: Workspace, people: list[dict[str, Any]], recent: Iterable[Entry] = ()
) -> dict[str, date]:
    """Each person's last logged contact day, keyed by their casefolded name; people with
    none in the last LOOKBACK_DAYS days are left out.

    ``recent`` may hold entries already read; the store is read further back, newest
    first, only when someone is not found there, and stops once everyone is found."""
    wanted = {str(p.get("name", "")).casefold(): p for p in people if p.get("name")}
    names = {
        " ".join(alias.split()).casefold(): key
        for key, person in wanted.items()
        for alias in people_rules.person_names(person)
    }
    found: dict[str, date] = {}

    def see(entry: Entry) -> None:
        if entry.type is EntryType.CONTACT:
            key = names.get(" ".join(str(entry.get("person") or "").split()).casefold())
            day = day_of(entry.at)
            if key is not None and (key not in found or day > found[key]):
                found[key] = day

    for entry in recent:
        see(entry)
    if len(found) < len(wanted):
        oldest = ws.today - timedelta(days=LOOKBACK_DAYS)
        since = datetime.combine(oldest, time(0), tzinfo=ws.tz)
        for entry in ws.store.entries.iter_newest_first(since, ws.now):
            see(entry)
            if len(found) == len(wanted):
                break
    return found


def list_people(ws: Workspace) -> list[dict[str, Any]]:
    """Everyone in the network, sponsor first, with their last logged contact."""
    people = [p for p in ws.journal().people if p.get("name")]
    last = last_contacts(ws, people)
    rows: list[dict[str, Any]] = []
    for person in people:
        seen = last.get(str(person["name"]).casefold())
        rows.append(
            {
                "name": str(person["name"]),
                "role": str(person.get("role") or "other"),
                "phone": person.get("phone"),
                "email": person.get("email"),
                "note": person.get("note"),
                "last_contact": seen.isoformat() if seen else None,
                "days_since_contact": (ws.today - seen).days if seen else None,
            }
        )
    rows.sort(key=lambda r: people_rules.ROLE_ORDER.get(r["role"], len(people_rules.ROLES)))
    return rows
