"""The greeting's weekly lines: how a goal of yours stands, and, when asked for, "on
this day" (this week's cravings beside the same days a year before). Counts only,
never text; read from the month files when the greeting is due, so never stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import glance, ok, said

SCRIPT = shutil.which("recoverylog", path=str(Path(sys.executable).parent))
HEADLINE = "Day 62 without alcohol · 90 days in 28 days · no check-in yet today"


def greet(cli: Any) -> list[str]:
    """The greeting's lines, shown as if for the first time today."""
    greeted = Path(os.environ["RECOVERYLOG_HOME"]) / "greeted"
    if greeted.exists():
        greeted.unlink()
    return said(cli, "greet").splitlines()


def on_this_day(cli: Any) -> None:
    ok(cli, "config", "set", "on_this_day", "true")


def craving(cli: Any, intensity: int, at: str, *more: str) -> str:
    """Log a craving; its id."""
    return logged(cli, "craving", str(intensity), "--at", at, *more)


def logged(cli: Any, *args: str) -> str:
    """Log an entry; its short id."""
    return str(ok(cli, "log", *args).stdout.split()[0])


# --- goals ---------------------------------------------------------------------------


def test_without_goals_or_on_this_day_the_greeting_is_one_line(cli: Any, alcohol: None) -> None:
    craving(cli, 6, "2025-11-24 10:00")
    craving(cli, 3, "2026-11-23 09:00")
    assert greet(cli) == [HEADLINE]


def test_a_meetings_goal_shows_its_counts(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-20", "--repeat")
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-21 19:00")
    ok(cli, "log", "meeting", "Online", "--at", "2026-11-23 08:00", "--online")
    ok(cli, "log", "meeting", "Last week", "--at", "2026-11-19 19:00")  # the window before
    assert greet(cli) == [HEADLINE, "Goal: 2 of 3 meetings, day 4 of 7"]


def test_a_contacts_goal(cli: Any, alcohol: None) -> None:
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    ok(cli, "goal", "set", "contacts", "1", "--days", "7", "--start", "2026-11-23", "--repeat")
    ok(cli, "log", "contact", "Sam", "--at", "2026-11-23 09:00")
    assert greet(cli)[1:] == ["Goal: 1 of 1 contacts, day 1 of 7 · goal reached"]


def test_checkins_and_selfchecks_goals(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "checkins", "5", "--days", "7", "--start", "2026-11-22")
    ok(cli, "goal", "set", "selfchecks", "1", "--days", "7", "--start", "2026-11-22")
    ok(cli, "selfcheck", "--answers", "2,2,2,2,2")
    # One check-in in five due over a week is further behind than the self-check done.
    assert greet(cli)[1:] == ["Goal: 0 of 5 check-ins, day 2 of 7"]
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "easy")
    ok(cli, "goal", "clear", "checkins")
    assert greet(cli)[1:] == ["Goal: 1 of 1 self-check, day 2 of 7 · goal reached"]


def test_a_coping_goal_counts_each_craving_once(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "coping", "urge surfing", "3", "--days", "7", "--start", "2026-11-23")
    ok(cli, "log", "craving", "6", "--coping", "Urge surfing", "--outcome", "passed")
    ok(cli, "log", "coping", "urge  SURFING", "--at", "2026-11-23 09:00")
    ok(cli, "log", "coping", "a walk", "--at", "2026-11-23 10:00")
    assert greet(cli)[1:] == ["Goal: 2 of 3 uses of urge surfing, day 1 of 7"]
    goal = json.loads(ok(cli, "goal", "show", "--format", "json").stdout)[0]
    assert goal["done"] == 2  # as goal show counts


def test_a_tag_goal(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "tag", "gym", "3", "--days", "7", "--start", "2026-11-23")
    ok(cli, "log", "note", "Leg day.", "--tag", "Gym")
    ok(cli, "log", "note", "Last week.", "--tag", "gym", "--at", "2026-11-20 10:00")
    assert greet(cli)[1:] == ["Goal: 1 of 3 entries tagged gym, day 1 of 7"]


def test_the_goal_furthest_behind_is_shown(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "meetings", "90", "--days", "90", "--start", "2026-11-01")
    ok(cli, "goal", "set", "contacts", "2", "--days", "7", "--start", "2026-11-23")
    for day in range(1, 24):
        ok(cli, "log", "meeting", "Daily", "--at", f"2026-11-{day:02d} 07:00")
    assert greet(cli)[1:] == ["Goal: 0 of 2 contacts, day 1 of 7"]


def test_goals_not_yet_begun_or_over_are_left_to_status(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-01")
    ok(cli, "goal", "set", "contacts", "3", "--days", "7", "--start", "2026-11-30")
    assert greet(cli) == [HEADLINE]


def test_a_later_edit_or_delete_is_counted(cli: Any, alcohol: None) -> None:
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-23")
    meeting = logged(cli, "meeting", "Home group", "--at", "2026-11-23 08:00")
    assert greet(cli)[1:] == ["Goal: 1 of 3 meetings, day 1 of 7"]
    ok(cli, "edit", meeting, "--at", "2026-11-22 08:00")
    assert greet(cli)[1:] == ["Goal: 0 of 3 meetings, day 1 of 7"]
    ok(cli, "edit", meeting, "--at", "2026-11-23 07:00")
    assert greet(cli)[1:] == ["Goal: 1 of 3 meetings, day 1 of 7"]
    ok(cli, "delete", meeting, "--yes")
    assert greet(cli)[1:] == ["Goal: 0 of 3 meetings, day 1 of 7"]


def test_an_import_is_counted(cli: Any, alcohol: None, tmp_path: Path) -> None:
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-23")
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-23 08:00")
    assert greet(cli)[1:] == ["Goal: 1 of 3 meetings, day 1 of 7"]
    meeting = {"id": "0123456789ab", "type": "meeting", "at": "2026-11-23T07:30:00+00:00"}
    export = {"kind": "recoverylog-export", "export_version": 1, "journal": {}}
    path = tmp_path / "export.json"
    path.write_text(json.dumps({**export, "entries": [meeting]}), encoding="utf-8")
    ok(cli, "import", str(path))
    assert greet(cli)[1:] == ["Goal: 2 of 3 meetings, day 1 of 7"]


# --- on this day ---------------------------------------------------------------------


def test_on_this_day_is_off_by_default(cli: Any, alcohol: None) -> None:
    craving(cli, 6, "2025-11-24 10:00")
    assert greet(cli) == [HEADLINE]
    assert ok(cli, "config", "get", "on_this_day").stdout == "false\n"


def test_on_this_day_compares_the_same_days_a_year_before(cli: Any, alcohol: None) -> None:
    on_this_day(cli)
    craving(cli, 8, "2025-11-24 10:00", "--note", "private words")
    craving(cli, 6, "2025-11-24 22:00")
    craving(cli, 9, "2025-11-25 10:00")  # a Tuesday: today is only Monday
    craving(cli, 3, "2026-11-23 09:00")
    lines = greet(cli)
    assert lines == [
        HEADLINE,
        "A year ago this week: 2 cravings, average 7. This week: 1, average 3.",
    ]
    assert "private" not in "\n".join(lines)


def test_on_this_day_needs_entries_a_year_before(cli: Any, alcohol: None) -> None:
    on_this_day(cli)
    craving(cli, 3, "2026-11-23 09:00")
    ok(cli, "log", "note", "Older.", "--at", "2025-11-22 10:00")  # the week before
    assert greet(cli) == [HEADLINE]
    ok(cli, "log", "note", "A year ago.", "--at", "2025-11-24 10:00")
    assert greet(cli)[1:] == ["A year ago this week: no cravings. This week: 1, average 3."]


def test_on_this_day_across_the_year_edge_and_a_53_week_year(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Friday 1 January 2027 is in the 53rd ISO week of 2026: its week began on Monday
    28 December, and 52 weeks before, on Monday 29 December 2025."""
    on_this_day(cli)
    craving(cli, 5, "2025-12-28 23:00")  # the Sunday before
    craving(cli, 8, "2025-12-29 10:00")
    craving(cli, 7, "2026-01-02 10:00")  # the Friday
    craving(cli, 9, "2026-01-03 10:00")  # the Saturday: after the same weekday
    monkeypatch.setenv("RECOVERYLOG_NOW", "2027-01-01T12:00:00+00:00")
    craving(cli, 2, "2026-12-28 10:00")
    craving(cli, 4, "2027-01-01 09:00")
    lines = greet(cli)
    assert lines[-1] == "A year ago this week: 2 cravings, average 7.5. This week: 2, average 3."


def test_on_this_day_with_the_day_starting_at_four(
    cli: Any, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_this_day(cli)
    ok(cli, "config", "set", "day_starts_at", "04:00")
    craving(cli, 9, "2025-11-24 02:00")  # Sunday night's
    craving(cli, 6, "2025-11-25 03:00")  # Monday night's
    craving(cli, 7, "2026-11-23 03:00")  # last night's, Sunday's
    monkeypatch.setenv("RECOVERYLOG_NOW", "2026-11-24T02:00:00+00:00")  # still Monday
    craving(cli, 1, "2026-11-24 01:00")  # tonight's, Monday's
    assert greet(cli)[1:] == [
        "A year ago this week: 1 craving, average 6. This week: 1, average 1."
    ]


def test_on_this_day_sees_a_later_edit_and_delete(cli: Any, alcohol: None) -> None:
    on_this_day(cli)
    old = craving(cli, 8, "2025-11-24 10:00")
    craving(cli, 4, "2025-11-24 11:00")
    assert greet(cli)[1:] == ["A year ago this week: 2 cravings, average 6. This week: none."]
    ok(cli, "edit", old, "--intensity", "2")
    assert greet(cli)[1:] == ["A year ago this week: 2 cravings, average 3. This week: none."]
    ok(cli, "delete", old, "--yes")
    assert greet(cli)[1:] == ["A year ago this week: 1 craving, average 4. This week: none."]


def test_goal_and_on_this_day_together_stay_within_80_columns(cli: Any, alcohol: None) -> None:
    on_this_day(cli)
    ok(cli, "goal", "set", "coping", "play the tape through", "10", "--days", "14")
    for hour in range(10, 22):
        craving(cli, 10, f"2025-11-24 {hour}:00")
        craving(cli, 9, f"2026-11-23 {hour - 8}:00", "--coping", "play the tape through")
    lines = greet(cli)
    assert lines[1:] == [
        "Goal: 12 of 10 uses of play the tape through, day 1 of 14 · goal reached",
        "A year ago this week: 12 cravings, average 10. This week: 12, average 9.",
    ]
    assert all(len(line) <= 80 for line in lines[1:])


def test_the_greeting_shown_today_adds_nothing_later(cli: Any, alcohol: None) -> None:
    on_this_day(cli)
    craving(cli, 6, "2025-11-24 10:00")
    assert len(greet(cli)) == 2
    assert said(cli, "greet") == ""


def test_an_encrypted_home_shows_no_counts(
    cli: Any, home: Path, alcohol: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts need the entries, which need the passphrase: the greeting of an encrypted
    home that keeps its glance shows the count of days only."""
    on_this_day(cli)
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-23")
    craving(cli, 6, "2025-11-24 10:00")
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-23 08:00")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long passphrase for the greeting")
    ok(cli, "encrypt")
    ok(cli, "config", "set", "prompt.in_encrypted", "true")
    monkeypatch.delenv("RECOVERYLOG_PASSPHRASE")
    assert greet(cli) == [HEADLINE]
    kept = json.dumps(glance(home))
    assert "meetings" not in kept and "on_this_day" not in kept


def test_a_glance_made_before_the_weekly_lines_is_made_again(
    cli: Any, home: Path, alcohol: None
) -> None:
    """A glance from before (no "weekly" in it) never costs the greeting: it is made
    again, by the greeting or by the next write, and the lines come back."""
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-23")
    for remade_by, done in ((("greet",), 0), (("log", "meeting", "Home group"), 1)):
        doc = glance(home)
        del doc["weekly"]
        (home / "glance.json").write_text(json.dumps(doc))
        if remade_by != ("greet",):
            ok(cli, *remade_by)
            assert "weekly" in glance(home)
        assert greet(cli) == [HEADLINE, f"Goal: {done} of 3 meetings, day 1 of 7"]


def test_a_damaged_month_leaves_the_counts_out(cli: Any, home: Path, alcohol: None) -> None:
    on_this_day(cli)
    craving(cli, 6, "2025-11-24 10:00")
    (home / "entries" / "2025-11.json").write_text("{damaged")
    assert greet(cli) == [HEADLINE]


# --- the installed console script ------------------------------------------------------


def test_the_script_greets_with_the_weekly_lines(cli: Any, home: Path, alcohol: None) -> None:
    on_this_day(cli)
    ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--start", "2026-11-23")
    craving(cli, 8, "2025-11-24 10:00")
    craving(cli, 3, "2026-11-23 09:00")
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-23 08:00")
    assert SCRIPT is not None
    environment = dict(os.environ, RECOVERYLOG_HOME=str(home))
    result = subprocess.run(
        [SCRIPT, "greet"], capture_output=True, text=True, env=environment, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{HEADLINE}\n"
        "Goal: 1 of 3 meetings, day 1 of 7\n"
        "A year ago this week: 1 craving, average 8. This week: 1, average 3.\n"
    )
