"""The shipped schemas: valid draft 2020-12, versioned the same way everywhere, printed
by 'recoverylog schema', and checked only by the tests (jsonschema is not a dependency)."""

from __future__ import annotations

import ast
import json
from importlib.metadata import requires
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from schema_helpers import load_schema

import recoverylog
from recoverylog.services.schemas import schema_names

NAMES = schema_names()
# Documents that carry their own version: the schema's version is that number.
VERSION_KEYS = {
    "report": "report_version",
    "insights": "insights_version",
    "export": "export_version",
}


def test_the_schemas_are_found() -> None:
    """Control: the parametrised tests below have schemas to look at."""
    assert {"list", "show", "status", "report", "insights", "export"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_valid_and_names_its_version(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    version = schema["version"]
    assert isinstance(version, int) and version >= 1
    assert schema["$id"] == f"urn:recoverylog:schema:{name}:{version}"
    assert schema["title"].startswith("recoverylog ")


@pytest.mark.parametrize("name", sorted(VERSION_KEYS))
def test_a_version_key_in_the_document_is_the_schema_version(name: str) -> None:
    schema = load_schema(name)
    assert schema["properties"][VERSION_KEYS[name]] == {"const": schema["version"]}
    assert VERSION_KEYS[name] in schema["required"]


def test_a_definition_shared_by_several_schemas_reads_the_same_in_each() -> None:
    """Each schema stands alone (its own $defs); a definition kept in several places,
    such as an entry, must not drift apart."""
    seen: dict[str, tuple[str, Any]] = {}
    drifted = []
    for name in NAMES:
        for key, definition in load_schema(name).get("$defs", {}).items():
            first = seen.setdefault(key, (name, definition))
            if first[1] != definition:
                drifted.append(f"$defs/{key}: {first[0]} and {name} differ")
    assert drifted == []
    assert {"date", "moment", "record", "clock", "goal_progress"} <= set(seen)


def test_schema_alone_lists_the_names_one_per_line(cli: Any) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == NAMES


def test_schema_lists_the_names_as_json(cli: Any) -> None:
    result = cli("schema", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == NAMES


def test_schema_name_prints_the_schema_as_shipped(cli: Any, home: Path) -> None:
    result = cli("schema", "status")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == load_schema("status")
    assert not home.exists()  # no journal needed, none made


def test_an_unknown_schema_is_not_found_and_the_names_are_listed(cli: Any) -> None:
    result = cli("schema", "stauts")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "Error: there is no schema named 'stauts'" in result.stderr
    assert "status" in result.stderr


def test_jsonschema_is_for_the_tests_only() -> None:
    package = Path(recoverylog.__file__).parent
    importers = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            if any(m.split(".")[0] == "jsonschema" for m in modules):
                importers.append(path.name)
    assert importers == []
    runtime = [r for r in requires("recoverylog") or [] if "extra ==" not in r]
    assert runtime and not any(r.startswith("jsonschema") for r in runtime)
