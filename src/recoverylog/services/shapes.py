"""The shapes of the JSON the services hand to the CLI, as typed dictionaries.

Each mirrors a JSON Schema under data/schemas (tests/schemas checks that the keys agree),
so a renamed or forgotten key is a type error here before it is a broken script there.
"""

# No postponed annotations here: NotRequired must be visible at run time, where the
# schema tests read which keys are optional.
from typing import Any, NotRequired, TypedDict


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


class SupportStatusJson(TypedDict):
    sponsors: list[SponsorContactJson]
    week_start: str
    meetings_this_week: int
    goals: list[GoalProgressJson]


class StatusJson(TypedDict):
    today: str
    currency: str
    clocks: list[ClockJson]
    last_7_days: LastSevenDaysJson
    support: SupportStatusJson
