"""entries/YYYY-MM.json: high-volume entries, one JSON document per calendar month.

Adding an entry rewrites only its month. Raw dicts are rewritten as they were read,
so keys this version does not know are kept. One entry per line keeps files diffable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from recoverylog.domain.codec import SchemaError, entry_from_dict, entry_to_dict
from recoverylog.domain.model import DELETED_KEY, MIN_PREFIX_LENGTH, Entry, EntryType, short_id
from recoverylog.errors import DataError, InvalidInput, NotFound, not_json
from recoverylog.messages import CHECK_FILES_HINT, MORE_OF_THE_ID, NOT_UNICODE
from recoverylog.store import schema
from recoverylog.store.files import FileIO

MONTH_FILE = re.compile(r"^(\d{4}-\d{2})\.json$")
RawDoc = dict[str, Any]
CHECKIN = EntryType.CHECKIN.value
# Saves a document that was brought up to date in memory and checked: (kind, path,
# the updated document, the text it was read from). The default keeps it in memory.
SaveMigrated = Callable[[str, Path, RawDoc, str], None]
# Told about a month file that cannot be read, when a listing goes on without it.
OnDamaged = Callable[[Path, DataError], None]
# Told the month of every month file written.
OnWrite = Callable[[str], None]
# A month file's tombstones (entry id -> when it was deleted) as they are to be written,
# given the ids of the entries it holds.
Tombstones = Callable[[dict[str, str], set[str]], dict[str, str]]


def _keep_in_memory(kind: str, path: Path, doc: RawDoc, text: str) -> None:
    return None


def _nothing(month: str) -> None:
    return None


def _as_they_are(deleted: dict[str, str], present: set[str]) -> dict[str, str]:
    return deleted


class EntryStore:
    def __init__(
        self,
        folder: Path,
        io: FileIO,
        save_migrated: SaveMigrated = _keep_in_memory,
        on_write: OnWrite = _nothing,
        *,
        tombstones: Tombstones = _as_they_are,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.folder = folder
        self._tombstones = tombstones
        self._now = now
        self.io = io
        self._save_migrated = save_migrated
        self._on_write = on_write
        # The check-ins' times, as stored, of each month written since the store last
        # asked (Store.writing): what the glance learns its check-in day from, with no
        # month read again. Only these: an import writes every month in one block.
        self.written: dict[str, list[str]] = {}

    # --- files ---------------------------------------------------------------

    def path_for(self, month: str) -> Path:
        return self.folder / f"{month}.json"

    def months(self) -> list[str]:
        """Months that have a file, oldest first."""
        try:
            names = [p.name for p in self.folder.iterdir()]
        except FileNotFoundError:
            return []
        return sorted(m.group(1) for name in names if (m := MONTH_FILE.match(name)))

    def read_doc(self, month: str) -> RawDoc:
        """The month's raw document (an empty one if missing), checked before any rewrite."""
        return self._read(month)[0]

    def _read(self, month: str, stored: bytes | None = None) -> tuple[RawDoc, list[Entry]]:
        """The raw document and its entries, every one of them checked (``stored``: the
        file's bytes, when already read).

        A month is rewritten from its raw document, so one damaged entry anywhere in it
        stops the command before anything is written. An older document is updated and
        checked in memory first; only a good result is saved."""
        path = self.path_for(month)
        return self._parse(month, path, self.io.read_text(path, stored))

    def _parse(self, month: str, path: Path, text: str | None) -> tuple[RawDoc, list[Entry]]:
        if text is None:
            empty = {
                "schema_version": schema.CURRENT_VERSION[schema.ENTRIES],
                "month": month,
                "entries": [],
            }
            return empty, []
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(
                not_json(path, exc),
                hint=CHECK_FILES_HINT,
            ) from exc
        except RecursionError as exc:
            raise DataError(f"{path} is nested too deeply to read") from exc
        if not isinstance(doc, dict):
            raise DataError(f"{path}: expected a JSON object at the top")
        if schema.needs_migration(schema.ENTRIES, doc, path):
            doc = schema.migrate(schema.ENTRIES, doc, path)
            entries = check_month(doc, path)
            self._save_migrated(schema.ENTRIES, path, doc, text)
        else:
            entries = check_month(doc, path)
        return doc, entries

    def write_doc(self, month: str, doc: RawDoc) -> None:
        doc["schema_version"] = schema.CURRENT_VERSION[schema.ENTRIES]
        doc["month"] = month
        deleted = doc.pop(DELETED_KEY, None)
        if isinstance(deleted, dict) and deleted:
            present = {str(raw.get("id")) for raw in doc["entries"] if isinstance(raw, dict)}
            kept = self._tombstones(deleted, present)
            if kept:
                doc[DELETED_KEY] = kept
        self.io.write(self.path_for(month), encode_month(doc))
        self._was_written(month, doc)

    def replaced(self, month: str) -> None:
        """The month's file was replaced as a whole (by a merge): known as a write."""
        self._was_written(month, self.read_doc(month))

    def _was_written(self, month: str, doc: RawDoc) -> None:
        self.written[month] = [
            str(raw.get("at")) for raw in doc["entries"] if raw.get("type") == CHECKIN
        ]
        self._on_write(month)

    def load_month(self, month: str, stored: bytes | None = None) -> list[Entry]:
        """The month's entries, oldest first (``stored``: the file's bytes, when read)."""
        entries = self._read(month, stored)[1]
        entries.sort(key=lambda e: e.at)
        return entries

    def _load_holding(self, month: str, words: Sequence[str]) -> list[Entry]:
        """The month's entries, oldest first; none, and nothing decoded, when its file
        cannot hold every one of ``words`` (see ``may_hold``)."""
        if not words:
            return self.load_month(month)
        path = self.path_for(month)
        text = self.io.read_text(path)
        if text is not None and not may_hold(text, words):
            return []
        entries = self._parse(month, path, text)[1]
        entries.sort(key=lambda e: e.at)
        return entries

    def _load_or_skip(
        self, month: str, on_damaged: OnDamaged | None, words: Sequence[str] = ()
    ) -> list[Entry]:
        """The month's entries; with ``on_damaged``, a month file that cannot be read is
        reported to it and left out (and never written). Without it, damage stops."""
        if on_damaged is None:
            return self._load_holding(month, words)
        if self.io.encrypted():
            # A damaged encryption.toml or a wrong passphrase concerns every file:
            # never a reason to leave out one month.
            self.io.vault()
        try:
            return self._load_holding(month, words)
        except DataError as exc:
            on_damaged(self.path_for(month), exc)
            return []

    # --- queries -------------------------------------------------------------

    def iter_newest_first(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        on_damaged: OnDamaged | None = None,
        words: Sequence[str] = (),
    ) -> Iterator[Entry]:
        """Entries newest first, reading only the months the range can touch.

        Totals must see every entry, so a damaged month stops the reading, unless
        ``on_damaged`` is given (listings): then that month is left out. With ``words``
        (casefolded, each to be found inside one text of an entry), the months whose
        files cannot hold them all are passed over undecoded: only a search may ask."""
        for month in reversed(self.months()):
            if until is not None and month > _month_after(until):
                continue
            if since is not None and month < _month_before(since):
                break
            for entry in reversed(self._load_or_skip(month, on_damaged, words)):
                if until is not None and entry.at > until:
                    continue
                if since is not None and entry.at < since:
                    continue
                yield entry

    def months_between(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[str]:
        """The months, oldest first, whose files can hold entries in [since, until]."""
        first = "0000-00" if since is None else _month_before(since)
        last = "9999-99" if until is None else _month_after(until)
        return [month for month in self.months() if first <= month <= last]

    def iter_range(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Entry]:
        """Entries in [since, until], oldest first."""
        return list(reversed(list(self.iter_newest_first(since, until))))

    def find(self, prefix: str, on_damaged: OnDamaged | None = None) -> Entry:
        """The one entry whose id starts with ``prefix`` (4+ characters).

        A change needs every month readable (the prefix could match an entry in a
        damaged one); only ``show`` passes ``on_damaged`` to look in the others."""
        wanted = prefix.strip().lower()
        if len(wanted) < MIN_PREFIX_LENGTH or not re.fullmatch(r"[0-9a-f]+", wanted):
            raise InvalidInput(
                f"'{prefix}' is not an entry id: give at least {MIN_PREFIX_LENGTH} "
                "characters of the id shown by 'recoverylog list'"
            )
        matches = [e for e in self._all(on_damaged) if e.id.startswith(wanted)]
        if not matches:
            raise NotFound(
                f"no entry has an id starting with '{prefix}'",
                hint="'recoverylog list' shows entry ids",
            )
        if len(matches) > 1:
            shown = ", ".join(f"{short_id(e.id)} ({e.type} {e.at:%Y-%m-%d})" for e in matches[:8])
            raise InvalidInput(
                f"'{prefix}' matches {len(matches)} entries: {shown}",
                hint=MORE_OF_THE_ID,
            )
        return matches[0]

    def _all(self, on_damaged: OnDamaged | None = None) -> Iterable[Entry]:
        for month in self.months():
            yield from self._load_or_skip(month, on_damaged)

    # --- changes (callers hold the writer lock) ------------------------------

    def append(self, entry: Entry) -> None:
        doc = self.read_doc(entry.month)
        if any(raw["id"] == entry.id for raw in doc["entries"]):
            raise InvalidInput(f"an entry with id {short_id(entry.id)} already exists")
        doc["entries"].append(entry_to_dict(entry))
        self.write_doc(entry.month, doc)

    def append_many(self, entries: Iterable[Entry]) -> int:
        """Add many entries, rewriting each affected month once; ids already present are
        skipped. Returns how many were added."""
        by_month: dict[str, list[Entry]] = {}
        for entry in entries:
            by_month.setdefault(entry.month, []).append(entry)
        added = 0
        for month, batch in sorted(by_month.items()):
            doc = self.read_doc(month)
            known = {raw["id"] for raw in doc["entries"]}
            fresh = [entry_to_dict(e) for e in batch if e.id not in known]
            if fresh:
                doc["entries"].extend(fresh)
                self.write_doc(month, doc)
                added += len(fresh)
        return added

    def replace(self, old: Entry, new: Entry) -> None:
        """Write ``new`` in place of ``old``, moving it if its month changed."""
        if old.month == new.month:
            doc = self.read_doc(old.month)
            doc["entries"] = [
                entry_to_dict(new) if raw["id"] == old.id else raw for raw in doc["entries"]
            ]
            self.write_doc(old.month, doc)
            return
        self.append(new)
        self.delete(old)

    def delete(self, entry: Entry) -> None:
        """Remove the entry, leaving a tombstone of it (when the store knows the time),
        so that a copy of this month from another computer does not bring it back."""
        doc = self.read_doc(entry.month)
        doc["entries"] = [raw for raw in doc["entries"] if raw["id"] != entry.id]
        if self._now is not None:
            doc[DELETED_KEY] = {**_tombstones_of(doc), entry.id: self._now().isoformat()}
        self.write_doc(entry.month, doc)


def _tombstones_of(doc: RawDoc) -> dict[str, str]:
    deleted = doc.get(DELETED_KEY)
    return dict(deleted) if isinstance(deleted, dict) else {}


def check_month(doc: RawDoc, path: Path) -> list[Entry]:
    """Every entry of a month document, decoded; any malformed one is a DataError."""
    raws = doc.get("entries")
    if not isinstance(raws, list):
        raise DataError(
            f"{path}: 'entries' must be a list of entries",
            hint=CHECK_FILES_HINT,
        )
    try:
        return [entry_from_dict(raw) for raw in raws]
    except SchemaError as exc:
        raise DataError(
            f"{path}: {exc}",
            hint=CHECK_FILES_HINT,
        ) from exc


# One encoder for every line: json.dumps with options builds a new one on each call.
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)


def encode_month(doc: RawDoc) -> bytes:
    head = {k: v for k, v in doc.items() if k != "entries"}
    lines = ",\n".join(map(_LINE_ENCODER.encode, doc["entries"]))
    body = _LINE_ENCODER.encode(head)[:-1]
    text = f'{body}, "entries": [\n{lines}\n]}}\n' if lines else f'{body}, "entries": []}}\n'
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(NOT_UNICODE) from exc


def may_hold(text: str, words: Sequence[str]) -> bool:
    """False only when no entry of this month file can match: some word of ``words``
    (casefolded, each to be found inside one text of an entry) is nowhere in the file.
    True means "perhaps": decode the month to know.

    ``encode_month`` writes each text as it is, except the characters JSON must escape
    (quote, backslash, control characters), each always escaped the same way, in
    lowercase. Casefolding goes character by character and never makes or changes one
    of those, so the casefolded file holds every casefolded text, escaped the same way.
    Backslash-u escapes (rare control characters, or any character written by another
    program) and escaped slashes would break this: a file with either is decoded."""
    # Anything but a month file of this version (older, newer, edited by hand, cut
    # short) is decoded in full.
    if not (text.startswith(schema.MONTH_HEAD) and text.endswith(schema.MONTH_TAIL)):
        return True
    # One quick look for any backslash first: most months have none.
    if "\\" in text and ("\\u" in text or "\\/" in text):
        return True
    folded = text.casefold()
    return all(_LINE_ENCODER.encode(word)[1:-1] in folded for word in words)


# An entry lives in the month file of its own local time ("at" as written, with its UTC
# offset), and a UTC offset is always less than a day. So an entry at or after a moment
# is in the month of that moment's UTC time minus a day, or later; an entry at or before
# it is in the month of its UTC time plus a day, or earlier. Only the first or last day
# of a month reaches into the next file, so a range in one month reads one file.


def _month_after(moment: datetime) -> str:
    """The latest month file that can hold entries up to ``moment``."""
    return _utc_month(moment, timedelta(days=1), "9999-12")


def _month_before(moment: datetime) -> str:
    """The earliest month file that can hold entries from ``moment`` on."""
    return _utc_month(moment, timedelta(days=-1), "0001-01")


def _utc_month(moment: datetime, shift: timedelta, beyond: str) -> str:
    try:
        utc = moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0)) + shift
    except OverflowError:
        return beyond  # at the ends of the calendar: read everything on that side
    return f"{utc.year:04d}-{utc.month:02d}"
