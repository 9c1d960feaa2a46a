"""`recoverylog people ...` and `log contact`, through the CLI against a real home."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from support_helpers import ok


def people_json(cli: Any) -> list[dict[str, Any]]:
    return json.loads(ok(cli, "people", "list", "--format", "json").stdout)


def stored_people(home: Path) -> list[dict[str, Any]]:
    return tomllib.loads((home / "journal.toml").read_text())["people"]


def test_add_and_list_people_sponsor_first(cli: Any, home: Path) -> None:
    ok(cli, "people", "add", "Alex", "--role", "peer", "--email", "alex@example.org")
    added = ok(cli, "people", "add", "Sam", "--role", "Sponsor", "--phone", "555 0100")
    assert added.stdout.strip() == "Added Sam (sponsor, 555 0100)."
    ok(cli, "people", "add", "Mum", "--role", "family", "--note", "call after 6pm")
    rows = people_json(cli)
    assert [r["name"] for r in rows] == ["Sam", "Alex", "Mum"]
    assert rows[0] == {
        "name": "Sam",
        "role": "sponsor",
        "phone": "555 0100",
        "email": None,
        "note": None,
        "last_contact": None,
        "days_since_contact": None,
    }
    assert stored_people(home)[2] == {"name": "Mum", "role": "family", "note": "call after 6pm"}
    plain = ok(cli, "people", "list").stdout
    assert "Sam   sponsor" in plain and "none logged yet" in plain


def test_people_list_when_empty_says_how_to_start(cli: Any) -> None:
    result = ok(cli, "people", "list")
    assert result.stdout == ""
    assert "recoverylog people add NAME --role sponsor" in result.stderr


def test_adding_someone_twice_or_with_bad_details_is_refused(cli: Any, home: Path) -> None:
    ok(cli, "people", "add", "Sam")
    twice = cli("people", "add", "  sam ")
    assert twice.exit_code == 2
    assert "'Sam' is already in your support network" in twice.stderr
    assert "people edit 'Sam'" in twice.stderr
    assert cli("people", "add", "Jo", "--role", "boss").exit_code == 2
    assert cli("people", "add", "Jo", "--phone", "call me").exit_code == 2
    assert cli("people", "add", "Jo", "--email", "jo").exit_code == 2
    assert [p["name"] for p in stored_people(home)] == ["Sam"]


def test_edit_changes_clears_and_renames(cli: Any, home: Path) -> None:
    ok(cli, "people", "add", "Sam", "--role", "peer", "--phone", "555 0100", "--note", "hi")
    ok(cli, "log", "contact", "Sam", "--at", "3 days ago")
    edited = ok(cli, "people", "edit", "sam", "--role", "sponsor", "--phone", "", "--note", "")
    assert edited.stdout.strip() == "Updated Sam (sponsor)."
    ok(cli, "people", "edit", "Sam", "--name", "Samantha", "--email", "s@example.org")
    (person,) = stored_people(home)
    assert person == {
        "name": "Samantha",
        "role": "sponsor",
        "email": "s@example.org",
        "aliases": ["Sam"],
    }
    # The contact logged under the old name still counts.
    assert people_json(cli)[0]["days_since_contact"] == 3
    nothing = cli("people", "edit", "Samantha")
    assert nothing.exit_code == 2 and "nothing to change" in nothing.stderr


def test_remove_asks_first_and_keeps_contacts(cli: Any, home: Path) -> None:
    ok(cli, "people", "add", "Sam")
    ok(cli, "log", "contact", "Sam")
    declined = cli("people", "remove", "Sam", input="n\n")
    assert declined.exit_code == 0
    assert [p["name"] for p in stored_people(home)] == ["Sam"]
    removed = ok(cli, "people", "remove", "sam", input="y\n")
    assert "Removed Sam" in removed.stdout
    assert stored_people(home) == []
    contacts = json.loads(ok(cli, "list", "--type", "contact", "--format", "json").stdout)
    assert [c["person"] for c in contacts] == ["Sam"]


def test_unknown_person_gets_did_you_mean(cli: Any) -> None:
    ok(cli, "people", "add", "Alex", "--role", "peer")
    result = cli("people", "remove", "Alec", "--yes")
    assert result.exit_code == 3
    assert "Error: 'Alec' is not in your support network" in result.stderr
    assert "Hint: did you mean 'Alex'?" in result.stderr


def test_log_contact_with_a_known_person(cli: Any) -> None:
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    logged = ok(cli, "log", "contact", "  SAM ", "--via", "in person", "--note", "coffee")
    assert "Logged contact: Sam · in-person · “coffee”" in logged.stdout
    (entry,) = json.loads(ok(cli, "list", "--format", "json").stdout)
    assert (entry["type"], entry["person"], entry["via"]) == ("contact", "Sam", "in-person")


def test_log_contact_needs_a_known_person_unless_new(cli: Any, home: Path) -> None:
    ok(cli, "people", "add", "Alex")
    unknown = cli("log", "contact", "Alexa")
    assert unknown.exit_code == 3
    assert "did you mean 'Alex'?" in unknown.stderr
    assert not (home / "entries").exists() or not list((home / "entries").iterdir())
    added = ok(cli, "log", "contact", "Jo", "--new", "--via", "text")
    assert "Added Jo to your support network;" in added.stderr
    near = ok(cli, "log", "contact", "Alx", "--new")  # new, but close to someone known
    assert "Added Alx to your support network (there is also Alex)" in near.stderr
    assert [p["name"] for p in stored_people(home)] == ["Alex", "Jo", "Alx"]
    again = ok(cli, "log", "contact", "jo", "--new")  # already known: not added twice
    assert "Added" not in again.stderr
    assert len(stored_people(home)) == 3


def test_log_contact_rejects_an_unknown_way(cli: Any) -> None:
    ok(cli, "people", "add", "Sam")
    result = cli("log", "contact", "Sam", "--via", "pigeon")
    assert result.exit_code == 2
    assert "not a way of reaching out" in result.stderr


def test_an_unknown_contact_is_told_about_new(cli: Any) -> None:
    nobody = cli("log", "contact", "Robin")
    assert nobody.exit_code == 3
    assert "Hint: to add them as you log it: recoverylog log contact 'Robin' --new" in (
        nobody.stderr
    )
    ok(cli, "people", "add", "Sam", "--role", "sponsor")
    close = cli("log", "contact", "Sma")
    assert close.exit_code == 3
    assert "did you mean 'Sam'? If 'Sma' is someone new, add --new" in close.stderr
    far = cli("log", "contact", "Robin")
    assert "recoverylog log contact 'Robin' --new" in far.stderr


def test_someone_like_an_existing_person(cli: Any) -> None:
    from recoverylog.domain.model import Journal
    from recoverylog.services.people import similar_person

    journal = Journal(people=[{"name": "Sam", "role": "sponsor"}])
    assert similar_person(journal, "Sma") == "Sam"
    assert similar_person(journal, "sam") is None  # the same person, not someone like them
    assert similar_person(journal, "Robin") is None
