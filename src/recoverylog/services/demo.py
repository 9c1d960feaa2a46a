"""A realistic sample journal: about 100 days, one lapse, cravings, coping, meetings,
calls to friends and evening check-ins.

Built in a folder of its own, never the user's real home. Deterministic for a given
"now", so the demo reads the same way every time.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from recoverylog.domain.model import Entry, EntryType, Technique, new_id
from recoverylog.domain.moments import day_of
from recoverylog.errors import InvalidInput
from recoverylog.services.clocks import add_clock, record_lapse
from recoverylog.services.workspace import Workspace

DEMO_DAYS = 100
# When cravings come: evenings most, and Friday early evenings (16:00-20:00) most of
# all, so that the demo shows a hardest time and its nudge. Lists of the same length
# draw the same random numbers.
HOURS = (8, 13, 17, 18, 19, 20, 21, 22)
FRIDAY_HOURS = (13, 16, 17, 17, 18, 18, 19, 21)
LAPSE_DAY = 38

TRIGGERS = [
    ("after work", "time"),
    ("argument at home", "emotion"),
    ("friday drinks invite", "people"),
    ("walked past the pub", "place"),
    ("feeling lonely", "emotion"),
    ("payday", "thing"),
    ("can't sleep", "body"),
]
TECHNIQUES = [
    ("urge surfing", "Notice the urge rise, peak and fall, without acting on it."),
    ("call sponsor", "A five-minute call is enough."),
    ("play the tape through", "Picture the next morning, not just the first drink."),
    ("go for a walk", None),
    ("eat something", None),
    ("breathing", "Four counts in, hold four, six out."),
]
MEETINGS = [
    ("Tuesday lunchtime", "AA", False),
    ("Thursday big book", "AA", False),
    ("Sunday online", "SMART", True),
]
NOTES = [
    ("Slept well for the first time in ages.", 4),
    ("Hard day. Didn't drink. That counts.", 2),
    ("Told my sister how long it's been. She cried, in a good way.", 5),
    ("Bored more than anything. Cleaned the kitchen.", 3),
]
CONTACTS = [("Sam", "call"), ("Jo", "text"), ("Sam", "in-person"), ("Priya", "call")]
SLEPT = (5, 5.5, 6, 6.5, 7, 7, 7.5, 8, 8.5)
DIFFICULTY = {1: "very hard", 2: "hard", 3: "ok", 4: "ok", 5: "easy"}


def build_demo(ws: Workspace, seed: int = 7) -> None:
    if ws.store.has_data():
        raise InvalidInput(
            f"{ws.layout.data_dir} already has a journal; the demo needs an empty folder"
        )
    rng = random.Random(seed)
    start = ws.today - timedelta(days=DEMO_DAYS)
    add_clock(ws, "alcohol", start, cost_per_day=12.0, hours_per_day=2.0)
    lapse_day = start + timedelta(days=LAPSE_DAY)
    lapse_at = _moment(ws, lapse_day, 21, 30)
    record_lapse(
        ws,
        "alcohol",
        lapse_at,
        note="Wedding reception. Left early and called Sam.",
        triggers=["wedding", "open bar"],
    )
    entries = list(_entries(ws, rng, start))
    entries += _evenings(ws, start, entries, random.Random(seed + 1))
    with ws.store.writing():
        journal = ws.reload_journal()
        journal.toolkit = [Technique(name, about) for name, about in TECHNIQUES]
        ws.save_journal(journal)
        ws.store.entries.append_many(entries)


def _moment(ws: Workspace, day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ws.tz)


def _entries(ws: Workspace, rng: random.Random, start: date) -> list[Entry]:
    out: list[Entry] = []

    def add(kind: EntryType, at: datetime, note: str | None = None, **data: object) -> Entry:
        entry = Entry(new_id(), kind, at, "alcohol", note, [], dict(data), created=at)
        out.append(entry)
        return entry

    for offset in range(DEMO_DAYS + 1):
        day = start + timedelta(days=offset)
        if offset == LAPSE_DAY:
            add(
                EntryType.CRAVING,
                _moment(ws, day, 21, 0),
                intensity=9,
                triggers=["wedding", "open bar"],
                halt=["tired"],
                coping=[],
                outcome="used",
            )
            continue
        # Cravings come often early on and ease off; evenings are hardest.
        chance = 0.75 - 0.5 * offset / DEMO_DAYS + (0.2 if day.weekday() == 4 else 0)
        if rng.random() < chance:
            hour = rng.choice(FRIDAY_HOURS if day.weekday() == 4 else HOURS)
            at = _moment(ws, day, hour, rng.randrange(60))
            if at > ws.now:
                continue
            trigger, _kind = rng.choice(TRIGGERS)
            techniques = rng.sample([t for t, _ in TECHNIQUES], k=rng.choice([1, 1, 2]))
            intensity = max(1, min(10, round(rng.gauss(6.5 - 2.5 * offset / DEMO_DAYS, 1.8))))
            halt = rng.sample(["hungry", "angry", "lonely", "tired"], k=rng.choice([0, 1, 1, 2]))
            craving = add(
                EntryType.CRAVING,
                at,
                intensity=intensity,
                triggers=[trigger],
                halt=[h for h in ["hungry", "angry", "lonely", "tired"] if h in halt],
                coping=techniques,
                outcome="passed",
                duration_min=rng.choice([5, 10, 15, 20, 30]),
            )
            if rng.random() < 0.5:
                add(
                    EntryType.COPING,
                    at + timedelta(minutes=20),
                    technique=techniques[0],
                    helped=rng.choice([3, 4, 4, 5]),
                    craving_id=craving.id,
                )
        if day.weekday() in (1, 3, 6) and rng.random() < 0.85:
            name, fellowship, online = MEETINGS[(0, 1, 2)[[1, 3, 6].index(day.weekday())]]
            at = _moment(ws, day, 12 if day.weekday() == 1 else 19, 0)
            if at <= ws.now:
                add(EntryType.MEETING, at, name=name, fellowship=fellowship, online=online)
        if offset % 9 == 4:
            text, mood = NOTES[(offset // 9) % len(NOTES)]
            at = _moment(ws, day, 22, 15)
            if at <= ws.now:
                add(EntryType.NOTE, at, text, mood=mood)
    return out


def _evenings(ws: Workspace, start: date, logged: list[Entry], rng: random.Random) -> list[Entry]:
    """A call or message to someone on some days and a check-in most evenings, drawn
    from their own random numbers so the rest of the demo stays as it was. Mood is
    higher on days with a meeting, a contact or a good night's sleep and lower on a hard
    craving day, so that the mood insights have patterns to show."""
    meetings = {day_of(e.at) for e in logged if e.type is EntryType.MEETING}
    hardest: dict[date, int] = {}
    for e in logged:
        if e.type is EntryType.CRAVING:
            hardest[day_of(e.at)] = max(hardest.get(day_of(e.at), 0), int(e.data["intensity"]))
    out: list[Entry] = []
    for offset in range(DEMO_DAYS + 1):
        day = start + timedelta(days=offset)
        contact = rng.random() < 0.45
        if contact:
            person, via = CONTACTS[offset % len(CONTACTS)]
            out.append(
                _demo_entry(EntryType.CONTACT, _moment(ws, day, 17, 30), person=person, via=via)
            )
        slept = rng.choice(SLEPT) if rng.random() < 0.75 else None
        if rng.random() < 0.15:
            continue  # no check-in that evening
        score = 2.5 + (day in meetings) + 0.75 * contact + 0.75 * ((slept or 0) >= 7)
        score -= hardest.get(day, 0) >= 7
        mood = (
            1 if offset == LAPSE_DAY else max(1, min(5, round(score + rng.choice((-0.5, 0, 0.5)))))
        )
        answers: dict[str, object] = {
            "clean": offset != LAPSE_DAY,
            "lapsed": ["alcohol"] if offset == LAPSE_DAY else [],
            "difficulty": DIFFICULTY[mood],
            "mood": mood,
        }
        if slept is not None:
            answers["slept"] = slept
        out.append(_demo_entry(EntryType.CHECKIN, _moment(ws, day, 22, 30), **answers))
    return [e for e in out if e.at <= ws.now]


def _demo_entry(kind: EntryType, at: datetime, **data: object) -> Entry:
    return Entry(new_id(), kind, at, "alcohol", None, [], dict(data), created=at)
