"""Export everything, import it elsewhere, merge by id, and never lose or duplicate."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from report_fixture import at, build_home, fixture_entries, fixture_journal, make_entry

from recoverylog.domain.model import EntryType

Run = Callable[..., Any]


def files_of(home: Path) -> dict[str, bytes]:
    """Every data file in a home except backups, by relative path."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and "backups" not in p.parts and p.name != ".lock"
    }


@pytest.fixture
def rich_home(home: Path, run: Run) -> Path:
    """The report fixture plus everything an export must carry: settings, a plan, people
    with extra keys, keys recoverylog does not know, an edited entry, several entry types."""
    journal = fixture_journal()
    journal.plan = {"warning_signs": ["skipping meals", "isolating"]}
    journal.people[0]["phone"] = "555-0100"
    journal.clocks[0].extra["colour"] = "teal"
    journal.clocks[0].cost_per_day = 12.5
    journal.extra["favourite_quote"] = "one day at a time"
    entries = fixture_entries()
    edited = make_entry(50, EntryType.NOTE, "2026-11-05T09:00:00", "Edited later.", mood=4)
    edited.updated = at("2026-11-06T10:00:00")
    edited.tags = ["morning", "starred"]
    edited.extra = {"source": "somewhere else"}
    entries.append(edited)
    entries.append(
        make_entry(
            51,
            EntryType.CHECKIN,
            "2026-11-22T21:00:00",
            clean=True,
            difficulty="not bad",
            mood=4,
            halt=["tired"],
        )
    )
    entries.append(
        make_entry(52, EntryType.SELFCHECK, "2026-11-16T20:00:00", answers=[1, 2, 1, 0, 2], total=6)
    )
    build_home(home, journal, entries)
    run("config", "set", "currency", "£")
    run("config", "set", "schemes.mine", "1d,1w,30d,1y")
    run("status")  # milestones reached so far are celebrated (and recorded) once, now
    return home


def switch_home(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    monkeypatch.setenv("RECOVERYLOG_HOME", str(folder))
    return folder


def test_export_holds_everything(rich_home: Path, run: Run) -> None:
    doc = json.loads(run("export").stdout)
    assert doc["kind"] == "recoverylog-export"
    assert doc["export_version"] == 1
    assert doc["schema_versions"]["journal"] >= 2
    assert doc["config"]["currency"] == "£"
    assert doc["config"]["schemes"] == {"mine": ["1d", "1w", "30d", "1y"]}
    (clock,) = doc["journal"]["clocks"]
    assert clock["clean_since"] == "2026-10-01"
    assert clock["colour"] == "teal"
    assert clock["lapses"][0]["note"].startswith("At the wedding")
    assert [t["name"] for t in doc["journal"]["toolkit"]] == ["urge surfing", "call sponsor"]
    assert doc["journal"]["people"][0]["phone"] == "555-0100"
    assert doc["journal"]["goals"]["meetings"]["start"] == "2026-11-01"
    assert doc["journal"]["plan"]["warning_signs"] == ["skipping meals", "isolating"]
    assert doc["journal"]["favourite_quote"] == "one day at a time"
    assert len(doc["entries"]) == len(fixture_entries()) + 3
    times = [e["at"] for e in doc["entries"]]
    assert times == sorted(times)  # oldest first, a stable order
    edited = next(e for e in doc["entries"] if e["note"] == "Edited later.")
    assert edited["updated"] == "2026-11-06T10:00:00+00:00"
    assert edited["source"] == "somewhere else"


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_round_trip_into_an_empty_home_is_identical(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    first = tmp_path / f"first.{fmt}"
    run("export", "--output", str(first))
    assert first.read_text(encoding="utf-8").startswith("{" if fmt == "json" else "# recoverylog")
    switch_home(monkeypatch, tmp_path / "fresh")
    result = run("import", str(first))
    assert "added: 1 clock, 1 lapse, 2 techniques, 1 person" in result.stdout
    second = tmp_path / f"second.{fmt}"
    run("export", "--output", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_a_json_round_trip_keeps_dates_as_dates(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_toml = run("export", "--format", "toml").stdout
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported))
    switch_home(monkeypatch, tmp_path / "fresh")
    run("import", str(exported))
    assert run("export", "--format", "toml").stdout == original_toml
    journal = (tmp_path / "fresh" / "journal.toml").read_text(encoding="utf-8")
    assert "start = 2026-11-01" in journal  # a TOML date, not the string "2026-11-01"


def test_importing_twice_changes_nothing(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported))
    fresh = switch_home(monkeypatch, tmp_path / "fresh")
    run("import", str(exported))
    before = files_of(fresh)
    again = run("import", str(exported), "--format", "json")
    result = json.loads(again.stdout)
    assert result["added"] == {}
    assert result["updated"] == 0
    assert result["unchanged"] == len(fixture_entries()) + 3 + 1  # and the lapse
    assert result["conflicts"] == []
    assert result["backup"] is None
    assert files_of(fresh) == before
    # and into the very home it came from
    switch_home(monkeypatch, rich_home)
    before = files_of(rich_home)
    assert "nothing new" in run("import", str(exported)).stdout
    assert files_of(rich_home) == before


def test_conflicting_edits_keep_the_newer_and_say_so(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported))
    other = switch_home(monkeypatch, tmp_path / "other")
    run("import", str(exported))
    # In the other home, entry 17's note is edited now (2026-11-23 20:00): newer than the file.
    run("edit", f"{17:032x}", "--note", "Edited in the other home")
    mine = json.loads(run("show", f"{17:032x}", "-f", "json").stdout)
    result = json.loads(run("import", str(exported), "-f", "json").stdout)
    assert result["conflicts"] == [
        {
            "what": "entry 00000000 (craving, 2026-11-21)",
            "kept": "yours",
            "why": "yours was edited more recently",
        }
    ]
    assert json.loads(run("show", f"{17:032x}", "-f", "json").stdout) == mine
    # Back in the first home, entry 16 is edited now: newer than the other home's copy.
    switch_home(monkeypatch, rich_home)
    run("edit", f"{16:032x}", "--mood", "5")
    newer = tmp_path / "newer.json"
    run("export", "--output", str(newer))
    switch_home(monkeypatch, other)
    text = run("import", str(newer)).stdout
    assert (
        "entries updated to a newer edit: 1" in text or "entry updated to a newer edit: 1" in text
    )
    assert "kept the imported one (it was edited more recently)" in text
    assert "kept yours (yours was edited more recently)" in text  # entry 17 still
    assert json.loads(run("show", f"{16:032x}", "-f", "json").stdout)["mood"] == 5
    backups = sorted(p.name for p in (other / "backups").iterdir())
    assert any(name.endswith("-import") for name in backups)


def test_merging_into_a_home_with_its_own_data(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported))
    other = switch_home(monkeypatch, tmp_path / "other")
    run("clock", "add", "alcohol", "--since", "2026-09-01")
    run("clock", "add", "nicotine", "--since", "2026-11-01")
    run("config", "set", "currency", "€")
    run("log", "craving", "6", "--at", "2026-11-23 08:00")
    result = json.loads(run("import", str(exported), "-f", "json").stdout)
    # The clock of the same name keeps its own start; its lapse from the file is added.
    assert {
        "what": "clock 'alcohol'",
        "kept": "yours",
        "why": "its clean since, cost per day differ; neither copy says when it was changed, "
        "so yours stays",
    } in result["conflicts"]
    assert {
        "what": "setting 'currency'",
        "kept": "yours",
        "why": "the values differ; settings are your choice here, so yours stays",
    } in result["conflicts"]
    assert result["added"]["lapses"] == 1
    assert result["added"]["entries"] == len(fixture_entries()) + 3
    assert result["backup"] and result["backup"].endswith("-import")
    clocks = {c["name"]: c for c in json.loads(run("clock", "list", "-f", "json").stdout)}
    assert clocks["alcohol"]["clean_since"] == "2026-09-01"
    assert clocks["alcohol"]["lapses"] == 1
    assert "nicotine" in clocks
    assert 'currency = "€"' in (other / "config.toml").read_text(encoding="utf-8")
    listed = json.loads(run("list", "--limit", "500", "-f", "json").stdout)
    assert len(listed) == len(fixture_entries()) + 3 + 1 + 1  # and the lapse


def test_dry_run_writes_nothing(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "all.toml"
    run("export", "--output", str(exported))
    other = switch_home(monkeypatch, tmp_path / "other")
    run("log", "craving", "3", "--at", "2026-11-23 08:00")
    before = files_of(other)
    text = run("import", str(exported), "--dry-run").stdout
    assert text.startswith("Dry run: nothing was written.")
    assert f"{len(fixture_entries()) + 3} entries" in text
    assert files_of(other) == before
    assert not (other / "backups").exists()


def test_refuses_what_is_not_an_export(
    run: Run, cli: Callable[..., Any], tmp_path: Path, home: Path
) -> None:
    jrnl = Path(__file__).parent.parent / "fixtures" / "jrnl_export.json"
    result = cli("import", str(jrnl))
    assert result.exit_code == 4
    assert "use --from jrnl" in result.stderr
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"kind": "recoverylog-export", "export_version": 9}), "utf-8")
    result = cli("import", str(newer))
    assert result.exit_code == 4
    assert "newer than this recoverylog reads" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "kind": "recoverylog-export",
                "export_version": 1,
                "entries": [{"id": "x" * 32, "type": "craving", "at": "not a time"}],
            }
        ),
        "utf-8",
    )
    result = cli("import", str(bad))
    assert result.exit_code == 4
    assert not home.exists()  # nothing was written, not even a folder
    assert cli("import", str(tmp_path / "missing.json")).exit_code == 3


def test_export_file_is_private(rich_home: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "all.json"
    target.parent.mkdir()
    run("export", "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o600
    assert (
        json.loads(target.read_text(encoding="utf-8"))["journal"]["goals"]["meetings"]["start"]
        == date(2026, 11, 1).isoformat()
    )


def test_an_encrypted_home_imports_into_encrypted_files(
    run: Run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cryptography")
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "correct horse battery staple")
    run("clock", "add", "alcohol", "--since", "2026-11-01")
    run("encrypt")
    jrnl = Path(__file__).parent.parent / "fixtures" / "jrnl_export.json"
    run("import", "--from", "jrnl", str(jrnl))
    shard = (home / "entries" / "2026-09.json").read_bytes()
    assert b"First week" not in shard and not shard.startswith(b"{")
    exported = json.loads(run("export").stdout)
    assert [e["note"].split("\n")[0] for e in exported["entries"]][:1] == [
        "First week without a drink."
    ]


def test_an_entry_changed_only_in_the_file_is_not_called_edited_in_both_places(
    rich_home: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.json"
    run("export", "--output", str(old))
    run("edit", f"{16:032x}", "--mood", "5")  # edited here only, after the export
    text = run("import", str(old)).stdout
    assert "Edited in both places" not in text
    assert "Different here and in the file (the newer wins when both say when):" in text
    assert "entry 00000000 (note, 2026-11-20): kept yours (yours was edited more recently)" in text


def person_home(home: Path, phone: str, updated: str | None) -> None:
    journal = fixture_journal()
    journal.people[0]["phone"] = phone
    if updated:
        journal.people[0]["updated"] = at(updated)
    build_home(home, journal, [])


def test_a_newer_person_in_the_file_replaces_yours_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_home(switch_home(monkeypatch, tmp_path / "a"), "555-0111", "2026-11-20T10:00:00")
    exported = tmp_path / "a.json"
    run("export", "--output", str(exported))
    here = switch_home(monkeypatch, tmp_path / "b")
    person_home(here, "555-0100", "2026-11-02T10:00:00")
    result = json.loads(run("import", str(exported), "-f", "json").stdout)
    assert result["conflicts"] == [
        {
            "what": "a person in your support network",
            "kept": "imported",
            "why": "the details differ; it was changed more recently",
        }
    ]
    assert result["replaced"] == {"people": 1}
    assert result["backup"]
    people = json.loads(run("people", "list", "-f", "json").stdout)
    assert [p["phone"] for p in people] == ["555-0111"]
    # The same file again: nothing changes and nothing is reported as different.
    before = files_of(here)
    again = json.loads(run("import", str(exported), "-f", "json").stdout)
    assert again["conflicts"] == [] and again["replaced"] == {} and again["added"] == {}
    assert files_of(here) == before


def test_an_older_person_in_the_file_keeps_yours(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_home(switch_home(monkeypatch, tmp_path / "a"), "555-0111", "2026-11-01T10:00:00")
    exported = tmp_path / "a.json"
    run("export", "--output", str(exported))
    person_home(switch_home(monkeypatch, tmp_path / "b"), "555-0100", "2026-11-02T10:00:00")
    result = json.loads(run("import", str(exported), "-f", "json").stdout)
    assert result["conflicts"] == [
        {
            "what": "a person in your support network",
            "kept": "yours",
            "why": "the details differ; yours was changed more recently",
        }
    ]
    assert result["replaced"] == {}
    people = json.loads(run("people", "list", "-f", "json").stdout)
    assert [p["phone"] for p in people] == ["555-0100"]
    text = run("import", str(exported)).stdout
    assert "a person in your support network: kept yours (the details differ; yours was" in text
