"""`recoverylog plan` and `plan edit`: a TOML template in $EDITOR, checked and stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support_helpers import ok

from recoverylog.services.plan import parse_plan, plan_template

# An editor for tests: records what it was given (text and file mode), then writes the
# next reply from a queue (one file per opening); with no reply left it changes nothing.
EDITOR = """\
import json, os, stat, sys
path = sys.argv[1]
folder = os.environ["FAKE_EDITOR_DIR"]
seen = sorted(n for n in os.listdir(folder) if n.startswith("seen-"))
n = len(seen)
with open(path, encoding="utf-8") as f:
    text = f.read()
mode = stat.S_IMODE(os.stat(path).st_mode)
with open(os.path.join(folder, f"seen-{n}.json"), "w") as f:
    json.dump({"text": text, "mode": mode, "path": path}, f)
reply = os.path.join(folder, f"reply-{n}.toml")
if os.path.exists(reply):
    with open(reply, encoding="utf-8") as f:
        new = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)
"""


class FakeEditor:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def reply(self, *texts: str) -> None:
        for i, text in enumerate(texts):
            (self.folder / f"reply-{i}.toml").write_text(text, encoding="utf-8")

    def seen(self) -> list[dict[str, Any]]:
        return [json.loads(p.read_text()) for p in sorted(self.folder.glob("seen-*.json"))]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeEditor:
    folder = tmp_path / "editor"
    folder.mkdir()
    script = folder / "editor.py"
    script.write_text(EDITOR)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FAKE_EDITOR_DIR", str(folder))
    return FakeEditor(folder)


PLAN = """\
reasons = ["waking up clear", "my kids"]
warning_signs = ["skipping meals", "\\"just one\\" thoughts"]
call = ["Sam 555 0100"]
"""


def test_no_plan_yet(cli: Any) -> None:
    result = ok(cli, "plan")
    assert "No plan yet" in result.stdout
    assert "recoverylog plan edit" in result.stdout
    data = json.loads(ok(cli, "plan", "show", "--format", "json").stdout)
    assert list(data) == ["reasons", "warning_signs", "high_risk", "instead", "call", "if_lapse"]
    assert data["reasons"] == {"title": "My reasons", "lines": []}


def test_edit_in_the_editor_then_show(cli: Any, home: Path, editor: FakeEditor) -> None:
    editor.reply(PLAN)
    result = ok(cli, "plan", "edit")
    assert result.stdout.strip() == "Saved your plan: 5 lines in 3 sections."
    (seen,) = editor.seen()
    assert seen["mode"] == 0o600
    assert Path(seen["path"]).parent == home / "tmp"  # inside the private home
    assert not Path(seen["path"]).exists()  # removed afterwards
    assert "# My reasons." in seen["text"] and "if_lapse = []" in seen["text"]
    stored = tomllib.loads((home / "journal.toml").read_text())["plan"]
    assert stored == {
        "reasons": ["waking up clear", "my kids"],
        "warning_signs": ["skipping meals", '"just one" thoughts'],
        "call": ["Sam 555 0100"],
    }
    shown = ok(cli, "plan").stdout
    assert shown.startswith("My reasons\n  1. waking up clear\n  2. my kids\n\nWarning signs\n")
    assert ok(cli, "plan", "list").stdout == shown  # the word people reach for
    assert "High-risk" not in shown  # empty sections are left out
    data = json.loads(ok(cli, "plan", "show", "-f", "json").stdout)
    assert data["call"]["lines"] == ["Sam 555 0100"]


def test_the_editor_opens_on_the_current_plan(cli: Any, editor: FakeEditor) -> None:
    ok(cli, "plan", "edit", "--file", "-", input=PLAN)
    result = ok(cli, "plan", "edit")  # the fake editor changes nothing this time
    assert "No changes; your plan is as it was." in result.stderr
    (seen,) = editor.seen()
    template = tomllib.loads(seen["text"])
    assert template["reasons"] == ["waking up clear", "my kids"]
    assert template["warning_signs"][1] == '"just one" thoughts'
    assert template["high_risk"] == []


def test_a_mistake_can_be_fixed_in_the_editor(cli: Any, home: Path, editor: FakeEditor) -> None:
    editor.reply('reasons = ["unclosed\n', 'reasons = ["fixed it"]\n')
    result = ok(cli, "plan", "edit", input="y\n")
    assert "line 1 of the plan" in result.stderr
    _first, second = editor.seen()
    assert second["text"].startswith("# Problem: line 1 of the plan")
    assert 'reasons = ["unclosed' in second["text"]  # what was typed is kept
    assert tomllib.loads((home / "journal.toml").read_text())["plan"] == {"reasons": ["fixed it"]}


def test_giving_up_on_a_mistake_changes_nothing(cli: Any, editor: FakeEditor) -> None:
    ok(cli, "plan", "edit", "--file", "-", input=PLAN)
    editor.reply("resons = ['typo']\n")
    result = cli("plan", "edit", input="n\n")
    assert result.exit_code == 2
    assert "'resons' is not a section of the plan" in result.stderr
    assert "waking up clear" in ok(cli, "plan").stdout


def test_plan_from_a_file_or_stdin(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text('if_lapse = ["tell Sam the same day"]\n')
    assert "1 line in 1 section" in ok(cli, "plan", "edit", "--file", str(path)).stdout
    assert "tell Sam the same day" in ok(cli, "plan").stdout
    bad = cli("plan", "edit", "--file", "-", input="reasons = [1, 2]\n")
    assert bad.exit_code == 2 and "list of text lines" in bad.stderr
    missing = cli("plan", "edit", "--file", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 3 and "no plan at" in missing.stderr  # as for an import
    empty = ok(cli, "plan", "edit", "--file", "-", input="# nothing\n")
    assert "it is empty now" in empty.stdout
    assert "No plan yet" in ok(cli, "plan").stdout


def test_the_editor_failing_saves_nothing(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(cli, "plan", "edit", "--file", "-", input=PLAN)
    monkeypatch.setenv("EDITOR", "false")
    result = cli("plan", "edit")
    assert result.exit_code == 2 and "nothing was saved" in result.stderr
    assert "waking up clear" in ok(cli, "plan").stdout
    leftovers = [p for p in (Path(os.environ["RECOVERYLOG_HOME"]) / "tmp").iterdir()]
    assert leftovers == []


line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and " ".join(s.split()) == s)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["reasons", "warning_signs", "high_risk", "instead", "call", "if_lapse"]),
        st.lists(line_text, min_size=1, max_size=4),
    )
)
def test_template_and_parse_round_trip(plan: dict[str, list[str]]) -> None:
    assert parse_plan(plan_template(plan)) == plan


def test_plan_and_goal_alone_take_format_json(cli: Any) -> None:
    cli("plan", "edit", "--file", "-", input='reasons = ["my kids"]\n')
    alone = cli("plan", "--format", "json")
    assert alone.exit_code == 0, alone.stderr
    shown = cli("plan", "show", "--format", "json")
    assert json.loads(alone.stdout) == json.loads(shown.stdout)
    assert json.loads(alone.stdout)["reasons"]["lines"] == ["my kids"]
    cli("goal", "set", "meetings", "90", "--days", "90")
    goals = cli("goal", "--format", "json")
    assert goals.exit_code == 0, goals.stderr
    assert json.loads(goals.stdout) == json.loads(cli("goal", "show", "--format", "json").stdout)


def test_the_plan_is_changed_a_line_at_a_time_without_toml(cli: Any) -> None:
    assert "line 1" in ok(cli, "plan", "add", "reason", "waking up clear").stdout
    assert "line 2" in ok(cli, "plan", "add", "reasons", 'my kids, "always"').stdout
    ok(cli, "plan", "add", "Warning signs", "skipping meals")
    ok(cli, "plan", "add", "if-lapse", "tell Sam the same day")
    shown = ok(cli, "plan").stdout
    assert '  2. my kids, "always"' in shown and "  1. skipping meals" in shown
    assert "recoverylog plan remove reasons 2" in shown
    removed = ok(cli, "plan", "remove", "reasons", "1").stdout
    assert "waking up clear" in removed
    data = json.loads(ok(cli, "plan", "--format", "json").stdout)
    assert data["reasons"]["lines"] == ['my kids, "always"']
    assert data["if_lapse"]["lines"] == ["tell Sam the same day"]
    missing = cli("plan", "remove", "reasons", "5")
    assert missing.exit_code == 2 and "there is no line 5" in missing.stderr
    unknown = cli("plan", "add", "hopes", "x")
    assert unknown.exit_code == 2 and "warning-signs" in unknown.stderr


def test_a_plan_file_error_points_to_the_line_in_plain_words(cli: Any) -> None:
    bad = cli("plan", "edit", "--file", "-", input='reasons = [\n  "say "no" twice",\n]\n')
    assert bad.exit_code == 2
    assert "line 2 of the plan" in bad.stderr
    assert "double quotes" in bad.stderr and '\\"' in bad.stderr
    assert "TOML" not in bad.stderr


def test_without_an_editor_or_a_terminal_plan_edit_points_to_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = subprocess.run(
        [sys.executable, "-m", "recoverylog", "plan", "edit"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no editor: set $EDITOR, or use --file -" in result.stderr


def test_a_goal_cannot_start_beyond_a_year_from_today(cli: Any) -> None:
    far = cli("goal", "set", "meetings", "1", "--days", "2", "--start", "9999-12-31 23:59")
    assert far.exit_code == 2 and "up to a year from today" in far.stderr
    assert cli("status").exit_code == 0
