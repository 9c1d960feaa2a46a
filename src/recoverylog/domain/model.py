"""The things recoverylog records. Pure data: no I/O, no clock reads.

Every record keeps the keys it does not know in ``extra`` so that a file written by
a newer version, or edited by hand, loses nothing when this version rewrites it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class EntryType(StrEnum):
    CRAVING = "craving"
    TRIGGER = "trigger"
    COPING = "coping"
    MEETING = "meeting"
    NOTE = "note"
    CONTACT = "contact"
    CHECKIN = "checkin"
    SELFCHECK = "selfcheck"


class Halt(StrEnum):
    HUNGRY = "hungry"
    ANGRY = "angry"
    LONELY = "lonely"
    TIRED = "tired"


class Outcome(StrEnum):
    PASSED = "passed"
    USED = "used"


class TriggerKind(StrEnum):
    PEOPLE = "people"
    PLACE = "place"
    THING = "thing"
    TIME = "time"
    THOUGHT = "thought"
    EMOTION = "emotion"
    BODY = "body"
    OTHER = "other"


class Fellowship(StrEnum):
    AA = "AA"
    NA = "NA"
    SMART = "SMART"
    CA = "CA"
    GA = "GA"
    CMA = "CMA"
    AL_ANON = "Al-Anon"
    NAR_ANON = "Nar-Anon"
    RECOVERY_DHARMA = "Recovery Dharma"
    LIFERING = "LifeRing"
    REFUGE_RECOVERY = "Refuge Recovery"
    CELEBRATE_RECOVERY = "Celebrate Recovery"
    OTHER = "other"  # or "other:NAME", the name as written


# The fields each entry type carries besides the common ones, in display order.
TYPE_FIELDS: dict[EntryType, tuple[str, ...]] = {
    EntryType.CRAVING: ("intensity", "duration_min", "triggers", "halt", "coping", "outcome"),
    EntryType.TRIGGER: ("text", "kind", "halt"),
    EntryType.COPING: ("technique", "helped", "craving_id"),
    EntryType.MEETING: ("name", "fellowship", "online"),
    EntryType.NOTE: ("mood",),
    EntryType.CONTACT: ("person", "via"),
    # The daily check-in: clean today (lapsed: the clocks with a lapse), how hard the day
    # was, mood, HALT, gratitudes, a short inventory, the morning's intention, and the
    # hours slept (optional).
    EntryType.CHECKIN: (
        "clean",
        "difficulty",
        "mood",
        "halt",
        "lapsed",
        "gratitude",
        "resentful",
        "dishonest",
        "afraid",
        "tomorrow",
        "intention",
        "slept",
    ),
    # A weekly craving self-check: five answers 0-6 and their total 0-30.
    EntryType.SELFCHECK: ("answers", "total"),
}

# The question a journal note answers ('log note --prompt'): kept among the entry's
# extra keys, not its fields, so only a note that answers one has the key.
PROMPT_KEY = "prompt"

# The tables of a file that say when each thing in it was last changed, and which things
# were deleted when: what a merge of two computers' versions needs (domain/sync_merge.py).
# journal.toml has both; a month file has the second (its entries keep their own times).
CHANGED_KEY = "changed"
DELETED_KEY = "deleted"

ID_HEX_LENGTH = 32
SHORT_ID_LENGTH = 8
MIN_PREFIX_LENGTH = 4


def new_id() -> str:
    """A random 128-bit id as hex; shown short (first 8 characters)."""
    return os.urandom(ID_HEX_LENGTH // 2).hex()  # what secrets.token_hex does, unloaded


def short_id(entry_id: str) -> str:
    return entry_id[:SHORT_ID_LENGTH]


@dataclass
class Entry:
    """One logged event. ``data`` holds the type's own fields (see TYPE_FIELDS)."""

    id: str
    type: EntryType
    at: datetime
    clock: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def month(self) -> str:
        """The month shard this entry lives in: the calendar month of its own time."""
        return self.at.strftime("%Y-%m")

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


@dataclass
class Lapse:
    """A single use after quitting. The run ends on ``at``; the next starts on ``restart``,
    or at the moment ``restart_at`` when the person gave a time of day (its local date is
    ``restart``)."""

    id: str
    at: datetime
    restart: date
    note: str | None = None
    triggers: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    restart_at: datetime | None = None

    def set_restart(self, start: date | datetime) -> None:
        """A day, or (a datetime) a moment in the person's time zone."""
        self.restart, self.restart_at = split_start(start)


@dataclass
class Clock:
    """Something a person is staying away from, with its whole history.

    ``clean_since`` is the first clean day. When the person gave a time of day ("since
    22:00"), ``clean_since_at`` holds that moment (aware, in their time zone, on the day
    ``clean_since``) and clean time counts real hours from it; otherwise it is None and
    clean time counts calendar days, the start day being day 0."""

    name: str
    clean_since: date
    cost_per_day: float | None = None
    hours_per_day: float | None = None
    scheme: str | None = None
    # The user's choice: after a lapse, do milestones count from the new run (True)
    # or keep counting from the original clean-since date (False)?
    reset_on_lapse: bool = True
    lapses: list[Lapse] = field(default_factory=list)
    created: datetime | None = None
    # The latest milestone date already celebrated, so each is shown once.
    celebrated_through: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    clean_since_at: datetime | None = None

    def set_start(self, start: date | datetime) -> None:
        """A day, or (a datetime) a moment in the person's time zone."""
        self.clean_since, self.clean_since_at = split_start(start)

    def sorted_lapses(self) -> list[Lapse]:
        return sorted(self.lapses, key=lambda lapse: lapse.at)


@dataclass
class Technique:
    """A coping technique in the person's toolkit."""

    name: str
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Journal:
    """Everything small and hand-editable: clocks, toolkit, people, plan, goals.

    people: tables with keys name, role, phone, email, note (role: sponsor, peer,
    counsellor, family, other). goals: {"meetings": {"count", "days", "start"},
    "contacts": {...}}. plan: the relapse-prevention plan's sections.
    """

    clocks: list[Clock] = field(default_factory=list)
    toolkit: list[Technique] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] = field(default_factory=dict)
    goals: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def clock_names(self) -> list[str]:
        return [clock.name for clock in self.clocks]

    def find_clock(self, name: str) -> Clock | None:
        # Both sides normalised: a name edited by hand into journal.toml may not be.
        wanted = normalise_name(name).casefold()
        return next((c for c in self.clocks if normalise_name(c.name).casefold() == wanted), None)

    def find_technique(self, name: str) -> Technique | None:
        wanted = name.casefold()
        return next((t for t in self.toolkit if t.name.casefold() == wanted), None)


def split_start(start: date | datetime) -> tuple[date, datetime | None]:
    """A start given as a day or a moment -> (its day, the moment or None)."""
    if isinstance(start, datetime):
        return start.date(), start
    return start, None


def normalise_name(text: str) -> str:
    """Trim and collapse inner whitespace; names compare case-insensitively."""
    return " ".join(text.split())
