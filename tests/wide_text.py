"""Text whose characters take two terminal columns, for the tests that wrap and print it.

Widths are measured with rich.cells.cell_len, as a terminal would show them.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

CJK = "今日は仕事の後でとても強い渇望があったけれど、友達に電話して散歩に出かけたら落ち着いた。" * 2
EMOJI = "good day 🙂 walked 🚶 by the river 🌊 felt 💪 " * 2 + "🎉" * 45  # 🎉s: 90 columns
TEXTS = pytest.mark.parametrize("words", [CJK, EMOJI], ids=["cjk", "emoji"])


def widest(rows: list[str]) -> int:
    return max(cell_len(row) for row in rows)
