"""Calendar files (ics) that update: one event per clock and milestone, moved or
cancelled by a newer file instead of left behind.

"Now" is Mon 23 Nov 2026, 20:00 UTC. A clock clean since Fri 20 Nov has reached 24
hours; 1 week (27 Nov), 2 weeks (4 Dec) and 30 days (20 Dec) are next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from recoverylog.reports.milestones import to_ics

Run = Callable[..., Any]


def events(raw: str | bytes) -> list[Any]:
    return [c for c in icalendar.Calendar.from_ical(raw).walk() if c.name == "VEVENT"]


def by_title(raw: str | bytes) -> dict[str, Any]:
    found = {str(e["SUMMARY"]): e for e in events(raw)}
    assert len(found) == len(events(raw)), "one event per milestone"
    return found


def day(event: Any) -> date:
    value = event.decoded("DTSTART")
    assert type(value) is date  # all-day
    return value


def cancelled(event: Any) -> bool:
    return str(event.get("STATUS")) == "CANCELLED"


def import_into(calendar: dict[str, Any], raw: str | bytes) -> None:
    """What a calendar app does on import: same UID and a higher SEQUENCE replace."""
    for event in events(raw):
        uid = str(event["UID"])
        old = calendar.get(uid)
        if old is None or int(event["SEQUENCE"]) > int(old["SEQUENCE"]):
            calendar[uid] = event


def export(run: Run, *args: str) -> str:
    return str(run("milestones", "-f", "ics", *args).stdout)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def move_to(moment: str) -> None:
        monkeypatch.setenv("RECOVERYLOG_NOW", moment)

    return move_to


@pytest.fixture
def alcohol(run: Run) -> None:
    run("clock", "add", "alcohol", "--since", "2026-11-20")


def test_a_lapse_moves_the_same_events_with_a_higher_sequence(
    alcohol: None, run: Run, at: Callable[[str], None]
) -> None:
    before = by_title(export(run))
    assert {title: day(e) for title, e in before.items()} == {
        "1 week without alcohol": date(2026, 11, 27),
        "2 weeks without alcohol": date(2026, 12, 4),
        "30 days without alcohol": date(2026, 12, 20),
    }
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in before.values())

    at("2026-11-26T20:00:00+00:00")
    run("log", "lapse", "alcohol", "--at", "2026-11-25 21:00")  # the new run starts 26 Nov
    after = by_title(export(run))
    for title, old in before.items():
        new = after[title]
        assert str(new["UID"]) == str(old["UID"]), title
        assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]), title
        assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP"), title
    # Still among the next three: moved to the new run's days, and confirmed.
    assert (day(after["1 week without alcohol"]), day(after["2 weeks without alcohol"])) == (
        date(2026, 12, 3),
        date(2026, 12, 10),
    )
    assert not cancelled(after["1 week without alcohol"])
    # 30 days is now fourth: its old day is gone, and it is cancelled until it is near.
    assert cancelled(after["30 days without alcohol"])
    assert not cancelled(after["24 hours without alcohol"])
    assert day(after["24 hours without alcohol"]) == date(2026, 11, 27)


def test_after_a_lapse_no_event_is_left_at_an_old_day(
    alcohol: None, run: Run, at: Callable[[str], None], tmp_path: Path
) -> None:
    calendar: dict[str, Any] = {}
    first = tmp_path / "next.ics"
    run("milestones", "-o", str(first))
    import_into(calendar, first.read_bytes())
    old_days = {(uid, day(e)) for uid, e in calendar.items()}

    at("2026-11-26T20:00:00+00:00")
    run("log", "lapse", "alcohol", "--at", "2026-11-25 21:00")
    run("milestones", "-o", str(first), "--force")
    import_into(calendar, first.read_bytes())
    showing = {(uid, day(e)) for uid, e in calendar.items() if not cancelled(e)}
    assert not showing & old_days
    assert sorted((str(e["SUMMARY"]), day(e)) for e in calendar.values() if not cancelled(e)) == [
        ("1 week without alcohol", date(2026, 12, 3)),
        ("2 weeks without alcohol", date(2026, 12, 10)),
        ("24 hours without alcohol", date(2026, 11, 27)),
    ]

    # Ten days into the new run, what it reached stays, on the days it was reached,
    # and 30 days is back among the next ones.
    at("2026-12-05T20:00:00+00:00")
    run("milestones", "-o", str(first), "--force")
    import_into(calendar, first.read_bytes())
    assert sorted((str(e["SUMMARY"]), day(e)) for e in calendar.values() if not cancelled(e)) == [
        ("1 week without alcohol", date(2026, 12, 3)),
        ("2 weeks without alcohol", date(2026, 12, 10)),
        ("24 hours without alcohol", date(2026, 11, 27)),
        ("30 days without alcohol", date(2026, 12, 26)),
        ("60 days without alcohol", date(2027, 1, 25)),
    ]


def test_a_clock_without_a_lapse_keeps_to_the_next_milestones(alcohol: None, run: Run) -> None:
    found = events(export(run, "-u", "2"))
    assert [str(e["SUMMARY"]) for e in found] == [
        "1 week without alcohol",
        "2 weeks without alcohol",
    ]
    assert not any(cancelled(e) for e in found)


def test_the_same_journal_at_the_same_moment_gives_the_same_file(alcohol: None, run: Run) -> None:
    assert export(run) == export(run)


def test_discreet_titles_and_descriptions_keep_the_substance_out(
    run: Run, at: Callable[[str], None]
) -> None:
    run("clock", "add", "cannabis", "--since", "2026-08-25", "--scheme", "na")
    at("2026-11-26T20:00:00+00:00")
    run("log", "lapse", "cannabis", "--at", "2026-11-25 21:00")  # so some are cancelled
    raw = export(run, "--discreet")
    found = events(raw)
    assert any(cancelled(e) for e in found) and any(not cancelled(e) for e in found)
    assert all(str(e["SUMMARY"]).startswith("Milestone: ") for e in found)
    assert "Milestone: 30 days" in {str(e["SUMMARY"]) for e in found}
    for word in ("cannabis", "keytag", "orange", "without"):
        assert word not in raw.casefold(), word
    # The same events as the full file: switching between them updates, never doubles.
    full = events(export(run))
    assert [str(e["UID"]) for e in found] == [str(e["UID"]) for e in full]
    assert "30 days without cannabis" in {str(e["SUMMARY"]) for e in full}


def test_the_calendar_discreet_setting_and_no_discreet(alcohol: None, run: Run) -> None:
    assert run("config", "set", "calendar.discreet", "yes").stdout == "calendar.discreet = true\n"
    assert run("config", "get", "calendar.discreet").stdout == "true\n"
    assert "alcohol" not in export(run)
    assert "1 week without alcohol" in by_title(export(run, "--no-discreet"))
    run("config", "set", "calendar.discreet", "")
    assert run("config", "get", "calendar.discreet").stdout == "false\n"
    assert "1 week without alcohol" in by_title(export(run))


def test_discreet_is_only_for_calendars(alcohol: None, cli: Callable[..., Any]) -> None:
    result = cli("milestones", "-f", "txt", "--discreet")
    assert result.exit_code == 2
    assert "ics" in result.stderr and result.stdout == ""


def test_with_no_events_no_file_is_written(
    run: Run, cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "next.ics"
    result = run("milestones", "-o", str(target))
    assert not target.exists()
    assert "nothing was written" in result.stderr
    assert run("milestones", "-f", "ics").stdout == ""

    # Every milestone of a short scheme reached, and no lapse: nothing to add or move.
    run("config", "set", "schemes.short", "24h,1w")
    run("clock", "add", "gambling", "--since", "2026-10-01", "--scheme", "short")
    target.write_text("kept", encoding="utf-8")
    result = run("milestones", "-o", str(target))
    assert "nothing was written" in result.stderr
    assert target.read_text(encoding="utf-8") == "kept"


def test_names_are_flattened_escaped_and_folded() -> None:
    name = "gin\r\nand tonic; lime, ice " + "ü" * 60
    summary = {
        "today": "2026-11-23",
        "clocks": [
            {
                "clock": name,
                "counting_from": "2026-11-20",
                "achieved": [],
                "upcoming": [{"label": "1 week", "date": "2026-11-27", "days_left": 4}],
            }
        ],
    }
    raw = to_ics(summary, datetime(2026, 11, 23, 20, tzinfo=UTC)).encode()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert b"and tonic\\; lime\\, ice" in raw.replace(b"\r\n ", b"")
    [event] = events(raw)
    assert str(event["SUMMARY"]) == "1 week without gin and tonic; lime, ice " + "ü" * 60
    discreet = to_ics(summary, datetime(2026, 11, 23, 20, tzinfo=UTC), discreet=True)
    assert "gin" not in discreet and "ü" not in discreet
