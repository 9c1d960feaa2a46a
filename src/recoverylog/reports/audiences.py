"""Who a report is for (its own small module: the report command loads it at start)."""

from enum import StrEnum


class Audience(StrEnum):
    """Who a report is for: the least is shared with a sponsor, a day-by-day calendar
    is added for a clinician, and everything is in one's own copy."""

    SPONSOR = "sponsor"
    SELF = "self"
    CLINICIAN = "clinician"
