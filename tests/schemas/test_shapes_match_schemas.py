"""The typed shapes in services/shapes.py and reports/shapes.py and the shipped JSON
Schemas name the same keys, required and optional alike, so neither can drift from the
other."""

from __future__ import annotations

import json
from typing import Any

import pytest

from recoverylog.reports import shapes as report
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
    (shapes.NudgeJson, "status", "$defs/nudge"),
    (shapes.ClockDetailJson, "clock-show", ""),
    (shapes.ExportJson, "export", ""),
    (shapes.SyncJson, "sync", ""),
    (shapes.CopyJson, "backup-copy", ""),
    (shapes.MeetingsNextJson, "meetings-next", ""),
    (shapes.MeetingListJson, "meetings-next", "properties/list/oneOf/1"),
    (shapes.NextMeetingJson, "meetings-next", "$defs/meeting"),
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
    (report.ReportJson, "report", ""),
    (report.SharedJson, "report", "properties/shared"),
    (report.PeriodJson, "report", "$defs/period"),
    (report.ReportClockJson, "report", "properties/clocks/items"),
    (report.InPeriodJson, "report", "properties/clocks/items/properties/in_period"),
    (
        report.ReachedMilestoneJson,
        "report",
        "properties/clocks/items/properties/milestones_reached/items",
    ),
    (
        report.UpcomingMilestoneJson,
        "report",
        "properties/clocks/items/properties/next_milestones/items",
    ),
    (report.ReportLapseJson, "report", "properties/lapses/items"),
    (report.ReportCravingsJson, "report", "properties/cravings"),
    (report.CravingStatsJson, "report", "properties/cravings/properties/previous"),
    (report.DayStatsJson, "report", "$defs/day_stats"),
    (report.WeekStatsJson, "report", "properties/cravings/properties/by_week/items"),
    (report.WeekdayCountJson, "report", "properties/cravings/properties/by_weekday/items"),
    (report.PartOfDayCountJson, "report", "properties/cravings/properties/by_part_of_day/items"),
    (report.HourStatsJson, "report", "properties/cravings/properties/by_hour/items"),
    (report.ReportTriggerJson, "report", "properties/cravings/properties/triggers/items"),
    (report.ReportHaltJson, "report", "properties/cravings/properties/halt"),
    (
        report.HaltStateJson,
        "report",
        "properties/cravings/properties/halt/properties/states/items",
    ),
    (report.ReportOutcomesJson, "report", "properties/cravings/properties/outcomes"),
    (report.ReportCopingJson, "report", "properties/coping"),
    (report.CopingTechniqueJson, "report", "properties/coping/properties/techniques/items"),
    (report.PeerSupportJson, "report", "properties/peer_support"),
    (report.MeetingsJson, "report", "properties/peer_support/properties/meetings"),
    (
        report.MeetingJson,
        "report",
        "properties/peer_support/properties/meetings/properties/list/items",
    ),
    (report.ContactsJson, "report", "properties/peer_support/properties/contacts"),
    (
        report.ContactPersonJson,
        "report",
        "properties/peer_support/properties/contacts/properties/people/items",
    ),
    (report.ReportGoalJson, "report", "$defs/report_goal"),
    (report.CheckinsJson, "report", "properties/checkins/anyOf/0"),
    (
        report.CheckinAnswersJson,
        "report",
        "properties/checkins/anyOf/0/properties/answers/items",
    ),
    (report.ReportSelfCheckJson, "report", "properties/selfchecks/items"),
    (report.ComingUpJson, "report", "properties/coming_up/items"),
    (report.CalendarJson, "report", "properties/calendar"),
    (report.CalendarDayJson, "report", "properties/calendar/properties/days/items"),
    (report.NoteJson, "report", "properties/notes/items"),
    (report.JournalNoteJson, "report", "properties/journal/items"),
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
