"""git, as `recoverylog sync` uses it: a small runner for the git program, and the few
files sync keeps in the home's repository (its .gitignore, the modes of what git wrote).

git is started with a list of words, never through a shell, with a time limit, and its
output captured: what it says is shown only when it explains a failure. recoverylog
never speaks a network protocol itself; git (and ssh, or whatever the remote needs) does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from recoverylog.errors import RecoveryLogError
from recoverylog.store.atomic import DIR_MODE, FILE_MODE, atomic_write, read_bytes, remove_file

LOCAL_LIMIT = 60.0  # seconds a git command on this computer may take
NETWORK_LIMIT = 300.0  # seconds a fetch or a push may take
SAID_LIMIT = 300  # characters of git's own words kept to explain a failure

# Who commits when git knows nobody: never the computer's name, which git would use.
FALLBACK_NAME = "recoverylog"
FALLBACK_EMAIL = "recoverylog@localhost"
IDENTITY = (
    ("user.name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"), FALLBACK_NAME),
    ("user.email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL"), FALLBACK_EMAIL),
)


class GitFailed(RecoveryLogError):
    """git did not do what was asked (the remote could not be reached, say)."""


class TreeItem(NamedTuple):
    mode: str
    blob: str


def find_git(search_path: str | None) -> str | None:
    """The git program's path on ``search_path`` ($PATH), or None."""
    return shutil.which("git", path=search_path or os.defpath)


def said(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git said of a failure, on one line and short."""
    text = (done.stderr or done.stdout or b"").decode("utf-8", errors="replace")
    return " ".join(text.split())[:SAID_LIMIT] or f"exit status {done.returncode}"


class Git:
    """The git program, run in one folder with the command's environment variables."""

    def __init__(
        self, program: str, folder: Path, variables: Mapping[str, str], *, terminal: bool
    ) -> None:
        self.program = program
        self.folder = folder
        self.terminal = terminal
        self.variables = dict(variables)
        if not terminal:  # nobody to answer: git must fail rather than wait for a password
            self.variables["GIT_TERMINAL_PROMPT"] = "0"
        self.variables["LC_ALL"] = "C"  # git's words in one language, for the checks below
        self.config: list[str] = []  # "-c name=value" given to every command

    def run(
        self,
        *words: str,
        limit: float = LOCAL_LIMIT,
        given: bytes | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git with ``words``; the finished process, whatever its exit status."""
        command = [self.program, *self.config, *words]
        try:
            return subprocess.run(
                command,
                cwd=self.folder,
                input=given,
                stdin=None if given is not None or self.terminal else subprocess.DEVNULL,
                capture_output=True,
                env={**self.variables, **(variables or {})},
                timeout=limit,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise GitFailed(
                f"'git {words[0]}' took more than {limit:g} seconds",
                hint="check your connection and the remote, then try again",
            ) from None
        except OSError as exc:
            raise GitFailed(f"could not run git: {exc.strerror}") from None

    def output(self, *words: str, limit: float = LOCAL_LIMIT, given: bytes | None = None) -> str:
        """Run git, which must succeed; what it wrote, without the last line break."""
        return self.must(*words, limit=limit, given=given).stdout.decode().rstrip("\n")

    def must(
        self,
        *words: str,
        limit: float = LOCAL_LIMIT,
        given: bytes | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        done = self.run(*words, limit=limit, given=given, variables=variables)
        if done.returncode != 0:
            raise GitFailed(f"'git {' '.join(words[:2])}' failed: {said(done)}")
        return done

    def succeeds(self, *words: str) -> bool:
        return self.run(*words).returncode == 0

    def value(self, *words: str) -> str | None:
        """What a question to git answers, or None when git says there is no answer."""
        done = self.run(*words)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def top_level(self) -> Path | None:
        """The top folder of the repository the folder is in; None when it is in none."""
        if not self.folder.is_dir():
            return None
        top = self.value("rev-parse", "--show-toplevel")
        return None if top is None else Path(top)

    def is_top_level(self, top: Path) -> bool:
        return top.resolve() == self.folder.resolve()

    def know_who_commits(self) -> None:
        """Commit as the person git knows; where it knows no name or address, as
        recoverylog (git would otherwise make one up from the computer's name)."""
        self.config = []
        for key, variables, fallback in IDENTITY:
            known = self.value("config", "--get", key) or any(
                self.variables.get(name) for name in variables
            )
            if not known:
                self.config += ["-c", f"{key}={fallback}"]

    def blob(self, blob: str) -> bytes:
        return self.must("cat-file", "blob", blob).stdout

    def tree(self, commit: str | None) -> dict[str, TreeItem]:
        """Every file of ``commit`` (None: no commit, no files) by its path."""
        if commit is None:
            return {}
        listed = self.must("ls-tree", "-r", "-z", "--full-tree", commit).stdout.decode()
        files = {}
        for line in filter(None, listed.split("\0")):
            head, _, path = line.partition("\t")
            mode, kind, blob = head.split()
            if kind == "blob":
                files[path] = TreeItem(mode, blob)
        return files

    def commit_tree(
        self, files: Mapping[str, TreeItem], parents: Sequence[str], message: str
    ) -> str:
        """A commit of exactly ``files`` on ``parents``, made without touching the
        folder or its index (a scratch index in git's own folder, removed after)."""
        index = Path(self.output("rev-parse", "--git-path", "recoverylog-sync.index"))
        index = index if index.is_absolute() else self.folder / index
        scratch = {"GIT_INDEX_FILE": str(index)}
        listing = "".join(f"{item.mode} {item.blob}\t{path}\0" for path, item in files.items())
        try:
            self.must("read-tree", "--empty", variables=scratch)
            self.must(
                "update-index", "-z", "--index-info", given=listing.encode(), variables=scratch
            )
            tree = self.must("write-tree", variables=scratch).stdout.decode().strip()
        finally:
            remove_file(index)
        family = [word for parent in parents for word in ("-p", parent)]
        return self.output("commit-tree", tree, *family, "-m", message)


# --- files in the home for git -------------------------------------------------------------


def add_ignored(path: Path, header: str, names: Sequence[str]) -> bool:
    """Make sure the .gitignore at ``path`` names every one of ``names`` (its other
    lines kept); True when it had to be written."""
    text = (read_bytes(path) or b"").decode("utf-8", errors="replace")
    present = {line.strip() for line in text.splitlines()}
    missing = [name for name in names if name not in present]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    atomic_write(path, (text + ("" if text else header) + "\n".join(missing) + "\n").encode())
    return True


def make_private(folder: Path, paths: Sequence[str]) -> None:
    """Files git wrote are made readable by this account only, like every file of the
    home (git writes them as the umask allows), and so are their folders."""
    for name in paths:
        path = folder / name
        with contextlib.suppress(OSError):
            if not path.is_symlink() and path.is_file():
                os.chmod(path, FILE_MODE)
            parent = path.parent
            while parent != folder and folder in parent.parents:
                os.chmod(parent, DIR_MODE)
                parent = parent.parent
