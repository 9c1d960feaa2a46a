"""What a report counts from the entries, as the store reads them. Pure.

The entries pass once, in the store's order, a month at a time: each part keeps only
its counts and the few rows a report lists (meetings, check-ins, notes), never the
entries themselves, so a report over years holds no more than a month of them. Names
and hidden words are hidden later, when the report is built from these tallies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from recoverylog.domain.goals import Goal, GoalUse, goal_use
from recoverylog.domain.insights.build import InsightsTally
from recoverylog.domain.insights.craving_times import HourTally
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import PROMPT_KEY, Clock, Entry, EntryType
from recoverylog.domain.moments import day_of, day_starts
from recoverylog.reports.sharing import PEOPLE

CHECKIN_WORDS = ("gratitude", "intention", "tomorrow")  # answers in the person's own words


def text_key(text: str) -> str:
    """Text as compared: spacing and case do not matter."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Meeting:
    at: datetime
    name: Any
    fellowship: Any
    online: Any


@dataclass(frozen=True)
class Contact:
    person: str  # as written, spacing tidied; "" when not said
    via: str


@dataclass(frozen=True)
class Checkin:
    at: datetime
    clean: bool  # said clean, with no lapse that day on a clock it covers
    not_clean: bool
    difficulty: Any
    mood: Any
    answers: dict[str, Any] | None  # its answers in the person's own words, if any


@dataclass(frozen=True)
class Note:
    at: datetime
    type: EntryType
    text: str
    mood: Any
    prompt: str | None = None  # the question a journal note answers, if any


@dataclass
class PeopleFound:
    """Who the entries name: triggers of the kind 'people', and contacts' people."""

    trigger_keys: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    def add(self, entry: Entry) -> None:
        if entry.type is EntryType.TRIGGER and entry.get("kind") == PEOPLE:
            self.trigger_keys.add(text_key(str(entry.get("text") or "")))
        elif entry.type is EntryType.CONTACT and entry.get("person"):
            self.names.add(text_key(str(entry.get("person"))))

    def merge(self, other: PeopleFound) -> None:
        self.trigger_keys |= other.trigger_keys
        self.names |= other.names


@dataclass
class PeerSupport:
    """Meetings and contacts of the period (for every clock), and the local days of all
    of them read, for goals that began before the period."""

    meetings: list[Meeting] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    goal_days: dict[EntryType, list[date]] = field(
        default_factory=lambda: {EntryType.MEETING: [], EntryType.CONTACT: []}
    )

    def add(self, entry: Entry, day: date, in_period: bool) -> None:
        days = self.goal_days.get(entry.type)
        if days is None:
            return
        days.append(day)
        if not in_period:
            return
        if entry.type is EntryType.MEETING:
            self.meetings.append(
                Meeting(entry.at, entry.get("name"), entry.get("fellowship"), entry.get("online"))
            )
        else:
            person = " ".join(str(entry.get("person") or "").split())
            self.contacts.append(Contact(person, str(entry.get("via") or "not said")))

    def merge(self, other: PeerSupport) -> None:
        """Add the rows and days of ``other``, fed after this one."""
        self.meetings.extend(other.meetings)
        self.contacts.extend(other.contacts)
        for kind, days in other.goal_days.items():
            self.goal_days.setdefault(kind, []).extend(days)


@dataclass
class GoalUses:
    """The uses of each goal beyond meetings and contacts (check-ins, self-checks, a
    technique, a tag) among every entry read, by the goal's key."""

    goals: Sequence[Goal] = ()
    uses: dict[str, list[GoalUse]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        for goal in self.goals:
            use = goal_use(goal, entry)
            if use is not None:
                self.uses.setdefault(goal.key, []).append(use)

    def merge(self, other: GoalUses) -> None:
        for key, uses in other.uses.items():
            self.uses.setdefault(key, []).extend(uses)


class ReportTally:
    """Everything a report counts, fed the entries a batch at a time in the store's
    order, oldest first; they must cover the period before and any goal's round."""

    def __init__(
        self,
        period: Period,
        tz: tzinfo,
        clock: str | None,
        clocks: Sequence[Clock],
        spelling: Iterable[str] = (),
        notes: bool = False,
        goals: Sequence[Goal] = (),
    ) -> None:
        self.period, self.tz, self.clocks = period, tz, clocks
        self.wanted = clock.casefold() if clock is not None else None
        self.keep_notes = notes
        self.spelling = tuple(spelling)
        self.insights = InsightsTally(period, tz, clock, spelling=self.spelling)
        self.hours = HourTally()
        self.people = PeopleFound()
        self.peer = PeerSupport()
        self.goals = GoalUses(tuple(goals))
        self.checkins: list[Checkin] = []
        self.notes: list[Note] = []

    def add(self, entries: Iterable[Entry]) -> None:
        self.insights.add(self._counted(entries))

    def merge(self, other: ReportTally) -> None:
        """Add the counts of ``other``, a tally of the same report fed the entries that
        come after this one's (a month counted on its own, say): the same as feeding
        them here."""
        # Check-ins' "clean" depends on the clocks' lapses.
        same = (other.wanted, other.keep_notes, other.tz, list(other.clocks))
        if same != (self.wanted, self.keep_notes, self.tz, list(self.clocks)):
            raise ValueError("only tallies of the same period, clocks and notes can be merged")
        self.insights.merge(other.insights)
        self.hours.merge(other.hours)
        self.people.merge(other.people)
        self.peer.merge(other.peer)
        self.goals.merge(other.goals)
        self.checkins.extend(other.checkins)
        self.notes.extend(other.notes)

    def for_period(self, period: Period) -> ReportTally:
        """An empty tally that counts as this one does, over another period (one
        month file's days, counted on their own)."""
        return ReportTally(
            period,
            self.tz,
            self.insights.clock,
            self.clocks,
            self.spelling,
            self.keep_notes,
            self.goals.goals,
        )

    def counting_key(self) -> str:
        """Everything but the entries and the period that this tally's counts depend
        on: counts kept under one key may be added only to a tally with the same key."""
        lapses = [[c.name, [lapse.at.isoformat() for lapse in c.lapses]] for c in self.clocks]
        # Only when there are such goals: the counts kept before them stay good.
        goals = {"goals": [g.key for g in self.goals.goals]} if self.goals.goals else {}
        return json.dumps(
            {
                **goals,
                "clock": self.wanted,
                "notes": self.keep_notes,
                "zone": str(self.tz),
                "day_starts": day_starts().isoformat(),
                "toolkit": self.spelling,
                "lapses": lapses,  # a check-in said clean on a lapse day is not clean
            },
            ensure_ascii=False,
        )

    def _counted(self, entries: Iterable[Entry]) -> Iterator[Entry]:
        """The entries, unchanged, each counted here on its way to the insights."""
        for entry in entries:
            day = day_of(entry.at)
            in_period = self.period.contains(day)
            self.people.add(entry)
            self.peer.add(entry, day, in_period)
            self.goals.add(entry)
            if in_period and self._in_scope(entry):
                self._add_scoped(entry, day)
            yield entry

    def _in_scope(self, entry: Entry) -> bool:
        """About the report's clock (every entry when it covers every clock)."""
        wanted = self.wanted
        return wanted is None or (entry.clock is not None and entry.clock.casefold() == wanted)

    def _add_scoped(self, entry: Entry, day: date) -> None:
        """An entry of the period about the report's clock."""
        if entry.type is EntryType.CRAVING:
            self.hours.add(entry, entry.at)
        elif entry.type is EntryType.CHECKIN:
            self.checkins.append(_checkin(entry, day, self.clocks))
        if self.keep_notes and entry.note:
            self.notes.append(
                Note(entry.at, entry.type, entry.note, entry.get("mood"), _asked(entry))
            )


def _asked(entry: Entry) -> str | None:
    asked = entry.extra.get(PROMPT_KEY)
    return asked if entry.type is EntryType.NOTE and isinstance(asked, str) else None


def _checkin(entry: Entry, day: date, clocks: Sequence[Clock]) -> Checkin:
    clean = _said_clean(entry, day, clocks)
    said = entry.get("clean")
    answers = {key: entry.get(key) for key in CHECKIN_WORDS}
    return Checkin(
        at=entry.at,
        clean=clean,
        # Said not clean, or said clean on a day with a lapse on a clock it covers.
        not_clean=said is False or (said is True and not clean),
        difficulty=entry.get("difficulty"),
        mood=entry.get("mood"),
        answers=answers if any(answers.values()) else None,
    )


def _said_clean(entry: Entry, day: date, clocks: Sequence[Clock]) -> bool:
    """Clean, and no clock the check-in covers (its own, or every clock) has a lapse
    recorded on its day."""
    if entry.get("clean") is not True:
        return False
    wanted = entry.clock.casefold() if entry.clock else None
    return not any(
        day_of(lapse.at) == day
        for clock in clocks
        if wanted is None or clock.name.casefold() == wanted
        for lapse in clock.lapses
    )
