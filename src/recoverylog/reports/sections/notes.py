"""The notes and journal sections: the person's own words, when they are shared."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.reports.blocks import Para, Quotes, Section


def notes_sections(r: Mapping[str, Any]) -> list[Section]:
    if "notes" not in r:
        return []
    notes = r["notes"]
    if not notes:
        return [Section("notes", "Notes", (Para("No notes on entries in this period."),))]
    quotes = tuple((f"{n['at']} ({n['type']})", str(n["note"])) for n in notes)
    return [Section("notes", "Notes", (Quotes(quotes),))]


def journal_sections(r: Mapping[str, Any]) -> list[Section]:
    if "journal" not in r:
        return []
    journal = r["journal"]
    if not journal:
        return [Section("journal", "Journal", (Para("No journal entries in this period."),))]
    quotes = tuple((_journal_label(j), str(j["text"])) for j in journal)
    return [Section("journal", "Journal", (Quotes(quotes),))]


def _journal_label(note: Mapping[str, Any]) -> str:
    """When it was written, the mood, and the question it answers, if any."""
    mood = f" (mood {note['mood']} of 5)" if note.get("mood") is not None else ""
    asked = f" · {note['prompt']}" if note.get("prompt") else ""
    return str(note["at"]) + mood + asked
