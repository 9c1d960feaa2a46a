"""Small words that read right: no Python type names, no 'at at', no 'All 1 files'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("log", "craving", "abc"), "the intensity is a whole number from 0 to 10"),
        (("log", "note", "hi", "--mood", "good"), "the mood is a whole number from 1 to 5"),
        (("edit", "abcd1234", "--helped", "lots"), "the rating is a whole number from 1 to 5"),
    ],
)
def test_a_number_that_is_not_one_is_named_in_words(cli: Any, args: tuple, said: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "valid int" not in result.stderr


def test_a_damaged_month_is_described_without_a_doubled_word(cli: Any, home: Path) -> None:
    assert cli("log", "note", "hi").exit_code == 0
    (month,) = (home / "entries").iterdir()
    month.write_text('{"schema_version": 2, "month": "2026-11", "entries": [\n{"note": "a\tb"}]}')
    result = cli("doctor")
    assert "Invalid control character, at line 2" in result.stdout
    assert " at at " not in result.stdout


def test_one_file_looks_fine(cli: Any) -> None:
    assert cli("clock", "add", "alcohol", "--since", "2026-10-01").exit_code == 0
    assert cli("doctor").stdout.strip() == "The 1 file looks fine."
    assert cli("log", "note", "hi").exit_code == 0
    assert cli("doctor").stdout.strip() == "All 2 files look fine."


def test_removing_someone_names_them_and_their_role(cli: Any) -> None:
    assert cli("people", "add", "Jo from group", "--role", "peer").exit_code == 0
    result = cli("people", "remove", "Jo from group", input="n\n")
    assert "Remove Jo from group (peer) from your support network?" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("list", "--limit", "abc"), "'abc' is not a whole number"),
        (("clock", "add", "x", "--cost-per-day", "lots"), "'lots' is not a number"),
    ],
)
def test_no_option_names_a_python_type(cli: Any, args: tuple, said: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "valid int" not in result.stderr and "float" not in result.stderr
