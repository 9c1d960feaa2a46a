"""recoverylog goal / meetings / checkin / plan / sos / help-now: peer support and the
hard moments."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand

from recoverylog.cli import state
from recoverylog.cli.common import day, edit_in_editor, say, show_lines
from recoverylog.cli.options import (
    DAY_HELP,
    ClockOpt,
    EditOpt,
    FormatOpt,
    HaltOpt,
    NoteOpt,
    whole_number,
)
from recoverylog.domain import support as rules
from recoverylog.domain.model import short_id
from recoverylog.errors import ExitCode, InvalidInput
from recoverylog.render import lapses as lapse_views
from recoverylog.render import support as views
from recoverylog.render.lines import print_lines, screen_safe
from recoverylog.render.output import Format, emit_json, emit_rows, message, resolve_format
from recoverylog.render.views import nice_date, plural

T = TypeVar("T")

# The urge-surfing timer waits one second per tick through this (tests replace it).
sleep: Callable[[float], None] = time.sleep


def stdin_is_terminal() -> bool:
    """Someone is there to answer: a terminal, or the test runner's scripted input
    (which has no file descriptor). Piped or redirected input is not."""
    stream = sys.stdin
    if stream is None:
        return False
    try:
        return stream.isatty() or _no_descriptor(stream)
    except (AttributeError, ValueError):
        return False


def _no_descriptor(stream: Any) -> bool:
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):
        return True
    return False


class Stopped(Exception):
    """Ctrl-C (or the end of input) while answering a question."""


def _ask(question: str, parse: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer can be used; Enter gives the default ('' when there is none);
    Ctrl-C raises Stopped."""
    while True:
        try:
            reply = typer.prompt(
                screen_safe(question), default=default or "", show_default=bool(default), err=True
            )
        except (typer.Abort, KeyboardInterrupt):
            raise Stopped from None
        try:
            return parse(str(reply))
        except InvalidInput as exc:
            message(f"  {exc.message}")


def _yes(question: str, default: bool) -> bool:
    try:
        return typer.confirm(screen_safe(question), default=default, err=True)
    except (typer.Abort, KeyboardInterrupt):
        raise Stopped from None


def _stopped(words: str = "Stopped. Nothing was saved.") -> NoReturn:
    typer.echo("", err=True)
    message(words)
    raise typer.Exit(int(ExitCode.INTERRUPTED))


# --- goals --------------------------------------------------------------------------

goal_app = typer.Typer(
    help="Goals for meetings and contacts, such as 90 meetings in 90 days.",
    invoke_without_command=True,
)


@goal_app.callback()
def goal_main(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Goals for meetings and contacts, e.g. 90 meetings in 90 days. Alone: show them."""
    if ctx.invoked_subcommand is None:
        goal_show(fmt)


@goal_app.command("set")
def goal_set(
    kind: Annotated[str, typer.Argument(help="meetings or contacts.")],
    count: Annotated[int, typer.Argument(help="How many.")],
    days: Annotated[int, typer.Option("--days", "-d", help="In how many days.")],
    start: Annotated[
        str | None,
        typer.Option("--start", help=f"First day of the goal (default today): {DAY_HELP}."),
    ] = None,
    repeat: Annotated[
        bool, typer.Option("--repeat", help="Start again every N days (e.g. 3 a week).")
    ] = False,
) -> None:
    """Set a goal; setting it again replaces it.

    Examples: recoverylog goal set meetings 90 --days 90 ;
    recoverylog goal set contacts 3 --days 7 --repeat
    """
    from recoverylog.services import goals as service

    ws = state.workspace()
    goal = service.set_goal(ws, kind, count, days, day(ws, start, "--start"), repeat)
    what = rules.goal_words(goal.kind, goal.count, goal.days, goal.repeat)
    say(f"Goal set: {what}, from {nice_date(goal.start.isoformat())}.")


@goal_app.command("show")
def goal_show(fmt: FormatOpt = None) -> None:
    """Your goals and how they stand today.

    Example: recoverylog goal show
    """
    from recoverylog.services import goals as service

    data = service.goals_overview(state.workspace())
    chosen = resolve_format(fmt)
    if chosen is Format.JSON:
        emit_json(data)
        return
    show_lines(views.goal_lines(data, plain=chosen is not Format.TABLE), chosen)


@goal_app.command("clear")
def goal_clear(kind: Annotated[str, typer.Argument(help="meetings or contacts.")]) -> None:
    """Remove a goal (what you logged is kept).

    Example: recoverylog goal clear meetings
    """
    from recoverylog.services import goals as service

    say(f"Removed your {service.clear_goal(state.workspace(), kind)} goal.")


# --- meetings -------------------------------------------------------------------------


def meetings(
    since: Annotated[
        str | None,
        typer.Option("--since", help=f"First day (default: four weeks back): {DAY_HELP}."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help=f"Last day (default today): {DAY_HELP}.")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Meetings you went to, week by week, and your meetings goal.

    Example: recoverylog meetings --since 2026-10-01
    """
    from recoverylog.services import goals as service

    ws = state.workspace()
    data = service.meetings(ws, day(ws, since, "--since"), day(ws, until, "--until"))
    chosen = resolve_format(fmt)
    if chosen is Format.JSON:
        emit_json(data)
    elif chosen is Format.CSV:
        rows = views.meeting_rows(data)
        emit_rows(rows, views.MEETING_COLUMNS, chosen, json_rows=rows)
    else:
        show_lines(views.meetings_lines(data, plain=chosen is not Format.TABLE), chosen)


# --- check-in -------------------------------------------------------------------------


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
    }
    answers = _checkin_answers(ws, where, the_day, clean or [], evening, intention, morning)
    saved = service.save(ws, the_day, where, answers, note_text(ws, note, edit), morning)
    day_iso, today_iso = the_day.isoformat(), ws.today.isoformat()
    short = short_id(saved.entry.id)
    past_midnight = ws.now.date() != ws.today
    for line in views.checkin_saved(
        short, saved.updated, day_iso, today_iso, morning, answers, past_midnight
    ):
        say(line)
    if saved.combined:
        say(views.checkins_combined())
    for name in saved.unrecorded_lapses:
        message(views.unrecorded_lapse_hint(name, day_iso))


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
        answers.update(service.clean_answers(where, rules.clean_options(clean, where.clocks)))
    if any(v is not None for v in answers.values()):
        return answers
    if not stdin_is_terminal():
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
        return _ask_evening(where, previous, today, recorded, the_day.isoformat())
    except Stopped:
        _stopped()


def _ask_morning(previous: dict[str, Any], today: bool) -> dict[str, Any]:
    typer.echo("Morning check-in. Ctrl-C stops without saving.", err=True)
    question = "Your intention for today, in one line" if today else "Your intention that day"
    intention = _ask(
        question, lambda v: rules.line(v, "intention"), previous.get("intention") or None
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
    typer.echo(
        f"Evening check-in for {when}. Enter keeps the answer in [brackets]; "
        "Ctrl-C stops without saving.",
        err=True,
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
        parse: Callable[[str], bool] = rules.clean_answer
        if recorded and name in recorded:
            # The journal says so: the answer starts from the recorded lapse.
            message(lapse_views.checkin_lapse_recorded(name, day_iso))
            was, parse = "lapse", _not_clean_from(name, day_iso, recorded[name])
        per_clock[name] = _ask(f"Clean {when}{about}? (yes / lapse)", parse, was)
    clean, lapsed = rules.clean_by_clock(per_clock, where.clocks)
    answers.update({"clean": clean, "lapsed": lapsed})
    answers["difficulty"] = _ask(
        f"How was {when}: easy, ok, questionable, hard or very hard?",
        rules.difficulty,
        previous.get("difficulty") or "ok",
    )
    answers["mood"] = _ask(
        "Mood from 1 (low) to 5 (good)",
        lambda v: rules.mood(_int(v)),
        str(previous.get("mood") or 3),
    )
    answers["halt"] = _ask(
        "Hungry, angry, lonely or tired? (any of them, or Enter for none)",
        rules.halt_text,
        ", ".join(previous.get("halt") or []) or None,
    )
    answers["gratitude"] = _ask_gratitude(previous.get("gratitude") or [], when)
    typer.echo("A short inventory, just for you:", err=True)
    for key, question in rules.INVENTORY:
        answers[key] = _yes(question.replace("today", when), bool(previous.get(key)))
    better = _ask(
        "What could I do better tomorrow? (Enter to skip)",
        lambda v: v.strip(),
        previous.get("tomorrow") or None,
    )
    answers["tomorrow"] = rules.line(better, "answer") if better else None
    return answers


def _not_clean_from(name: str, day_iso: str, lapse_id: str) -> Callable[[str], bool]:
    def parse(text: str) -> bool:
        if rules.clean_answer(text):
            raise InvalidInput(lapse_views.checkin_keeps_lapse(name, day_iso, lapse_id))
        return False

    return parse


def _ask_gratitude(before: list[str], when: str) -> list[str]:
    kept: list[str] = []
    if before and _yes(f"Grateful for: {'; '.join(before)}. Keep these?", True):
        kept = list(before)
    while len(kept) < rules.MAX_GRATITUDE:
        question = (
            f"Something you are grateful for {when} (Enter to skip)"
            if not kept
            else "Something else? (Enter to finish)"
        )
        item = _ask(question, lambda v: v.strip())
        if not item:
            break
        kept.append(rules.line(item, "gratitude"))
    return kept


def _int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput("please answer with a whole number") from None


# --- the plan ---------------------------------------------------------------------------

plan_app = typer.Typer(
    help="Your relapse-prevention plan: reasons, warning signs, what you do instead.",
    invoke_without_command=True,
)


@plan_app.callback()
def plan_main(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Your relapse-prevention plan. Alone: show it; 'plan edit' changes it."""
    if ctx.invoked_subcommand is None:
        plan_show(fmt)


@plan_app.command("list", hidden=True)  # what people type for a list of lines
@plan_app.command("show")
def plan_show(fmt: FormatOpt = None) -> None:
    """Show your plan, each line numbered as 'plan remove' takes it.

    Example: recoverylog plan show
    """
    from recoverylog.services import support as service

    data = service.plan_as_dict(service.plan(state.workspace()))
    chosen = resolve_format(fmt)
    if chosen is Format.JSON:
        emit_json(data)
        return
    show_lines(views.plan_lines(data), chosen)


@plan_app.command("edit")
def plan_edit(
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            help="Read the plan (TOML, as the editor shows it) from a file; "
            "'-' reads standard input.",
        ),
    ] = None,
) -> None:
    """Write or change your plan in $EDITOR: my reasons, warning signs, high-risk
    situations, what I do instead, who I call, what I do if I lapse.

    Example: recoverylog plan edit
    """
    from recoverylog.services import support as service

    ws = state.workspace()
    before = service.plan(ws)
    sections = _plan_from_file(file) if file else _plan_from_editor(ws, before)
    if sections is None:
        message("No changes; your plan is as it was.")
        return
    service.save_plan(ws, sections)
    count = sum(len(lines) for lines in sections.values())
    say(
        f"Saved your plan: {plural(count, 'line')} in {plural(len(sections), 'section')}."
        if sections
        else "Saved your plan; it is empty now."
    )


SectionArg = Annotated[
    str,
    typer.Argument(
        help="reasons, warning-signs, high-risk, instead, call or if-lapse.",
        metavar="SECTION",
    ),
]


@plan_app.command("add")
def plan_add(
    section: SectionArg,
    line: Annotated[str, typer.Argument(help="The line, in your own words.", metavar="LINE")],
) -> None:
    """Add a line to a section of your plan.

    Example: recoverylog plan add reasons "waking up with a clear head"
    """
    from recoverylog.services import support as service

    key, number = service.add_plan_line(state.workspace(), section, line)
    say(f"Added to {_title(key)} as line {number}.")


@plan_app.command("remove")
def plan_remove(
    section: SectionArg,
    number: Annotated[
        int,
        typer.Argument(
            help="The line's number, as 'plan show' numbers it.",
            metavar="N",
            parser=whole_number("line number", 1, rules.MAX_PLAN_LINES),
        ),
    ],
) -> None:
    """Remove a line from a section of your plan.

    Example: recoverylog plan remove warning-signs 2
    """
    from recoverylog.services import support as service

    key, removed = service.remove_plan_line(state.workspace(), section, number)
    say(f"Removed from {_title(key)}: {removed}")


def _title(key: str) -> str:
    return next(title for k, title, _ in rules.PLAN_SECTIONS if k == key)


def _plan_from_file(file: str) -> dict[str, list[str]]:
    from pathlib import Path

    from recoverylog.services import support as service

    if file == "-":
        return service.parse_plan(sys.stdin.read())
    from recoverylog.services.reports import read_user_file

    return service.parse_plan(read_user_file(Path(file), "plan"))


def _plan_from_editor(ws: Any, before: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """Open the editor until the plan reads well, or the person gives up."""
    from recoverylog.services import support as service

    template = service.plan_template(before)
    text = template
    while True:
        edited = edit_in_editor(ws, text, from_stdin="--file -")
        if edited is None or edited == template:
            return None
        try:
            return service.parse_plan(edited)
        except InvalidInput as exc:
            if not stdin_is_terminal() or not _yes_or_no(f"{exc.message}. Edit it again?"):
                raise
            kept = "".join(
                row for row in edited.splitlines(keepends=True) if not row.startswith("# Problem:")
            )
            text = f"# Problem: {' '.join(exc.message.split())}\n{kept}"


def _yes_or_no(question: str) -> bool:
    try:
        return _yes(question, True)
    except Stopped:
        return False


# --- SOS and help-now ---------------------------------------------------------------------

CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="Crisis lines for this country, e.g. UK, IE, DE, NZ."),
]


class CrisisCommand(TyperCommand):
    """sos and help-now: whatever is wrong with what was typed (an extra word, a value
    out of range, a misspelt option), the crisis lines are on screen before the error."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        typed = list(args)
        _CRISIS_SHOWN.clear()
        try:
            return super().make_context(info_name, args, parent, **extra)
        except Exception as exc:
            if getattr(exc, "exit_code", None) == 2:  # Click's usage errors (not exported)
                _show_crisis_lines(_country_in(typed), fmt=None)
            raise

    def invoke(self, ctx: Any) -> Any:
        from recoverylog.errors import RecoveryLogError

        try:
            return super().invoke(ctx)
        except RecoveryLogError:
            if not _CRISIS_SHOWN:
                _show_crisis_lines(ctx.params.get("country"), fmt=None)
            raise


# Set once the crisis lines are on screen in this command, so an error after them does
# not print them twice.
_CRISIS_SHOWN: list[bool] = []


def _country_in(typed: list[str]) -> str | None:
    """The --country someone typed, even when the rest of the line could not be read."""
    for i, word in enumerate(typed):
        if word.startswith("--country="):
            return word.partition("=")[2] or None
        if word == "--country" and i + 1 < len(typed) and not typed[i + 1].startswith("-"):
            return typed[i + 1]
    return None


def _crisis_view(country: str | None) -> Any:
    """The crisis lines as help-now shows them; any trouble reading the settings is a
    note on stderr, never a reason to show nothing."""
    from recoverylog.services import support as service

    view = service.help_now(state.home(), country)
    for problem in view.problems:
        message(f"Note: {problem}.")
    return service.crisis_as_dict(view)


def _show_crisis_lines(country: str | None, fmt: Format | None) -> dict[str, Any]:
    data = _crisis_view(country)
    chosen = resolve_format(fmt)
    if chosen is Format.JSON:
        emit_json(data)
    else:
        plain = chosen is not Format.TABLE
        print_lines(views.help_now_lines(data, plain=plain), plain=plain)
    _CRISIS_SHOWN.append(True)
    if chosen is Format.CSV:
        raise InvalidInput("csv is only for lists; use table, plain or json")
    return data


def sos(
    minutes: Annotated[
        int, typer.Option("--minutes", "-m", help="Length of the urge-surfing timer.")
    ] = 15,
    intensity: Annotated[
        int | None, typer.Option("--intensity", "-i", help="How strong the urge is, 0 to 10.")
    ] = None,
    no_timer: Annotated[
        bool, typer.Option("--no-timer", help="Only show your plan and the lines to call.")
    ] = False,
    country: CountryOpt = None,
    clock: ClockOpt = None,
) -> None:
    """For the moment a craving hits: your reasons, what has helped you, people and
    crisis lines to call, then an urge-surfing timer. Afterwards it logs the craving.

    Example: recoverylog sos --minutes 10
    """
    from recoverylog.domain import fields
    from recoverylog.services import support as service

    # First what needs no journal at all, so a locked or damaged journal, a passphrase
    # prompt or a mistyped option never stands between someone and the numbers to call.
    shown = _crisis_view(country)
    show_lines(views.sos_opening_lines(shown, plain=_plain()), None)
    _CRISIS_SHOWN.append(True)
    rules.timer_minutes(minutes)
    if intensity is not None:
        fields.intensity(intensity)
    guided = not no_timer and stdin_is_terminal()
    if guided and intensity is None:
        typer.echo("", err=True)
        try:
            intensity = _ask("How strong is the urge right now, 0 to 10?", _intensity)
        except Stopped:
            _stopped(
                "Stopped. Nothing was saved. The lines above are there whenever you need them."
            )
    ws, problem, locked = _open_for_sos()
    screen = service.sos_screen(ws, country, intensity, problem)
    typer.echo("")
    show_lines(
        views.sos_lines(
            screen, minutes if guided and not locked else None, plain=_plain(), shown=shown
        ),
        None,
    )
    if not guided or locked:
        return
    assert intensity is not None
    result = views.urge_timer(
        minutes * 60,
        lambda seconds: sleep(seconds),
        rules.breathing_prompt,
        fancy=not _plain() and not _no_colour(),
        live=not _plain(),
    )
    if ws is None or screen["problem"]:
        if result.stopped:
            typer.echo(f"Stopped the timer after {views.clock_text(result.elapsed)}.", err=True)
        message("Your journal could not be read, so this craving was not saved. Take care.")
        return
    craving = service.SosCraving(ws.now, intensity, result.elapsed, clock=clock)
    _after_sos(ws, craving, result, screen, country)


def _open_for_sos() -> tuple[Any, str | None, bool]:
    """(workspace or None, why the journal cannot be used, stopped at the passphrase)."""
    from recoverylog.errors import RecoveryLogError

    try:
        ws = state.workspace(strict_settings=False)
        ws.journal()
    except (KeyboardInterrupt, EOFError, typer.Abort):
        typer.echo("", err=True)
        return None, "your journal stays locked for now", True
    except RecoveryLogError as exc:
        return state.opened(), f"your journal could not be read just now ({exc.message})", False
    return ws, None, False


def _after_sos(
    ws: Any,
    craving: Any,
    result: views.TimerResult,
    screen: dict[str, Any],
    country: str | None = None,
) -> None:
    from recoverylog.services import support as service

    if result.stopped:
        typer.echo(f"Stopped the timer after {views.clock_text(result.elapsed)}.", err=True)
        if not _yes_or_no("Save this craving in your log?"):
            message("Nothing was saved. Take care of yourself.")
            return
    try:
        craving.intensity_end = _ask("How strong is it now, 0 to 10?", _intensity)
        craving.coping = _ask("What did you do? (comma-separated)", _list, "urge surfing")
        passed = _yes("Did it pass without using?", True)
        craving.outcome = "passed" if passed else "used"
        craving.triggers = _ask("Anything that set it off? (Enter to skip)", _list, "")
    except Stopped:
        typer.echo("", err=True)
        if not _yes_or_no("Save what you entered so far?"):
            _stopped()
    entry = service.save_sos_craving(ws, craving)
    say(
        views.sos_saved(
            short_id(entry.id),
            craving.intensity,
            craving.intensity_end,
            rules.minutes_from_seconds(craving.seconds),
            craving.outcome,
        )
    )
    if craving.outcome == "used":
        typer.echo("")
        data = service.hard_moment(ws, ("if_lapse",), country)
        show_lines(views.hard_moment_lines(data, plain=_plain()), None)
        message("If you want your clock to show it: recoverylog log lapse")


def _intensity(text: str) -> int:
    from recoverylog.domain import fields

    return fields.intensity(_int(text), "the intensity")


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _plain() -> bool:
    return resolve_format(None) is not Format.TABLE


def _no_colour() -> bool:
    from recoverylog.render.output import no_color

    return no_color()


def help_now(country: CountryOpt = None, fmt: FormatOpt = None) -> None:
    """Crisis lines for your country, and nothing else: no journal needed. Also
    'recoverylog crisis' or 'recoverylog emergency'.

    Example: recoverylog help-now --country UK
    """
    _show_crisis_lines(country, fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(goal_app, name="goal")
    app.command("meetings")(meetings)
    app.command("checkin")(checkin)
    app.add_typer(plan_app, name="plan")
    app.command("sos", cls=CrisisCommand, short_help=SOS_SHORT)(sos)
    for name in HELP_NOW_NAMES:
        hidden = name != "help-now"
        app.command(name, cls=CrisisCommand, hidden=hidden, short_help=HELP_NOW_SHORT)(help_now)


# What the command list says, short enough to stay whole at 80 columns.
SOS_SHORT = "A craving now: your reasons, people, crisis lines, a timer."
HELP_NOW_SHORT = "Crisis lines to call now (also: crisis, emergency)."


# help-now and the names people reach for in a crisis.
HELP_NOW_NAMES = ("help-now", "crisis", "emergency")
