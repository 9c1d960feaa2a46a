"""Aggregates over entries: what the log teaches. Pure: no I/O, no clock reads.

The insights screen and the sponsor report share these functions, so a number means
the same thing everywhere. See the section "what the log teaches" below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from types import MappingProxyType

from recoverylog.domain.cleantime import clean_time, compute_runs, lapses_between
from recoverylog.domain.model import Clock, Entry, EntryType, Halt, Lapse, Outcome
from recoverylog.domain.moments import day_of, reading_window
from recoverylog.errors import InvalidInput

# --- what the log teaches: a small library of pure functions -------------------
#
# Every function below takes entries, a Period (whole local calendar days, both ends
# included) and a time zone, keeps only the entries whose local day falls in the
# period (so callers may pass a superset, such as the months the store read), and
# returns plain frozen dataclasses. The insights screen and the sponsor report use
# the same functions, so a number means the same thing everywhere.
#
# Averages are rounded to one decimal place; shares are fractions from 0 to 1, or
# None when there is nothing to divide by.

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BLOCK_HOURS = 4
# Parts of the day for each 4-hour block, in words for observations.
DAY_PARTS = ("night", "early morning", "morning", "afternoon", "early evening", "evening")
HALT_STATES = tuple(h.value for h in Halt)
ENOUGH_USES = 5  # fewer uses than this is too little data to say whether a technique works
INTENSITY_BANDS = ((0, 3), (4, 6), (7, 10))

# Clean-day statuses, one per local calendar day of a clock.
BEFORE = "before"  # before the clock's first clean day
CLEAN = "clean"
LAPSE = "lapse"
GAP = "gap"  # after a lapse, before the next run's chosen start: not counted as clean
# Loop Habit Tracker's daily multiplier for a daily habit: a half-life of 13 days.
SCORE_MULTIPLIER = 0.5 ** (1 / 13)


@dataclass(frozen=True)
class Period:
    """Whole local calendar days from ``since`` to ``until``, both included."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise InvalidInput(
                f"the period starts ({self.since}) after it ends ({self.until}); "
                "check --since and --until"
            )

    @classmethod
    def last_days(cls, days: int, today: date) -> Period:
        """The ``days`` days ending with ``today`` (today included)."""
        if days < 1:
            raise InvalidInput("a period needs at least one day")
        return cls(today - timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.since <= day <= self.until

    def bounds(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """A generous [start, end] in time for reading the store; a day either side, so a
        time-zone shift never drops an entry. The functions here then filter exactly."""
        return reading_window(self.since, self.until, tz)


def only_clock(entries: Iterable[Entry], clock: str | None) -> Iterator[Entry]:
    """Entries about one clock (case-insensitive); every entry when ``clock`` is None."""
    if clock is None:
        yield from entries
        return
    wanted = clock.casefold()
    for entry in entries:
        if entry.clock is not None and entry.clock.casefold() == wanted:
            yield entry


def _in_period(
    entries: Iterable[Entry], period: Period, tz: tzinfo
) -> Iterator[tuple[Entry, datetime]]:
    since, until = period.since, period.until
    for entry in entries:
        # Its own wall clock: the day and hour where it happened, wherever it is read.
        local = entry.at
        if since <= day_of(local) <= until:
            yield entry, local


def _avg(total: float, count: int) -> float | None:
    return round(total / count, 1) if count else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _intensity(entry: Entry) -> int:
    try:
        return int(entry.data.get("intensity") or 0)
    except (TypeError, ValueError):
        return 0


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- cravings: how many, how strong, and the trend -------------------------------


@dataclass(frozen=True)
class CravingStats:
    """How many cravings, their average and peak intensity (0-10)."""

    count: int
    average_intensity: float | None
    peak_intensity: int | None


class _Cravings:
    def __init__(self) -> None:
        self.count = 0
        self.total = 0
        self.peak: int | None = None

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        value = _intensity(entry)
        self.count += 1
        self.total += value
        self.peak = value if self.peak is None else max(self.peak, value)

    def result(self) -> CravingStats:
        return CravingStats(self.count, _avg(self.total, self.count), self.peak)


@dataclass(frozen=True)
class CravingTrend:
    """This period's cravings beside the previous period of the same length."""

    period: Period
    current: CravingStats
    previous_period: Period
    previous: CravingStats
    # The first day anything was tracked (first entry or first clock), if known.
    tracked_since: date | None = None

    @property
    def comparable(self) -> bool:
        """False when the period before lies wholly before tracking began."""
        return self.tracked_since is None or self.previous_period.until >= self.tracked_since

    @property
    def previous_partly_tracked(self) -> bool:
        """The period before began before tracking did (part of it has no data)."""
        return (
            self.comparable
            and self.tracked_since is not None
            and self.previous_period.since < self.tracked_since
        )

    @property
    def intensity_change(self) -> float | None:
        """Average intensity this period minus the period before (None if either is)."""
        now, then = self.current.average_intensity, self.previous.average_intensity
        return None if now is None or then is None else round(now - then, 1)

    @property
    def change(self) -> int:
        """Cravings this period minus cravings the period before."""
        return self.current.count - self.previous.count

    @property
    def change_share(self) -> float | None:
        """The change as a fraction of the previous count (None if there were none)."""
        return _share(self.change, self.previous.count)

    @property
    def direction(self) -> str:
        """'fewer', 'more' or 'same' than the period before."""
        if self.change < 0:
            return "fewer"
        return "more" if self.change > 0 else "same"


@dataclass(frozen=True)
class DayCravings:
    """Cravings on one local calendar day."""

    day: date
    count: int
    average_intensity: float | None
    peak_intensity: int | None


@dataclass(frozen=True)
class SpanCravings:
    """Cravings in a run of days (a calendar week or month), clipped to the period."""

    start: date
    end: date
    count: int
    average_intensity: float | None
    peak_intensity: int | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


WeekCravings = SpanCravings  # Monday to Sunday
MonthCravings = SpanCravings


class _ByDay:
    def __init__(self, period: Period) -> None:
        self.since = period.since
        size = period.days
        self.counts = [0] * size
        self.totals = [0] * size
        self.peaks: list[int | None] = [None] * size

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        index = (day_of(local) - self.since).days
        value = _intensity(entry)
        self.counts[index] += 1
        self.totals[index] += value
        peak = self.peaks[index]
        self.peaks[index] = value if peak is None else max(peak, value)

    def days(self) -> list[DayCravings]:
        return [
            DayCravings(
                self.since + timedelta(days=i),
                count,
                _avg(self.totals[i], count),
                self.peaks[i],
            )
            for i, count in enumerate(self.counts)
        ]

    def weeks(self) -> list[WeekCravings]:
        return self._spans(lambda day: day - timedelta(days=day.weekday()))

    def months(self) -> list[MonthCravings]:
        return self._spans(lambda day: (day.year, day.month))

    def _spans(self, span_of: Callable[[date], object]) -> list[SpanCravings]:
        """Consecutive days grouped by ``span_of(day)``: one row per week or month."""
        out: list[SpanCravings] = []
        days = self.days()
        i = 0
        while i < len(days):
            j = i
            while j < len(days) and span_of(days[j].day) == span_of(days[i].day):
                j += 1
            chunk = days[i:j]
            count = sum(d.count for d in chunk)
            total = sum(self.totals[i:j])
            peaks = [d.peak_intensity for d in chunk if d.peak_intensity is not None]
            peak = max(peaks) if peaks else None
            out.append(SpanCravings(chunk[0].day, chunk[-1].day, count, _avg(total, count), peak))
            i = j
        return out


def cravings_by_day(entries: Iterable[Entry], period: Period, tz: tzinfo) -> list[DayCravings]:
    """One row per local day of the period (days with no cravings included)."""
    acc = _ByDay(period)
    for entry, local in _in_period(entries, period, tz):
        acc.add(entry, local)
    return acc.days()


# --- when: weekday x hour -----------------------------------------------------


@dataclass(frozen=True)
class TimeOfDay:
    """Craving counts by local weekday (Monday first) and local hour (0-23)."""

    grid: tuple[tuple[int, ...], ...]  # 7 rows x 24 hours

    @property
    def total(self) -> int:
        return sum(map(sum, self.grid))

    @property
    def by_weekday(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.grid)

    @property
    def by_hour(self) -> tuple[int, ...]:
        return tuple(sum(row[h] for row in self.grid) for h in range(24))

    def blocks(self, hours: int = BLOCK_HOURS) -> tuple[tuple[int, ...], ...]:
        """7 rows x (24 / hours) blocks; block b covers hours b*hours to (b+1)*hours."""
        if hours < 1 or 24 % hours:
            raise ValueError("hours must divide 24")
        return tuple(
            tuple(sum(row[b : b + hours]) for b in range(0, 24, hours)) for row in self.grid
        )

    def by_block(self, hours: int = BLOCK_HOURS) -> tuple[int, ...]:
        return tuple(sum(col) for col in zip(*self.blocks(hours), strict=True))

    def busiest_weekday(self) -> int | None:
        """Index (0 = Monday) of the weekday with the most cravings; earliest on a tie."""
        counts = self.by_weekday
        return None if not any(counts) else counts.index(max(counts))

    def busiest_cell(self, hours: int = BLOCK_HOURS) -> tuple[int, int, int] | None:
        """(weekday, block, count) of the fullest weekday x block cell; earliest on a tie."""
        best: tuple[int, int, int] | None = None
        for day, row in enumerate(self.blocks(hours)):
            for block, count in enumerate(row):
                if count and (best is None or count > best[2]):
                    best = (day, block, count)
        return best


class _Times:
    def __init__(self) -> None:
        self.grid = [[0] * 24 for _ in range(7)]

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            self.grid[day_of(local).weekday()][local.hour] += 1

    def result(self) -> TimeOfDay:
        return TimeOfDay(tuple(tuple(row) for row in self.grid))


@dataclass(frozen=True)
class HourIntensity:
    """Cravings that began in one local hour of the day (0-23), and how strong they were."""

    hour: int
    count: int
    average_intensity: float | None
    peak_intensity: int | None


def intensity_by_hour(
    entries: Iterable[Entry], period: Period, tz: tzinfo
) -> tuple[HourIntensity, ...]:
    """24 rows, one per local hour: the count, average and peak intensity of the
    period's cravings that began in that hour (every day of the period together)."""
    counts = [0] * 24
    totals = [0] * 24
    peaks: list[int | None] = [None] * 24
    for entry, local in _in_period(entries, period, tz):
        if entry.type is not EntryType.CRAVING:
            continue
        value = _intensity(entry)
        hour = local.hour
        counts[hour] += 1
        totals[hour] += value
        peak = peaks[hour]
        peaks[hour] = value if peak is None else max(peak, value)
    return tuple(
        HourIntensity(hour, counts[hour], _avg(totals[hour], counts[hour]), peaks[hour])
        for hour in range(24)
    )


# --- what sets them off --------------------------------------------------------


@dataclass(frozen=True)
class TriggerStat:
    """One trigger: mentions in cravings and trigger entries, and how strong it was."""

    name: str
    count: int  # craving mentions + trigger entries
    cravings: int  # cravings that named it
    average_intensity: float | None  # of those cravings
    kind: str | None  # from the latest trigger entry with this text and a kind


@dataclass(frozen=True)
class KindStat:
    """A kind of trigger: trigger entries of that kind plus craving mentions of trigger
    texts logged with that kind; the average intensity of those cravings."""

    kind: str
    count: int
    average_intensity: float | None = None


@dataclass(frozen=True)
class TriggerSummary:
    """Triggers, most frequent first, and trigger kinds (people, place, emotion...)."""

    triggers: tuple[TriggerStat, ...]
    kinds: tuple[KindStat, ...]

    @property
    def mentions(self) -> int:
        return sum(t.count for t in self.triggers)


class _Triggers:
    def __init__(self) -> None:
        self.names: dict[str, tuple[datetime, str]] = {}  # key -> (earliest time, spelling)
        self.counts: dict[str, int] = {}
        self.cravings: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.kinds: dict[str, tuple[datetime, str]] = {}  # key -> (latest time, kind)
        self.entry_kinds: dict[str, dict[str, int]] = {}  # key -> kind -> trigger entries

    def _seen(self, name: str, at: datetime) -> str | None:
        key = _name_key(name)
        if not key:
            return None
        known = self.names.get(key)
        if known is None or at < known[0]:
            self.names[key] = (at, " ".join(name.split()))
        self.counts[key] = self.counts.get(key, 0) + 1
        return key

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            value = _intensity(entry)
            named: dict[str, str] = {}
            for name in entry.data.get("triggers") or []:
                named.setdefault(_name_key(str(name)), str(name))
            for name in named.values():  # each trigger once per craving
                key = self._seen(name, entry.at)
                if key is not None:
                    self.cravings[key] = self.cravings.get(key, 0) + 1
                    self.totals[key] = self.totals.get(key, 0) + value
        elif entry.type is EntryType.TRIGGER:
            key = self._seen(str(entry.data.get("text") or ""), entry.at)
            kind = entry.data.get("kind")
            if key is not None and kind:
                latest = self.kinds.get(key)
                if latest is None or entry.at >= latest[0]:
                    self.kinds[key] = (entry.at, str(kind))
                per = self.entry_kinds.setdefault(key, {})
                per[str(kind)] = per.get(str(kind), 0) + 1

    def result(self, limit: int | None) -> TriggerSummary:
        stats = [
            TriggerStat(
                name=spelling,
                count=self.counts[key],
                cravings=self.cravings.get(key, 0),
                average_intensity=_avg(self.totals.get(key, 0), self.cravings.get(key, 0)),
                kind=self.kinds[key][1] if key in self.kinds else None,
            )
            for key, (_, spelling) in self.names.items()
        ]
        stats.sort(key=lambda t: (-t.count, -(t.average_intensity or 0), t.name.casefold()))
        # Kinds: each trigger entry counts under its own kind; craving mentions count
        # under the kind their trigger text was given in a trigger entry.
        kinds: dict[str, int] = {}
        mentions: dict[str, int] = {}  # kind -> craving mentions
        totals: dict[str, int] = {}  # kind -> their intensities
        for key, per in self.entry_kinds.items():
            for kind, count in per.items():
                kinds[kind] = kinds.get(kind, 0) + count
            if key in self.kinds and self.cravings.get(key):
                kind = self.kinds[key][1]
                kinds[kind] = kinds.get(kind, 0) + self.cravings[key]
                mentions[kind] = mentions.get(kind, 0) + self.cravings[key]
                totals[kind] = totals.get(kind, 0) + self.totals.get(key, 0)
        ordered = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        return TriggerSummary(
            tuple(stats[:limit] if limit is not None else stats),
            tuple(KindStat(k, c, _avg(totals.get(k, 0), mentions.get(k, 0))) for k, c in ordered),
        )


@dataclass(frozen=True)
class HaltStats:
    """How often each HALT state (hungry, angry, lonely, tired) was part of a craving."""

    cravings: int
    with_any: int  # cravings with at least one HALT state
    counts: Mapping[str, int]  # state -> cravings, in HALT order

    def share(self, state: str) -> float | None:
        return _share(self.counts.get(state, 0), self.cravings)

    def most_common(self) -> str | None:
        """The state named most often (HALT order on a tie), or None if none were."""
        best = max(HALT_STATES, key=lambda s: self.counts[s])
        return best if self.counts[best] else None


class _Halt:
    def __init__(self) -> None:
        self.cravings = 0
        self.with_any = 0
        self.counts = dict.fromkeys(HALT_STATES, 0)

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        self.cravings += 1
        states = {str(s).casefold() for s in entry.data.get("halt") or []} & self.counts.keys()
        if states:
            self.with_any += 1
        for state in states:
            self.counts[state] += 1

    def result(self) -> HaltStats:
        return HaltStats(self.cravings, self.with_any, MappingProxyType(dict(self.counts)))


# --- what helps ------------------------------------------------------------------


@dataclass(frozen=True)
class CopingEffect:
    """One technique: how often it was used and how often the craving passed with it
    and without it, and how helpful the person rated it (1-5)."""

    name: str
    times_used: int  # cravings it was used in + coping entries not tied to one of them
    cravings: int  # cravings in the period it was used in
    passed_with: int
    known_with: int  # of those cravings, how many have an outcome
    passed_without: int
    known_without: int  # cravings with an outcome where it was not used
    average_helped: float | None
    ratings: int

    @property
    def enough_data(self) -> bool:
        """True from ENOUGH_USES uses; with fewer it is too early to say."""
        return self.times_used >= ENOUGH_USES

    @property
    def pass_rate_with(self) -> float | None:
        return _share(self.passed_with, self.known_with)

    @property
    def pass_rate_without(self) -> float | None:
        return _share(self.passed_without, self.known_without)

    @property
    def rank_score(self) -> float:
        """What the ranking uses: the pass rate when used, pulled towards one half when
        there are few outcomes ((passed + 1) / (known + 2)), so one lucky use does not
        outrank a technique that worked 19 times out of 20."""
        return (self.passed_with + 1) / (self.known_with + 2)


class _Coping:
    def __init__(self, spelling: Iterable[str] = ()) -> None:
        # The toolkit's spelling of a name wins over how an entry happened to write it.
        self.spelling = {_name_key(name): " ".join(name.split()) for name in spelling}
        self.names: dict[str, str] = {}
        self.cravings: dict[str, tuple[str | None, set[str]]] = {}  # id -> (outcome, keys)
        self.links: list[tuple[str, str]] = []  # (technique key, craving id)
        self.loose: dict[str, int] = {}  # coping entries with no craving link
        self.ratings: dict[str, list[int]] = {}

    def _key(self, name: str) -> str | None:
        key = _name_key(name)
        if key:
            self.names.setdefault(key, self.spelling.get(key) or " ".join(name.split()))
        return key or None

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is EntryType.CRAVING:
            keys = {k for n in entry.data.get("coping") or [] if (k := self._key(str(n)))}
            outcome = entry.data.get("outcome")
            self.cravings[entry.id] = (str(outcome) if outcome else None, keys)
        elif entry.type is EntryType.COPING:
            key = self._key(str(entry.data.get("technique") or ""))
            if key is None:
                return
            helped = entry.data.get("helped")
            if isinstance(helped, int | float) and not isinstance(helped, bool):
                self.ratings.setdefault(key, []).append(int(helped))
            craving = entry.data.get("craving_id")
            if craving:
                self.links.append((key, str(craving)))
            else:
                self.loose[key] = self.loose.get(key, 0) + 1

    def result(self) -> list[CopingEffect]:
        loose = dict(self.loose)
        for key, craving_id in self.links:
            if craving_id in self.cravings:
                self.cravings[craving_id][1].add(key)
            else:  # tied to a craving outside the period: still a use
                loose[key] = loose.get(key, 0) + 1
        used = dict.fromkeys(self.names, 0)
        passed_with = dict.fromkeys(self.names, 0)
        known_with = dict.fromkeys(self.names, 0)
        known_all = passed_all = 0
        for outcome, keys in self.cravings.values():
            known = outcome in (Outcome.PASSED, Outcome.USED)
            passed = outcome == Outcome.PASSED
            known_all += known
            passed_all += passed
            for key in keys:
                used[key] += 1
                known_with[key] += known
                passed_with[key] += passed
        effects = []
        for key, name in self.names.items():
            ratings = self.ratings.get(key, [])
            effects.append(
                CopingEffect(
                    name=name,
                    times_used=used[key] + loose.get(key, 0),
                    cravings=used[key],
                    passed_with=passed_with[key],
                    known_with=known_with[key],
                    passed_without=passed_all - passed_with[key],
                    known_without=known_all - known_with[key],
                    average_helped=_avg(sum(ratings), len(ratings)),
                    ratings=len(ratings),
                )
            )
        effects.sort(key=_best_first)
        return effects


def _best_first(effect: CopingEffect) -> tuple[bool, float, float, int, str]:
    return (
        not effect.enough_data,
        -effect.rank_score,
        -(effect.average_helped or 0.0),
        -effect.times_used,
        effect.name.casefold(),
    )


def coping_effectiveness(
    entries: Iterable[Entry], period: Period, tz: tzinfo, spelling: Iterable[str] = ()
) -> list[CopingEffect]:
    """Every technique used in the period, what works best first: techniques with enough
    data (5+ uses) before the rest, then by ``rank_score``, helpfulness and uses.

    A technique is used in a craving when the craving lists it or a coping entry for it
    links to the craving; each craving counts once per technique. This is the one count
    of technique uses: ``coping list`` and the SOS screen use it too."""
    acc = _Coping(spelling)
    for entry, local in _in_period(entries, period, tz):
        acc.add(entry, local)
    return acc.result()


def coping_uses(entries: Iterable[Entry], spelling: Iterable[str] = ()) -> list[CopingEffect]:
    """``coping_effectiveness`` over all the entries given, whatever their days."""
    acc = _Coping(spelling)
    for entry in entries:
        acc.add(entry, entry.at)
    return acc.result()


# --- outcomes --------------------------------------------------------------------


@dataclass(frozen=True)
class IntensityBand:
    """Cravings whose starting intensity was from ``low`` to ``high``, by outcome."""

    low: int
    high: int
    passed: int
    used: int
    unknown: int

    @property
    def count(self) -> int:
        return self.passed + self.used + self.unknown


@dataclass(frozen=True)
class OutcomeStats:
    """Cravings that passed, cravings where the person used, and how long they lasted."""

    cravings: int
    passed: int
    used: int
    unknown: int
    average_duration_min: float | None
    with_duration: int  # cravings that have a duration
    average_intensity_passed: float | None
    average_intensity_used: float | None
    bands: tuple[IntensityBand, ...]  # 0-3, 4-6, 7-10

    @property
    def pass_rate(self) -> float | None:
        """Passed / (passed + used): cravings without an outcome are left out."""
        return _share(self.passed, self.passed + self.used)


class _Outcomes:
    def __init__(self) -> None:
        self.counts = {"passed": 0, "used": 0, "unknown": 0}
        self.intensity = {"passed": 0, "used": 0, "unknown": 0}
        self.bands = [dict.fromkeys(("passed", "used", "unknown"), 0) for _ in INTENSITY_BANDS]
        self.duration_total = 0
        self.durations = 0

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.CRAVING:
            return
        outcome = entry.data.get("outcome")
        bucket = outcome if outcome in (Outcome.PASSED, Outcome.USED) else "unknown"
        bucket = str(bucket)
        value = _intensity(entry)
        self.counts[bucket] += 1
        self.intensity[bucket] += value
        for i, (low, high) in enumerate(INTENSITY_BANDS):
            if low <= value <= high:
                self.bands[i][bucket] += 1
        minutes = entry.data.get("duration_min")
        if isinstance(minutes, int | float) and not isinstance(minutes, bool):
            self.duration_total += int(minutes)
            self.durations += 1

    def result(self) -> OutcomeStats:
        c = self.counts
        return OutcomeStats(
            cravings=sum(c.values()),
            passed=c["passed"],
            used=c["used"],
            unknown=c["unknown"],
            average_duration_min=_avg(self.duration_total, self.durations),
            with_duration=self.durations,
            average_intensity_passed=_avg(self.intensity["passed"], c["passed"]),
            average_intensity_used=_avg(self.intensity["used"], c["used"]),
            bands=tuple(
                IntensityBand(low, high, b["passed"], b["used"], b["unknown"])
                for (low, high), b in zip(INTENSITY_BANDS, self.bands, strict=True)
            ),
        )


def lapses_in(clocks: Iterable[Clock], period: Period, tz: tzinfo) -> list[tuple[str, Lapse]]:
    """(clock name, lapse) for each lapse whose local day falls in the period, oldest first."""
    found = [
        (clock.name, lapse)
        for clock in clocks
        for lapse in clock.lapses
        if period.contains(day_of(lapse.at))
    ]
    found.sort(key=lambda pair: pair[1].at)
    return found


# --- clean days: calendar, shares and the trend score ---------------------------


@dataclass(frozen=True)
class CleanCalendar:
    """One status per local day from ``start``: 'before', 'clean', 'lapse' or 'gap'."""

    clock: str
    start: date
    statuses: tuple[str, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.statuses) - 1)

    def status_on(self, day: date) -> str | None:
        index = (day - self.start).days
        return self.statuses[index] if 0 <= index < len(self.statuses) else None

    def ranges(self) -> list[tuple[date, date, str]]:
        """Consecutive days with the same status as (first, last, status)."""
        out: list[tuple[date, date, str]] = []
        for i, status in enumerate(self.statuses):
            day = self.start + timedelta(days=i)
            if out and out[-1][2] == status:
                out[-1] = (out[-1][0], day, status)
            else:
                out.append((day, day, status))
        return out


def clean_calendar(clock: Clock, first: date, last: date, tz: tzinfo) -> CleanCalendar:
    """The clock's status on each day from ``first`` to ``last``, computed once from its
    runs, in time linear in days + lapses.

    The day a run starts is clean, the lapse day that ends it is a lapse; the days after
    a lapse and before the next run's start are a 'gap' (not counted as clean)."""
    if last < first:
        return CleanCalendar(clock.name, first, ())
    runs = compute_runs(clock, last, tz)
    lapse_days = {run.end for run in runs if run.end is not None}
    spans = [(run.start, run.end) for run in runs]  # clean on start <= day < end
    statuses: list[str] = []
    span = 0
    day = first
    while day <= last:
        if day < clock.clean_since:
            statuses.append(BEFORE)
        elif day in lapse_days:
            statuses.append(LAPSE)
        else:
            while span < len(spans) and (end := spans[span][1]) is not None and end <= day:
                span += 1
            covered = span < len(spans) and spans[span][0] <= day
            statuses.append(CLEAN if covered else GAP)
        day += timedelta(days=1)
    return CleanCalendar(clock.name, first, tuple(statuses))


@dataclass(frozen=True)
class CleanShare:
    """Clean days among the days a clock was running in a window of days."""

    days: int  # days in the window
    counted: int  # days on or after the clock's first clean day
    clean: int
    lapse_days: int  # days with a lapse
    lapses: int  # recorded lapses (two on one day count two), as everywhere
    since: date | None = None  # the window's first and last day
    until: date | None = None

    @property
    def share(self) -> float | None:
        return _share(self.clean, self.counted)


def clean_share(clock: Clock, calendar: CleanCalendar, first: date, last: date) -> CleanShare:
    """Share of clean days from ``first`` to ``last`` (days before the clock are left out)."""
    days = counted = clean = lapse_days = 0
    day = first
    while day <= last:
        status = calendar.status_on(day)
        days += 1
        if status is not None and status != BEFORE:
            counted += 1
            clean += status == CLEAN
            lapse_days += status == LAPSE
        day += timedelta(days=1)
    lapses = lapses_between(clock, first, last)
    return CleanShare(days, counted, clean, lapse_days, lapses, first, last)


def score_series(statuses: Iterable[str], start: float = 0.0) -> list[float]:
    """Loop Habit Tracker's forgiving score after each day: score = prev*m + v*(1-m) with
    m = 0.5 ** (1/13), v = 1 on a clean day and 0 otherwise; days before the clock are
    skipped. A lapse after 100 clean days costs a few points, not everything."""
    score = start
    out = []
    for status in statuses:
        if status == BEFORE:
            out.append(score)
            continue
        value = 1.0 if status == CLEAN else 0.0
        score = score * SCORE_MULTIPLIER + value * (1 - SCORE_MULTIPLIER)
        out.append(score)
    return out


@dataclass(frozen=True)
class CleanDays:
    """A clock's clean days up to ``today``: the last 52 weeks as a calendar, shares over
    30/90/365 days, total clean days, and the trend score (0-1) with its weekly history."""

    clock: str
    today: date
    total_clean_days: int
    calendar: CleanCalendar  # whole weeks, Monday first, ending with today's week
    shares: Mapping[int, CleanShare]  # window in days -> share
    score: float | None  # None until the clock has had a whole day
    weekly_scores: tuple[tuple[date, float], ...]  # at the end of each week, to yesterday
    # On day one of a clock started at a known moment: real minutes clean so far.
    day_one_minutes: int | None = None


def clean_days(
    clock: Clock,
    today: date,
    tz: tzinfo,
    weeks: int = 52,
    windows: Sequence[int] = (30, 90, 365),
    now: datetime | None = None,
) -> CleanDays:
    """Everything the clean-days section shows for one clock, up to and including today.

    The shares count whole days, as total clean days does: today is not over yet, so
    the 30-day window is the 30 days before today. The calendar shows today too, and
    starts at the week the clock began when that is less than ``weeks`` ago."""
    first_shown = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    began = clock.clean_since - timedelta(days=clock.clean_since.weekday())
    first_shown = max(first_shown, min(began, today - timedelta(days=today.weekday())))
    earliest = min(clock.clean_since, first_shown, today - timedelta(days=max(windows)))
    full = clean_calendar(clock, earliest, today, tz)
    # Whole days only, as the shares and total clean days count: today is not over.
    series = score_series(full.statuses[:-1])
    offset = (first_shown - earliest).days
    shown = CleanCalendar(clock.name, first_shown, full.statuses[offset:])
    last = len(shown.statuses) - 2  # yesterday, in the calendar shown
    weekly = tuple(
        (first_shown + timedelta(days=i), series[offset + i]) for i in range(6, last + 1, 7)
    )
    if last >= 0 and last % 7 != 6:
        weekly += ((today - timedelta(days=1), series[-1]),)
    ct = clean_time(clock, today, tz, now)
    return CleanDays(
        clock=clock.name,
        today=today,
        total_clean_days=ct.total_clean_days,
        day_one_minutes=ct.headline_minutes if ct.in_day_one and not ct.lapse_count else None,
        calendar=shown,
        shares=MappingProxyType(
            {
                n: clean_share(clock, full, today - timedelta(days=n), today - timedelta(days=1))
                for n in sorted(set(windows))
            }
        ),
        # No score before a clock has had a whole day.
        score=series[-1] if series and clock.clean_since < today else None,
        weekly_scores=weekly,
    )


# --- weekly self-checks ---------------------------------------------------------------


@dataclass(frozen=True)
class SelfCheckWeek:
    """The self-check for one calendar week (the latest, if there were several)."""

    week_start: date  # the Monday
    day: date
    total: int
    answers: tuple[int, ...]
    clock: str | None


class _SelfChecks:
    """The latest self-check of each (clock, week). Later means a later time; at the
    same time, the one saved later; saved at the same moment too, the one later in the
    file (the entries come newest first when ``newest_first``, as the store reads them)."""

    def __init__(self, newest_first: bool = False) -> None:
        self.newest_first = newest_first
        self.weeks: dict[tuple[str, date], tuple[tuple[datetime, datetime], SelfCheckWeek]] = {}

    def add(self, entry: Entry, local: datetime) -> None:
        if entry.type is not EntryType.SELFCHECK:
            return
        answers = tuple(int(a) for a in entry.data.get("answers") or [])
        total = entry.data.get("total")
        total = int(total) if isinstance(total, int | float) else sum(answers)
        day = day_of(local)
        monday = day - timedelta(days=day.weekday())
        key = ((entry.clock or "").casefold(), monday)
        order = (entry.at, entry.updated or entry.created or entry.at)
        known = self.weeks.get(key)
        later = known is None or order > known[0] or (order == known[0] and not self.newest_first)
        if later:
            self.weeks[key] = (order, SelfCheckWeek(monday, day, total, answers, entry.clock))

    def result(self) -> list[SelfCheckWeek]:
        """Oldest week first; within a week, by clock."""
        return [self.weeks[k][1] for k in sorted(self.weeks, key=lambda k: (k[1], k[0]))]


# --- everything at once ----------------------------------------------------------------


@dataclass(frozen=True)
class Insights:
    """Every section of the insights screen for one period."""

    period: Period
    clock: str | None
    trend: CravingTrend
    weeks: tuple[WeekCravings, ...]
    times: TimeOfDay
    triggers: TriggerSummary
    halt: HaltStats
    coping: tuple[CopingEffect, ...]
    outcomes: OutcomeStats
    clean: tuple[CleanDays, ...]
    selfchecks: tuple[SelfCheckWeek, ...]
    lapses: tuple[tuple[str, Lapse], ...]
    tz: tzinfo = UTC  # the zone the local days were counted in
    months: tuple[MonthCravings, ...] = ()


def _tracked(spans: list[SpanCravings], first: date | None) -> list[SpanCravings]:
    """The rows from the week (or month) tracking began: none of zeros before it."""
    if first is None:
        return spans
    kept = [span for span in spans if span.end >= first]
    return kept or spans[-1:]


def build_insights(
    entries: Iterable[Entry],
    period: Period,
    tz: tzinfo,
    clocks: Sequence[Clock] = (),
    clock: str | None = None,
    trigger_limit: int | None = 8,
    newest_first: bool = False,
    tracked_since: date | None = None,
    now: datetime | None = None,
    spelling: Iterable[str] = (),
) -> Insights:
    """All sections in one pass over the entries (which must cover the previous period
    too, for the trend). ``clock`` limits entries and clean days to one clock. Say
    ``newest_first`` when the entries come newest first (the store's order), so ties
    between self-checks go to the one later in the file. ``tracked_since``: the first
    day anything was tracked (first entry or clock); when not given, the earliest
    clock's first day. The trend does not compare with a period before it, and the
    weekly and monthly rows start at it. ``now``: the current moment, when the period
    ends today (clocks started at a known moment count up to it). ``spelling``: the
    toolkit's names, which win over how an entry wrote a technique."""
    before = period.previous()
    this, then = _Cravings(), _Cravings()
    by_day, times, triggers = _ByDay(period), _Times(), _Triggers()
    halt, coping, outcomes = _Halt(), _Coping(spelling), _Outcomes()
    checks = _SelfChecks(newest_first)
    current = (this, by_day, times, triggers, halt, coping, outcomes, checks)
    for entry, local in _in_period(
        only_clock(entries, clock), Period(before.since, period.until), tz
    ):
        if day_of(local) < period.since:
            then.add(entry, local)
            continue
        for acc in current:
            acc.add(entry, local)
    wanted = [c for c in clocks if clock is None or c.name.casefold() == clock.casefold()]
    starts = [c.clean_since for c in clocks]
    if tracked_since is not None:
        starts.append(tracked_since)
    first = min(starts) if starts else None
    return Insights(
        period=period,
        clock=clock,
        trend=CravingTrend(
            period, this.result(), before, then.result(), min(starts) if starts else None
        ),
        weeks=tuple(_tracked(by_day.weeks(), first)),
        months=tuple(_tracked(by_day.months(), first)),
        times=times.result(),
        triggers=triggers.result(trigger_limit),
        halt=halt.result(),
        coping=tuple(coping.result()),
        outcomes=outcomes.result(),
        clean=tuple(clean_days(c, period.until, tz, now=now) for c in wanted),
        selfchecks=tuple(checks.result()),
        lapses=tuple(lapses_in(wanted, period, tz)),
        tz=tz,
    )


# --- words shared by the screen and the report ----------------------------------------

MIN_CRAVINGS_FOR_PATTERNS = 3  # below this, "most often" would read too much into chance


def block_label(block: int, hours: int = BLOCK_HOURS) -> str:
    """'20:00–24:00' for block 5 of 4 hours."""
    return f"{block * hours:02d}:00–{(block + 1) * hours:02d}:00"
