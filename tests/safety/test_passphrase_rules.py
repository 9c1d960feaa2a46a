"""The passphrase rules live in the service, so a passphrase from the environment meets
the same rules as a typed one; child processes never inherit it; and with encryption on
the process writes no core dump."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recoverylog.errors import InvalidInput
from recoverylog.services.safety import MIN_PASSPHRASE, check_new_passphrase


@pytest.mark.parametrize("weak", ["", "a", "       ", "1234567"])
def test_a_short_or_empty_passphrase_is_refused(weak: str) -> None:
    with pytest.raises(InvalidInput, match=f"at least {MIN_PASSPHRASE} characters"):
        check_new_passphrase(weak)


def test_a_short_passphrase_from_the_environment_is_refused_like_a_typed_one(
    cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli("clock", "add", "alcohol", "--since", "2026-10-01")
    assert result.exit_code == 0
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a")
    refused = cli("encrypt")
    assert refused.exit_code == 2
    assert f"at least {MIN_PASSPHRASE} characters" in refused.stderr
    assert not (home / "encryption.toml").exists()


def test_the_editor_does_not_inherit_the_passphrase(
    cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.sh"
    script.write_text(
        f'#!/bin/sh\nprintf "%s" "${{RECOVERYLOG_PASSPHRASE-unset}}" > {seen}\necho note > "$1"\n'
    )
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "a long enough passphrase")
    assert cli("log", "note", "--edit").exit_code == 0
    assert seen.read_text() == "unset"
    assert os.environ["RECOVERYLOG_PASSPHRASE"] == "a long enough passphrase"  # ours is kept


def test_no_core_dump_with_encryption_on(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "RECOVERYLOG_HOME": str(home), "RECOVERYLOG_PASSPHRASE": "x" * 12}
    script = (
        "import resource, sys\n"
        "hard = resource.getrlimit(resource.RLIMIT_CORE)[1]\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))\n"
        "assert resource.getrlimit(resource.RLIMIT_CORE)[0] != 0\n"
        "sys.argv = ['recoverylog', 'status']\n"
        "from recoverylog.cli import main\n"
        "main.app(prog_name='recoverylog', standalone_mode=False)\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE)[0])\n"
    )
    subprocess.run(
        [sys.executable, "-m", "recoverylog", "clock", "add", "a", "--since", "2026-10-01"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(
        [sys.executable, "-m", "recoverylog", "encrypt"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    soft = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert soft.stdout.strip().splitlines()[-1] == "0", soft.stderr
    assert resource.getrlimit(resource.RLIMIT_CORE)  # the test process is unchanged
