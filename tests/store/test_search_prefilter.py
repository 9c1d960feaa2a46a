"""The search's quick look at a month file may say "perhaps" wrongly, never "no" wrongly.

`list --search` decodes only the month files whose text can hold the search
(`store.entries.may_hold`). Whatever the entries hold (accents, quotes, backslashes,
control characters, emoji, letters whose case folds into several), whenever an entry of a
month matches the search as `EntryFilter` decides, the quick look must say "perhaps".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from recoverylog.domain.codec import entry_from_dict
from recoverylog.domain.model import Entry
from recoverylog.services.entries import EntryFilter, search_words, searchable_text
from recoverylog.store import schema
from recoverylog.store.entries import check_month, encode_month, may_hold

# Pieces that JSON escapes, that casefold into something else or several characters,
# that look like escapes once written, and plain words.
TRICKY = [
    "É", "é", "e\u0301", "ß", "SS", "ẞ", "ﬁ", "FI", "İ", "i\u0307", "K", "\u212a", "Σ",
    "ς", "σ", "ǅ", "ŉ", '"', "\\", "\n", "\t", "\r", "\b", "\f", "\x01", "\x1f", "\x7f",
    "\u2028", "😀", "👍🏽", "/", "\\u00e9", "\\n", "\\\"", " ", "  ", "a", "B", "café", "CAFÉ",
    "{", "}", ":", ",", "[", "]", "note", "tags", "urge surfing",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=6).map("".join)
TEXTS = st.lists(TEXT, max_size=3)


@st.composite
def raw_entries(draw: st.DrawFn) -> dict[str, Any]:
    """An entry as a month file holds it, of any type, with texts in every field."""
    kind = draw(st.sampled_from(["craving", "trigger", "coping", "meeting", "note", "contact"]))
    fields: dict[str, Any] = {
        "craving": {"intensity": 5, "triggers": TEXTS, "halt": TEXTS, "coping": TEXTS},
        "trigger": {"text": TEXT, "kind": TEXT, "halt": TEXTS},
        "coping": {"technique": TEXT, "helped": 3},
        "meeting": {"name": TEXT, "fellowship": TEXT, "online": True},
        "note": {"mood": 4},
        "contact": {"person": TEXT, "via": TEXT},
    }[kind]
    raw: dict[str, Any] = {
        "id": draw(st.sampled_from(["a1b2c3d4", "e5f6a7b8"])) * 4,
        "type": kind,
        "at": "2026-11-20T10:00:00+00:00",
        "clock": draw(st.none() | TEXT),
        "note": draw(st.none() | TEXT),
        "tags": draw(TEXTS),
    }
    for key, value in fields.items():
        raw[key] = draw(value) if isinstance(value, st.SearchStrategy) else value
    return raw


def month_of(raws: list[dict[str, Any]]) -> tuple[str, list[Entry]]:
    doc = {"schema_version": schema.CURRENT_VERSION[schema.ENTRIES], "month": "2026-11"}
    doc["entries"] = raws
    text = encode_month(doc).decode("utf-8")
    return text, check_month(json.loads(text), Path("2026-11.json"))


@st.composite
def months_and_searches(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str]:
    """Entries, and a search: often a piece of one entry's text (so that it matches),
    in another case, sometimes reaching from one of its texts into the next."""
    raws = draw(st.lists(raw_entries(), min_size=1, max_size=4))
    if draw(st.booleans()):
        return raws, draw(TEXT.filter(bool))
    entry = entry_from_dict(draw(st.sampled_from(raws)))
    text = " ".join([entry.note or "", *entry.tags, *_texts(entry)])
    start = draw(st.integers(0, len(text)))
    piece = text[start : draw(st.integers(start, len(text)))]
    change = draw(st.sampled_from([str, str.upper, str.lower, str.swapcase, str.casefold]))
    return raws, change(piece) or "x"


def _texts(entry: Entry) -> list[str]:
    out: list[str] = []
    for value in entry.data.values():
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(str(v) for v in value)
    return out


@settings(max_examples=600, deadline=None)
@given(months_and_searches())
def test_a_month_with_a_match_is_always_decoded(case: tuple[list[dict[str, Any]], str]) -> None:
    raws, search = case
    text, entries = month_of(raws)
    query = EntryFilter(search=search, limit=None)
    if any(query.matches(entry) for entry in entries):
        assert may_hold(text, search_words(search))


@settings(max_examples=150, deadline=None)
@given(st.lists(raw_entries(), min_size=1, max_size=4))
def test_every_piece_of_every_text_is_found_in_any_case(raws: list[dict[str, Any]]) -> None:
    text, entries = month_of(raws)
    for entry in entries:
        searchable = searchable_text(entry)
        for start in range(0, len(searchable), 3):
            piece = searchable[start : start + 5]
            for search in (piece, piece.upper(), piece.swapcase()):
                if EntryFilter(search=search).matches(entry):
                    assert may_hold(text, search_words(search)), (search, entry)


def test_a_month_without_the_word_is_passed_over() -> None:
    raws = [
        {"id": "ab" * 16, "type": "note", "at": "2026-11-20T10:00:00+00:00", "clock": None,
         "note": 'Said "no thanks" at the café \\ left early\nwith 😀', "tags": ["Work"]},
    ]  # fmt: skip
    text, _ = month_of(raws)
    for absent in ("river", "CAFE", "thanks river", "😢", "work\n"):
        assert not may_hold(text, search_words(absent)), absent
    for present in ("CAFÉ", '"NO THANKS"', "\\ left", "early\nwith", "😀", "work", "café work"):
        assert may_hold(text, search_words(present)), present


def test_search_words_split_at_spaces_only() -> None:
    assert search_words(None) == ()
    assert search_words("") == ()
    assert search_words("  Urge  SURFING ") == ("urge", "surfing")
    assert search_words("Straße\ttab") == ("strasse\ttab",)


def _note_month(note: str) -> dict[str, Any]:
    entry = {"id": "cd" * 16, "type": "note", "at": "2026-11-20T10:00:00+00:00", "note": note}
    return {"schema_version": schema.CURRENT_VERSION[schema.ENTRIES], "month": "2026-11",
            "entries": [entry]}  # fmt: skip


def test_files_written_otherwise_are_always_decoded() -> None:
    """Another version, another program, or a hand edit: "perhaps", whatever they hold."""
    doc = _note_month("Café")
    written = encode_month(doc).decode("utf-8")
    assert not may_hold(written, ("river",))
    others = {
        "escaped as ASCII": json.dumps(doc),
        "indented": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        "escaped slash": written.replace("Café", "Caf\\/é"),
        "older version": written.replace('"schema_version": 2', '"schema_version": 1'),
        "newer version": written.replace('"schema_version": 2', '"schema_version": 3'),
        "cut short": written[: len(written) // 2],
        "control character": encode_month(_note_month("Café\x01")).decode("utf-8"),
    }
    for how, text in others.items():
        assert may_hold(text, ("river",)), how
