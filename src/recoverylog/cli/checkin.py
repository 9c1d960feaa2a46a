"""recoverylog checkin: the morning intention and the evening review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import typer

from recoverylog.cli import prompts, state
from recoverylog.cli.common import day, say
from recoverylog.cli.options import (
    DAY_HELP,
    ClockOpt,
    EditOpt,
    HaltOpt,
    NoteOpt,
    whole_number,
)
from recoverylog.domain import checkin as checkin_rules
from recoverylog.domain import fields
from recoverylog.domain.model import EntryType, short_id
from recoverylog.errors import InvalidInput
from recoverylog.render import checkin as checkin_views
from recoverylog.render import lapses as lapse_views


def checkin(
    clean: Annotated[
        list[str] | None,
        typer.Option(
            "--clean",
            help="yes or lapse; with several clocks, CLOCK=yes or CLOCK=lapse (repeatable).",
        ),
    ] = None,
    difficulty: Annotated[
        str | None,
        typer.Option("--difficulty", help="easy, ok, questionable, hard or very hard."),
    ] = None,
    mood: Annotated[
        int | None,
        typer.Option("--mood", help="Mood from 1 (low) to 5.", parser=whole_number("mood", 1, 5)),
    ] = None,
    halt: HaltOpt = None,
    grateful: Annotated[
        list[str] | None,
        typer.Option("--grateful", "-g", help="Something you are grateful for (up to 3)."),
    ] = None,
    resentful: Annotated[
        bool | None, typer.Option("--resentful/--not-resentful", help="Was I resentful?")
    ] = None,
    dishonest: Annotated[
        bool | None, typer.Option("--dishonest/--not-dishonest", help="Was I dishonest?")
    ] = None,
    afraid: Annotated[
        bool | None, typer.Option("--afraid/--not-afraid", help="Was I afraid?")
    ] = None,
    tomorrow: Annotated[
        str | None, typer.Option("--tomorrow", help="What I could do better tomorrow.")
    ] = None,
    slept: Annotated[
        str | None,
        typer.Option("--slept", metavar="HOURS", help="Hours slept last night, 0 to 24 (6.5 too)."),
    ] = None,
    morning: Annotated[
        bool, typer.Option("--morning", help="A morning check-in: one line of intention.")
    ] = False,
    intention: Annotated[
        str | None, typer.Option("--intention", help="Your intention for the day (--morning).")
    ] = None,
    clock: ClockOpt = None,
    day_: Annotated[
        str | None, typer.Option("--day", help=f"Which day (default today): {DAY_HELP}.")
    ] = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    prompt: Annotated[
        bool,
        typer.Option(
            "--prompt", help="End with a journal question; your answer is kept as a note."
        ),
    ] = False,
) -> None:
    """The daily check-in: clean today, how hard it was, mood, HALT, gratitude and a
    short inventory. In a terminal with no answers given, it asks; running it again the
    same day edits that day's check-in. Ctrl-C saves nothing.

    Examples: recoverylog checkin ; recoverylog checkin --clean yes --difficulty hard
    --mood 3 --grateful "my sister called" ; recoverylog checkin --morning
    """
    from recoverylog.cli.common import note_text
    from recoverylog.services import checkin as service

    ws = state.workspace()
    where = service.scope(ws, clock)
    the_day = service.check_day(ws, day(ws, day_, "--day"))
    morning = morning or intention is not None
    evening = {
        "difficulty": difficulty,
        "mood": mood,
        "halt": halt,
        "gratitude": grateful,
        "resentful": resentful,
        "dishonest": dishonest,
        "afraid": afraid,
        "tomorrow": tomorrow,
        "slept": slept,
    }
    answers = _checkin_answers(ws, where, the_day, clean or [], evening, intention, morning)
    saved = service.save(ws, the_day, where, answers, note_text(ws, note, edit), morning)
    day_iso, today_iso = the_day.isoformat(), ws.today.isoformat()
    short = short_id(saved.entry.id)
    past_midnight = ws.now.date() != ws.today
    for line in checkin_views.checkin_saved(
        short, saved.updated, day_iso, today_iso, morning, answers, past_midnight
    ):
        say(line)
    if saved.combined:
        say(checkin_views.checkins_combined())
    _tell_hook(ws, saved.entry)
    for name in saved.unrecorded_lapses:
        state.screen().message(checkin_views.unrecorded_lapse_hint(name, day_iso))
    # Only when asked, or at a terminal with the setting on: never in a script by itself.
    if prompt or (ws.settings.checkin_prompt and prompts.stdin_is_terminal()):
        _end_with_a_question(ws, saved.entry.at)


def _tell_hook(ws: Any, entry: Any) -> None:
    from recoverylog.cli.hooks import after
    from recoverylog.services.hooks import checkin_facts

    clean = entry.get("clean")
    lapsed = list(entry.get("lapsed") or [])
    after(ws, "checkin", checkin_facts(ws.local(entry.at).date().isoformat(), clean, lapsed))


def _end_with_a_question(ws: Any, at: datetime) -> None:
    """One journal question after the check-in; the answer is a note of that day."""
    from recoverylog.messages import NOTHING_WRITTEN
    from recoverylog.services import questions
    from recoverylog.services.entries import NewEntry, add_entry

    asked = questions.question(ws, after_checkin=True)
    words = _answer_at_terminal(ws, asked) if prompts.stdin_is_terminal() else None
    if words is None:
        words = _answer_in_editor(ws, asked)
    if not words:
        state.screen().message(NOTHING_WRITTEN)
        return
    entry = add_entry(ws, NewEntry(EntryType.NOTE, at, None, words, [], {}, asked))
    say(checkin_views.answer_kept(short_id(entry.id)))


EDIT_WORD = "edit"


def _answer_at_terminal(ws: Any, asked: str) -> str | None:
    """A one-line answer ('' to skip); None when the person would rather use the editor."""
    state.screen().message(checkin_views.one_more_question(asked))
    try:
        words = prompts.ask(checkin_views.ANSWER_HOW, _one_line)
    except prompts.Stopped:
        return ""
    return None if words.casefold() == EDIT_WORD else words


def _one_line(text: str) -> str:
    return fields.line(text, "answer") if text.strip() else ""


def _answer_in_editor(ws: Any, asked: str) -> str:
    from recoverylog.cli.common import edited_text
    from recoverylog.domain import questions as rules

    head = rules.header(asked)
    return rules.answer(edited_text(ws, head, "recoverylog log note -") or "", head, head) or ""


def _checkin_answers(
    ws: Any,
    where: Any,
    the_day: Any,
    clean: list[str],
    evening: dict[str, Any],
    intention: str | None,
    morning: bool,
) -> dict[str, Any]:
    """The answers given as options; with none, ask them (in a terminal)."""
    from recoverylog.services import checkin as service

    if morning and (clean or any(v is not None for v in evening.values())):
        raise InvalidInput("--morning takes only --intention (and --note); the rest is evening")
    answers: dict[str, Any] = {"intention": intention} if morning else dict(evening)
    if clean:
        answers.update(
            service.clean_answers(where, checkin_rules.clean_options(clean, where.clocks))
        )
    if any(v is not None for v in answers.values()):
        return answers
    if not prompts.stdin_is_terminal():
        raise InvalidInput(
            "there is no terminal to ask the check-in questions on",
            hint="give the answers as options, e.g. --clean yes --difficulty ok --mood 3",
        )
    previous = service.current(ws, the_day, where) or {}
    today = the_day == ws.today
    try:
        if morning:
            return _ask_morning(previous, today)
        recorded = service.recorded_lapses(ws, the_day, where.clocks)
        answers = _ask_evening(where, previous, today, recorded, the_day.isoformat())
        return _ask_slept(answers, previous) if ws.settings.checkin_slept else answers
    except prompts.Stopped:
        prompts.stopped()


def _ask_morning(previous: dict[str, Any], today: bool) -> dict[str, Any]:
    state.screen().message("Morning check-in. Ctrl-C stops without saving.")
    question = "Your intention for today, in one line" if today else "Your intention that day"
    intention = prompts.ask(
        question, lambda v: fields.line(v, "intention"), previous.get("intention") or None
    )
    return {"intention": intention}


def _ask_evening(
    where: Any,
    previous: dict[str, Any],
    today: bool,
    recorded: dict[str, str] | None = None,
    day_iso: str = "",
) -> dict[str, Any]:
    when = "today" if today else "that day"
    state.screen().message(
        f"Evening check-in for {when}. Enter keeps the answer in [brackets]; "
        "Ctrl-C stops without saving."
    )
    answers: dict[str, Any] = {}
    before_lapsed = previous.get("lapsed") or []
    per_clock: dict[str, bool] = {}
    for name in where.clocks or [""]:
        about = f" from {name}" if name else ""
        lapsed_before = name in before_lapsed or (
            not before_lapsed and previous.get("clean") is False
        )
        was = "lapse" if lapsed_before else "yes"
        parse: Callable[[str], bool] = checkin_rules.clean_answer
        if recorded and name in recorded:
            # The journal says so: the answer starts from the recorded lapse.
            state.screen().message(lapse_views.checkin_lapse_recorded(name, day_iso))
            was, parse = "lapse", _not_clean_from(name, day_iso, recorded[name])
        per_clock[name] = prompts.ask(f"Clean {when}{about}? (yes / lapse)", parse, was)
    clean, lapsed = checkin_rules.clean_by_clock(per_clock, where.clocks)
    answers.update({"clean": clean, "lapsed": lapsed})
    answers["difficulty"] = prompts.ask(
        f"How was {when}: easy, ok, questionable, hard or very hard?",
        checkin_rules.difficulty,
        previous.get("difficulty") or "ok",
    )
    answers["mood"] = prompts.ask(
        "Mood from 1 (low) to 5 (good)",
        lambda v: checkin_rules.mood(prompts.whole(v)),
        str(previous.get("mood") or 3),
    )
    answers["halt"] = prompts.ask(
        "Hungry, angry, lonely or tired? (any of them, or Enter for none)",
        checkin_rules.halt_text,
        ", ".join(previous.get("halt") or []) or None,
    )
    answers["gratitude"] = _ask_gratitude(previous.get("gratitude") or [], when)
    state.screen().message("A short inventory, just for you:")
    for key, question in checkin_rules.INVENTORY:
        answers[key] = prompts.yes(question.replace("today", when), bool(previous.get(key)))
    better = prompts.ask(
        "What could I do better tomorrow? (Enter to skip)",
        lambda v: v.strip(),
        previous.get("tomorrow") or None,
    )
    answers["tomorrow"] = fields.line(better, "answer") if better else None
    return answers


def _ask_slept(answers: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """The one question the checkin.slept setting adds; Enter skips it."""
    before = previous.get("slept")
    hours = prompts.ask(
        "Hours slept last night, 0 to 24 (Enter to skip)",
        lambda v: checkin_rules.slept(v) if v.strip() else None,
        None if before is None else f"{before:g}",
    )
    return {**answers, "slept": hours}


def _not_clean_from(name: str, day_iso: str, lapse_id: str) -> Callable[[str], bool]:
    def parse(text: str) -> bool:
        if checkin_rules.clean_answer(text):
            raise InvalidInput(lapse_views.checkin_keeps_lapse(name, day_iso, lapse_id))
        return False

    return parse


def _ask_gratitude(before: list[str], when: str) -> list[str]:
    kept: list[str] = []
    if before and prompts.yes(f"Grateful for: {'; '.join(before)}. Keep these?", True):
        kept = list(before)
    while len(kept) < checkin_rules.MAX_GRATITUDE:
        question = (
            f"Something you are grateful for {when} (Enter to skip)"
            if not kept
            else "Something else? (Enter to finish)"
        )
        item = prompts.ask(question, lambda v: v.strip())
        if not item:
            break
        kept.append(fields.line(item, "gratitude"))
    return kept
