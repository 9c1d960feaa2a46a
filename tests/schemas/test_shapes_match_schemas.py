"""The typed shapes in services/shapes.py and the shipped JSON Schemas name the same keys,
required and optional alike, so neither can drift from the other."""

from __future__ import annotations

import json
from typing import Any

import pytest

from recoverylog.services import shapes
from recoverylog.services.schemas import schema_text

# (typed shape, schema, where the object is inside the schema: keys joined by "/")
PAIRS: list[tuple[Any, str, str]] = [
    (shapes.StatusJson, "status", ""),
    (shapes.LastSevenDaysJson, "status", "properties/last_7_days"),
    (shapes.SupportStatusJson, "status", "properties/support"),
    (shapes.SponsorContactJson, "status", "properties/support/properties/sponsors/items"),
    (shapes.GoalProgressJson, "status", "$defs/goal_progress"),
    (shapes.ClockJson, "status", "$defs/clock"),
    (shapes.NextMilestoneJson, "status", "$defs/next_milestone"),
    (shapes.ClockDetailJson, "clock-show", ""),
    (shapes.ExportJson, "export", ""),
    (shapes.ExportJournalJson, "export", "properties/journal"),
    (shapes.InsightsJson, "insights", ""),
    (shapes.InsightsPeriodJson, "insights", "properties/period"),
    (shapes.PreviousPeriodJson, "insights", "properties/previous_period"),
    (shapes.InsightsCravingsJson, "insights", "properties/cravings"),
    (shapes.CravingCountJson, "insights", "properties/cravings/properties/previous"),
    (shapes.SpanJson, "insights", "$defs/span"),
    (shapes.WhenJson, "insights", "properties/when"),
    (shapes.TriggersJson, "insights", "properties/triggers"),
    (shapes.TriggerJson, "insights", "properties/triggers/properties/top/items"),
    (shapes.TriggerKindJson, "insights", "properties/triggers/properties/kinds/items"),
    (shapes.HaltJson, "insights", "properties/halt"),
    (shapes.CopingJson, "insights", "properties/coping/items"),
    (shapes.OutcomesJson, "insights", "properties/outcomes"),
    (shapes.IntensityBandJson, "insights", "properties/outcomes/properties/by_intensity/items"),
    (shapes.InsightsLapseJson, "insights", "properties/lapses/items"),
    (shapes.CleanDaysJson, "insights", "properties/clean_days/items"),
    (shapes.ShareWindowJson, "insights", "$defs/share_window"),
    (shapes.CleanCalendarJson, "insights", "properties/clean_days/items/properties/calendar"),
    (
        shapes.CalendarRangeJson,
        "insights",
        "properties/clean_days/items/properties/calendar/properties/ranges/items",
    ),
    (
        shapes.WeeklyScoreJson,
        "insights",
        "properties/clean_days/items/properties/weekly_scores/items",
    ),
    (shapes.SelfCheckJson, "insights", "properties/selfchecks/items"),
    (shapes.ObservationJson, "insights", "properties/observations/items"),
]


def _object(schema: str, path: str) -> dict[str, Any]:
    node: Any = json.loads(schema_text(schema))
    for key in path.split("/") if path else []:
        node = node[int(key)] if isinstance(node, list) else node[key]
    found: dict[str, Any] = node
    return found


@pytest.mark.parametrize(
    ("shape", "schema", "path"), PAIRS, ids=lambda v: getattr(v, "__name__", None)
)
def test_a_typed_shape_names_the_keys_its_schema_names(shape: Any, schema: str, path: str) -> None:
    node = _object(schema, path)
    assert set(shape.__required_keys__) == set(node["required"])
    assert set(shape.__required_keys__ | shape.__optional_keys__) == set(node["properties"])
