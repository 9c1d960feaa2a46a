"""The piece-at-a-time JSON reader reads what json.loads reads, and refuses what it
refuses in the same words and at the same line, whatever the size of the pieces."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverylog.errors import DataError, not_json
from recoverylog.services.imports import jsonstream
from recoverylog.services.imports.jsonstream import JsonObjectReader, ReadWhole

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)
DOCUMENTS = st.dictionaries(st.sampled_from(["entries", "kind", "journal", "é"]), VALUES)
DAMAGE = st.sampled_from([",", "]", "}", "x", " ", "\n", '"', "1", "[", "{", "\\", "."])


def _whole(text: str) -> tuple[str, Any]:
    try:
        return "read", json.loads(text)
    except json.JSONDecodeError as exc:
        return "refused", not_json("f.json", exc)


def _in_pieces(text: str) -> tuple[str, Any]:
    items: list[Any] = []
    try:
        found = JsonObjectReader(io.StringIO(text), "f.json", "entries").read(
            lambda index, item: items.append(item)
        )
    except DataError as exc:
        return "refused", exc.message
    if found.get("entries") == [] and (items or json.loads(text)["entries"] == []):
        found["entries"] = items
    return "read", found


@settings(max_examples=400, suppress_health_check=list(HealthCheck))
@given(DOCUMENTS, st.integers(1, 9), st.sampled_from([None, 0, 2]), st.data())
def test_reads_and_refuses_as_json_loads_does(
    doc: dict[str, Any], piece: int, indent: int | None, data: st.DataObject
) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    if data.draw(st.booleans(), label="damaged"):
        at = data.draw(st.integers(0, len(text)), label="at")
        how = data.draw(st.sampled_from(["cut", "insert", "remove"]), label="how")
        after = text[at + 1 :] if how == "remove" else text[at:]
        added = data.draw(DAMAGE, label="added") if how == "insert" else ""
        text = text[:at] + ("" if how == "cut" else added + after)
    # Not an object, or a key given twice: read whole, as before.
    with pytest.MonkeyPatch.context() as patch, contextlib.suppress(ReadWhole):
        patch.setattr(jsonstream, "CHUNK", piece)
        assert _in_pieces(text) == _whole(text)


@pytest.mark.parametrize("text", ["[]", '{"a": 1, "a": 2}', "  7", ""])
def test_what_is_not_one_object_of_distinct_keys_is_read_whole(text: str) -> None:
    with pytest.raises((ReadWhole, DataError)):
        JsonObjectReader(io.StringIO(text), "f.json", "entries").read(lambda i, v: None)


def test_items_come_one_by_one_before_the_rest_is_read() -> None:
    text = '{"entries": [{"n": 1}, {"n": 2}], "kind": "k"}'
    seen: list[tuple[int, Any, int]] = []
    source = io.StringIO(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonstream, "CHUNK", 4)
        found = JsonObjectReader(source, "f.json", "entries").read(
            lambda index, item: seen.append((index, item, source.tell()))
        )
    assert found == {"entries": [], "kind": "k"}
    assert [(i, item) for i, item, _ in seen] == [(0, {"n": 1}), (1, {"n": 2})]
    assert seen[0][2] < len(text)  # the first item was given before the end was read
