"""What an import did (or, in a dry run, would do): the merge's tally, and more."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recoverylog.domain.merge import MergeTally


@dataclass
class ImportResult(MergeTally):
    """The merge's counts and differences, what could not be read, and the backup."""

    source: str  # recoverylog, jrnl, csv
    dry_run: bool
    problems: list[str] = field(default_factory=list)  # rows or records not imported
    backup: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "added": dict(self.added),
            "updated": self.updated,
            "replaced": dict(self.replaced),
            "unchanged": self.unchanged,
            "conflicts": [c.__dict__ for c in self.conflicts],
            "problems": list(self.problems),
            "notices": list(self.notices),
            "backup": self.backup,
        }
