"""recoverylog people ...: your support network: sponsor, peers, counsellor, family."""

from __future__ import annotations

from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import confirm, note_text, output_format, say
from recoverylog.cli.complete import people_names
from recoverylog.cli.options import FormatOpt, YesOpt
from recoverylog.render.people import PEOPLE_COLUMNS, person_row, person_saved
from recoverylog.services import people as service

app = typer.Typer(
    help="Your support network: sponsor, peers, counsellor, family.", no_args_is_help=True
)

NameArg = Annotated[
    str, typer.Argument(help="Their name, as you call them.", autocompletion=people_names)
]
RoleOpt = Annotated[
    str | None,
    typer.Option("--role", "-r", help="sponsor, peer, counsellor, family or other."),
]
PhoneOpt = Annotated[str | None, typer.Option("--phone", "-p", help="A phone number.")]
EmailOpt = Annotated[str | None, typer.Option("--email", help="An email address.")]
PersonNoteOpt = Annotated[
    str | None,
    typer.Option("--note", "-n", help="A few words, e.g. 'call after 6pm'; '-' reads stdin."),
]


@app.command("add")
def add(
    name: NameArg,
    role: RoleOpt = None,
    phone: PhoneOpt = None,
    email: EmailOpt = None,
    note: PersonNoteOpt = None,
) -> None:
    """Add someone to your support network.

    Example: recoverylog people add Sam --role sponsor --phone "555 0100"
    """
    ws = state.workspace()
    person = service.add_person(ws, name, role, phone, email, note_text(ws, note, False))
    say(person_saved("Added", person))


@app.command("list")
def list_(fmt: FormatOpt = None) -> None:
    """Everyone in your support network, with when you last logged a contact.

    Example: recoverylog people list
    """
    rows = service.list_people(state.workspace())
    state.screen().emit_rows(
        [person_row(r) for r in rows],
        PEOPLE_COLUMNS,
        output_format(fmt),
        json_rows=rows,
        empty="No one yet. Add your sponsor or a peer: recoverylog people add NAME --role sponsor",
    )


@app.command("edit")
def edit(
    name: NameArg,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    role: RoleOpt = None,
    phone: Annotated[
        str | None, typer.Option("--phone", "-p", help="A phone number ('' removes it).")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="An email address ('' removes it).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="A note ('' removes it, '-' reads stdin).")
    ] = None,
) -> None:
    """Change someone's details. Contacts logged under an old name still count.

    Example: recoverylog people edit Sam --phone "555 0199"
    """
    ws = state.workspace()
    changes = {
        "name": new_name,
        "role": role,
        "phone": phone,
        "email": email,
        "note": note_text(ws, note, False, empty_clears=True),
    }
    say(person_saved("Updated", service.edit_person(ws, name, changes)))


@app.command("remove")
def remove(name: NameArg, yes: YesOpt = False) -> None:
    """Remove someone from your support network (contacts you logged are kept).

    Example: recoverylog people remove Sam
    """
    ws = state.workspace()
    person = service.resolve_person(ws.journal(), name)
    confirm(f"Remove {person['name']} ({person['role']}) from your support network?", yes)
    removed = service.remove_person(ws, name)
    say(f"Removed {removed['name']}. Contacts you logged with them are kept.")
