"""Accessible mode (--a11y, RECOVERYLOG_ACCESSIBLE, the 'accessible' setting): every view
is said in words for a screen reader, with nothing drawn, and keeps the numbers of the
normal view."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import recoverylog.cli.sos as sos_cli
from recoverylog.cli.main import app
from recoverylog.environment import Environment

FIXED_NOW = "2026-11-23T20:00:00+00:00"

# Block, box-drawing and geometric characters, and the marks the views use.
DRAWN = re.compile(r"[\u2500-\u25ff\u2713\u2192\u00d7\u25cf]")
# ASCII drawing: bars, rules and sparklines of three or more marks, and table pipes.
ASCII_DRAWN = re.compile(r"[#=_*+|]{3,}|-{3,}|^\s*\||\|\s*$", re.MULTILINE)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

VIEWS = [
    ["status"],
    ["milestones"],
    ["insights"],
    ["insights", "--since", "2026-01-01"],  # the whole journal
    ["meetings"],
    ["clock", "list"],
    ["clock", "show", "alcohol"],
    ["list"],
    ["people", "list"],
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's journal: about 100 days with cravings, a lapse, meetings and coping."""
    home = tmp_path_factory.mktemp("a11y") / "sample"
    home.mkdir()
    env = {"RECOVERYLOG_NOW": FIXED_NOW, "RECOVERYLOG_TIMEZONE": "UTC", "NO_COLOR": "1"}
    made = CliRunner().invoke(app, ["demo", "--home", str(home)], env=env)
    assert made.exit_code == 0, made.output
    return home


def shown(cli: Any, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(text))


def without_chart_labels(text: str) -> str:
    """The plain view less what labels a drawing rather than says a count: the heatmap's
    header of time blocks (the spoken view names only the blocks with cravings) and the
    sparkline's scale."""
    text = re.sub(r"^\s+(?:\d\d-\d\d\s+)+total$", "", text, flags=re.MULTILINE)
    return text.replace("(0-10)", "")


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_a_spoken_view_draws_nothing(cli: Any, sample: Path, view: list[str]) -> None:
    plain = shown(cli, "--home", str(sample), *view, "--format", "plain")
    spoken = shown(cli, "--a11y", "--home", str(sample), *view)
    assert spoken != plain or not ASCII_DRAWN.search(plain)
    assert DRAWN.findall(spoken) == []
    assert ASCII_DRAWN.findall(spoken) == []


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_a_spoken_view_says_every_number_of_the_plain_one(
    cli: Any, sample: Path, view: list[str]
) -> None:
    plain = shown(cli, "--home", str(sample), *view, "--format", "plain")
    spoken = shown(cli, "--a11y", "--home", str(sample), *view)
    assert numbers(without_chart_labels(plain)) - numbers(spoken) == Counter()


def test_the_drawn_views_are_there_to_be_replaced(cli: Any, sample: Path) -> None:
    """Control: the sample's normal views do draw, so the checks above can fail."""
    drawn = shown(cli, "--home", str(sample), "insights", "--format", "plain")
    assert ASCII_DRAWN.search(drawn)
    terminal = Environment(home=str(sample), stdout_is_terminal=True, colour=False)
    status = CliRunner().invoke(app, ["status"], obj=terminal).stdout
    assert DRAWN.search(status)


def test_the_insights_chart_rows_become_sentences(cli: Any, sample: Path) -> None:
    spoken = shown(cli, "--a11y", "--home", str(sample), "insights")
    assert re.search(r"^  week of \d+ \w{3}: \d+ cravings?, average intensity [\d.]+", spoken, re.M)
    assert re.search(r"^  Friday: \d+ in all; (\d+ to \d+: \d+, )*\d+ to \d+: \d+$", spoken, re.M)
    assert re.search(r"^  \d+ \w{3} to \d+ \w{3}: clean, \d+ days$", spoken, re.M)  # calendar
    assert re.search(r"^  \d+ \w{3}: lapse, 1 day$", spoken, re.M)
    assert "  today, 23 Nov: clean so far\n" in spoken  # not over yet: said on its own
    assert re.search(r"trend score by week, of 100: \d+(, \d+)+", spoken)
    assert re.search(
        r"^  \w[\w ']*: used \d+ times?; passed \d+ of \d+ times when used", spoken, re.M
    )
    assert "When: cravings by weekday and time of day\n" in spoken  # a pause, read aloud


def test_day_one_says_no_score_aloud(cli: Any) -> None:
    """Before a whole day the trend score is not given: a lone 0, read aloud, would
    sound like a verdict."""
    shown(cli, "clock", "add", "alcohol", "--since", "today")
    spoken = shown(cli, "--a11y", "insights")
    assert "trend score after the first whole day" in spoken
    assert "today, 23 Nov: clean so far" in spoken
    assert "trend score by week" not in spoken


def test_a_listing_is_a_sentence_a_row(cli: Any, sample: Path) -> None:
    import json

    (clock,) = json.loads(shown(cli, "--home", str(sample), "clock", "list", "--format", "json"))
    spoken = shown(cli, "--a11y", "--home", str(sample), "clock", "list")
    said = " ".join(spoken.split())
    assert said.startswith(
        f"Clock alcohol, clean since {clock['clean_since']}, days {clock['days']},"
    )
    assert f"lapses {clock['lapses']}" in said


def test_milestones_say_reached_and_coming(cli: Any, sample: Path) -> None:
    spoken = shown(cli, "--a11y", "--home", str(sample), "milestones")
    assert re.search(r"^  reached: 24 hours, \w{3} \d+ \w{3} 2026$", spoken, re.M)
    assert re.search(r"^  coming: \d+ days, .+, in \d+ days$", spoken, re.M)


def test_the_report_on_screen_has_no_rules_or_table_pipes(cli: Any, sample: Path) -> None:
    spoken = shown(cli, "--a11y", "--home", str(sample), "report", "--audience", "self")
    text = shown(cli, "--home", str(sample), "report", "--audience", "self", "--format", "txt")
    assert ASCII_DRAWN.findall(spoken) == [] and DRAWN.findall(spoken) == []
    assert ASCII_DRAWN.search(text)  # the text file keeps its ruled tables
    assert re.search(r"^  Day \w{3} \d+ \w{3}, cravings \d+", spoken, re.M)
    assert numbers(text) - numbers(spoken) == Counter()
    written = shown(cli, "--a11y", "--home", str(sample), "report", "--format", "md")
    assert "| Day |" in written  # a format asked for is written as it is


def test_the_setting_and_the_variable_turn_it_on_and_zero_turns_it_off(
    cli: Any, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flag = shown(cli, "--a11y", "--home", str(sample), "insights")
    after = shown(cli, "--home", str(sample), "insights", "--a11y")  # after the command too
    plain = shown(cli, "--home", str(sample), "insights")
    assert flag == after != plain
    monkeypatch.setenv("RECOVERYLOG_ACCESSIBLE", "1")
    assert shown(cli, "--home", str(sample), "insights") == flag
    monkeypatch.setenv("RECOVERYLOG_ACCESSIBLE", "0")
    assert shown(cli, "--home", str(sample), "insights") == plain


def test_the_setting_is_kept_in_the_journal(cli: Any) -> None:
    shown(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    shown(cli, "log", "craving", "6", "--trigger", "payday", "--outcome", "passed")
    before = shown(cli, "insights")
    shown(cli, "config", "set", "accessible", "true")
    said = shown(cli, "insights")
    assert said != before and ASCII_DRAWN.findall(said) == []
    assert said == shown(cli, "--a11y", "insights")
    assert "payday: 1 time, average intensity 6" in said


def test_on_a_terminal_a_spoken_view_is_plain_text(sample: Path) -> None:
    """A screen reader reads a terminal too: no Rich table, bar or colour there."""

    def on_terminal(accessible: bool | None) -> str:
        out = io.StringIO()
        terminal = Environment(
            home=str(sample), stdout=out, stderr=io.StringIO(), stdout_is_terminal=True,
            colour=True, accessible=accessible,
        )  # fmt: skip
        for view in (["status"], ["clock", "list"]):
            assert CliRunner().invoke(app, view, obj=terminal).exit_code == 0
        return out.getvalue()

    drawn, spoken = on_terminal(None), on_terminal(True)
    assert DRAWN.search(drawn)
    assert DRAWN.findall(spoken) == []
    assert "Clock alcohol, clean since" in spoken


class Ticks:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, seconds: float) -> None:
        self.count += 1


def test_the_sos_timer_speaks_a_line_a_minute_without_redrawing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sos_cli, "sleep", Ticks())

    def sos(accessible: bool | None) -> str:
        out = io.StringIO()
        person = Environment(
            home=str(home), stdin=io.StringIO("8\n3\n\ny\n\n"), stdin_is_terminal=True,
            stdout=out, stderr=io.StringIO(), stdout_is_terminal=True, colour=False,
            accessible=accessible,
        )  # fmt: skip
        answers = "8\n3\n\ny\n\n"
        result = CliRunner().invoke(app, ["sos", "--minutes", "2"], obj=person, input=answers)
        assert result.exit_code == 0, result.output
        return out.getvalue()

    live, spoken = sos(None), sos(True)
    assert "\r" in live  # a line redrawn every second
    assert "\r" not in spoken
    assert "2 minutes left. Breathe in slowly" in spoken
    assert "1 minute left. Notice where you feel the urge" in spoken
    assert "Time is up." in spoken
