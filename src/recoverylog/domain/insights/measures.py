"""Small measures every section of the insights uses. Pure.

Averages are rounded to one decimal place; fractions run from 0 to 1, or are None when
there is nothing to divide by.
"""

from __future__ import annotations

from recoverylog.domain.model import Entry


def average(total: float, count: int) -> float | None:
    return round(total / count, 1) if count else None


def fraction(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def intensity_of(entry: Entry) -> int:
    """A craving's intensity (0-10); 0 when it is missing or not a number."""
    try:
        return int(entry.data.get("intensity") or 0)
    except (TypeError, ValueError):
        return 0


def name_key(name: str) -> str:
    """One key for a trigger or technique however it was spaced or capitalised."""
    return " ".join(name.split()).casefold()
