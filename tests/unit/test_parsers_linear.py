"""Every parser takes linear time on any input: a 1 MB value is refused (or read) in a
moment, never after minutes of backtracking. Run in a child process, so that a parser
that hangs fails the test at the time-out instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    from datetime import UTC, datetime
    from recoverylog.domain import checkin, crisis, fields, milestones, people, selfcheck, timeparse

    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    MB = 1_000_000
    shapes = ["1" * MB + "!", "1m" * (MB // 2) + "!", "1 " * (MB // 2) + "x",
              "2026-" * (MB // 5), "a" * MB, "9" * MB, "9:30pm " * (MB // 7),
              "last " * (MB // 5), "20 nov " * (MB // 7), "an hour " * (MB // 8) + "ago",
              "2026-11-20t21:30:00+05:30" * (MB // 25)]
    parsers = [
        lambda t: timeparse.parse_when(t, now),
        lambda t: timeparse.parse_past(t, now),
        lambda t: timeparse.parse_start(t, now),
        lambda t: timeparse.parse_bound(t, now),
        lambda t: timeparse.parse_day(t, now),
        timeparse.parse_duration,
        milestones.parse_step,
        selfcheck.parse_answers,
        people.phone,
        people.email,
        checkin.difficulty,
        checkin.clean_answer,
        checkin.halt_text,
        crisis.country_code,
        fields.note,
    ]
    for parse in parsers:
        for shape in shapes:
            try:
                parse(shape)
            except Exception:
                pass  # refusing is fine; taking minutes is not
    print("done")
    """
)


def test_every_parser_is_linear_on_a_megabyte() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip() == "done", result.stderr


def test_a_megabyte_duration_in_a_csv_import_is_refused_quickly(tmp_path: Path) -> None:
    csv = tmp_path / "big.csv"
    cell = "1" * 100_000 + "!"  # the csv module takes fields up to 128 KiB
    csv.write_text(
        "id,type,at,clock,intensity,duration_min,note\n"
        + "".join(f",craving,2026-11-01T10:00:00+00:00,,5,{cell},\n" for _ in range(5))
    )
    result = subprocess.run(
        [sys.executable, "-m", "recoverylog", "import", str(csv), "--from", "csv", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"RECOVERYLOG_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "row 2: duration_min:" in result.stdout and "too long" in result.stdout
