"""`recoverylog sync` through a git remote: two clones of one bare repository, each the
home of one computer, sync in turn and end with one journal; without git, a repository
or a remote, or offline, sync says so and changes nothing that was not committed."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import fails, ok

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

Run = Callable[..., Any]


def git(folder: Path, *words: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *words], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def stored(folder: Path, name: str) -> bytes:
    """The file as the last commit holds it."""
    done = subprocess.run(
        ["git", "-C", str(folder), "show", f"HEAD:{name}"], capture_output=True, check=True
    )
    return done.stdout


@pytest.fixture(autouse=True)
def git_knows_nobody(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """git as on a new computer: no settings of the account or the system, nobody named."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{name}_NAME", raising=False)
        monkeypatch.delenv(f"GIT_{name}_EMAIL", raising=False)
    monkeypatch.delenv("EMAIL", raising=False)


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    return bare


@pytest.fixture
def laptop(tmp_path: Path, remote: Path) -> Path:
    return clone(remote, tmp_path / "laptop")


@pytest.fixture
def desktop(tmp_path: Path, remote: Path) -> Path:
    return clone(remote, tmp_path / "desktop")


def clone(remote: Path, folder: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(remote), str(folder)], check=True)
    return folder


@pytest.fixture
def on(cli: Any, monkeypatch: pytest.MonkeyPatch) -> Run:
    """on(folder, "HH:MM", *args): a command on the computer whose home is ``folder``,
    at that time on 6 December 2026; it must succeed."""

    def run(folder: Path, time: str, *args: str) -> Any:
        at(monkeypatch, folder, time)
        return ok(cli, *args)

    return run


def at(monkeypatch: pytest.MonkeyPatch, folder: Path, time: str) -> None:
    monkeypatch.setenv("RECOVERYLOG_HOME", str(folder))
    monkeypatch.setenv("RECOVERYLOG_NOW", f"2026-12-06T{time}:00+00:00")


def notes(on: Run, folder: Path) -> list[str]:
    listed = json.loads(on(folder, "23:59", "list", "--all", "--format", "json").stdout)
    return sorted(entry.get("note") or "" for entry in listed)


def entry_id(on: Run, folder: Path, note: str) -> str:
    listed = json.loads(on(folder, "23:59", "list", "--all", "--format", "json").stdout)
    return next(entry["id"] for entry in listed if entry.get("note") == note)


def test_two_clones_log_and_sync_and_both_see_every_entry(
    on: Run, laptop: Path, desktop: Path
) -> None:
    on(laptop, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(laptop, "09:01", "log", "note", "on the laptop")
    first = on(laptop, "09:02", "sync")
    assert first.stdout.startswith("Sent your journal to origin/")
    on(desktop, "10:00", "log", "note", "on the desktop")
    second = on(desktop, "10:01", "sync")
    assert "Synced with origin/" in second.stdout
    assert "Merged the changes both computers made to entries/2026-12.json" in second.stdout
    on(laptop, "11:00", "sync")
    for folder in (laptop, desktop):
        assert notes(on, folder) == ["on the desktop", "on the laptop"]
        assert on(folder, "12:00", "sync").stdout.endswith("nothing new on either side.\n")
    assert git(laptop, "rev-parse", "HEAD") == git(desktop, "rev-parse", "HEAD")
    on(desktop, "12:01", "clock", "list")  # the desktop reads the laptop's clock


def test_the_commits_name_no_content_and_nobody_git_does_not_know(on: Run, laptop: Path) -> None:
    on(laptop, "09:00", "log", "note", "a private thought")
    on(laptop, "09:01", "sync")
    log = git(laptop, "log", "--format=%an <%ae> | %cn <%ce> | %s")
    assert "private" not in log
    for line in log.splitlines():
        assert line.startswith("recoverylog <recoverylog@localhost> | recoverylog <")
    assert {line.split(" | ")[2] for line in log.splitlines()} == {
        "Journal changes",
        "Keep each computer's own files out of the journal's repository",
    }


def test_the_person_git_knows_commits(
    on: Run, laptop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(laptop, "config", "user.name", "Sam")
    git(laptop, "config", "user.email", "sam@example.org")
    on(laptop, "09:00", "log", "note", "hello")
    on(laptop, "09:01", "sync")
    assert git(laptop, "log", "-1", "--format=%an <%ae>") == "Sam <sam@example.org>"


def test_each_computers_own_files_stay_out_and_the_files_stay_private(
    on: Run, laptop: Path, desktop: Path
) -> None:
    on(laptop, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(laptop, "09:01", "backup", "create")
    on(laptop, "09:02", "sync")
    tracked = git(laptop, "ls-files").splitlines()
    assert sorted(tracked) == [".gitignore", "journal.toml"]
    on(desktop, "10:00", "sync")
    for name in ("journal.toml", ".gitignore"):
        assert (desktop / name).stat().st_mode & 0o777 == 0o600
    assert (desktop / "journal.toml").read_bytes() == (laptop / "journal.toml").read_bytes()


def test_a_delete_on_one_and_an_edit_on_the_other_both_stay(
    on: Run, laptop: Path, desktop: Path
) -> None:
    on(laptop, "09:00", "log", "note", "to delete")
    on(laptop, "09:01", "log", "note", "to edit")
    on(laptop, "09:02", "sync")
    on(desktop, "09:03", "sync")
    on(laptop, "10:00", "delete", entry_id(on, laptop, "to delete"), "--yes")
    on(desktop, "10:01", "edit", entry_id(on, desktop, "to edit"), "--note", "edited")
    on(laptop, "11:00", "sync")
    on(desktop, "11:01", "sync")
    on(laptop, "11:02", "sync")
    for folder in (laptop, desktop):
        assert notes(on, folder) == ["edited"]


@pytest.mark.parametrize("there", ["edit", "delete"])
def test_an_entry_moved_to_another_month_here_and_changed_there_ends_once(
    on: Run, laptop: Path, desktop: Path, there: str
) -> None:
    on(laptop, "09:00", "log", "note", "moving")
    on(laptop, "09:01", "sync")
    on(desktop, "09:02", "sync")
    short = entry_id(on, laptop, "moving")[:8]
    on(laptop, "10:00", "edit", short, "--at", "2026-11-15 10:00")  # into November
    if there == "edit":
        on(desktop, "10:05", "edit", short, "--note", "changed later")
    else:
        on(desktop, "10:05", "delete", short, "--yes")
    on(laptop, "11:00", "sync")
    on(desktop, "11:01", "sync")
    on(laptop, "11:02", "sync")
    for folder in (laptop, desktop):
        assert notes(on, folder) == (["changed later"] if there == "edit" else [])
        assert git(folder, "status", "--porcelain") == ""
    assert git(laptop, "rev-parse", "HEAD") == git(desktop, "rev-parse", "HEAD")


def test_an_entry_moved_to_two_other_months_in_one_second_ends_in_one(
    on: Run, laptop: Path, desktop: Path
) -> None:
    on(laptop, "09:00", "log", "note", "moving")
    on(laptop, "09:01", "sync")
    on(desktop, "09:02", "sync")
    short = entry_id(on, laptop, "moving")[:8]
    on(laptop, "10:00", "edit", short, "--at", "2026-11-15 10:00", "--note", "to November")
    on(desktop, "10:00", "edit", short, "--at", "2026-10-15 10:00", "--note", "to October")
    on(laptop, "11:00", "sync")
    on(desktop, "11:01", "sync")
    on(laptop, "11:02", "sync")
    for folder in (laptop, desktop):
        months = (folder / "entries").glob("*.json")
        holding = [m.name for m in months if f'"id": "{short}' in m.read_text()]
        assert len(holding) == 1, holding
        assert len(notes(on, folder)) == 1


def test_journal_changes_on_both_computers_are_merged(on: Run, laptop: Path, desktop: Path) -> None:
    on(laptop, "09:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(laptop, "09:01", "sync")
    on(desktop, "09:02", "sync")
    on(laptop, "10:00", "people", "add", "Sam", "--role", "sponsor")
    on(desktop, "10:01", "plan", "add", "reasons", "a clear head")
    on(desktop, "10:02", "log", "lapse", "alcohol", "--at", "2026-12-05 20:00")
    on(laptop, "11:00", "sync")
    merged = on(desktop, "11:01", "sync")
    assert "journal.toml" in merged.stdout
    on(laptop, "11:02", "sync")
    for folder in (laptop, desktop):
        people = json.loads(on(folder, "12:00", "people", "list", "--format", "json").stdout)
        assert [person["name"] for person in people] == ["Sam"]
        plan = json.loads(on(folder, "12:00", "plan", "--format", "json").stdout)
        assert "a clear head" in json.dumps(plan["reasons"])
        lapses = json.loads(
            on(folder, "12:00", "list", "--type", "lapse", "--format", "json").stdout
        )
        assert len(lapses) == 1
    assert (laptop / "journal.toml").read_bytes() == (desktop / "journal.toml").read_bytes()


def test_json_says_what_was_sent_and_received(on: Run, laptop: Path, desktop: Path) -> None:
    on(laptop, "09:00", "log", "note", "one")
    sent = json.loads(on(laptop, "09:01", "sync", "--format", "json").stdout)
    assert sent["engine"] == "git" and sent["committed"] and sent["first_push"]
    assert sent["sent"] == 2 and sent["received"] == 0  # the month file and .gitignore
    got = json.loads(on(desktop, "09:02", "sync", "--format", "json").stdout)
    # The desktop committed the same .gitignore itself: only the month file is new to it.
    assert (got["received"], got["sent"], got["merged"], got["committed"]) == (1, 0, [], True)
    again = json.loads(on(desktop, "09:03", "sync", "--format", "json").stdout)
    assert (again["received"], again["sent"], again["committed"]) == (0, 0, False)


def test_a_push_refused_because_the_remote_moved_is_tried_again(
    on: Run, laptop: Path, desktop: Path, tmp_path: Path
) -> None:
    """Between the laptop's fetch and its push, the desktop pushes (from a hook that runs
    once, just before the laptop's first push): the laptop fetches, merges, pushes again."""
    on(laptop, "09:00", "log", "note", "laptop")
    on(laptop, "09:01", "sync")
    on(desktop, "09:02", "sync")
    on(desktop, "09:03", "log", "note", "desktop")
    on(laptop, "09:05", "log", "note", "laptop again")
    done = tmp_path / "pushed once"
    hook = laptop / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        f'[ -e "{done}" ] && exit 0\n'
        f'touch "{done}"\n'
        f'git -C "{desktop}" add -A && '
        f'git -C "{desktop}" -c user.name=d -c user.email=d@x commit -qm moved && '
        f'git -C "{desktop}" push -q\n'
        "exit 0\n"
    )
    hook.chmod(0o700)
    on(laptop, "09:06", "sync")
    assert done.exists()
    on(desktop, "09:07", "sync")
    for folder in (laptop, desktop):
        assert notes(on, folder) == ["desktop", "laptop", "laptop again"]


def test_git_is_told_not_to_ask_when_nobody_is_at_a_terminal(
    on: Run, laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A git that notes how it was started, then runs the real one."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "git.log"
    wrapper = folder / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'printf "%s %s\\n" "${{GIT_TERMINAL_PROMPT-unset}}" "$*" >> "{log}"\n'
        f'exec "{GIT}" "$@"\n'
    )
    wrapper.chmod(0o700)
    monkeypatch.setenv("PATH", f"{folder}:{Path(str(GIT)).parent}")
    on(laptop, "09:00", "log", "note", "hello")
    on(laptop, "09:01", "sync")
    started = log.read_text().splitlines()
    words = {word for line in started for word in line.split()}
    assert words >= {"add", "commit", "fetch", "push"}
    assert {line.split()[0] for line in started} == {"0"}


# --- when sync cannot sync ------------------------------------------------------------------


def test_not_a_repository_says_so(cli: Any, on: Run, home: Path) -> None:
    on(home, "09:00", "log", "note", "hello")
    result = fails(cli, 2, "sync")
    assert "is not a git repository" in result.stderr
    assert "git init" in result.stderr
    assert not (home / ".gitignore").exists()


def test_a_folder_inside_another_repository_is_not_taken_for_the_journals(
    cli: Any, on: Run, tmp_path: Path
) -> None:
    git(tmp_path, "init", "--quiet")
    on(tmp_path / "home", "09:00", "log", "note", "hello")
    result = fails(cli, 2, "sync")
    assert "not a repository of its own" in result.stderr


def test_no_remote_says_so_and_commits_nothing(cli: Any, on: Run, home: Path) -> None:
    on(home, "09:00", "log", "note", "hello")
    git(home, "init", "--quiet")
    result = fails(cli, 2, "sync")
    assert "has no remote" in result.stderr
    assert "git remote add origin" in result.stderr
    assert git(home, "status", "--porcelain", "--untracked-files=all")  # all still to commit
    assert not (home / ".gitignore").exists()


def test_without_git_sync_says_so(
    cli: Any, on: Run, laptop: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    on(laptop, "09:00", "log", "note", "hello")
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = fails(cli, 2, "sync")
    assert "git is not installed" in result.stderr


def test_offline_the_changes_are_committed_and_said_to_wait(
    cli: Any, on: Run, laptop: Path, tmp_path: Path
) -> None:
    git(laptop, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    on(laptop, "09:00", "log", "note", "on the train")
    result = fails(cli, 1, "sync")
    assert "could not reach origin" in result.stderr
    assert "your changes are committed here" in result.stderr
    assert git(laptop, "status", "--porcelain") == ""
    assert git(laptop, "log", "-1", "--format=%s") == "Journal changes"


def test_offline_with_nothing_new_changes_nothing(
    cli: Any, on: Run, laptop: Path, tmp_path: Path
) -> None:
    on(laptop, "09:00", "log", "note", "hello")
    on(laptop, "09:01", "sync")
    head = git(laptop, "rev-parse", "HEAD")
    git(laptop, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    result = fails(cli, 1, "sync")
    assert "nothing was changed" in result.stderr
    assert git(laptop, "rev-parse", "HEAD") == head


def test_a_home_with_copies_and_no_repository_merges_them(
    on: Run, home: Path, tmp_path: Path
) -> None:
    on(home, "09:00", "log", "note", "here")
    other = tmp_path / "other"
    shutil.copytree(home, other)
    on(other, "09:01", "log", "note", "there")
    copy = home / "entries" / "2026-12.sync-conflict-20261206-090200-ABCDEF1.json"
    shutil.copyfile(other / "entries" / "2026-12.json", copy)
    at_home = on(home, "09:03", "sync", "--format", "json")
    assert json.loads(at_home.stdout)["engine"] == "copies"
    assert not copy.exists()
    assert notes(on, home) == ["here", "there"]


# --- an encrypted home ----------------------------------------------------------------------


def test_an_encrypted_homes_two_clones_converge(
    on: Run, laptop: Path, desktop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "correct horse battery staple")
    on(laptop, "09:00", "log", "note", "sealed on the laptop")
    on(laptop, "09:01", "encrypt")
    on(laptop, "09:02", "sync")
    assert b"sealed on the laptop" not in stored(laptop, "entries/2026-12.json")
    on(desktop, "09:03", "sync")
    on(desktop, "10:00", "log", "note", "sealed on the desktop")
    on(laptop, "10:01", "log", "note", "the laptop again")
    on(desktop, "10:02", "sync")
    merged = on(laptop, "10:03", "sync")
    assert "Merged the changes both computers made to entries/2026-12.json" in merged.stdout
    on(desktop, "10:04", "sync")
    for folder in (laptop, desktop):
        assert notes(on, folder) == [
            "sealed on the desktop",
            "sealed on the laptop",
            "the laptop again",
        ]
    for name in ("entries/2026-12.json",):
        assert b"sealed" not in stored(desktop, name)


# --- random histories -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_random_histories_on_two_clones_converge_and_lose_nothing(
    on: Run, laptop: Path, desktop: Path, seed: int
) -> None:
    """Logs, edits, deletes, people and plan lines on both computers in a random
    order, with syncs between; after syncing both in turn, both hold one journal with every
    entry that was logged and not deleted, each as last edited."""
    chance = random.Random(seed)
    on(laptop, "08:00", "clock", "add", "alcohol", "--since", "2026-11-01")
    on(laptop, "08:01", "sync")
    on(desktop, "08:02", "sync")
    expected: dict[str, str] = {}  # note as logged -> note now
    for step in range(24):
        folder = chance.choice((laptop, desktop))
        time = f"09:{10 + step:02d}"
        _random_step(on, folder, time, chance, expected, step)
        if chance.random() < 0.3:
            on(folder, time, "sync")
    for folder in (laptop, desktop, laptop):
        on(folder, "20:00", "sync")
    assert notes(on, laptop) == notes(on, desktop) == sorted(expected.values())
    for name in ("journal.toml", "entries/2026-12.json"):
        assert (laptop / name).read_bytes() == (desktop / name).read_bytes()


def _random_step(
    on: Run, folder: Path, time: str, chance: random.Random, expected: dict[str, str], step: int
) -> None:
    """One thing done on one computer: only to what that computer already has."""
    here = set(notes(on, folder)) & set(expected.values())
    what = chance.choice(("log", "log", "edit", "delete", "person", "plan"))
    if what == "edit" and here:
        old = chance.choice(sorted(here))
        new = f"{old} +{step}"
        on(folder, time, "edit", entry_id(on, folder, old), "--note", new)
        expected.update({key: new for key, value in expected.items() if value == old})
    elif what == "delete" and here:
        old = chance.choice(sorted(here))
        on(folder, time, "delete", entry_id(on, folder, old), "--yes")
        for key in [key for key, value in expected.items() if value == old]:
            del expected[key]
    elif what == "person":
        on(folder, time, "people", "add", f"Peer {step}", "--role", "peer")
    elif what == "plan":
        on(folder, time, "plan", "add", "reasons", f"reason {step}")
    else:
        note = f"note {step}"
        on(folder, time, "log", "note", note)
        expected[note] = note
