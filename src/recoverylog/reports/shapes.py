"""The shape of a report (``report --format json``), as typed dictionaries.

It mirrors data/schemas/report.schema.json (tests/schemas checks that the keys agree).
A received report is read back as a plain mapping and checked by ``reports.document``,
so only the report built here is typed. Counts by a word (by role, by fellowship...)
stay plain dictionaries: their key names the word.
"""

# No postponed annotations here: NotRequired must be visible at run time, where the
# schema tests read which keys are optional.
from typing import Any, NotRequired, TypedDict

from recoverylog.domain.insights.mood_json import MoodJson


class PeriodJson(TypedDict):
    since: str
    until: str
    days: int


class SharedJson(TypedDict):
    """What the audience and --include share, one flag per part."""

    notes: bool
    names: bool
    lapse_details: bool
    journal: bool
    calendar: bool
    mood: NotRequired[bool]  # only when the mood section is shared


class BannerJson(TypedDict):
    """What the report shares in the person's own words, and what it leaves out."""

    shared_as_written: list[str]
    left_out: list[str]
    banner: list[str]


# --- clocks --------------------------------------------------------------------------


class InPeriodJson(TypedDict):
    days_counted: int
    clean_days: int
    lapse_days: int
    lapses: int
    share_clean: float | None


class AtJson(TypedDict, total=False):
    """A milestone's moment, for one at a known time of day."""

    at: str


class KeytagJson(TypedDict, total=False):
    """A milestone's keytag colour, for a scheme that has them."""

    keytag: str


class ReachedMilestoneJson(TypedDict):
    label: str
    date: str
    at: NotRequired[str]
    keytag: NotRequired[str]
    run_from: str  # the run it was reached in


class UpcomingMilestoneJson(TypedDict):
    label: str
    date: str
    at: NotRequired[str]
    days_left: int
    keytag: NotRequired[str]


class ReportClockJson(TypedDict):
    name: str
    clean_since: str
    clean_since_at: str | None
    counting_from: str
    counting_from_at: str | None
    started: bool
    current_run_started: bool
    days: int
    minutes_clean: int | None
    current_run_days: int
    longest_run_days: int
    total_clean_days: int
    days_since_first_clean_day: int
    share_clean: float | None
    lapses_total: int
    trend_score: float | None
    scheme: str | None
    in_period: InPeriodJson
    milestones_reached: list[ReachedMilestoneJson]
    next_milestones: list[UpcomingMilestoneJson]


class ReportLapseJson(TypedDict):
    clock: str
    date: str
    time: str
    next_run_from: str
    triggers: NotRequired[list[str]]  # lapse details only
    note: NotRequired[str | None]  # likewise


# --- cravings ------------------------------------------------------------------------


class CravingStatsJson(TypedDict):
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class DayStatsJson(TypedDict):
    date: str
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class WeekStatsJson(TypedDict):
    since: str
    until: str
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class HourStatsJson(TypedDict):
    hour: int
    count: int
    average_intensity: float | None
    peak_intensity: int | None


class WeekdayCountJson(TypedDict):
    day: str
    count: int


class PartOfDayCountJson(TypedDict):
    part: str
    hours: str
    count: int


class ReportTriggerJson(TypedDict):
    name: str
    count: int
    cravings: int
    average_intensity: float | None
    kind: str | None


class HaltStateJson(TypedDict):
    state: str
    count: int
    share: float | None


class ReportHaltJson(TypedDict):
    cravings: int
    with_any: int
    states: list[HaltStateJson]


class ReportOutcomesJson(TypedDict):
    passed: int
    used: int
    unknown: int
    pass_rate: float | None
    average_duration_min: float | None


class ReportCravingsJson(TypedDict):
    count: int
    average_intensity: float | None
    peak_intensity: int | None
    previous: CravingStatsJson
    previous_from_first_clean_day: str | None
    previous_tracked: bool
    change: int | None
    direction: str | None
    by_day: list[DayStatsJson]
    by_week: list[WeekStatsJson]
    by_weekday: list[WeekdayCountJson]
    by_part_of_day: list[PartOfDayCountJson]
    by_hour: list[HourStatsJson]
    busiest_weekday: str | None
    busiest_part_of_day: str | None
    triggers: list[ReportTriggerJson]
    halt: ReportHaltJson
    outcomes: ReportOutcomesJson


# --- coping, peer support, check-ins -------------------------------------------------


class CopingTechniqueJson(TypedDict):
    name: str
    times_used: int
    average_helped: float | None
    cravings: int
    passed_with: int
    known_with: int
    pass_rate: float | None
    enough_data: bool


class ReportCopingJson(TypedDict):
    techniques: list[CopingTechniqueJson]
    worked_best: str | None


class ReportGoalJson(TypedDict):
    count: int
    days: int
    repeat: bool
    goal_start: str
    start: str  # the current round
    end: str
    done: int
    day: int
    finished: bool


class OwnGoalJson(ReportGoalJson):
    """A goal beyond meetings and contacts: check-ins, self-checks, a technique, a tag."""

    kind: str
    name: str | None  # the technique or tag, shared only with notes


class MeetingJson(TypedDict):
    date: str
    name: str | None
    fellowship: str | None
    online: bool


class MeetingsJson(TypedDict):
    count: int
    in_person: int
    online: int
    by_fellowship: list[dict[str, Any]]
    list: list[MeetingJson]
    goal: ReportGoalJson | None


class ContactPersonJson(TypedDict):
    name: str
    role: str
    count: int


class ContactsJson(TypedDict):
    count: int
    by_role: list[dict[str, Any]]
    by_via: list[dict[str, Any]]
    goal: ReportGoalJson | None
    people: NotRequired[list[ContactPersonJson]]  # only when names are shared


class PeerSupportJson(TypedDict):
    meetings: MeetingsJson
    contacts: ContactsJson


class CheckinAnswersJson(TypedDict):
    date: str
    gratitude: list[str]
    intention: str | None
    tomorrow: str | None


class CheckinsJson(TypedDict):
    count: int
    clean: int
    not_clean: int
    difficulty: list[dict[str, Any]]
    average_mood: float | None
    answers: NotRequired[list[CheckinAnswersJson]]  # only when notes are shared


class ReportSelfCheckJson(TypedDict):
    week_start: str
    date: str
    total: int


class ComingUpJson(TypedDict):
    date: str
    kind: str  # milestone or goal
    label: str
    clock: str | None
    days_left: int
    at: NotRequired[str]  # a milestone at a known moment
    repeat: NotRequired[bool]  # a goal


# --- the parts only some audiences see -----------------------------------------------


class CalendarDayJson(TypedDict):
    date: str
    weekday: str
    statuses: dict[str, str]  # clock name -> clean, lapse or no data
    cravings: int
    peak_intensity: int | None


class CalendarJson(TypedDict):
    clocks: list[str]
    days: list[CalendarDayJson]


class NoteJson(TypedDict):
    at: str
    type: str
    note: str


class JournalNoteJson(TypedDict):
    at: str
    text: str
    mood: int | None
    prompt: NotRequired[str]  # the question the note answers, when there is one


class ReportJson(TypedDict):
    report_version: int
    kind: str
    generated: str
    timezone: str
    prepared_by: str | None
    audience: str
    shared: SharedJson
    shared_as_written: list[str]
    left_out: list[str]
    banner: list[str]
    period: PeriodJson
    previous_period: PeriodJson
    clock_filter: str | None
    clocks: list[ReportClockJson]
    lapses: list[ReportLapseJson]
    cravings: ReportCravingsJson
    coping: ReportCopingJson
    peer_support: PeerSupportJson
    checkins: CheckinsJson | None
    selfchecks: list[ReportSelfCheckJson]
    coming_up: list[ComingUpJson]
    goals: NotRequired[list[OwnGoalJson]]  # only when there are such goals
    calendar: NotRequired[CalendarJson]
    notes: NotRequired[list[NoteJson]]
    journal: NotRequired[list[JournalNoteJson]]
    mood: NotRequired[MoodJson]  # only when shared: a person's own copy, or --include mood
