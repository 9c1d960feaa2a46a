"""What the daily-rhythm tests share: a command that must succeed, and the glance file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def ok(cli: Any, *args: str, input: str | None = None) -> Any:
    result = cli(*args, input=input)
    assert result.exit_code == 0, (args, result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def glance(home: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((home / "glance.json").read_text())
    return loaded
