"""The typed shapes in services/shapes.py and the shipped JSON Schemas name the same keys,
required and optional alike, so neither can drift from the other."""

from __future__ import annotations

import json
from typing import Any

import pytest

from recoverylog.services import shapes
from recoverylog.services.schemas import schema_text

# (typed shape, schema, path to the object inside the schema)
PAIRS: list[tuple[Any, str, tuple[str, ...]]] = [
    (shapes.StatusJson, "status", ()),
    (shapes.LastSevenDaysJson, "status", ("properties", "last_7_days")),
    (shapes.SupportStatusJson, "status", ("properties", "support")),
    (
        shapes.SponsorContactJson,
        "status",
        ("properties", "support", "properties", "sponsors", "items"),
    ),
    (shapes.GoalProgressJson, "status", ("$defs", "goal_progress")),
    (shapes.ClockJson, "status", ("$defs", "clock")),
    (shapes.NextMilestoneJson, "status", ("$defs", "next_milestone")),
    (shapes.ClockDetailJson, "clock-show", ()),
]


def _object(schema: str, path: tuple[str, ...]) -> dict[str, Any]:
    node: dict[str, Any] = json.loads(schema_text(schema))
    for key in path:
        node = node[key]
    return node


@pytest.mark.parametrize(
    ("shape", "schema", "path"), PAIRS, ids=lambda v: getattr(v, "__name__", None)
)
def test_a_typed_shape_names_the_keys_its_schema_names(
    shape: Any, schema: str, path: tuple[str, ...]
) -> None:
    node = _object(schema, path)
    assert set(shape.__required_keys__) == set(node["required"])
    assert set(shape.__required_keys__ | shape.__optional_keys__) == set(node["properties"])
