"""What the reminder tests share: the fake system's folders and what its programs saw."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple


class FakeSystem(NamedTuple):
    account: Path  # $HOME
    bin_dir: Path  # the fake programs, first on $PATH
    calls: Path  # NAME.args: one line of arguments per run
    crontab_file: Path  # the fake crontab's contents
    runtime: Path  # $XDG_RUNTIME_DIR

    def args(self, program: str) -> list[str]:
        path = self.calls / f"{program}.args"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def crontab(self) -> str:
        return self.crontab_file.read_text(encoding="utf-8") if self.crontab_file.exists() else ""

    def with_systemd_running(self) -> None:
        """Make it look as if this account's systemd manager runs."""
        (self.runtime / "systemd").mkdir(exist_ok=True)
        (self.runtime / "systemd" / "private").write_text("", encoding="utf-8")

    def without(self, program: str) -> None:
        (self.bin_dir / program).unlink()

    def failing(self, program: str) -> None:
        script = self.bin_dir / program
        text = script.read_text(encoding="utf-8").replace("exit 0", "")
        script.write_text(text + "exit 1\n", encoding="utf-8")

    @property
    def user_units(self) -> Path:
        return self.account / ".config" / "systemd" / "user"


def ok(cli: Any, *args: str, input: str | None = None) -> Any:
    result = cli(*args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def said(cli: Any, *args: str) -> str:
    """What a quiet command (prompt, greet) printed: never anything on stderr."""
    result = ok(cli, *args)
    assert result.stderr == ""
    return str(result.stdout)


def glance(home: Path) -> dict[str, Any]:
    """The glance file's document."""
    import json

    loaded: dict[str, Any] = json.loads((home / "glance.json").read_text())
    return loaded
