"""Reading a JSON object a piece at a time: each of its keys, and the items of one list
in it one by one, so that a file of any size is never held whole.

It reads what ``json.loads`` reads and refuses what it refuses, in the same words. A
file it cannot read this way (not an object, a key given twice) is read whole instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NoReturn, TextIO

from recoverylog.errors import DataError, not_json

CHUNK = 1 << 20  # characters read at a time
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's own whitespace
_NUMBER_GOES_ON = re.compile(r"[0-9.eE+-]*")  # what may follow the digits read so far


class ReadWhole(Exception):
    """The file is not laid out as an export is: it is read whole instead."""


class JsonObjectReader:
    """One JSON object read from ``text``; its list ``streamed`` is given item by item."""

    def __init__(self, text: TextIO, where: str, streamed: str) -> None:
        self._text = text
        self._where = where
        self._streamed = streamed
        self._buffer = ""
        self._pos = 0
        self._lines = 0  # line breaks in the text already let go
        self._end = False
        self._decoder = json.JSONDecoder()

    def read(self, on_item: Callable[[int, Any], None]) -> dict[str, Any]:
        """Every key of the object with its value, but the streamed list, whose items
        go to ``on_item`` (with their index) as they are read; it is given as []."""
        if self._next_char() != "{":
            raise ReadWhole
        self._pos += 1
        found: dict[str, Any] = {}
        char = self._next_char()
        if char == "}":
            self._pos += 1
        while char != "}":
            key = self._key()
            if key in found:
                raise ReadWhole  # json.loads keeps the last one: so does reading whole
            found[key] = self._member(key, on_item)
            char = self._after_item("}")
        if self._next_char():
            self._fail("Extra data")
        return found

    def _key(self) -> str:
        if self._next_char() != '"':
            self._fail("Expecting property name enclosed in double quotes")
        key = self._value()
        if self._next_char() != ":":
            self._fail("Expecting ':' delimiter")
        self._pos += 1
        return str(key)

    def _member(self, key: str, on_item: Callable[[int, Any], None]) -> Any:
        if key != self._streamed or self._next_char() != "[":
            return self._value()
        self._pos += 1
        if self._next_char() == "]":
            self._pos += 1
            return []
        index = 0
        while True:
            on_item(index, self._value())
            index += 1
            if self._after_item("]") == "]":
                return []

    def _after_item(self, closing: str) -> str:
        """Past the ',' between items or the ``closing`` bracket; which one it was."""
        char = self._next_char()
        if char not in (",", closing):
            self._fail("Expecting ',' delimiter")
        self._pos += 1
        return char

    def _value(self) -> Any:
        """The next JSON value, read further until it is whole (a number at the end of
        what was read so far may go on)."""
        self._next_char()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                self._fail(exc.msg, exc.pos)
            except RecursionError as exc:
                raise DataError(f"{self._where} is nested too deeply to be an export") from exc
            if _may_go_on(value, self._buffer, end) and self._more():
                continue
            self._pos = end
            return value

    def _next_char(self) -> str:
        """The next character that is not whitespace ('' at the end), not taken."""
        while True:
            match = _SPACE.match(self._buffer, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return ""

    def _more(self) -> bool:
        """Read on; what was already taken is let go. False at the end of the text."""
        if self._end:
            return False
        read = self._text.read(max(CHUNK, len(self._buffer) - self._pos))
        if not read:
            self._end = True
            return False
        self._lines += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos :] + read
        self._pos = 0
        return True

    def _fail(self, message: str, pos: int | None = None) -> NoReturn:
        exc = json.JSONDecodeError(message, self._buffer, self._pos if pos is None else pos)
        exc.lineno += self._lines
        raise DataError(not_json(self._where, exc))


def _may_go_on(value: Any, buffer: str, end: int) -> bool:
    """A number read up to the end of what was read so far may have more digits after
    it; every other value ends with its own last character."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and _NUMBER_GOES_ON.fullmatch(buffer, end) is not None
