"""Helpers shared by the support tests: a command that must succeed, and a stand-in
for the urge-surfing timer's sleep."""

from __future__ import annotations

from typing import Any


def ok(cli: Any, *args: str, input: str | None = None) -> Any:
    result = cli(*args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


class Ticks:
    """Stands in for time.sleep: counts seconds; can raise Ctrl-C at a given tick."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.count = 0
        self.stop_at = stop_at

    def __call__(self, seconds: float) -> None:
        assert seconds == 1
        if self.stop_at is not None and self.count == self.stop_at:
            raise KeyboardInterrupt
        self.count += 1
