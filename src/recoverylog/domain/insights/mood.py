"""Mood by week, and how mood and cravings differ on days with and without a meeting, a
contact, a coping technique, enough sleep or a tag. Pure.

A day's mood is the mean of the moods recorded that local day (check-ins and notes);
only days with a mood are compared. These are patterns in the person's own log: the
words say what goes with what, never what causes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from recoverylog.domain.insights.cravings import CravingDayTally
from recoverylog.domain.insights.measures import average, name_key
from recoverylog.domain.insights.period import Period
from recoverylog.domain.model import Entry, EntryType
from recoverylog.domain.moments import day_of
from recoverylog.domain.text import plural

MIN_DAYS = 7  # days each side needs before two sides are compared
ENOUGH_SLEEP_HOURS = 7
MIN_TAG_DAYS = 3  # a tag is compared once it was used on this many days
MAX_TAGS = 5  # the tags used on the most days
PATTERNS_NOT_CAUSES = (
    "These are patterns in your own log, not causes: a day can go with something "
    "without one making the other."
)

# What a day held, as bits: several of each in a day count once.
MEETING, CONTACT, COPING = 1, 2, 4
FACTOR_BITS = {"meeting": MEETING, "contact": CONTACT, "coping": COPING}
_TYPE_BITS = {EntryType.MEETING: MEETING, EntryType.CONTACT: CONTACT, EntryType.COPING: COPING}


class MoodSpan(NamedTuple):
    """A calendar week or month, clipped to the period: its days with a mood and their
    mean."""

    start: date
    end: date
    days_with_mood: int
    average: float | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class MoodSide(NamedTuple):
    """The days on one side of a comparison: how many, their mood, and their cravings."""

    days: int
    mood: float | None
    cravings_per_day: float | None
    average_intensity: float | None


class MoodComparison(NamedTuple):
    """Days with a mood, split by one thing: ``factor`` is meeting, contact, coping,
    sleep or tag (``tag`` then names it)."""

    factor: str
    tag: str | None
    with_side: MoodSide
    without_side: MoodSide

    @property
    def enough(self) -> bool:
        return min(self.with_side.days, self.without_side.days) >= MIN_DAYS


class MoodStats(NamedTuple):
    """The mood section of the insights."""

    days_with_mood: int
    average: float | None
    weeks: tuple[MoodSpan, ...]
    months: tuple[MoodSpan, ...]
    comparisons: tuple[MoodComparison, ...]


NO_MOOD = MoodStats(0, None, (), (), ())


class MoodTally:
    """Each day's moods, what the day held and the hours slept, fed one entry at a time."""

    def __init__(self, period: Period) -> None:
        self.since = period.since
        size = period.days
        self.totals = [0] * size  # the sum of the day's moods
        self.counts = [0] * size  # how many moods the day has
        self.flags = [0] * size  # MEETING | CONTACT | COPING
        self.slept: list[float | None] = [None] * size  # the most hours a check-in gave
        self.tags: dict[str, set[int]] = {}  # tag key -> the days (indexes) it was used
        self.tag_names: dict[str, str] = {}  # tag key -> its spelling (the first in order)

    def add(self, entry: Entry, local: datetime) -> None:
        self.add_on(entry, day_of(local))

    def add_on(self, entry: Entry, day: date) -> None:
        """``add`` for a caller that has worked out the entry's day already."""
        kind, data = entry.type, entry.data
        if kind is EntryType.CRAVING:
            bit = COPING if data.get("coping") else 0
        else:
            bit = _TYPE_BITS.get(kind, 0)
        has_mood = kind is EntryType.CHECKIN or kind is EntryType.NOTE
        if not (bit or has_mood or entry.tags):
            return  # most entries: nothing to count here
        index = (day - self.since).days
        self.flags[index] |= bit
        if has_mood:
            self._add_mood(index, data.get("mood"))
            if kind is EntryType.CHECKIN:
                self._add_slept(index, data.get("slept"))
        for tag in entry.tags:
            self._add_tag(index, tag)

    def _add_mood(self, index: int, mood: Any) -> None:
        if isinstance(mood, int) and not isinstance(mood, bool):
            self.totals[index] += mood
            self.counts[index] += 1

    def _add_slept(self, index: int, hours: Any) -> None:
        if isinstance(hours, int | float) and not isinstance(hours, bool):
            known = self.slept[index]
            self.slept[index] = hours if known is None else max(known, hours)

    def _add_tag(self, index: int, tag: str) -> None:
        key = name_key(tag)
        if not key:
            return
        self.tags.setdefault(key, set()).add(index)
        known = self.tag_names.get(key)
        self.tag_names[key] = tag if known is None else min(known, tag)

    def merge(self, other: MoodTally) -> None:
        """Add the days of ``other``, a tally of the same period."""
        if other.since != self.since or len(other.counts) != len(self.counts):
            raise ValueError("only tallies of the same period can be merged")
        for i, count in enumerate(other.counts):
            self.totals[i] += other.totals[i]
            self.counts[i] += count
            self.flags[i] |= other.flags[i]
            hours = other.slept[i]
            if hours is not None:
                self._add_slept(i, hours)
        for key, days in other.tags.items():
            self.tags.setdefault(key, set()).update(days)
            for_key = other.tag_names[key]
            known = self.tag_names.get(key)
            self.tag_names[key] = for_key if known is None else min(known, for_key)

    def result(self, cravings: CravingDayTally) -> MoodStats:
        """The section, with the cravings of each day from ``cravings`` (same period)."""
        days = [i for i, count in enumerate(self.counts) if count]
        means = {i: self.totals[i] / self.counts[i] for i in days}
        return MoodStats(
            days_with_mood=len(days),
            average=_mean(list(means.values())),
            weeks=tuple(self._spans(means, lambda d: d - timedelta(days=d.weekday()))),
            months=tuple(self._spans(means, lambda d: (d.year, d.month))),
            comparisons=tuple(self._comparisons(days, means, cravings)) if days else (),
        )

    def _spans(self, means: dict[int, float], span_of: Callable[[date], object]) -> list[MoodSpan]:
        """One row per week (or month) from the first with a mood; none without moods."""
        if not means:
            return []
        rows: list[MoodSpan] = []
        start = 0
        for i in range(1, len(self.counts) + 1):
            if i == len(self.counts) or span_of(self._day(i)) != span_of(self._day(start)):
                found = [means[d] for d in range(start, i) if d in means]
                rows.append(MoodSpan(self._day(start), self._day(i - 1), len(found), _mean(found)))
                start = i
        first = next(n for n, row in enumerate(rows) if row.days_with_mood)
        return rows[first:]

    def _day(self, index: int) -> date:
        return self.since + timedelta(days=index)

    def _comparisons(
        self, days: list[int], means: dict[int, float], cravings: CravingDayTally
    ) -> list[MoodComparison]:
        out = [
            _split(name, {i for i in days if self.flags[i] & bit}, days, means, cravings)
            for name, bit in FACTOR_BITS.items()
            if bit != COPING
        ]
        # Coping is mostly logged with a craving, and a day with a craving is often a
        # harder one: compared over every day, coping would seem to go with worse days.
        # So it is compared among the days that had a craving.
        craving_days = [i for i in days if cravings.counts[i]]
        used = {i for i in craving_days if self.flags[i] & COPING}
        out.insert(2, _split("coping", used, craving_days, means, cravings))
        slept = [i for i in days if self.slept[i] is not None]
        if slept:
            enough = {i for i in slept if (self.slept[i] or 0) >= ENOUGH_SLEEP_HOURS}
            out.append(_split("sleep", enough, slept, means, cravings))
        for key in self._common_tags():
            tag = self.tag_names[key]
            out.append(_split("tag", self.tags[key], days, means, cravings, tag))
        return out

    def _common_tags(self) -> list[str]:
        """The tags used on at least MIN_TAG_DAYS days: the most used first, then by name."""
        common = [key for key, used in self.tags.items() if len(used) >= MIN_TAG_DAYS]
        common.sort(key=lambda key: (-len(self.tags[key]), key))
        return common[:MAX_TAGS]


def _split(
    factor: str,
    marked: set[int],
    days: list[int],
    means: dict[int, float],
    cravings: CravingDayTally,
    tag: str | None = None,
) -> MoodComparison:
    """``days`` compared: those in ``marked`` against the rest."""
    with_days = [i for i in days if i in marked]
    without = [i for i in days if i not in marked]
    return MoodComparison(
        factor, tag, _side(with_days, means, cravings), _side(without, means, cravings)
    )


def _side(days: list[int], means: dict[int, float], cravings: CravingDayTally) -> MoodSide:
    count = sum(cravings.counts[i] for i in days)
    total = sum(cravings.totals[i] for i in days)
    return MoodSide(
        days=len(days),
        mood=_mean([means[i] for i in days]),
        cravings_per_day=average(count, len(days)),
        average_intensity=average(total, count),
    )


def _mean(values: list[float]) -> float | None:
    return average(sum(values), len(values))


# --- words ---------------------------------------------------------------------------

# Each factor: the days with it, the days without it, its name, and the days without
# it in the cravings' short sentence.
_WORDS = {
    "meeting": ("with a meeting", "without", "meetings", "without"),
    "contact": ("with a contact", "without", "contacts", "without"),
    "coping": (
        "with a craving and a coping technique",
        "with a craving and none",
        "coping techniques on days with a craving",
        "without",
    ),
    "sleep": (
        f"with {ENOUGH_SLEEP_HOURS} hours of sleep or more",
        "with less",
        "sleep",
        "with less",
    ),
}


def _words(c: MoodComparison) -> tuple[str, str, str, str]:
    if c.factor == "tag":
        return f"tagged '{c.tag}'", "without", f"the tag '{c.tag}'", "without"
    return _WORDS[c.factor]


def comparison_text(c: MoodComparison) -> str:
    """One comparison in words: what goes with what, or that there are too few days."""
    with_words, without_words, name, short_without = _words(c)
    yes, no = c.with_side, c.without_side
    if not c.enough or yes.mood is None or no.mood is None:
        return (
            f"Not enough days yet to compare {name}: {plural(yes.days, 'day')} {with_words}, "
            f"{no.days} {without_words}; {MIN_DAYS} each are needed."
        )
    return (
        f"On days {with_words} your mood averaged {yes.mood:.1f}, {without_words} "
        f"{no.mood:.1f} ({yes.days} and {no.days} days). "
        f"Cravings: {yes.cravings_per_day or 0:.1f} a day {with_words.split()[0]}, "
        f"{no.cravings_per_day or 0:.1f} {short_without}."
    )
