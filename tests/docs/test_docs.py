"""The docs stay true: every command is documented, every example runs, every link lands.

The examples are the ```sh and ```console blocks of README.md and docs/*.md. Each block
runs line by line, each line in a child process as a shell would run it (standard input
is never a terminal), on a copy of the demo journal built at the tests' fixed "now", in
a folder of its own, so a block can write a file and read it back. A comment just
before a block can change that: <!-- run in a new home --> starts from an empty home,
and <!-- not run: why --> is for the few that need a terminal or an editor. A command
that is meant to fail says so in a shell comment: `# ...: exit code 3`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from test_help import COMMANDS  # the command tree as the help screens see it

FIXED_NOW = "2026-11-23T20:00:00+00:00"  # as tests/conftest.py
ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMANDS_PAGE = ROOT / "docs" / "commands.md"
# Sample files a block may read without writing them first.
SAMPLES = {
    "journal.json": ROOT / "tests" / "fixtures" / "jrnl_export.json",
    "meetings.json": ROOT / "tests" / "fixtures" / "meeting_guide.json",
    "meetings.csv": ROOT / "tests" / "fixtures" / "meetings.csv",
}
# Examples name a craving and a lapse by these ids; in the demo journal they are others.
CRAVING_ID, LAPSE_ID = "3f2a", "f65d090c"
# Blocks left unrun are the exception: a few, each with its reason.
MOST_NOT_RUN = 4

FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)")
MARK = re.compile(r"<!--\s*(not run|run in a new home)\b:?\s*(.*?)\s*-->")
EXIT_CODE = re.compile(r"\bexit code (\d+)\b")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # of the opening fence, 1-based
    language: str
    lines: tuple[str, ...]
    mark: str = ""  # "not run" or "run in a new home", from a comment before the block

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    """The fenced blocks of a Markdown page, each with the mark in the line before it."""
    lines = page.read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        if not opening:
            number += 1
            continue
        fence, language = opening.groups()
        end = number + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        mark = MARK.search(lines[number - 1]) if number else None
        body = tuple(lines[number + 1 : end])
        yield Block(page, number + 1, language, body, mark.group(1) if mark else "")
        number = end + 1


def prose(page: Path) -> str:
    """A page without its fenced blocks: what a reader sees as text and headings."""
    lines = page.read_text(encoding="utf-8").splitlines()
    fenced: set[int] = set()
    for block in blocks(page):
        fenced.update(range(block.line - 1, block.line + len(block.lines) + 1))
    return "\n".join(line for i, line in enumerate(lines) if i not in fenced)


# --- every command is documented ---------------------------------------------------------


def public_commands() -> list[str]:
    """Every command and subcommand that a help screen lists (hidden ones are not)."""
    return [
        " ".join(path)
        for path, command in COMMANDS.items()
        if path and not any(COMMANDS[path[: i + 1]].hidden for i in range(len(path)))
    ]


def documented(command: str, text: str) -> bool:
    """Named as `recoverylog <command>` somewhere, or in a heading."""
    mention = re.compile(rf"recoverylog {re.escape(command)}(?![\w-])")
    heading = re.compile(rf"^#+ .*\b{re.escape(command)}(?![\w-])", re.MULTILINE)
    return bool(mention.search(text) or heading.search(text))


def test_the_command_list_is_the_help_screens() -> None:
    """Control: the list reaches subcommands and leaves out hidden aliases."""
    commands = public_commands()
    assert {"status", "clock add", "report view", "passphrase change"} <= set(commands)
    assert not {"crisis", "emergency", "plan list"} & set(commands)


def test_every_command_is_in_the_command_reference() -> None:
    text = COMMANDS_PAGE.read_text(encoding="utf-8")
    missing = [command for command in public_commands() if not documented(command, text)]
    assert missing == [], f"not in docs/commands.md: {missing}"


def test_a_command_left_out_is_noticed() -> None:
    """Control: a mention of a longer command does not document a shorter one."""
    assert documented("log", "## Logging\n`recoverylog log craving`")
    assert not documented("plan add", "`recoverylog plan add-on` and `recoverylog plan`")


# --- every example runs ------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    args: list[str]
    exit_code: int = 0
    stdin_text: str | None = None  # from `echo TEXT |`
    stdin_file: str | None = None  # from `< FILE`
    stdout_file: str | None = None  # from `> FILE`


def examples(block: Block) -> Iterator[Example]:
    """The recoverylog command lines of a block, continuation lines joined."""
    joined = "\n".join(block.lines).replace("\\\n", " ")
    for raw in joined.splitlines():
        line = raw.strip().removeprefix("$ ")
        command, _, comment = line.partition(" # ")
        expected = EXIT_CODE.search(comment)
        example = parse_example(command, int(expected.group(1)) if expected else 0)
        if example:
            yield example


def parse_example(command: str, exit_code: int) -> Example | None:
    """`recoverylog ...`, or `echo TEXT | recoverylog ...`; a `| reader` after it is left
    out, and `< FILE` and `> FILE` are read and written by the test."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|<>")
    lexer.whitespace_split = True
    tokens = list(lexer)
    stdin_text = None
    if tokens[:1] == ["echo"] and "|" in tokens:
        pipe = tokens.index("|")
        stdin_text, tokens = " ".join(tokens[1:pipe]) + "\n", tokens[pipe + 1 :]
    if tokens[:1] != ["recoverylog"]:
        return None
    if "|" in tokens:
        tokens = tokens[: tokens.index("|")]
    files: dict[str, str] = {}
    for sign in ("<", ">"):
        if sign in tokens:
            at = tokens.index(sign)
            files[sign] = tokens[at + 1]
            del tokens[at : at + 2]
    return Example(tokens[1:], exit_code, stdin_text, files.get("<"), files.get(">"))


def runnable() -> list[Block]:
    shell = [b for page in PAGES for b in blocks(page) if b.language in ("sh", "console")]
    return [b for b in shell if b.mark != "not run" and any(examples(b))]


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The demo journal, built once, and the real ids for the ones the examples name."""
    from typer.testing import CliRunner

    from recoverylog.cli.main import app

    folder = tmp_path_factory.mktemp("demo") / "home"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERYLOG_NOW", FIXED_NOW)
        patch.setenv("RECOVERYLOG_TIMEZONE", "UTC")
        patch.setenv("RECOVERYLOG_HOME", str(folder))
        assert runner.invoke(app, ["demo", "--home", str(folder)]).exit_code == 0
        listed = runner.invoke(app, ["list", "--all", "--format", "json"])
    entries: list[dict[str, Any]] = json.loads(listed.stdout)
    ids = {
        CRAVING_ID: next(e["id"] for e in entries if e["type"] == "craving")[:8],
        LAPSE_ID: next(e["id"] for e in entries if e["type"] == "lapse"),
    }
    return folder, ids


def run_example(example: Example, ids: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real program in a child process, as a shell runs it: standard input is the
    file or text given, or nothing, never a terminal."""
    stdin = example.stdin_text
    if example.stdin_file:
        stdin = Path(example.stdin_file).read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "recoverylog", *(ids.get(arg, arg) for arg in example.args)],
        input=stdin or "",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    if example.stdout_file:
        Path(example.stdout_file).write_text(result.stdout, encoding="utf-8")
    return result


@pytest.mark.parametrize("block", runnable(), ids=lambda block: block.name)
def test_every_example_runs(
    block: Block,
    demo_journal: tuple[Path, dict[str, str]],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, ids = demo_journal
    if block.mark != "run in a new home":
        shutil.copytree(folder, home)
    work = tmp_path / "work"
    work.mkdir()
    for name, source in SAMPLES.items():
        shutil.copyfile(source, work / name)
    monkeypatch.chdir(work)
    monkeypatch.setenv("RECOVERYLOG_PASSPHRASE", "an example passphrase")
    monkeypatch.setenv("RECOVERYLOG_NEW_PASSPHRASE", "another example passphrase")
    for example in examples(block):
        result = run_example(example, ids)
        assert result.returncode == example.exit_code, (example.args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr


def test_few_blocks_are_left_unrun() -> None:
    not_run = [b.name for page in PAGES for b in blocks(page) if b.mark == "not run"]
    assert len(not_run) <= MOST_NOT_RUN, not_run


def test_the_example_reader_follows_the_shell() -> None:
    """Control: continuation lines, comments, pipes and redirections."""
    block = Block(
        ROOT / "README.md",
        1,
        "sh",
        (
            "$ recoverylog log craving 7 --trigger 'after work' \\",
            "    --outcome passed   # logs it",
            "recoverylog list --format csv > out.csv",
            "recoverylog insights | cat",
            "echo 'a note' | recoverylog log note -",
            "recoverylog log note - < note.txt",
            "recoverylog checkin   # without a terminal: exit code 2",
            "jrnl --format json > journal.json",
        ),
    )
    craving = ["log", "craving", "7", "--trigger", "after work", "--outcome", "passed"]
    assert list(examples(block)) == [
        Example(craving),
        Example(["list", "--format", "csv"], stdout_file="out.csv"),
        Example(["insights"]),
        Example(["log", "note", "-"], stdin_text="a note\n"),
        Example(["log", "note", "-"], stdin_file="note.txt"),
        Example(["checkin"], exit_code=2),
    ]


# --- facts the program can state itself ----------------------------------------------------


def page_text(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_the_documented_csv_header_is_the_one_written(cli: Any) -> None:
    written = cli("list", "--format", "csv").stdout.splitlines()[0]
    block = next(b for b in blocks(ROOT / "docs" / "data.md") if b.lines[0].startswith("id,"))
    assert "".join(line.strip() for line in block.lines) == written


def test_every_setting_is_documented(cli: Any) -> None:
    settings = json.loads(cli("config", "show", "--format", "json").stdout)
    text = page_text("configuration.md")
    assert [key for key in settings if f"| `{key}` |" not in text] == []


def test_every_exit_code_is_documented() -> None:
    from recoverylog.errors import ExitCode

    text = page_text("commands.md")
    assert [code for code in ExitCode if f"\n| {int(code)} | " not in text] == []


# --- every link lands --------------------------------------------------------------------


def slug(heading: str) -> str:
    """The anchor a Markdown heading gets on GitHub."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every heading's anchor; a repeated heading gets -1, -2, ... as on GitHub."""
    found: set[str] = set()
    for line in prose(page).splitlines():
        heading = HEADING.match(line)
        if heading:
            base = anchor = slug(heading.group(1))
            number = 0
            while anchor in found:
                number += 1
                anchor = f"{base}-{number}"
            found.add(anchor)
    return found


def broken_links(page: Path) -> Iterator[str]:
    for target in LINK.findall(prose(page)):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto: - outside the repository
        path, _, anchor = target.partition("#")
        landing = (page.parent / path).resolve() if path else page
        if not landing.exists():
            yield f"{target} (no such file)"
        elif anchor and landing.suffix == ".md" and anchor not in anchors(landing):
            yield f"{target} (no such heading)"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_lands(page: Path) -> None:
    assert list(broken_links(page)) == []


def test_the_link_checker_sees_a_broken_link(tmp_path: Path) -> None:
    """Control: a missing file and a missing heading are both caught."""
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# Here it is, `here`\n", encoding="utf-8")
    page.write_text(
        "# Top\n[a](there.md#here-it-is-here) [b](gone.md) [c](there.md#nowhere) [d](#top)\n"
        "```sh\n[e](in-a-block.md)\n```\n[f](https://example.org)\n",
        encoding="utf-8",
    )
    assert list(broken_links(page)) == [
        "gone.md (no such file)",
        "there.md#nowhere (no such heading)",
    ]
