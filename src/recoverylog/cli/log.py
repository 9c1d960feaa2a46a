"""recoverylog log ...: record a craving, trigger, coping, meeting, note or lapse in seconds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from recoverylog.cli import state
from recoverylog.cli.common import duration, edited_text, note_text, say, start, when
from recoverylog.cli.complete import technique_names
from recoverylog.cli.options import (
    START_HELP,
    AtOpt,
    ClockOpt,
    EditOpt,
    HaltOpt,
    NoteOpt,
    TagOpt,
    TriggerOpt,
    whole_number,
)
from recoverylog.domain.model import Entry, EntryType, short_id
from recoverylog.errors import InvalidInput
from recoverylog.messages import NOTHING_WRITTEN
from recoverylog.render import lapses as lapse_views
from recoverylog.render.lapses import lapse_message
from recoverylog.render.lines import fit, screen_safe
from recoverylog.render.views import describe, opioid_note
from recoverylog.services import clocks, lapses
from recoverylog.services.entries import NewEntry, add_entry, entry_as_dict
from recoverylog.services.workspace import Workspace

app = typer.Typer(
    help="Log a craving, trigger, coping, meeting, contact, note or lapse.",
    no_args_is_help=True,
)


def _log(
    entry_type: EntryType,
    at: str | None,
    clock: str | None,
    note: str | None,
    edit: bool,
    tags: list[str] | None,
    **data: object,
) -> Entry:
    ws = state.workspace()
    # 'log note' takes its text as an argument, so '-' comes without --note there.
    from_stdin = LOG_NOTE_STDIN if entry_type is EntryType.NOTE else "--note -"
    text = note_text(ws, note, edit, from_stdin=from_stdin)
    return _logged(NewEntry(entry_type, when(ws, at), clock, text, tags or [], dict(data)))


LOG_NOTE_STDIN = "recoverylog log note -"


def _logged(new: NewEntry) -> Entry:
    """Add the entry and say so, with its id and a short summary."""
    ws = state.workspace()
    entry = add_entry(ws, new)
    entry_type = new.type
    summary = describe(entry_as_dict(ws, entry), short_note=True)
    say(f"{short_id(entry.id)}  Logged {entry_type}" + (f": {summary}" if summary else "."))
    return entry


@app.command("craving")
def craving(
    intensity: Annotated[
        int,
        typer.Argument(
            help="How strong, from 0 (none) to 10.",
            parser=whole_number("intensity", 0, 10),
        ),
    ],
    trigger: TriggerOpt = None,
    halt: HaltOpt = None,
    coping: Annotated[
        list[str] | None,
        typer.Option("--coping", help="What you did (repeatable).", autocompletion=technique_names),
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="passed (rode it out) or used.")
    ] = None,
    duration_: Annotated[
        str | None, typer.Option("--duration", help="How long it lasted: 20m, 1h30m, 90.")
    ] = None,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Log a craving.

    Example: recoverylog log craving 7 --trigger "after work" --halt tired
    --coping "call sponsor" --outcome passed --duration 20m
    """
    entry = _log(
        EntryType.CRAVING,
        at,
        clock,
        note,
        edit,
        tag,
        intensity=intensity,
        triggers=trigger or [],
        halt=halt or [],
        coping=coping or [],
        outcome=outcome,
        duration_min=duration(duration_),
    )
    offer = lapses.lapse_offer(state.workspace(), entry)
    if offer is not None:
        _offer_lapse(offer)


def _offer_lapse(offer: lapses.LapseOffer) -> None:
    """A craving that ended in use: ask, kindly, whether to record a lapse (default no)."""
    from recoverylog.cli import prompts

    if offer.clock is None or not prompts.stdin_is_terminal():
        state.screen().message(lapse_views.offer_hint(offer.clock, offer.at.isoformat()))
        return
    try:
        question = screen_safe(lapse_views.offer_question(offer.clock))
        wanted = typer.confirm(question, default=False, err=True)
    except (typer.Abort, KeyboardInterrupt):
        wanted = False
    if not wanted:
        state.screen().message(lapse_views.offer_declined())
        return
    record_lapse(state.workspace(), offer.clock, offer.at, triggers=offer.triggers)


@app.command("trigger")
def trigger_(
    text: Annotated[str, typer.Argument(help="What set you off.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="people, place, thing, time, thought, emotion, body, other."),
    ] = None,
    halt: HaltOpt = None,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Log a trigger.

    Example: recoverylog log trigger "walked past the pub" --kind place
    """
    _log(EntryType.TRIGGER, at, clock, note, edit, tag, text=text, kind=kind, halt=halt or [])


@app.command("coping")
def coping_(
    technique: Annotated[
        str,
        typer.Argument(help="What you did, e.g. 'urge surfing'.", autocompletion=technique_names),
    ],
    helped: Annotated[
        int | None, typer.Option("--helped", help="How much it helped, 1 to 5.")
    ] = None,
    craving_id: Annotated[
        str | None, typer.Option("--craving", help="The id of the craving it was for.")
    ] = None,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Log a coping technique you used (new ones join your toolkit).

    Example: recoverylog log coping "urge surfing" --helped 4
    """
    _log(
        EntryType.COPING,
        at,
        clock,
        note,
        edit,
        tag,
        technique=technique,
        helped=helped,
        craving_id=craving_id,
    )


@app.command("meeting")
def meeting(
    name: Annotated[str | None, typer.Argument(help="The meeting's name.")] = None,
    fellowship: Annotated[
        str | None,
        typer.Option(
            "--fellowship",
            help="AA, NA, SMART, CA, GA, CMA, Al-Anon, Nar-Anon, Recovery Dharma, LifeRing, "
            "Refuge Recovery, Celebrate Recovery, other or other:NAME.",
        ),
    ] = None,
    online: Annotated[bool, typer.Option("--online", help="It was online.")] = False,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Log a meeting you went to.

    Example: recoverylog log meeting "Tuesday lunchtime" --fellowship AA --online
    """
    _log(
        EntryType.MEETING,
        at,
        clock,
        note,
        edit,
        tag,
        name=name,
        fellowship=fellowship,
        online=online,
    )


@app.command("contact")
def contact(
    person: Annotated[str, typer.Argument(help="Who you reached out to ('people list').")],
    via: Annotated[
        str | None, typer.Option("--via", help="call, text, in-person, video or online.")
    ] = None,
    new: Annotated[
        bool, typer.Option("--new", help="Someone not in your support network yet: add them.")
    ] = False,
    clock: ClockOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Log reaching out to someone: a call, a text, a coffee, a video call.

    Example: recoverylog log contact Sam --via call --note "talked about the weekend"
    """
    from recoverylog.cli.prompts import stdin_is_terminal
    from recoverylog.domain.people import same_name
    from recoverylog.domain.people import via as checked_via
    from recoverylog.services.people import contact_name, similar_person

    how = checked_via(via) if via is not None else None
    ws = state.workspace()
    asking = stdin_is_terminal()
    name, added = contact_name(ws, person, new, _did_you_mean if asking else None)
    if added:
        other = similar_person(ws.journal(), name)
        also = f" (there is also {other})" if other else ""
        state.screen().message(
            f"Added {name} to your support network{also}; role: other, 'people edit' changes it."
        )
    _log(EntryType.CONTACT, at, clock, note, edit, tag, person=name, via=how)
    if not asking and not same_name(name, person):
        state.screen().message(
            f"Logged a contact with {name}."
        )  # the only one whose name starts so


def _did_you_mean(person: dict[str, object]) -> bool:
    role = person.get("role")
    about = f" ({role})" if role and role != "other" else ""
    question = screen_safe(f"Did you mean {person['name']}{about}?")
    return typer.confirm(question, default=True, err=True)


@app.command("note")
def note_(
    text: Annotated[str | None, typer.Argument(help="The note ('-' reads standard input).")] = None,
    mood: Annotated[
        int | None,
        typer.Option("--mood", help="Mood from 1 (low) to 5.", parser=whole_number("mood", 1, 5)),
    ] = None,
    prompt: Annotated[
        bool,
        typer.Option("--prompt", help="Start from a question: one for today, from yours too."),
    ] = False,
    question: Annotated[
        str | None,
        typer.Option("--question", help="Start from this question of your own (as --prompt)."),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option("--template", help="Start the editor from templates/NAME in your folder."),
    ] = None,
    clock: ClockOpt = None,
    at: AtOpt = None,
    edit: EditOpt = False,
    tag: TagOpt = None,
) -> None:
    """Write a journal note. With no text, opens $EDITOR; --prompt puts a question on top.

    Examples: recoverylog log note "Good day. Walked by the river." --mood 4 ;
    recoverylog log note --prompt ; recoverylog log note --template evening
    """
    if not (prompt or question is not None or template is not None):
        if text == "-" and not edit:
            _log_drafted(at, clock, tag, mood)
        else:
            _log(EntryType.NOTE, at, clock, text, edit or text is None, tag, mood=mood)
        return
    from recoverylog.services import questions

    ws = state.workspace()
    moment = when(ws, at)
    starting = questions.template(ws, template) if template is not None else None
    asked = _question(ws, prompt, question, starting)
    words: str | None
    if text is None or edit:
        words = _written(ws, asked, starting, text)
    elif starting is not None:
        raise InvalidInput("give either the note's text or --template, not both")
    else:
        words = note_text(ws, text, False, from_stdin=LOG_NOTE_STDIN)
    data = {"mood": mood}
    _logged(NewEntry(EntryType.NOTE, moment, clock, words, tag or [], data, asked))


def _log_drafted(
    at: str | None, clock: str | None, tags: list[str] | None, mood: int | None
) -> None:
    """A note from standard input; a draft of one that answered a question (kept when
    the editor failed) keeps its question and leaves the editor's header out."""
    from recoverylog.domain.questions import unheaded

    ws = state.workspace()
    asked, words = unheaded(note_text(ws, "-", False, from_stdin=LOG_NOTE_STDIN) or "")
    if not words.strip():
        state.screen().message(NOTHING_WRITTEN)
        raise typer.Exit(0)
    new = NewEntry(EntryType.NOTE, when(ws, at), clock, words, tags or [], {"mood": mood}, asked)
    _logged(new)


def _question(ws: Workspace, prompt: bool, given: str | None, template: str | None) -> str | None:
    """The question the note starts from: the one given, today's with --prompt or with
    a template that has a place for it, else none."""
    from recoverylog.domain.questions import uses_question
    from recoverylog.services import questions

    wanted = prompt or given is not None or (template is not None and uses_question(template))
    return questions.question(ws, given) if wanted else None


def _written(ws: Workspace, asked: str | None, template: str | None, text: str | None) -> str:
    """The note written in the editor, below the question or in the template (its
    ``{prompt}`` made the question); nothing written, or the template left as it was,
    saves nothing and says so."""
    from recoverylog.domain import questions as rules

    in_template = template is not None and rules.uses_question(template)
    head = rules.header(asked) if asked and not in_template else ""
    body = rules.filled(template, asked) if template is not None else text or ""
    start = head + body
    words = rules.answer(edited_text(ws, start, LOG_NOTE_STDIN) or "", start, head)
    if words is None:
        state.screen().message(NOTHING_WRITTEN)
        raise typer.Exit(0)
    return words


@app.command("lapse")
def lapse(
    clock: Annotated[str | None, typer.Argument(help="Which clock.")] = None,
    at: AtOpt = None,
    restart: Annotated[
        str | None,
        typer.Option(
            "--restart",
            help="When the next run starts (default: the next day); a time of day, "
            f"e.g. 23:30, starts it at that moment: {START_HELP}.",
        ),
    ] = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    trigger: TriggerOpt = None,
) -> None:
    """Record a lapse. Your history and totals are kept.

    Example: recoverylog log lapse alcohol --at "yesterday 21:00" --trigger "wedding"
    """
    ws = state.workspace()
    moment = when(ws, at) or ws.now
    record_lapse(
        ws,
        clock,
        moment,
        start(ws, restart, "--restart", after=moment),
        note_text(ws, note, edit),
        trigger,
    )


def record_lapse(
    ws: Workspace,
    clock: str | None,
    moment: datetime,
    restart: date | datetime | None = None,
    note: str | None = None,
    triggers: list[str] | None = None,
) -> None:
    """Record a lapse and say what is kept, the plan for after a lapse, and who to call."""
    from recoverylog.cli.hooks import after
    from recoverylog.services.hooks import lapse_facts

    recorded = clocks.record_lapse(ws, clock, moment, restart, note, triggers)
    state.no_celebration_now()
    shown = lapses.after_lapse(ws, recorded)
    lines = lapse_message(shown)
    say(fit(f"{short_id(recorded.lapse.id)}  " + "\n".join(lines)))
    if shown["opioid_note"]:
        state.screen().message("\n" + fit(opioid_note(recorded.clock.name)))
    lapse = recorded.lapse
    day = ws.local(lapse.at).date().isoformat()
    after(ws, "lapse", lapse_facts(recorded.clock.name, day, lapse.restart.isoformat()))
