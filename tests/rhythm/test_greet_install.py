"""`greet --install` and `--uninstall` on a temporary HOME: one marked line, shown
first, added once, taken out exactly, the rest of the file and its mode kept."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from rhythm_helpers import ok


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.delenv("ZDOTDIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def test_install_shows_the_line_adds_it_once_and_uninstall_takes_it_out(
    cli: Any, user_home: Path
) -> None:
    bashrc = user_home / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\nexport EDITOR=vim")  # no final line break
    bashrc.chmod(0o640)
    asked = cli("greet", "--install", input="n\n")
    assert asked.exit_code == 0
    assert f"Add to the end of {bashrc}:" in asked.stdout
    assert "recoverylog greet" in asked.stdout
    assert bashrc.read_text() == "alias ll='ls -l'\nexport EDITOR=vim"  # refused: unchanged
    ok(cli, "greet", "--install", input="y\n")
    installed = bashrc.read_text()
    lines = installed.splitlines()
    assert lines[:2] == ["alias ll='ls -l'", "export EDITOR=vim"]
    assert lines[2].startswith("if command -v recoverylog") and "recoverylog greet" in lines[2]
    assert stat.S_IMODE(bashrc.stat().st_mode) == 0o640
    again = ok(cli, "greet", "--install", "--yes")
    assert "already in" in again.stdout
    assert bashrc.read_text() == installed
    ok(cli, "greet", "--uninstall", "--yes")
    assert bashrc.read_text() == "alias ll='ls -l'\nexport EDITOR=vim\n"
    assert "is not in" in ok(cli, "greet", "--uninstall", "--yes").stdout
    assert stat.S_IMODE(bashrc.stat().st_mode) == 0o640


def test_zsh_honours_zdotdir_and_fish_its_config_folder(
    cli: Any, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    monkeypatch.setenv("ZDOTDIR", str(user_home / "zdot"))
    ok(cli, "greet", "--install", "--yes")
    assert "recoverylog greet" in (user_home / "zdot" / ".zshrc").read_text()
    ok(cli, "greet", "--install", "--shell", "fish", "--yes")
    fish = (user_home / ".config" / "fish" / "config.fish").read_text()
    assert fish.startswith("status is-interactive; and type -q recoverylog")
    assert not (user_home / ".bashrc").exists()


def test_an_unknown_shell_is_asked_for(
    cli: Any, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    result = cli("greet", "--install", "--yes")
    assert result.exit_code == 2
    assert "--shell" in result.stderr
    assert list(user_home.iterdir()) == []


def test_without_a_terminal_install_needs_yes(cli_without_terminal: Any, user_home: Path) -> None:
    result = cli_without_terminal("greet", "--install")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert not (user_home / ".bashrc").exists()
