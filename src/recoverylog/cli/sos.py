"""recoverylog sos and help-now: the hard moment, and crisis lines with no journal needed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from recoverylog.cli import prompts, state
from recoverylog.cli.common import look_for, output_format, say, show_lines
from recoverylog.cli.options import (
    ClockOpt,
    FormatOpt,
)
from recoverylog.domain import fields
from recoverylog.domain import sos as sos_rules
from recoverylog.domain.model import short_id
from recoverylog.errors import InvalidInput
from recoverylog.messages import CSV_ONLY_FOR_LISTS, STOPPED, journal_unreadable_now
from recoverylog.render import sos as sos_views
from recoverylog.render import timer as timer_views
from recoverylog.render.lines import Look, print_lines
from recoverylog.render.output import Format

# The urge-surfing timer waits one second per tick through this (tests replace it).
sleep: Callable[[float], None] = time.sleep

CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="Crisis lines for this country, e.g. UK, IE, DE, NZ."),
]


class CrisisCommand(TyperCommand):
    """sos and help-now: whatever is wrong with what was typed (an extra word, a value
    out of range, a misspelt option), the crisis lines are on screen before the error."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        typed = list(args)
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
            if not state.current().crisis_shown:  # an error after them: not twice
                _show_crisis_lines(ctx.params.get("country"), fmt=None)
            raise


def _country_in(typed: list[str]) -> str | None:
    """The --country someone typed, even when the rest of the line could not be read."""
    for i, word in enumerate(typed):
        if word.startswith("--country="):
            return word.partition("=")[2] or None
        if word == "--country" and i + 1 < len(typed) and not typed[i + 1].startswith("-"):
            return typed[i + 1]
    return None


def _crisis_view(country: str | None) -> dict[str, Any]:
    """The crisis lines as help-now shows them; any trouble reading the settings is a
    note on stderr, never a reason to show nothing."""
    from recoverylog.services import crisis

    view = crisis.help_now(state.environment(), country)
    for problem in view.problems:
        state.screen().message(f"Note: {problem}.")
    return crisis.crisis_as_dict(view)


def _show_crisis_lines(country: str | None, fmt: Format | None) -> dict[str, Any]:
    data = _crisis_view(country)
    chosen = output_format(fmt)
    if chosen is Format.JSON:
        state.screen().emit_json(data)
    else:
        look = look_for(chosen)
        print_lines(sos_views.help_now_lines(data, look=look), look=look, screen=state.screen())
    state.current().crisis_shown = True
    if chosen is Format.CSV:
        raise InvalidInput(CSV_ONLY_FOR_LISTS)
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
    from recoverylog.services import sos as service

    # First what needs no journal at all, so a locked or damaged journal, a passphrase
    # prompt or a mistyped option never stands between someone and the numbers to call.
    shown = _crisis_view(country)
    show_lines(sos_views.sos_opening_lines(shown, look=_look()), None)
    state.current().crisis_shown = True
    sos_rules.timer_minutes(minutes)
    if intensity is not None:
        fields.intensity(intensity)
    guided = not no_timer and prompts.stdin_is_terminal()
    if guided and intensity is None:
        state.screen().message("")
        try:
            intensity = prompts.ask("How strong is the urge right now, 0 to 10?", _intensity)
        except prompts.Stopped:
            prompts.stopped(f"{STOPPED} The lines above are there whenever you need them.")
    ws, problem, locked = _open_for_sos()
    screen = service.sos_screen(ws, country, intensity, problem)
    state.screen().write("\n")
    show_lines(
        sos_views.sos_lines(
            screen, minutes if guided and not locked else None, look=_look(), shown=shown
        ),
        None,
    )
    hook = _tell_hook(ws)
    try:
        _surf(ws, screen, minutes, intensity, guided, locked, clock, country)
    finally:
        hook.finish()


def _tell_hook(ws: Any) -> Any:
    """sos opened: the person's hook runs beside the screen and the timer (no facts but
    the time: what the moment is about stays here)."""
    from recoverylog.cli.hooks import Beside

    return Beside(ws, "sos", {})


def _surf(
    ws: Any,
    screen: dict[str, Any],
    minutes: int,
    intensity: int | None,
    guided: bool,
    locked: bool,
    clock: str | None,
    country: str | None,
) -> None:
    """The urge-surfing timer, then the craving saved."""
    from recoverylog.services import sos as service

    if not guided or locked:
        return
    assert intensity is not None
    result = timer_views.urge_timer(
        minutes * 60,
        lambda seconds: sleep(seconds),
        sos_rules.breathing_prompt,
        fancy=_look() is Look.TERMINAL and state.environment().colour,
        live=_look() is Look.TERMINAL,
        screen=state.screen(),
    )
    if ws is None or screen["problem"]:
        if result.stopped:
            state.screen().message(
                f"Stopped the timer after {timer_views.clock_text(result.elapsed)}."
            )
        state.screen().message(
            "Your journal could not be read, so this craving was not saved. Take care."
        )
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
        state.screen().message("")
        return None, "your journal stays locked for now", True
    except RecoveryLogError as exc:
        return state.opened(), journal_unreadable_now(exc.message), False
    return ws, None, False


def _after_sos(
    ws: Any,
    craving: Any,
    result: timer_views.TimerResult,
    screen: dict[str, Any],
    country: str | None = None,
) -> None:
    from recoverylog.services import sos as service

    if result.stopped:
        state.screen().message(f"Stopped the timer after {timer_views.clock_text(result.elapsed)}.")
        if not prompts.yes_or_no("Save this craving in your log?"):
            state.screen().message("Nothing was saved. Take care of yourself.")
            return
    try:
        craving.intensity_end = prompts.ask("How strong is it now, 0 to 10?", _intensity)
        craving.coping = prompts.ask("What did you do? (comma-separated)", _list, "urge surfing")
        passed = prompts.yes("Did it pass without using?", True)
        craving.outcome = "passed" if passed else "used"
        craving.triggers = prompts.ask("Anything that set it off? (Enter to skip)", _list, "")
    except prompts.Stopped:
        state.screen().message("")
        if not prompts.yes_or_no("Save what you entered so far?"):
            prompts.stopped()
    entry = service.save_sos_craving(ws, craving)
    say(
        sos_views.sos_saved(
            short_id(entry.id),
            craving.intensity,
            craving.intensity_end,
            sos_rules.minutes_from_seconds(craving.seconds),
            craving.outcome,
        )
    )
    if craving.outcome == "used":
        state.screen().write("\n")
        data = service.hard_moment(ws, ("if_lapse",), country)
        show_lines(sos_views.hard_moment_lines(data, look=_look()), None)
        state.screen().message("If you want your clock to show it: recoverylog log lapse")


def _intensity(text: str) -> int:

    return fields.intensity(prompts.whole(text), "the intensity")


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _look() -> Look:
    return look_for(output_format(None))


def help_now(country: CountryOpt = None, fmt: FormatOpt = None) -> None:
    """Crisis lines for your country, and nothing else: no journal needed. Also
    'recoverylog crisis' or 'recoverylog emergency'.

    Example: recoverylog help-now --country UK
    """
    _show_crisis_lines(country, fmt)
