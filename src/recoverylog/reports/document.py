"""A report dict in words: sections of paragraphs, lists, tables and charts. Pure.

Every writer (Markdown, plain text, HTML) renders this one description, so all formats
say the same things. Blocks hold plain text only, never markup (see ``blocks``); each
section is a module of ``sections``. The dict may come from another person's file
(``report view``), so reading it is defensive: a missing or odd value is a
``ReportShapeError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.text import plural
from recoverylog.reports.blocks import Document
from recoverylog.reports.build import REPORT_KIND, REPORT_VERSION
from recoverylog.reports.sections.checkins import checkins_sections
from recoverylog.reports.sections.clean_time import clean_time_section
from recoverylog.reports.sections.coming_up import coming_up_section
from recoverylog.reports.sections.coping import coping_section
from recoverylog.reports.sections.cravings import cravings_section
from recoverylog.reports.sections.day_by_day import day_by_day_sections
from recoverylog.reports.sections.lapses import lapses_section
from recoverylog.reports.sections.mood import mood_sections
from recoverylog.reports.sections.notes import journal_sections, notes_sections
from recoverylog.reports.sections.peer_support import peer_support_section
from recoverylog.reports.words import nice_date


class ReportShapeError(ValueError):
    """The data is not a report this version can read."""


AUDIENCE_WORDS = {
    "sponsor": "for a sponsor",
    "clinician": "for a counsellor or clinician",
    "self": "for my own use",
}


def check_report(data: Any) -> Mapping[str, Any]:
    """The report dict if it looks like one this version can read; else ReportShapeError."""
    if not isinstance(data, Mapping) or data.get("kind") != REPORT_KIND:
        raise ReportShapeError("this is not a recoverylog report")
    version = data.get("report_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReportShapeError("the report has no report_version")
    if version > REPORT_VERSION:
        raise ReportShapeError(
            f"the report is version {version}, newer than this recoverylog reads "
            f"({REPORT_VERSION}); update recoverylog to read it"
        )
    return data


def document(data: Any) -> Document:
    """The words of a report, from its dict."""
    report = check_report(data)
    try:
        return _document(report)
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        StopIteration,
        ArithmeticError,
    ) as exc:
        raise ReportShapeError(f"the report is incomplete or damaged ({exc!r})") from exc


def _document(r: Mapping[str, Any]) -> Document:
    period = r["period"]
    who = r.get("prepared_by")
    title = f"Recovery report: {who}" if who else "Recovery report"
    meta = [
        f"{nice_date(period['since'])} to {nice_date(period['until'])} "
        f"({plural(int(period['days']), 'day')})",
        f"Prepared {nice_date(r['generated'])} {AUDIENCE_WORDS.get(r['audience'], '')}".rstrip(),
    ]
    if r.get("clock_filter"):
        meta.append(f"Only about: {r['clock_filter']}")
    sections = [
        clean_time_section(r),
        lapses_section(r),
        cravings_section(r),
        coping_section(r),
        peer_support_section(r),
        *checkins_sections(r),
        *mood_sections(r),
        coming_up_section(r),
        *day_by_day_sections(r),
        *notes_sections(r),
        *journal_sections(r),
    ]
    return Document(
        title=title,
        meta=tuple(meta),
        sections=tuple(sections),
        footer="Shared by choice, in confidence. Please keep it private.",
        banner=_banner(r),
    )


def _banner(r: Mapping[str, Any]) -> tuple[str, ...]:
    """The report's own banner; a report of the first version had only its list of
    what it left out."""
    if "banner" in r:
        return tuple(str(line) for line in r["banner"])
    left_out = [str(x) for x in r.get("left_out", [])]
    if not left_out:
        return ()
    return ("Not in this report: " + "; ".join(x[:1].lower() + x[1:] for x in left_out) + ".",)
