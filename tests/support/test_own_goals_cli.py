"""Goals of your own through the CLI: check-ins, self-checks, a coping technique's uses
and entries with a tag, beside the meetings and contacts goals; and more fellowships.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from support_helpers import ok


def goals(cli: Any) -> list[dict[str, Any]]:
    return list(json.loads(ok(cli, "goal", "show", "--format", "json").stdout))


def stored(home: Path) -> dict[str, Any]:
    return dict(tomllib.loads((home / "journal.toml").read_text())["goals"])


def test_a_daily_checkin_goal_and_a_weekly_selfcheck_goal(cli: Any) -> None:
    said = ok(cli, "goal", "set", "checkins", "1", "--days", "1", "--repeat")
    assert said.stdout.strip() == "Goal set: 1 check-in every 1 day, from Mon 23 Nov 2026."
    ok(cli, "goal", "set", "self-checks", "1", "--days", "7", "--repeat")
    assert [(g["kind"], g["done"]) for g in goals(cli)] == [("checkins", 0), ("selfchecks", 0)]
    ok(cli, "checkin", "--clean", "yes", "--difficulty", "easy", "--mood", "4")
    checkins, selfchecks = goals(cli)
    assert (checkins["done"], checkins["reached"], selfchecks["done"]) == (1, True, 0)
    shown = ok(cli, "goal").stdout
    assert "1 of 1 check-in, day 1 of 1 (starts again every 1 day) · goal reached" in shown
    assert "0 of 1 self-check, day 1 of 7" in shown


def test_a_coping_goal_counts_the_technique_as_the_toolkit_does(cli: Any, home: Path) -> None:
    ok(cli, "log", "craving", "6", "--coping", "Urge surfing", "--outcome", "passed")
    ok(cli, "log", "coping", "urge  SURFING", "--at", "2026-11-23 09:00")
    said = ok(cli, "goal", "set", "coping", "URGE surfing", "3", "--days", "7", "--repeat")
    # The toolkit's spelling wins: the technique joined it with the craving.
    assert "Goal set: 3 uses of Urge surfing every 7 days" in said.stdout
    assert stored(home) == {
        "coping:Urge surfing": {"count": 3, "days": 7, "start": date(2026, 11, 23), "repeat": True}
    }
    (goal,) = goals(cli)
    assert (goal["kind"], goal["name"], goal["done"], goal["count"]) == (
        "coping",
        "Urge surfing",
        2,
        3,
    )
    assert "2 of 3 uses of Urge surfing, day 1 of 7" in ok(cli, "goal").stdout
    # Set again in another case: the same goal, replaced.
    ok(cli, "goal", "set", "coping", "urge surfing", "4", "--days", "7")
    assert list(stored(home)) == ["coping:Urge surfing"]
    said = ok(cli, "goal", "clear", "coping", "URGE SURFING")
    assert said.stdout.strip() == "Removed your goal for Urge surfing."
    assert goals(cli) == []


def test_tag_goals_count_tagged_entries_and_several_coexist(cli: Any, home: Path) -> None:
    ok(cli, "goal", "set", "tag", "#gym", "3", "--days", "7", "--start", "2026-11-23", "--repeat")
    ok(cli, "goal", "set", "tag:walk", "5", "--days", "30")
    ok(cli, "goal", "set", "meetings", "90", "--days", "90", "--start", "2026-11-01")
    ok(cli, "log", "note", "Leg day.", "--tag", "Gym")
    ok(cli, "log", "note", "Last week.", "--tag", "gym", "--at", "2026-11-20 10:00")
    ok(cli, "log", "craving", "3", "--tag", "gym,walk")
    # Meetings first, as before; then goals of your own in the order they were set.
    assert [(g["kind"], g.get("name"), g["done"]) for g in goals(cli)] == [
        ("meetings", None, 0),
        ("tag", "gym", 2),
        ("tag", "walk", 1),
    ]
    assert set(stored(home)) == {"tag:gym", "tag:walk", "meetings"}
    assert "2 of 3 entries tagged gym, day 1 of 7" in ok(cli, "goal").stdout
    status = ok(cli, "status").stdout
    assert "Goal · 2 of 3 entries tagged gym" in status
    assert "Goal · 1 of 5 entries tagged walk" in status
    support = json.loads(ok(cli, "status", "--format", "json").stdout)["support"]
    assert [g.get("name") for g in support["goals"]] == [None, "gym", "walk"]
    said = ok(cli, "goal", "clear", "tag", "GYM")
    assert said.stdout.strip() == "Removed your goal for entries tagged gym."
    assert set(stored(home)) == {"tag:walk", "meetings"}


def test_goal_mistakes_of_your_own_are_explained(cli: Any) -> None:
    no_name = cli("goal", "set", "coping", "3", "--days", "7")
    assert no_name.exit_code == 2 and "needs the technique and a count" in no_name.stderr
    not_a_count = cli("goal", "set", "tag", "gym", "three", "--days", "7")
    assert not_a_count.exit_code == 2 and "whole number" in not_a_count.stderr
    two_counts = cli("goal", "set", "checkins", "1", "2", "--days", "1")
    assert two_counts.exit_code == 2 and "just a count" in two_counts.stderr
    missing = cli("goal", "clear", "tag", "gym")
    assert missing.exit_code == 3 and "there is no goal for entries tagged gym" in missing.stderr


def test_goals_a_newer_version_wrote_are_kept_and_left_alone(cli: Any, home: Path) -> None:
    ok(cli, "goal", "set", "meetings", "90", "--days", "90")
    journal = (home / "journal.toml").read_text()
    journal += "\n[goals.sleep]\ncount = 7\ndays = 7\nstart = 2026-11-01\n"
    (home / "journal.toml").write_text(journal)
    assert [g["kind"] for g in goals(cli)] == ["meetings"]
    ok(cli, "goal", "set", "tag", "gym", "3", "--days", "7")
    assert set(stored(home)) == {"meetings", "sleep", "tag:gym"}


def test_more_fellowships_and_one_of_your_own(cli: Any) -> None:
    for typed in ("al-anon", "Recovery dharma", "other:Women for  Sobriety"):
        ok(cli, "log", "meeting", "Group", "--fellowship", typed)
    data = json.loads(ok(cli, "meetings", "--format", "json").stdout)
    found = [m["fellowship"] for w in data["weeks"] for m in w["meetings"]]
    assert found == ["Al-Anon", "Recovery Dharma", "other:Women for Sobriety"]
    wrong = cli("log", "meeting", "x", "--fellowship", "other:")
    assert wrong.exit_code == 2 and "fellowship name is empty" in wrong.stderr
    assert "Al-Anon" in ok(cli, "log", "meeting", "--help").stdout


def test_a_fellowship_of_your_own_is_shown_by_its_name(cli: Any) -> None:
    """other:NAME is how it is kept (and what scripts read); people read the name."""
    ok(cli, "log", "meeting", "Tuesday group", "--fellowship", "other:Secular Sobriety")
    ok(cli, "log", "meeting", "--fellowship", "other")
    shown = {
        "list": ok(cli, "list").stdout,
        "meetings": ok(cli, "meetings").stdout,
        "report": ok(cli, "report", "--period", "week", "--format", "md").stdout,
    }
    for command, text in shown.items():
        assert "Secular Sobriety" in text, command
        assert "other:" not in text, command
    assert "other:Secular Sobriety" in ok(cli, "list", "--format", "json").stdout
