"""`prompt` reads the segment of the present moment from changes the glance keeps, so
that it needs no calendar of its own. These tests hold that lookup to the clock's own
count at every moment, and the quick start's folders to platformdirs' answer."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rhythm_helpers import ok

from recoverylog.domain.glance import clock_today, segment, segment_changes
from recoverylog.domain.moments import day_of, days_start_at, local_moment
from recoverylog.domain.segment import segment_at
from recoverylog.folders import usual_folders
from recoverylog.paths import resolve_layout

ZONES = ["UTC", "Europe/Dublin", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kolkata"]
FORM = "{days}|{total}|{next}|{next_in}|{clock}"


@st.composite
def clocks(draw: Any, zone: ZoneInfo) -> dict[str, Any]:
    """A clock as the glance keeps it, with or without known start moments."""
    since = draw(st.dates(date(2025, 1, 1), date(2027, 6, 1)))
    run = since + timedelta(days=draw(st.integers(0, 120)))

    def moment(day: date) -> str | None:
        if not draw(st.booleans()):
            return None
        wall = time(
            draw(st.integers(0, 23)),
            draw(st.sampled_from([0, 30, 59])),
            draw(st.sampled_from([0, 59])),
            draw(st.sampled_from([0, 500_000])),  # a moment kept to the microsecond
        )
        return local_moment(datetime.combine(day, wall), zone).isoformat()

    milestones = []
    for step in sorted(draw(st.lists(st.integers(0, 400), max_size=4, unique=True))):
        day = since + timedelta(days=step)
        milestones.append({"label": f"{step} days", "date": day.isoformat(), "at": moment(day)})
    return {
        "name": "alcohol",
        "reset": draw(st.booleans()),
        "since": since.isoformat(),
        "since_at": moment(since),
        "run": run.isoformat(),
        "run_at": moment(run),
        "earlier_days": draw(st.integers(0, 300)),
        "lapses": draw(st.integers(0, 3)),
        "milestones": milestones,
    }


@settings(max_examples=150, deadline=None)
@given(data=st.data(), zone_name=st.sampled_from(ZONES), late=st.booleans())
def test_the_changes_give_the_clocks_count_at_every_moment(
    data: st.DataObject, zone_name: str, late: bool
) -> None:
    zone = ZoneInfo(zone_name)
    days_start_at(time(4) if late else time(0))
    try:
        clock = data.draw(clocks(zone))
        offset = data.draw(st.integers(-40 * 86400, 420 * 86400))
        since = date.fromisoformat(clock["since"])
        start = datetime.combine(since, time(0), tzinfo=zone) + timedelta(seconds=offset)
        start = start.replace(microsecond=0)
        end = start + timedelta(days=61)
        changes = segment_changes(clock, FORM, start, end)
        until = int(end.timestamp())
        probes = {int(start.timestamp()), until - 1}
        for second, _ in changes:
            probes |= {int(second) - 1, int(second)}
        probes |= set(data.draw(st.lists(st.integers(int(start.timestamp()), until - 1))))
        for second in sorted(p for p in probes if start.timestamp() <= p < until):
            now = datetime.fromtimestamp(second, zone)
            expected = segment(FORM, clock_today(clock, day_of(now), now))
            assert segment_at(changes, until, second) == expected, now.isoformat()
        assert segment_at(changes, until, until) is None  # beyond them: the full path
        assert segment_at(changes, until, int(start.timestamp()) - 1) is None
    finally:
        days_start_at(time(0))


USUAL = [
    {"HOME": "/home/sam"},
    {"HOME": "/home/sam/", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""},
    {"HOME": "/home/sam", "XDG_DATA_HOME": "/data/sam", "XDG_CONFIG_HOME": "/conf/sam"},
    {"HOME": "/", "XDG_CONFIG_HOME": "/conf/sam"},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the quick folders are Linux's")
@pytest.mark.parametrize("variables", USUAL)
def test_the_quick_folders_are_the_ones_platformdirs_gives(
    variables: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "RECOVERYLOG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    layout = resolve_layout(None)
    assert usual_folders(variables, "linux") == (str(layout.config_dir), str(layout.data_dir))


@pytest.mark.parametrize(
    "variables",
    [{"HOME": "home/sam"}, {"HOME": "/home/sam", "XDG_DATA_HOME": "data"}, {"ANDROID_DATA": "/d"}],
)
def test_anything_unusual_is_left_to_platformdirs(variables: dict[str, str]) -> None:
    assert usual_folders(variables, "linux") is None
    assert usual_folders({"HOME": "/Users/sam"}, "darwin") is None


SCRIPT = str(Path(sys.executable).parent / "recoverylog")


def script(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_another_time_zone_counts_its_own_day(cli: Any, home: Path, alcohol: None) -> None:
    """At 20:00 in London it is already the next day on Kiritimati (UTC+14)."""
    assert script("prompt").stdout == "62d\n"
    assert script("prompt", RECOVERYLOG_TIMEZONE="Pacific/Kiritimati").stdout == "63d\n"
    assert script("prompt").stdout == "62d\n"


def test_months_without_a_write_still_count(cli: Any, home: Path, alcohol: None) -> None:
    later = script("prompt", RECOVERYLOG_NOW="2027-03-01T12:00:00+00:00")
    assert later.stdout == "160d\n"
    again = script("prompt", RECOVERYLOG_NOW="2027-03-02T12:00:00+00:00")
    assert again.stdout == "161d\n"


def test_a_naive_frozen_time_is_read_in_the_glances_zone(
    cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERYLOG_TIMEZONE", "America/St_Johns")  # UTC-3:30
    ok(cli, "clock", "add", "alcohol", "--since", "2026-09-22")
    assert script("prompt", RECOVERYLOG_NOW="2026-11-24T00:30:00").stdout == "63d\n"
    assert script("prompt", RECOVERYLOG_NOW="2026-11-23T23:59:00").stdout == "62d\n"
