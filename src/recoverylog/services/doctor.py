"""recoverylog doctor: check every file, and repair what is safe to repair.

Repairs never delete user text: an unreadable file or an orphan temp file is moved
into quarantine/, and a backup of the home is taken before anything changes.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recoverylog.domain.codec import SchemaError, entry_from_dict
from recoverylog.domain.model import new_id
from recoverylog.errors import DataError, RecoveryLogError
from recoverylog.services.safety import take_backup
from recoverylog.services.workspace import Workspace
from recoverylog.store import schema
from recoverylog.store.atomic import DIR_MODE, FILE_MODE, TEMP_SUFFIX, ensure_private_dir
from recoverylog.store.entries import MONTH_FILE
from recoverylog.store.journal import journal_from_doc
from recoverylog.store.tomlfile import parse_toml


@dataclass
class Finding:
    path: Path
    problem: str
    repair: str | None  # what --fix does about it (None: needs a person)
    fixed: bool = False
    kind: str = "damaged"

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


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def examine(ws: Workspace, fix: bool = False) -> Report:
    """Check every file; with ``fix``, back up and then repair what is safe."""
    report = Report()
    if not ws.layout.data_dir.is_dir():
        return report
    with ws.store.writing():
        if fix:
            info = take_backup(ws, "before-doctor")
            report.backup = info.name if info else None
        _check_settings(ws, report)
        _check_journal(ws, report)
        damaged_months = _check_months(ws, report)
        _check_orphans(ws, report)
        _check_permissions(ws, report)
        if fix:
            _repair(ws, report, damaged_months)
    return report


def _read(ws: Workspace, path: Path) -> str | None:
    return ws.store.io.read_text(path)


def _check_settings(ws: Workspace, report: Report) -> None:
    from recoverylog.config import load_settings

    path = ws.layout.config_file
    if not path.exists():
        return
    report.checked += 1
    try:
        load_settings(path, ws.store.io)
    except RecoveryLogError as exc:
        report.add(_damage(path, exc.message))


def _check_journal(ws: Workspace, report: Report) -> None:
    path = ws.layout.journal_file
    if not path.exists():
        return
    report.checked += 1
    try:
        text = _read(ws, path)
        doc = parse_toml(text or "", path)
        version = schema.document_version(schema.JOURNAL, doc, path)
        if version == schema.CURRENT_VERSION[schema.JOURNAL]:
            journal_from_doc(doc, path)
    except RecoveryLogError as exc:
        report.add(_damage(path, exc.message))


def _damage(path: Path, message: str) -> Finding:
    message = message.replace(f"{path}: ", "").replace(f"{path} ", "")  # the File column says it
    if "newer recoverylog" in message:
        return Finding(path, message, None, kind="newer")
    return Finding(path, message, "move it into quarantine/ (the app can then start afresh)")


def _check_months(ws: Workspace, report: Report) -> set[str]:
    """Parse every month; note damaged ones, misplaced entries and duplicate ids."""
    store = ws.store.entries
    damaged: set[str] = set()
    seen: dict[str, str] = {}
    for path in sorted(store.folder.iterdir()) if store.folder.is_dir() else []:
        match = MONTH_FILE.match(path.name)
        if not match:
            if path.is_file() and not path.name.endswith(TEMP_SUFFIX):
                report.add(Finding(path, "not a month file; left alone", None, kind="unknown"))
            continue
        month = match.group(1)
        report.checked += 1
        try:
            doc = store.read_doc(month)
            raws = doc["entries"]
            for raw in raws:
                entry = entry_from_dict(raw)
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
        except (RecoveryLogError, SchemaError) as exc:
            message = exc.message if isinstance(exc, RecoveryLogError) else str(exc)
            report.add(_damage(path, message))
            damaged.add(month)
    return damaged


def _orphans(ws: Workspace) -> list[Path]:
    folders = {
        ws.layout.config_dir,
        ws.layout.data_dir,
        ws.layout.entries_dir,
        ws.layout.private_tmp_dir,
    }
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [
                p
                for p in folder.iterdir()
                if p.is_file()
                and (p.name.endswith(TEMP_SUFFIX) or folder == ws.layout.private_tmp_dir)
            ]
    return sorted(found)


def _check_orphans(ws: Workspace, report: Report) -> None:
    for path in _orphans(ws):
        report.add(
            Finding(
                path,
                "left over from an interrupted write or edit",
                "move it into quarantine/",
                kind="orphan",
            )
        )


def _check_permissions(ws: Workspace, report: Report) -> None:
    roots = {ws.layout.config_dir, ws.layout.data_dir}
    for root in roots:
        if not root.is_dir():
            continue
        for path in [root, *root.rglob("*")]:
            if path.is_symlink():
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            wanted = DIR_MODE if path.is_dir() else FILE_MODE
            if mode != wanted:
                report.add(
                    Finding(
                        path,
                        f"permissions are {mode:o}, should be {wanted:o}",
                        f"set them to {wanted:o}",
                        kind="permissions",
                    )
                )


# --- repairs ---------------------------------------------------------------------


def _repair(ws: Workspace, report: Report, damaged_months: set[str]) -> None:
    quarantine = ws.layout.quarantine_dir / ws.now.strftime("%Y%m%d-%H%M%S")
    for finding in report.findings:
        if finding.kind in ("damaged", "orphan") and finding.path.exists():
            _quarantine(finding.path, quarantine, ws)
            finding.fixed = True
    _move_misplaced_and_duplicates(ws, report, damaged_months)
    for finding in report.findings:
        if finding.kind == "permissions":
            if finding.path.exists():  # else it was moved into quarantine, already 0600
                os.chmod(finding.path, DIR_MODE if finding.path.is_dir() else FILE_MODE)
            finding.fixed = True


def _quarantine(path: Path, folder: Path, ws: Workspace) -> None:
    root = ws.layout.data_dir
    relative = Path(_relative(path, root).lstrip("/"))
    target = ensure_private_dir(folder / relative.parent) / relative.name
    shutil.move(str(path), target)
    os.chmod(target, FILE_MODE)


def _move_misplaced_and_duplicates(ws: Workspace, report: Report, damaged: set[str]) -> None:
    store = ws.store.entries
    wanted_kinds = {"misplaced", "duplicate"}
    if not any(f.kind in wanted_kinds for f in report.findings):
        return
    seen: dict[str, dict[str, Any]] = {}
    moves: dict[str, list[dict[str, Any]]] = {}
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
            doc["entries"] = kept
            store.write_doc(month, doc)
    for month, raws in moves.items():
        doc = store.read_doc(month)
        doc["entries"].extend(raws)
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
        "ok": not report.findings,
    }


__all__ = ["DataError", "Finding", "Report", "describe_report", "examine"]
