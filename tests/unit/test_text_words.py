"""The small words every layer shares: plural and percent."""

from __future__ import annotations

import pytest

from recoverylog.domain.text import percent, plural


@pytest.mark.parametrize(
    ("count", "word", "words", "said"),
    [(0, "day", None, "0 days"), (1, "day", None, "1 day"), (2, "person", "people", "2 people")],
)
def test_plural(count: int, word: str, words: str | None, said: str) -> None:
    assert plural(count, word, words) == said


@pytest.mark.parametrize(
    ("share", "said"), [(None, "–"), (0.0, "0%"), (0.384, "38%"), (0.385, "38%"), (1.0, "100%")]
)
def test_percent_is_whole_and_a_dash_for_nothing(share: float | None, said: str) -> None:
    assert percent(share) == said
