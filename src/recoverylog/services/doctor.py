"""recoverylog doctor: check every file, and repair what is safe to repair.

Repairs never delete user text: an unreadable file, an orphan temp file or a backup
cut off half way is moved into quarantine/ (encrypted on the way in an encrypted home).
A damaged month file or journal.toml that still holds entries or records that read is
copied into quarantine/ instead, and those are written back in its place.
A backup of the data files is taken before any of them changes. Files that cannot be
judged (encrypted ones, when encryption.toml is damaged or missing) are left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recoverylog.domain.codec import entry_from_dict
from recoverylog.domain.model import new_id
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.services.safety import take_backup
from recoverylog.services.workspace import Workspace
from recoverylog.store import backup, schema
from recoverylog.store.atomic import (
    TEMP_SUFFIX,
    atomic_write,
    read_bytes,
    real_target,
)
from recoverylog.store.crypto import MAGIC, UNBOUND_VERSION, Vault, is_encrypted, sealed_version
from recoverylog.store.entries import MONTH_FILE, EntryStore
from recoverylog.store.files import is_sealed_file, read_change, read_marker
from recoverylog.store.journal import journal_from_doc
from recoverylog.store.quarantine import Seal, copy_aside, move_aside
from recoverylog.store.salvage import (
    JournalSalvage,
    MonthSalvage,
    salvage_journal,
    salvage_month,
)
from recoverylog.store.tomlfile import parse_toml
from recoverylog.store.trust import loose_modes, make_private

# Findings worth a word that are no problem: doctor still ends with success.
NOTES = ("old-seal", "draft", "offsite")


@dataclass
class Finding:
    path: Path
    problem: str
    repair: str | None  # what --fix does about it (None: needs a person)
    fixed: bool = False
    kind: str = "damaged"
    salvage: MonthSalvage | JournalSalvage | None = None  # what --fix keeps of the file

    @property
    def is_problem(self) -> bool:
        return self.kind not in NOTES

    def as_dict(self, root: Path) -> dict[str, Any]:
        return {
            "file": _relative(self.path, root),
            "kind": self.kind,
            "problem": self.problem,
            "repair": self.repair,
            "fixed": self.fixed,
        }


@dataclass
class Report:
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    backup: str | None = None

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def unresolved(self) -> list[Finding]:
        return [f for f in self.findings if f.is_problem and not f.fixed]


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def examine(ws: Workspace, fix: bool = False) -> Report:
    """Check every file; with ``fix``, back up and then repair what is safe.

    A plain check reads and never writes: older files are updated in memory only, and
    it takes no writer lock (every file is replaced whole, so each read is consistent).
    """
    report = Report()
    if not ws.layout.data_dir.is_dir():
        return report
    with ws.store.writing() if fix else contextlib.nullcontext():
        sealing = _check_encryption(ws, report)
        _check_settings(ws, report, sealing)
        _check_crisis_settings(ws, report)
        _check_journal(ws, report, sealing)
        damaged_months = _check_months(ws, report, sealing)
        _check_orphans(ws, report, sealing)
        _check_unsealed(ws, report, sealing)
        _check_old_seals(ws, report, sealing)
        _check_drafts(ws, report)
        _check_sync_conflicts(ws, report)
        _check_permissions(ws, report)
        _check_copies_elsewhere(ws, report, sealing)
        if fix:
            _repair(ws, report, damaged_months, sealing)
    return report


@dataclass
class _Sealing:
    """What doctor knows about encryption: is the home encrypted, and can it read it."""

    encrypted: bool = False
    vault: Vault | None = None
    blind: list[Path] = field(default_factory=list)  # encrypted files it could not judge

    @property
    def broken(self) -> bool:
        return self.encrypted and self.vault is None

    def can_judge(self, path: Path) -> bool:
        if self.broken and is_sealed_file(path):
            self.blind.append(path)
            return False
        return True


def _check_encryption(ws: Workspace, report: Report) -> _Sealing:
    """encryption.toml first: every encrypted file depends on it.

    If it is damaged or missing, the encrypted files cannot be read, so they cannot be
    judged: they are not reported as damaged and never moved into quarantine."""
    io = ws.store.io
    marker = io.marker
    if marker.exists():
        report.checked += 1
        try:
            read_marker(marker)
            change = read_change(marker)
        except DataError as exc:
            if not _any_sealed(ws):
                # A plain home: the marker itself is the problem, not every plain file.
                problem = "cannot be read, and no file here is encrypted: a stray copy"
                report.add(Finding(marker, problem, "move it into quarantine/", kind="stray"))
                return _Sealing()
            detail = _short(marker, exc.message).removeprefix("is damaged: ")
            report.add(_marker_finding(ws, marker, "damaged", detail))
            return _Sealing(encrypted=True)
        vault = io.vault()  # a wrong passphrase stops here
        if change is not None:
            problem = (
                "a passphrase change was stopped half way: run 'recoverylog passphrase "
                "change' to finish it (until then either passphrase opens the journal)"
            )
            report.add(Finding(marker, problem, None, kind="unfinished-change"))
        return _Sealing(encrypted=True, vault=vault)
    sealed = [path for _, path in backup.data_files(ws.layout) if is_sealed_file(path)]
    if marker.is_symlink() or sealed:
        report.add(_marker_finding(ws, marker, "missing", f"{len(sealed)} files are encrypted"))
        return _Sealing(encrypted=True)
    return _Sealing()


def _any_sealed(ws: Workspace) -> bool:
    """Is any file of the home (backups and quarantine included) encrypted?"""
    from recoverylog.services.safety import sensitive_files

    return any(is_sealed_file(path) for path in sensitive_files(ws))


def _marker_finding(ws: Workspace, marker: Path, what: str, detail: str) -> Finding:
    """The most useful words first: the table shows only the start of a problem."""
    copies = [
        info.name
        for info in backup.list_backups(ws.layout)
        if backup.has_readable_marker(info.path)
    ]
    if copies:
        problem = f"{what}; copy it back from backups/{copies[-1]}/ ({detail})"
    else:
        problem = f"{what}: encrypted files cannot be read or checked without it ({detail})"
    return Finding(marker, problem, None, kind="encryption")


def _short(path: Path, message: str) -> str:
    return message.replace(f"{path}: ", "").replace(f"{path} ", "")  # the File column says it


def _check_settings(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    from recoverylog.config import load_settings

    path = ws.layout.config_file
    if not path.exists() or not sealing.can_judge(path):
        return
    report.checked += 1
    try:
        load_settings(path, ws.store.io)
    except RecoveryLogError as exc:
        report.add(_damage(path, exc.message))


def _check_crisis_settings(ws: Workspace, report: Report) -> None:
    """crisis.toml is never encrypted: it is judged the same in every home."""
    from recoverylog.config import load_crisis

    path = ws.layout.crisis_file
    if not path.exists():
        return
    report.checked += 1
    try:
        crisis = load_crisis(ws.layout.config_file)
    except RecoveryLogError as exc:
        report.add(_damage(path, exc.message))
        return
    if "country" in crisis and not isinstance(crisis["country"], str):
        report.add(_damage(path, "'country' must be text, e.g. \"UK\""))


def _check_journal(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    path = ws.layout.journal_file
    if not path.exists() or not sealing.can_judge(path):
        return
    report.checked += 1
    try:
        doc = parse_toml(ws.store.io.read_text(path) or "", path)
        journal_from_doc(schema.migrate(schema.JOURNAL, doc, path), path)  # in memory only
    except RecoveryLogError as exc:
        finding = _damage(path, exc.message)
        if _worth_salvaging(finding):
            _offer(finding, salvage_journal(path, ws.store.io))
        report.add(finding)


def _worth_salvaging(finding: Finding) -> bool:
    """Damage (not a newer version) in a file of the home's own: what it keeps is
    written in its place, and through a link that would be a file elsewhere."""
    return finding.kind == "damaged" and not finding.path.is_symlink()


def _offer(finding: Finding, salvage: MonthSalvage | JournalSalvage | None) -> None:
    if salvage is not None:
        finding.salvage = salvage
        finding.repair = f"{_what_it_keeps(salvage)}; move the original into quarantine/"


def _what_it_keeps(salvage: MonthSalvage | JournalSalvage) -> str:
    if isinstance(salvage, JournalSalvage):
        if not salvage.dropped:
            return "keep every record"
        return f"keep everything else ({_listed(salvage.dropped)} cannot be read)"
    if salvage.lost:
        return f"keep the {len(salvage.entries)} of {salvage.total} entries that still read"
    return f"keep {_every_entry(salvage.total)}"


def _what_was_kept(salvage: MonthSalvage | JournalSalvage, copy: str) -> str:
    if isinstance(salvage, JournalSalvage):
        if not salvage.dropped:
            return f"every record kept (the original is in {copy})"
        return (
            f"{_listed(salvage.dropped)} could not be read; everything else kept "
            f"(the original is in {copy})"
        )
    if salvage.lost:
        return (
            f"{len(salvage.entries)} of {salvage.total} entries kept; "
            f"{salvage.lost} could not be read (kept in {copy})"
        )
    return f"{_every_entry(salvage.total)} kept (the original is in {copy})"


def _every_entry(count: int) -> str:
    return "its 1 entry" if count == 1 else f"all {count} entries"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _damage(path: Path, message: str) -> Finding:
    message = _short(path, message)
    if "newer recoverylog" in message:
        return Finding(path, message, None, kind="newer")
    return Finding(path, message, "move it into quarantine/ (the app can then start afresh)")


def _check_months(ws: Workspace, report: Report, sealing: _Sealing) -> set[str]:
    """Parse every month; note damaged ones, misplaced entries and duplicate ids."""
    # Its own reader: an older month is updated in memory to be checked, never saved.
    store = EntryStore(ws.layout.entries_dir, ws.store.io)
    damaged: set[str] = set()
    seen: dict[str, str] = {}
    for path in sorted(store.folder.iterdir()) if store.folder.is_dir() else []:
        match = MONTH_FILE.match(path.name)
        if not match:
            if path.is_file() and not path.name.endswith(TEMP_SUFFIX) and not _synced(path):
                report.add(Finding(path, "not a month file; left alone", None, kind="unknown"))
            continue
        month = match.group(1)
        if not sealing.can_judge(path):
            continue
        report.checked += 1
        try:
            entries = store.load_month(month)
        except RecoveryLogError as exc:
            finding = _damage(path, exc.message)
            if _worth_salvaging(finding):
                _offer(finding, salvage_month(path, month, ws.store.io))
            report.add(finding)
            damaged.add(month)
            continue
        for entry in entries:
            if entry.month != month:
                report.add(
                    Finding(
                        path,
                        f"entry {entry.id[:8]} belongs in {entry.month}.json",
                        f"move it to {entry.month}.json",
                        kind="misplaced",
                    )
                )
            if entry.id in seen:
                report.add(
                    Finding(
                        path,
                        f"entry id {entry.id[:8]} also appears in {seen[entry.id]}.json",
                        "keep one copy of identical entries; give a different copy a new id",
                        kind="duplicate",
                    )
                )
            seen.setdefault(entry.id, month)
    return damaged


def _orphans(ws: Workspace) -> list[Path]:
    from recoverylog.services.safety import leftover_files

    return leftover_files(ws)


def _check_orphans(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    repair = None if sealing.broken else "move it into quarantine/"
    for folder in backup.incomplete_backups(ws.layout):
        report.add(
            Finding(
                folder,
                "a backup that was cut off before it was finished",
                repair,
                kind="incomplete-backup",
            )
        )
    for path in _orphans(ws):
        report.add(
            Finding(path, "left over from an interrupted write or edit", repair, kind="orphan")
        )


def _check_unsealed(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    """In an encrypted home, every file that holds journal data must be encrypted."""
    if not sealing.encrypted:
        return
    from recoverylog.services.safety import sensitive_files

    repair = None if sealing.broken else "encrypt it"
    for path in sensitive_files(ws):
        if path.name.endswith(TEMP_SUFFIX) or is_sealed_file(path):
            continue  # leftovers are reported (and sealed when moved aside) as orphans
        report.add(
            Finding(path, "holds plain text in an encrypted journal", repair, kind="unencrypted")
        )


def _check_old_seals(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    """Files sealed by earlier versions do not name their place: they read fine, and
    --fix seals them again so that a file copied over another would be refused. One
    line for each live file, one for each backup (and for quarantine/)."""
    if sealing.vault is None:
        return
    counts: dict[Path, int] = {}
    for path in _old_seals(ws):
        group = _group_of(ws, path)
        counts[group] = counts.get(group, 0) + 1
    for where, count in counts.items():
        if where.is_dir():
            problem = f"{count} files sealed the old way, not naming their place; they read fine"
            repair = "seal them again, each naming its place"
        else:
            problem = "sealed the old way, not naming its place; it reads fine"
            repair = "seal it again, naming its place"
        report.add(Finding(where, problem, repair, kind="old-seal"))


def _old_seals(ws: Workspace) -> list[Path]:
    from recoverylog.services.safety import sensitive_files

    return [
        path
        for path in sensitive_files(ws)
        if sealed_version(read_bytes(path, len(MAGIC) + 1) or b"") == UNBOUND_VERSION
    ]


def _group_of(ws: Workspace, path: Path) -> Path:
    """The backup folder (or quarantine/) a file is in; a live file is its own group."""
    layout = ws.layout
    if path.is_relative_to(layout.backups_dir):
        return layout.backups_dir / path.relative_to(layout.backups_dir).parts[0]
    if path.is_relative_to(layout.quarantine_dir):
        return layout.quarantine_dir
    return path


def _check_drafts(ws: Workspace, report: Report) -> None:
    """Drafts are no problem, but words waiting to be logged are worth a line."""
    from recoverylog.store.drafts import draft_files

    for path in draft_files(ws.layout):
        problem = "a note kept as a draft; 'recoverylog draft show' prints it"
        report.add(Finding(path, problem, None, kind="draft"))


def _month_name(name: str) -> bool:
    return MONTH_FILE.match(name) is not None


def _synced(path: Path) -> bool:
    """A sync tool's copy of a month file (said by _check_sync_conflicts)."""
    from recoverylog.domain.sync_conflicts import conflict_copy

    return conflict_copy(path.name, _month_name) is not None


def _check_sync_conflicts(ws: Workspace, report: Report) -> None:
    """Copies a sync tool kept when two computers changed the same file, still there
    after the command's merge (one that does not read, or waits for the passphrase):
    what they hold is not in the journal, and only a person can say what is right."""
    from recoverylog.store.sync_copies import find_copies

    for copy in find_copies(ws.layout):
        problem = f"{copy.tool}'s copy of {copy.original.name}: not in your journal"
        report.add(Finding(copy.path, problem, None, kind="sync-conflict"))


def _check_copies_elsewhere(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    """A calm word when no copy has left this computer for a while: backups/ is on the
    same disk as the journal, and a lost or broken disk takes both."""
    from recoverylog.services.offsite import overdue

    said = None if sealing.broken else overdue(ws, ws.now)
    if said is not None:
        report.add(Finding(ws.layout.backups_dir, said, None, kind="offsite"))


def _check_permissions(ws: Workspace, report: Report) -> None:
    for path, mode, wanted in loose_modes([ws.layout.config_dir, ws.layout.data_dir]):
        report.add(
            Finding(
                path,
                f"permissions are {mode:o}, should be {wanted:o}",
                f"set them to {wanted:o}",
                kind="permissions",
            )
        )


# --- repairs ---------------------------------------------------------------------

_MOVED_ASIDE = ("orphan", "incomplete-backup", "stray")


def _repair(ws: Workspace, report: Report, damaged_months: set[str], sealing: _Sealing) -> None:
    quarantine = ws.layout.quarantine_dir / ws.now.strftime("%Y%m%d-%H%M%S")
    if not sealing.broken:
        _move_leftovers_aside(ws, report, quarantine, sealing)
    # With encryption.toml damaged or missing only permissions change: no backup, as it
    # would copy the damaged file and prune older backups that hold a good copy.
    info = None if sealing.broken else take_backup(ws, "before-doctor")
    report.backup = info.name if info else None
    if not sealing.broken:
        _repair_damaged(ws, report, quarantine, sealing)
        _move_misplaced_and_duplicates(ws, report, damaged_months)
        _seal_plain_files(ws, report, sealing)
        _seal_old_seals_again(ws, report, sealing)
    _fix_permissions(report)


def _of_kind(report: Report, *kinds: str) -> list[Finding]:
    return [finding for finding in report.findings if finding.kind in kinds]


def _move_leftovers_aside(ws: Workspace, report: Report, folder: Path, sealing: _Sealing) -> None:
    """Leftovers first: they are not data files, and the backup taken next would prune
    a half-made backup folder (a plain deletion) before it could be moved aside."""
    for finding in _of_kind(report, *_MOVED_ASIDE):
        if os.path.lexists(finding.path):
            _quarantine(finding.path, folder, ws, sealing)
        finding.fixed = True


def _repair_damaged(ws: Workspace, report: Report, folder: Path, sealing: _Sealing) -> None:
    """What still reads of a damaged file is kept in its place; a file that keeps
    nothing is moved aside whole."""
    for finding in _of_kind(report, "damaged"):
        if finding.salvage is not None:
            _keep_what_reads(ws, finding, folder, sealing)
        elif os.path.lexists(finding.path):
            _move_damaged_aside(ws, finding, folder, sealing)


def _move_damaged_aside(ws: Workspace, finding: Finding, folder: Path, sealing: _Sealing) -> None:
    if finding.path.is_symlink():
        finding.repair = (
            "moved the link into quarantine/ with a copy of its words; "
            f"{real_target(finding.path)}, where it pointed, was left as it is"
        )
    finding.fixed = _quarantine(finding.path, folder, ws, sealing)
    if not finding.fixed:
        finding.repair = (
            "copied into quarantine/, but the file could not be removed: fix or remove it by hand"
        )


def _seal_plain_files(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    unsealed = _of_kind(report, "unencrypted")
    if unsealed:
        _seal_everything(ws, sealing)  # the backup just taken holds plain copies too
        for finding in unsealed:
            finding.fixed = True


def _seal_old_seals_again(ws: Workspace, report: Report, sealing: _Sealing) -> None:
    old = _of_kind(report, "old-seal")
    if old:
        # After the backup: it holds copies sealed the old way too.
        left = {_group_of(ws, path) for path in _seal_again_naming_places(ws, sealing)}
        for finding in old:
            finding.fixed = finding.path not in left


def _fix_permissions(report: Report) -> None:
    for finding in _of_kind(report, "permissions"):
        make_private(finding.path)  # if still there: quarantine/ is private already
        finding.fixed = True


def _quarantine(path: Path, folder: Path, ws: Workspace, sealing: _Sealing) -> bool:
    """Move a file aside into quarantine/."""
    return move_aside(path, ws.layout.data_dir, folder, _sealer(ws, sealing))


def _sealer(ws: Workspace, sealing: _Sealing) -> Seal:
    """In an encrypted home a plain file is encrypted on its way into quarantine/; a
    sealed one goes byte for byte."""
    vault = sealing.vault

    def seal(data: bytes, moved: Path) -> bytes:
        if vault is None or is_encrypted(data):
            return data
        return vault.seal(data, ws.store.io.place(moved))

    return seal


def _keep_what_reads(ws: Workspace, finding: Finding, folder: Path, sealing: _Sealing) -> None:
    """Copy the damaged file into quarantine/, then replace it whole with what still
    reads. Stopped between the two, the original is still in place and the next
    --fix starts again; it is never removed before what it keeps is written."""
    assert finding.salvage is not None
    try:
        copy = copy_aside(finding.path, ws.layout.data_dir, folder, _sealer(ws, sealing))
    except DataError as exc:
        finding.repair = f"left as it is: it could not be copied into quarantine/ ({exc.message})"
        return
    if copy is None:
        return  # gone since it was checked: nothing left to repair
    finding.salvage.save(ws.store.io)
    finding.repair = _what_was_kept(finding.salvage, _relative(copy, ws.layout.data_dir))
    finding.fixed = True


def _seal_everything(ws: Workspace, sealing: _Sealing) -> None:
    from recoverylog.services.safety import sensitive_files

    assert sealing.vault is not None
    for path in sensitive_files(ws):
        data = read_bytes(path)
        if data is not None and not is_encrypted(data):
            atomic_write(path, sealing.vault.seal(data, ws.store.io.place(path)))


def _seal_again_naming_places(ws: Workspace, sealing: _Sealing) -> list[Path]:
    """Seal every file sealed the old way again, naming its place; returns those that
    do not open (damage doctor does not move from backups, left as it is)."""
    assert sealing.vault is not None
    left = []
    for path in _old_seals(ws):
        try:
            plaintext, _ = sealing.vault.open_anywhere(read_bytes(path) or b"", str(path))
        except DataError:
            left.append(path)
            continue
        atomic_write(path, sealing.vault.seal(plaintext, ws.store.io.place(path)))
    return left


def _move_misplaced_and_duplicates(ws: Workspace, report: Report, damaged: set[str]) -> None:
    store = ws.store.entries
    wanted_kinds = {"misplaced", "duplicate"}
    if not any(f.kind in wanted_kinds for f in report.findings):
        return
    seen: dict[str, dict[str, Any]] = {}
    moves: dict[str, list[dict[str, Any]]] = {}
    changed: dict[str, dict[str, Any]] = {}  # month -> its document without what leaves
    for month in store.months():
        if month in damaged:
            continue
        doc = store.read_doc(month)
        kept = []
        for raw in doc["entries"]:
            entry = entry_from_dict(raw)
            if entry.id in seen:
                if _same(seen[entry.id], raw):
                    continue  # an identical copy: drop it
                raw = {**raw, "id": new_id()}
            seen[raw["id"]] = raw
            if entry.month != month:
                moves.setdefault(entry.month, []).append(raw)
            else:
                kept.append(raw)
        if kept != doc["entries"]:
            changed[month] = {**doc, "entries": kept}
    # Destinations first, sources after: an interruption between the two leaves an
    # entry in both months (the next doctor drops the identical copy), never in neither.
    for month, raws in moves.items():
        doc = changed.pop(month) if month in changed else store.read_doc(month)
        doc["entries"] = [*doc["entries"], *raws]
        store.write_doc(month, doc)
    for month, doc in changed.items():
        store.write_doc(month, doc)
    for finding in report.findings:
        if finding.kind in wanted_kinds:
            finding.fixed = True


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def describe_report(report: Report, root: Path) -> dict[str, Any]:
    return {
        "checked_files": report.checked,
        "backup": report.backup,
        "problems": [f.as_dict(root) for f in report.findings],
        "ok": not any(f.is_problem for f in report.findings),
    }


__all__ = ["DataError", "Finding", "Report", "describe_report", "examine"]
