"""A lapse is a record like the others: the id 'log lapse' prints works with show,
edit and delete; 'list' lists lapses; the runs and totals are counted again after a
change, and a backup of journal.toml comes first. Nobody hand-edits a file.

The fixed clock is Monday 23 Nov 2026, 20:00 UTC; the alcohol clock starts 1 Oct.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli, as_json, fails, logged_id, ok, run_without_terminal


def _lapse(cli: Cli, *args: str) -> str:
    return logged_id(ok(cli, "log", "lapse", *args))


def _numbers(cli: Cli, clock: str = "alcohol") -> tuple[int, int, int, int]:
    found = {c["name"]: c for c in as_json(ok(cli, "status", "-f", "json"))["clocks"]}[clock]
    return (
        found["current_run_days"],
        found["total_clean_days"],
        found["longest_run_days"],
        found["lapses"],
    )


def _backups(home: Path) -> list[Path]:
    folder = home / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


def _lapses_in(journal_file: Path) -> list[dict[str, Any]]:
    doc = tomllib.loads(journal_file.read_text(encoding="utf-8"))
    return [lapse for clock in doc.get("clocks", []) for lapse in clock.get("lapses", [])]


@pytest.fixture
def wedding(cli: Cli, alcohol: str) -> str:
    """A lapse on Tue 10 Nov at 21:00; returns the id 'log lapse' printed."""
    return _lapse(
        cli, "alcohol", "--at", "2026-11-10 21:00", "--trigger", "open bar", "--note", "Wedding."
    )


# --- show --------------------------------------------------------------------------


def test_the_id_log_lapse_prints_shows_the_lapse(cli: Cli, wedding: str) -> None:
    shown = ok(cli, "show", wedding, "-f", "plain").stdout
    assert shown.startswith(f"Lapse  {wedding}")
    assert "clock: alcohol" in shown
    assert "next run starts: 2026-11-11" in shown
    assert "triggers: open bar" in shown and "Wedding." in shown
    assert ok(cli, "show", wedding[:4], "-f", "plain").stdout == shown  # a prefix will do
    # 'clock show' lists each lapse with its id too.
    assert (
        f"  {wedding}  2026-11-10 21:00  triggers: open bar"
        in ok(cli, "clock", "show", "alcohol", "-f", "plain").stdout
    )


def test_the_json_shape_of_a_lapse(cli: Cli, wedding: str) -> None:
    assert as_json(ok(cli, "show", wedding, "-f", "json")) == {
        "id": wedding,
        "type": "lapse",
        "at": "2026-11-10T21:00:00+00:00",
        "clock": "alcohol",
        "note": "Wedding.",
        "tags": [],
        "restart": "2026-11-11",
        "triggers": ["open bar"],
    }


def test_an_id_shared_by_an_entry_and_a_lapse_asks_for_more(
    cli: Cli, alcohol: str, chosen_ids: Callable[[list[str]], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import recoverylog.services.clocks as clocks_service

    monkeypatch.setattr(clocks_service, "new_id", lambda: "abcd1111" + "0" * 24)
    chosen_ids(["abcd2222" + "0" * 24])
    _lapse(cli, "alcohol", "--at", "2026-11-10 21:00")
    ok(cli, "log", "craving", "4")
    both = fails(cli, 2, "show", "abcd")
    assert "matches 2 entries and lapses" in both.stderr
    assert "abcd1111 (lapse 2026-11-10)" in both.stderr
    assert ok(cli, "show", "abcd1", "-f", "json").stdout.count('"lapse"') == 1


# --- list --------------------------------------------------------------------------


def test_list_type_lapse_lists_the_lapses_of_every_clock(cli: Cli, wedding: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    smoke = _lapse(cli, "nicotine", "--at", "2026-11-20 08:00")
    ok(cli, "log", "craving", "5")
    listed = as_json(ok(cli, "list", "--type", "lapse", "-f", "json"))
    assert [(x["id"], x["clock"], x["type"]) for x in listed] == [
        (smoke, "nicotine", "lapse"),
        (wedding, "alcohol", "lapse"),
    ]
    table = ok(cli, "list", "--type", "lapse", "-f", "plain").stdout
    assert f"{wedding}  2026-11-10 21:00  lapse  alcohol" in table
    assert "next run from Wed 11 Nov 2026 · triggers: open bar" in table
    only = as_json(ok(cli, "list", "--type", "lapse", "--clock", "nicotine", "-f", "json"))
    assert [x["id"] for x in only] == [smoke]
    assert (
        as_json(ok(cli, "list", "--type", "lapses", "--search", "OPEN", "-f", "json"))[0]["id"]
        == wedding
    )


def test_list_shows_lapses_among_the_entries_by_time(cli: Cli, wedding: str) -> None:
    ok(cli, "log", "craving", "6", "--at", "2026-11-10 20:00")
    ok(cli, "log", "meeting", "Home group", "--at", "2026-11-11 19:00")
    listed = as_json(ok(cli, "list", "-f", "json"))
    assert [x["type"] for x in listed] == ["meeting", "lapse", "craving"]
    assert [x["type"] for x in as_json(ok(cli, "list", "--limit", "2", "-f", "json"))] == [
        "meeting",
        "lapse",
    ]
    cravings = as_json(ok(cli, "list", "--type", "craving", "-f", "json"))
    assert [x["type"] for x in cravings] == ["craving"]
    both = as_json(ok(cli, "list", "--type", "craving", "--type", "lapse", "-f", "json"))
    assert [x["type"] for x in both] == ["lapse", "craving"]
    assert as_json(ok(cli, "list", "--tag", "work", "-f", "json")) == []  # no tags on a lapse
    early = as_json(ok(cli, "list", "--until", "2026-11-10 20:30", "-f", "json"))
    assert [x["type"] for x in early] == ["craving"]


def test_a_csv_listing_with_a_lapse_imports_back_into_the_same_home(
    cli: Cli, wedding: str, home: Path
) -> None:
    ok(cli, "log", "craving", "6", "--at", "2026-11-10 20:00")
    exported = home.parent / "all.csv"
    exported.write_text(ok(cli, "list", "-f", "csv").stdout)
    assert "restart" in exported.read_text().splitlines()[0]
    said = as_json(ok(cli, "import", "--from", "csv", str(exported), "--dry-run", "-f", "json"))
    assert (said["problems"], said["notices"]) == ([], [])
    assert said["unchanged"] == 2  # the craving and the lapse are already here


# --- edit --------------------------------------------------------------------------


def test_edit_moves_a_lapse_and_the_runs_are_counted_again(
    cli: Cli, wedding: str, home: Path
) -> None:
    # Oct 1 to Nov 10: a 40-day run; the new run from Nov 11 has 12 days.
    assert _numbers(cli) == (12, 52, 40, 1)
    result = ok(cli, "edit", wedding, "--at", "2026-11-15 22:00")
    assert "Updated the lapse; your runs and totals are counted again." in result.stdout
    assert "alcohol  7 days clean  since Mon 16 Nov 2026" in result.stdout
    assert "52 days clean in total · longest run 45 days" in result.stdout
    assert _numbers(cli) == (7, 52, 45, 1)
    shown = as_json(ok(cli, "show", wedding, "-f", "json"))
    assert (shown["at"], shown["restart"]) == ("2026-11-15T22:00:00+00:00", "2026-11-16")
    assert (shown["triggers"], shown["note"]) == (["open bar"], "Wedding.")  # kept
    (backup,) = _backups(home)
    assert "edit-lapse" in backup.name
    (before,) = _lapses_in(backup / "journal.toml")
    assert before["id"] == wedding and str(before["restart"]) == "2026-11-11"
    milestones = as_json(ok(cli, "milestones", "-f", "json"))[0]
    assert milestones["counting_from"] == "2026-11-16"


def test_edit_changes_restart_triggers_and_note(cli: Cli, wedding: str) -> None:
    ok(
        cli, "edit", wedding, "--restart", "2026-11-13", "--trigger", "wedding", "--trigger",
        "old friends", "--note", "It was one evening.",
    )  # fmt: skip
    shown = as_json(ok(cli, "show", wedding, "-f", "json"))
    assert shown["restart"] == "2026-11-13"
    assert shown["triggers"] == ["wedding", "old friends"]
    assert shown["note"] == "It was one evening."
    assert _numbers(cli) == (10, 50, 40, 1)  # Nov 11 and 12 were not clean


def test_edit_moves_a_lapse_to_the_right_clock(cli: Cli, wedding: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-10-01")
    result = ok(cli, "edit", wedding, "--clock", "nicotine")
    assert "nicotine  12 days clean" in result.stdout
    assert "alcohol  53 days clean" in result.stdout
    assert _numbers(cli, "alcohol") == (53, 53, 53, 0)
    assert _numbers(cli, "nicotine") == (12, 52, 40, 1)
    assert as_json(ok(cli, "show", wedding, "-f", "json"))["clock"] == "nicotine"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--intensity", "3"), "a lapse has no intensity"),
        (("--tag", "x"), "a lapse has no tags"),
        (("--at", "tomorrow"), "cannot be in the future"),
        (("--at", "2026-09-20 10:00"), "before alcohol's clean-since date"),
        (("--restart", "2026-11-10"), "must start after the day of the lapse"),
        ((), "nothing to change"),
    ],
)
def test_edit_refuses_what_a_lapse_cannot_be(
    cli: Cli, wedding: str, home: Path, args: tuple[str, ...], words: str
) -> None:
    journal = (home / "journal.toml").read_bytes()
    assert words in fails(cli, 2, "edit", wedding, *args).stderr
    assert (home / "journal.toml").read_bytes() == journal


def test_restart_is_only_for_a_lapse(cli: Cli, alcohol: str) -> None:
    craving = logged_id(ok(cli, "log", "craving", "4"))
    assert "only a lapse has one" in fails(cli, 2, "edit", craving, "--restart", "today").stderr


# --- delete ------------------------------------------------------------------------


def test_delete_asks_then_counts_again_and_keeps_a_backup(
    cli: Cli, wedding: str, home: Path
) -> None:
    kept = cli("delete", wedding, input="n\n")
    assert kept.exit_code == 0
    assert "Delete the lapse" in kept.stdout + kept.stderr
    assert "on Tue 10 Nov 2026 from alcohol?" in kept.stdout + kept.stderr
    assert _numbers(cli) == (12, 52, 40, 1)
    assert _backups(home) == []

    result = ok(cli, "delete", wedding, input="y\n")
    assert f"{wedding}  Deleted the lapse on Tue 10 Nov 2026 from alcohol" in result.stdout
    assert "a backup of your journal was taken first" in result.stdout
    assert "alcohol  53 days clean  since Thu 1 Oct 2026" in result.stdout
    assert _numbers(cli) == (53, 53, 53, 0)
    assert _lapses_in(home / "journal.toml") == []
    (backup,) = _backups(home)
    assert "delete-lapse" in backup.name
    assert [x["id"] for x in _lapses_in(backup / "journal.toml")] == [wedding]
    assert "no entry has an id starting with" in fails(cli, 3, "show", wedding).stderr
    assert as_json(ok(cli, "list", "--type", "lapse", "-f", "json")) == []
    status = ok(cli, "status", "-f", "plain").stdout
    assert "alcohol  53 days clean" in status and "lapse" not in status


def test_delete_without_a_terminal_needs_yes(cli: Cli, wedding: str, home: Path) -> None:
    refused = run_without_terminal("delete", wedding)
    assert refused.returncode == 2
    assert "Add --yes to confirm without a prompt" in refused.stderr
    assert len(_lapses_in(home / "journal.toml")) == 1
    done = run_without_terminal("delete", wedding, "--yes")
    assert done.returncode == 0, done.stderr
    assert _lapses_in(home / "journal.toml") == []


def test_a_lapse_can_be_restored_from_its_backup(cli: Cli, wedding: str, home: Path) -> None:
    ok(cli, "delete", wedding, "--yes")
    (backup,) = _backups(home)
    ok(cli, "backup", "restore", backup.name, "--yes")
    assert _numbers(cli) == (12, 52, 40, 1)
    listed = json.loads(ok(cli, "list", "--type", "lapse", "-f", "json").stdout)
    assert [x["id"] for x in listed] == [wedding]


# --- what 'log lapse' says -----------------------------------------------------------


def test_after_a_lapse_the_own_plan_and_the_sponsor(cli: Cli, alcohol: str) -> None:
    ok(cli, "people", "add", "Jo", "--role", "peer", "--phone", "07700 900111")
    ok(cli, "people", "add", "Kim", "--role", "sponsor")  # no way to reach: left out
    ok(cli, "people", "add", "Sam", "--role", "sponsor", "--phone", "07700 900123")
    plan = 'if_lapse = ["tell Sam within the hour", "eat something, then sleep"]\n'
    ok(cli, "plan", "edit", "--file", "-", input=plan)
    out = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00").stdout
    assert all(len(row) <= 80 for row in out.splitlines())
    words = " ".join(out.split())
    assert "52 days clean in total and your longest run is 40 days" in words
    assert "Your current run started Wed 11 Nov 2026: 12 days so far." in out
    assert "Your plan for after a lapse:\n  - tell Sam within the hour\n" in out
    assert "  - eat something, then sleep\n" in out
    assert "reach out to Sam (your sponsor, 07700 900123) today." in words
    assert "Jo" not in out and "Kim" not in out
    assert "!" not in out and "back to zero" not in out.lower()


def test_after_a_lapse_without_a_plan_or_people(cli: Cli, alcohol: str) -> None:
    out = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00").stdout
    assert "plan" not in out
    assert "If it would help, reach out to someone you trust today." in out


def test_a_peer_is_named_when_there_is_no_sponsor(cli: Cli, alcohol: str) -> None:
    ok(cli, "people", "add", "Ana", "--role", "family", "--email", "ana@example.org")
    ok(cli, "people", "add", "Jo", "--role", "peer", "--phone", "07700 900111")
    out = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00").stdout
    assert "reach out to Jo (your peer, 07700 900111) today." in out


def test_on_day_one_it_says_something_true_and_kind(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol")  # clean since today
    out = ok(cli, "log", "lapse", "alcohol", "--at", "today 13:00").stdout
    assert "0 days" not in out and "still yours" not in out
    assert "A lapse is one moment, not the whole story." in out
    assert "writing it down honestly is part of recovery" in out
    assert "Your next run starts tomorrow, Tue 24 Nov 2026." in out


def test_no_milestone_cheer_right_after_a_lapse(cli: Cli, alcohol: str) -> None:
    # The new run from 11 Nov reached one week on 18 Nov: said on the next command.
    result = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00")
    assert "Milestone" not in result.stdout + result.stderr
    assert "Milestone: 1 week without alcohol" in ok(cli, "status").stderr


# --- a craving that ended in use -------------------------------------------------------


def test_a_used_craving_asks_and_yes_records_the_lapse(cli: Cli, alcohol: str) -> None:
    result = ok(
        cli, "log", "craving", "8", "--outcome", "used", "--trigger", "payday",
        "--at", "2026-11-22 21:30", input="y\n",
    )  # fmt: skip
    asked = "Would you like to record this as a lapse on your alcohol clock too?"
    assert asked in result.stderr and "[y/N]" in result.stderr
    assert "Recorded a lapse for alcohol on Sun 22 Nov 2026." in result.stdout
    assert "Your new run starts today, Mon 23 Nov 2026." in result.stdout
    assert "0 days" not in result.stdout
    (lapse,) = as_json(ok(cli, "list", "--type", "lapse", "-f", "json"))
    assert (lapse["at"], lapse["triggers"]) == ("2026-11-22T21:30:00+00:00", ["payday"])
    assert _numbers(cli) == (0, 52, 52, 1)


@pytest.mark.parametrize("answer", ["n\n", "\n", ""])
def test_a_used_craving_records_no_lapse_unless_asked_to(
    cli: Cli, alcohol: str, answer: str
) -> None:
    result = ok(cli, "log", "craving", "8", "--outcome", "used", input=answer)
    assert "record this as a lapse" in result.stderr
    assert "Logged craving" in result.stdout
    assert "The craving is saved; your clock is as it was." in result.stderr
    assert _numbers(cli) == (53, 53, 53, 0)


def test_a_used_craving_without_a_terminal_says_how(
    cli: Cli, cli_without_terminal: Cli, alcohol: str
) -> None:
    args = ("log", "craving", "8", "--outcome", "used", "--at", "2026-11-22 21:30")
    result = ok(cli_without_terminal, *args)
    assert "Would you like" not in result.stderr
    assert "recoverylog log lapse alcohol --at '2026-11-22 21:30'" in result.stderr
    assert _numbers(cli) == (53, 53, 53, 0)


def test_a_used_craving_with_several_clocks_and_none_named_says_how(cli: Cli, alcohol: str) -> None:
    ok(cli, "clock", "add", "nicotine", "--since", "2026-11-01")
    result = ok(cli, "log", "craving", "8", "--outcome", "used", input="y\n")
    assert "Would you like" not in result.stderr
    assert "recoverylog log lapse CLOCK --at '2026-11-23 20:00'" in result.stderr


def test_no_question_when_the_lapse_is_recorded_already_or_the_craving_passed(
    cli: Cli, alcohol: str
) -> None:
    ok(cli, "log", "lapse", "alcohol", "--at", "today 18:00")
    used = ok(cli, "log", "craving", "8", "--outcome", "used", input="y\n")
    passed = ok(cli, "log", "craving", "5", "--outcome", "passed", input="y\n")
    for result in (used, passed):
        assert "lapse" not in result.stderr
    assert _numbers(cli)[3] == 1


def test_status_after_a_first_day_lapse_shows_no_hollow_zeros(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "today")
    ok(cli, "log", "lapse", "alcohol", "--at", "19:00")
    out = ok(cli, "status").stdout
    assert "0 days clean in total" not in out and "longest run 0 days" not in out
    assert "1 lapse · each clean day from here counts" in out


def test_restart_at_a_time_of_day_is_on_the_lapse_s_day(cli) -> None:
    # now is 20:00 on Mon 23 Nov: 23:30 is still ahead today, and after the lapse.
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    result = cli("log", "lapse", "alcohol", "--at", "2026-11-23 10:00", "--restart", "23:30")
    assert result.exit_code == 0, result.stderr
    clock = json.loads(cli("clock", "show", "alcohol", "--format", "json").stdout)
    assert clock["runs"][-1]["start_at"].startswith("2026-11-23T23:30")
    # A time earlier on the lapse's day is refused, as a run cannot begin before it.
    earlier = cli("log", "lapse", "alcohol", "--at", "2026-11-20 10:00", "--restart", "08:00")
    assert earlier.exit_code == 2 and "after the lapse" in earlier.stderr
