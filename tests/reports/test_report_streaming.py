"""A report over a long period is counted as the store reads it, a month at a time: at
no moment does it hold more than about a month of entries, whatever the period."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from varied_home import build_varied_home, varied_entries

from recoverylog.domain.model import Entry
from recoverylog.reports.build import ReportRequest, ReportSources, build_report
from recoverylog.reports.by_month import MonthFile
from recoverylog.reports.tally_plain import Plain
from recoverylog.services import reports as service

Run = Callable[..., Any]


class AliveCount:
    """Entries handed out that are still held somewhere, at most."""

    def __init__(self) -> None:
        self.alive = 0
        self.most = 0
        self.handed_out = 0

    def watch(self, entries: Iterable[Entry]) -> Iterator[Entry]:
        for entry in entries:
            self.alive += 1
            self.handed_out += 1
            self.most = max(self.most, self.alive)
            weakref.finalize(entry, self._gone)
            yield entry

    def _gone(self) -> None:
        self.alive -= 1


class WatchedMonth:
    """A month file whose entries are watched as they are handed out."""

    def __init__(self, month: MonthFile, counted: AliveCount) -> None:
        self.inner, self.counted = month, counted
        self.month = month.month

    def entries(self) -> list[Entry]:
        return list(self.counted.watch(self.inner.entries()))

    def kept(self, key: str) -> Plain | None:
        return self.inner.kept(key)

    def keep(self, key: str, counts: Plain) -> None:
        self.inner.keep(key, counts)


@pytest.mark.parametrize("audience", ["sponsor", "self"])
def test_a_report_of_every_month_holds_one_month_of_entries_at_a_time(
    home: Path, run: Run, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    build_varied_home(home)
    counted = AliveCount()

    def watched(request: ReportRequest, sources: ReportSources) -> Any:
        months = (WatchedMonth(month, counted) for month in sources.months)
        return build_report(request, replace(sources, months=months))

    monkeypatch.setattr(service, "build_report", watched)
    run("report", "--period", "all", "--audience", audience, "--include", "calendar")

    by_month = Counter(e.month for e in varied_entries())
    assert counted.handed_out == sum(by_month.values())
    assert len(by_month) > 12
    assert counted.most <= max(by_month.values()) + 1
