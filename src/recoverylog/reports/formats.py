"""The formats a report can be written in, and the file extensions that choose them.

Kept apart from the writers so that the command line can name them without loading
the writers and their templates.
"""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    MD = "md"
    TXT = "txt"
    HTML = "html"
    JSON = "json"


EXTENSIONS = {
    ".md": ReportFormat.MD,
    ".markdown": ReportFormat.MD,
    ".txt": ReportFormat.TXT,
    ".text": ReportFormat.TXT,
    ".html": ReportFormat.HTML,
    ".htm": ReportFormat.HTML,
    ".json": ReportFormat.JSON,
}
