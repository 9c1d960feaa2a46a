"""The JSON of goals of your own and of the newer fellowships matches the schemas, as
shipped and strictly (every key named)."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from schema_helpers import COMMAND_SCHEMAS, load_schema, strict


def _ok(cli: Any, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def test_goals_of_your_own_and_fellowships_match_the_schemas(cli: Any) -> None:
    _ok(cli, "log", "meeting", "Group", "--fellowship", "nar-anon")
    _ok(cli, "log", "meeting", "Group", "--fellowship", "other:Women for Sobriety")
    _ok(cli, "log", "craving", "4", "--coping", "urge surfing", "--tag", "gym")
    _ok(cli, "goal", "set", "meetings", "3", "--days", "7", "--repeat")
    _ok(cli, "goal", "set", "checkins", "1", "--days", "1", "--repeat")
    _ok(cli, "goal", "set", "selfchecks", "1", "--days", "7", "--repeat")
    _ok(cli, "goal", "set", "coping", "urge surfing", "3", "--days", "7", "--repeat")
    _ok(cli, "goal", "set", "tag", "gym", "3", "--days", "7", "--repeat")
    problems = []
    runs = [(p, p) for p in [("goal",), ("status",), ("meetings",), ("list",), ("export",)]]
    runs += [(("report",), ("report", "--audience", "self")), (("report",), ("report",))]
    for path, args in runs:
        document = json.loads(_ok(cli, *args, "--format", "json"))
        schema = load_schema(COMMAND_SCHEMAS[path])
        for checked in (schema, strict(schema)):
            validator = Draft202012Validator(checked, format_checker=FormatChecker())
            problems += [f"{path}: {e.message[:200]}" for e in validator.iter_errors(document)]
    assert problems == []
