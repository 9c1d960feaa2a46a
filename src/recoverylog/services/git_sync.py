"""`recoverylog sync`: one journal on two computers through a git remote.

The journal's folder is a git repository with a remote the person set up. Under the
writer lock, sync commits what changed here, fetches the remote's branch, fast-forwards
or merges (each file changed on both sides merged by services/sync.merge_versions, the
same rules as for a sync tool's copies), and pushes; a push refused because the remote
moved meanwhile is tried again. git does all the talking to the remote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from recoverylog.domain.git_sync import (
    CHANGES_MESSAGE,
    IGNORE_HEADER,
    IGNORE_MESSAGE,
    MERGE_MESSAGE,
    OWN_FILES,
    Choice,
    Synced,
    choose,
)
from recoverylog.domain.sync_conflicts import JOURNAL, MONTH
from recoverylog.errors import DataError, InvalidInput
from recoverylog.paths import resolve_layout
from recoverylog.services.shapes import SyncJson
from recoverylog.store import git as gitstore
from recoverylog.store.git import NETWORK_LIMIT, Git, GitFailed, TreeItem
from recoverylog.store.sync_copies import find_copies, kind_of

if TYPE_CHECKING:
    from recoverylog.environment import Environment
    from recoverylog.services.workspace import Workspace

PUSH_TRIES = 3  # a push refused because the remote moved: fetch, merge and push again
SEE_DOCS = "see docs/sync.md"
SENT_LATER = "your changes are committed here, and the next 'recoverylog sync' sends them"


def copies_waiting(environment: Environment) -> bool:
    """Whether a sync tool's copies wait in the home (before it is opened, which
    merges them when it can)."""
    return bool(find_copies(resolve_layout(environment.home)))


def sync(ws: Workspace, *, copies_merged: bool = False) -> Synced | None:
    """Send and receive the journal's changes through its git remote. None when the
    home is no git repository and the sync tool's copies just merged were all there
    was to do."""
    git = _repository(ws)
    if git is None:
        if copies_merged:
            return None
        raise InvalidInput(
            f"{ws.layout.data_dir} is not a git repository",
            hint=f"make it one with 'git init' and add a private remote; {SEE_DOCS}",
        )
    branch = _branch(git)
    remote, their_branch, tracked = _upstream(git, branch)
    git.know_who_commits()
    result = Synced(remote, their_branch)
    with ws.store.writing():
        result.committed = _commit_changes(git, ws.layout.data_dir)
        before = _head(git)
        for _ in range(PUSH_TRIES):
            theirs = _fetch(git, result)
            result.first_push = theirs is None
            _bring_in(ws, git, theirs, result)
            if _push(git, theirs, result, set_upstream=not tracked):
                break
        else:
            raise GitFailed(
                f"{remote} kept changing while this computer sent its changes",
                hint=f"{SENT_LATER}; try again in a moment",
            )
        after = _head(git)
        if after is not None and after != before:
            _received(ws, git, before, after, result)
        if after is not None:  # git writes files as the umask allows; the home's are private
            gitstore.make_private(ws.layout.data_dir, list(git.tree(after)))
    return result


# --- the repository, its branch and its remote ----------------------------------------------


def _repository(ws: Workspace) -> Git | None:
    """git, run in the journal's folder; None when the folder is no git repository."""
    environment = ws.environment
    program = gitstore.find_git(environment.search_path)
    if program is None:
        raise InvalidInput(
            "git is not installed here, and 'recoverylog sync' needs it",
            hint=f"install git (or keep the journal in a synced folder); {SEE_DOCS}",
        )
    folder = ws.layout.data_dir
    git = Git(program, folder, environment.variables, terminal=environment.stdin_is_tty)
    top = git.top_level()
    if top is None:
        return None
    if not git.is_top_level(top):
        raise InvalidInput(
            f"{folder} is inside the git repository {top}, not a repository of its own",
            hint=f"run 'git init' in {folder} to give the journal its own; {SEE_DOCS}",
        )
    return git


def _branch(git: Git) -> str:
    branch = git.value("symbolic-ref", "--quiet", "--short", "HEAD")
    if branch is None:
        raise InvalidInput(
            "the journal's repository is on no branch (a detached HEAD)",
            hint="go back to its branch first, e.g. 'git switch main'",
        )
    return branch


def _upstream(git: Git, branch: str) -> tuple[str, str, bool]:
    """The remote and branch to sync with: the branch's upstream, else origin's (or the
    only remote's) branch of the same name; and whether an upstream was set."""
    remote = git.value("config", "--get", f"branch.{branch}.remote")
    merge = git.value("config", "--get", f"branch.{branch}.merge")
    if remote and remote != "." and merge:
        return remote, merge.removeprefix("refs/heads/"), True
    remotes = git.output("remote").split()
    if not remotes:
        raise InvalidInput(
            "the journal's repository has no remote to sync with",
            hint=f"add a private one: git remote add origin URL; {SEE_DOCS}",
        )
    if "origin" in remotes or len(remotes) == 1:
        return ("origin" if "origin" in remotes else remotes[0]), branch, False
    raise InvalidInput(
        f"the journal's repository has several remotes ({', '.join(remotes)}), "
        "and none is the branch's upstream",
        hint=f"choose one: git branch --set-upstream-to REMOTE/{branch}",
    )


def _head(git: Git) -> str | None:
    return git.value("rev-parse", "--verify", "--quiet", "HEAD^{commit}")


# --- this computer's changes -----------------------------------------------------------------


def _commit_changes(git: Git, folder: Path) -> bool:
    """Commit everything changed here (once, a .gitignore that keeps each computer's
    own files out first); True when something was committed."""
    ignoring = gitstore.add_ignored(folder / ".gitignore", IGNORE_HEADER, OWN_FILES)
    if ignoring:
        git.must("rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--", *_own_paths())
        git.must("add", "--", ".gitignore")
        git.must("commit", "--quiet", "-m", IGNORE_MESSAGE)
    git.must("add", "--all")
    if git.succeeds("diff", "--cached", "--quiet"):
        return ignoring
    git.must("commit", "--quiet", "-m", CHANGES_MESSAGE)
    return True


def _own_paths() -> list[str]:
    return [name.strip("/") for name in OWN_FILES]


# --- the remote's changes --------------------------------------------------------------------


def _fetch(git: Git, result: Synced) -> str | None:
    """The remote branch's commit, fetched; None when the remote has no journal yet."""
    done = git.run(
        "fetch",
        "--quiet",
        "--no-tags",
        result.remote,
        f"refs/heads/{result.branch}",
        limit=NETWORK_LIMIT,
    )
    if done.returncode == 0:
        return git.output("rev-parse", "FETCH_HEAD^{commit}")
    if "couldn't find remote ref" in gitstore.said(done):
        return None
    raise _unreachable(result, gitstore.said(done))


def _unreachable(result: Synced, said: str) -> GitFailed:
    committed = f"{SENT_LATER}; " if result.committed else "nothing was changed; "
    return GitFailed(
        f"could not reach {result.remote} ({said})",
        hint=f"{committed}check your connection and the remote, then try again",
    )


def _bring_in(ws: Workspace, git: Git, theirs: str | None, result: Synced) -> None:
    """Bring the remote's commit into this branch: fast-forward when only the remote
    changed, a merge when both did, nothing when the remote has nothing new."""
    ours = _head(git)
    if theirs is None or theirs == ours or _holds(git, ours, theirs):
        return
    if ours is None or _holds(git, theirs, ours):
        git.must("merge", "--ff-only", "--quiet", theirs)
        return
    mine, other = git.tree(ours), git.tree(theirs)
    git.must("merge", "--ff-only", "--quiet", _merged(ws, git, ours, theirs, result))
    folder = ws.layout.data_dir
    differing = {path for path in mine.keys() | other.keys() if mine.get(path) != other.get(path)}
    # An entry moved on each computer, even to two other months in the same second, is
    # in two month files that were each changed on one side only: look at every month.
    if any(kind_of(ws.layout, folder / path) == MONTH for path in differing):
        _settle_moves(ws, git)


def _holds(git: Git, commit: str | None, other: str) -> bool:
    """Whether ``other`` is in the history of ``commit``."""
    return commit is not None and git.succeeds("merge-base", "--is-ancestor", other, commit)


def _settle_moves(ws: Workspace, git: Git) -> None:
    """An entry moved to another month on one computer and changed where it was on the
    other is in two month files after the merge: it stays in one, and the merge says so."""
    from recoverylog.services.sync import settle_moved_entries

    settle_moved_entries(ws)
    git.must("add", "--all")
    if not git.succeeds("diff", "--cached", "--quiet"):
        git.must("commit", "--quiet", "--amend", "--no-edit")


def _merged(ws: Workspace, git: Git, ours: str, theirs: str, result: Synced) -> str:
    """A merge commit of ``ours`` and ``theirs``, made without touching the folder."""
    base = git.value("merge-base", ours, theirs)
    mine, other = git.tree(ours), git.tree(theirs)
    folder = ws.layout.data_dir
    files = dict(mine)
    for path, choice in choose(mine, other, git.tree(base), _mergeable(ws)).items():
        if choice is Choice.THEIRS:
            if path in other:
                files[path] = other[path]
            else:
                files.pop(path, None)
        elif choice is Choice.MERGE:
            files[path] = _merged_file(ws, git, folder / path, mine[path], other[path])
            result.merged += [] if path in result.merged else [path]
        elif choice is Choice.KEPT:
            result.kept += [] if path in result.kept else [path]
    return git.commit_tree(files, [ours, theirs], MERGE_MESSAGE)


def _mergeable(ws: Workspace) -> Callable[[str], bool]:
    folder = ws.layout.data_dir
    return lambda path: kind_of(ws.layout, folder / path) is not None


def _merged_file(ws: Workspace, git: Git, path: Path, mine: TreeItem, other: TreeItem) -> TreeItem:
    from recoverylog.services.sync import merge_versions

    try:
        merged = merge_versions(ws, path, git.blob(mine.blob), git.blob(other.blob))
    except DataError as exc:
        raise DataError(
            f"the other computer's {path.name} could not be merged: {exc.message}",
            hint=f"{SENT_LATER}; nothing else was changed. {exc.hint or ''}".strip(),
        ) from exc
    return TreeItem(mine.mode, git.output("hash-object", "-w", "--stdin", given=merged))


def _push(git: Git, theirs: str | None, result: Synced, *, set_upstream: bool) -> bool:
    """Send this branch to the remote; False when the remote moved meanwhile."""
    ours = _head(git)
    if ours is None or ours == theirs:
        return True
    upstream = ["--set-upstream"] if set_upstream else []
    done = git.run(
        "push",
        "--quiet",
        *upstream,
        result.remote,
        f"HEAD:refs/heads/{result.branch}",
        limit=NETWORK_LIMIT,
    )
    if done.returncode != 0:
        said = gitstore.said(done)
        if any(word in said for word in ("fetch first", "non-fast-forward", "rejected")):
            return False
        raise _unreachable(result, said)
    result.sent = len(_files_between(git, theirs, ours))
    return True


def _files_between(git: Git, older: str | None, newer: str) -> list[str]:
    if older is None:
        return list(git.tree(newer))
    return [
        path for path in git.output("diff", "--name-only", "-z", older, newer).split("\0") if path
    ]


def _received(ws: Workspace, git: Git, before: str | None, after: str, result: Synced) -> None:
    """What git wrote here is read again where this command has read it."""
    changed = _files_between(git, before, after)
    result.received = len(changed)
    folder = ws.layout.data_dir
    present = git.tree(after)
    kinds = {path: kind_of(ws.layout, folder / path) for path in changed}
    if ws.store.io.open_without_asking():
        for path, kind in kinds.items():
            if kind == MONTH and path in present:
                ws.store.entries.replaced(Path(path).stem)
    if JOURNAL in kinds.values():
        ws.store.forget_journal()
    ws.forget_journal()
    ws.reload_settings()


def as_json(synced: Synced | None) -> SyncJson:
    """The document `sync --format json` writes (None: only copies were merged)."""
    if synced is None:
        return SyncJson(
            engine="copies",
            remote=None,
            branch=None,
            committed=False,
            sent=0,
            received=0,
            first_push=False,
            merged=[],
            kept=[],
        )
    return SyncJson(
        engine="git",
        remote=synced.remote,
        branch=synced.branch,
        committed=synced.committed,
        sent=synced.sent,
        received=synced.received,
        first_push=synced.first_push,
        merged=synced.merged,
        kept=synced.kept,
    )
