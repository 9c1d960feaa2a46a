"""The shapes of the JSON the services hand to the CLI, as typed dictionaries.

Each mirrors a JSON Schema under data/schemas (tests/schemas checks that the keys agree),
so a renamed or forgotten key is a type error here before it is a broken script there.
"""

# No postponed annotations here: NotRequired must be visible at run time, where the
# schema tests read which keys are optional.
from typing import Any, NotRequired, TypedDict

from recoverylog.domain.insights.mood_json import MoodJson


class TimeLeftJson(TypedDict):
    days_left: int
    minutes_left: NotRequired[int]  # only for a milestone at a known moment


class NextMilestoneJson(TypedDict):
    label: str
    date: str
    at: NotRequired[str | None]  # only for a milestone at a known moment
    days_left: int
    minutes_left: NotRequired[int]  # likewise
    progress: float


class ClockJson(TypedDict):
    name: str
    clean_since: str
    clean_since_at: str | None
    current_run_start: str
    current_run_start_at: str | None
    current_run_started: bool
    started: bool
    starts_in_days: int
    days: int
    minutes_clean: int | None
    current_run_days: int
    longest_run_days: int
    total_clean_days: int
    share_clean: float | None
    lapses: int
    money_saved: float | None
    hours_saved: float | None
    scheme: str
    reset_on_lapse: bool
    next_milestone: NextMilestoneJson | None


class ClockDetailJson(ClockJson):
    """'clock show': the summary, with the clock's costs, its runs and its lapses."""

    cost_per_day: float | None
    hours_per_day: float | None
    runs: list[dict[str, Any]]
    lapse_history: list[dict[str, Any]]


class LastSevenDaysJson(TypedDict):
    since: str
    cravings: int
    average_intensity: float | None
    cravings_passed: int
    meetings: int
    contacts: int
    lapses: int


class SponsorContactJson(TypedDict):
    name: str
    last_contact: str | None
    days_since_contact: int | None


class GoalProgressJson(TypedDict):
    kind: str
    count: int
    days: int
    start: str
    repeat: bool
    window_start: str
    window_end: str
    done: int
    day: int
    reached: bool
    finished: bool
    name: NotRequired[str]  # the technique or tag of a coping or tag goal


class SupportStatusJson(TypedDict):
    sponsors: list[SponsorContactJson]
    week_start: str
    meetings_this_week: int
    goals: list[GoalProgressJson]


class NudgeJson(TypedDict):
    """The line for the hours cravings most often come (services/nudges.py)."""

    text: str
    weekday: str
    start: str  # HH:00, local
    end: str  # HH:00, not included


class StatusJson(TypedDict):
    today: str
    currency: str
    clocks: list[ClockJson]
    last_7_days: LastSevenDaysJson
    support: SupportStatusJson
    nudge: NudgeJson | None


# --- export ------------------------------------------------------------------------


class ExportJournalJson(TypedDict):
    """journal.toml as stored, without its file version. Clocks, techniques and people
    are kept as their stored tables, keys recoverylog does not know included."""

    clocks: list[dict[str, Any]]
    toolkit: list[dict[str, Any]]
    people: list[dict[str, Any]]
    plan: NotRequired[dict[str, Any]]  # only when there is a plan, or a goal
    goals: NotRequired[dict[str, Any]]


class ExportJson(TypedDict):
    """Dates and moments are date and datetime objects until the document is written."""

    kind: str
    export_version: int
    schema_versions: dict[str, int]
    config: dict[str, Any]
    journal: ExportJournalJson
    entries: list[dict[str, Any]]


# --- insights ----------------------------------------------------------------------


class InsightsPeriodJson(TypedDict):
    since: str
    until: str
    days: int
    timezone: str


class PreviousPeriodJson(TypedDict):
    since: str
    until: str


class CravingCountJson(TypedDict):
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class SpanJson(TypedDict):
    """The cravings of one week or month of the period."""

    start: str
    end: str
    days: int
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class InsightsCravingsJson(TypedDict):
    count: int
    average_intensity: float | None
    peak_intensity: int | None
    previous: CravingCountJson
    change: int
    change_share: float | None
    direction: str
    intensity_change: float | None
    comparable: bool
    tracked_since: str | None
    months: list[SpanJson]
    weeks: list[SpanJson]


class WhenJson(TypedDict):
    weekdays: list[str]
    blocks: list[str]
    grid: list[list[int]]
    by_weekday: list[int]
    by_hour: list[int]


class TriggerJson(TypedDict):
    name: str
    count: int
    cravings: int
    average_intensity: float | None
    kind: str | None


class TriggerKindJson(TypedDict):
    kind: str
    count: int
    average_intensity: float | None


class TriggersJson(TypedDict):
    top: list[TriggerJson]
    kinds: list[TriggerKindJson]


class HaltJson(TypedDict):
    cravings: int
    with_any: int
    counts: dict[str, int]  # every HALT state, in HALT order


class CopingJson(TypedDict):
    technique: str
    times_used: int
    cravings: int
    passed_with: int
    known_with: int
    pass_rate_with: float | None
    passed_without: int
    known_without: int
    pass_rate_without: float | None
    average_helped: float | None
    ratings: int
    enough_data: bool


class IntensityBandJson(TypedDict):
    low: int
    high: int
    passed: int
    used: int
    unknown: int


class OutcomesJson(TypedDict):
    cravings: int
    passed: int
    used: int
    unknown: int
    pass_rate: float | None
    average_duration_min: float | None
    with_duration: int
    average_intensity_passed: float | None
    average_intensity_used: float | None
    by_intensity: list[IntensityBandJson]


class InsightsLapseJson(TypedDict):
    clock: str
    at: str


class ShareWindowJson(TypedDict):
    since: str | None
    until: str | None
    days: int
    counted: int
    clean: int
    lapse_days: int
    lapses: int
    share: float | None


class CalendarRangeJson(TypedDict):
    start: str
    end: str
    status: str


class CleanCalendarJson(TypedDict):
    start: str
    end: str
    ranges: list[CalendarRangeJson]


class WeeklyScoreJson(TypedDict):
    date: str
    score: float


class CleanDaysJson(TypedDict):
    clock: str
    today: str
    total_clean_days: int
    day_one_minutes: int | None
    score: float | None
    shares: dict[str, ShareWindowJson]  # window in days ("30") -> share
    calendar: CleanCalendarJson
    weekly_scores: list[WeeklyScoreJson]


class SelfCheckJson(TypedDict):
    week_start: str
    date: str
    total: int
    answers: list[int]
    clock: str | None


class ObservationJson(TypedDict):
    section: str
    text: str


class InsightsJson(TypedDict):
    insights_version: int
    period: InsightsPeriodJson
    previous_period: PreviousPeriodJson
    clock: str | None
    cravings: InsightsCravingsJson
    when: WhenJson
    triggers: TriggersJson
    halt: HaltJson
    coping: list[CopingJson]
    outcomes: OutcomesJson
    lapses: list[InsightsLapseJson]
    clean_days: list[CleanDaysJson]
    selfchecks: list[SelfCheckJson]
    observations: list[ObservationJson]
    mood: MoodJson


class SyncJson(TypedDict):
    engine: str  # "git", or "copies" when only a sync tool's copies were merged
    remote: str | None
    branch: str | None
    committed: bool
    sent: int
    received: int
    first_push: bool
    merged: list[str]
    kept: list[str]


class CopyJson(TypedDict):
    path: str | None  # None: there was nothing to copy yet
    created: str | None
    files: int
    entries: int
    encrypted: bool


class MeetingListJson(TypedDict):
    source: str
    imported: str
    meetings: int


class NextMeetingJson(TypedDict):
    name: str
    starts: str
    ends: str | None
    on_now: bool
    time: str
    timezone: str | None
    attendance: str
    location: str | None
    address: str | None
    region: str | None
    url: str | None
    fellowship: str | None


class MeetingsNextJson(TypedDict):
    now: str
    timezone: str
    list: MeetingListJson | None
    next: list[NextMeetingJson]
