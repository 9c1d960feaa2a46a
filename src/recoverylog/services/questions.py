"""Journal prompts: today's question, your own from the settings, the last one asked,
and the templates a note can start from."""

from __future__ import annotations

from datetime import timedelta

from recoverylog.domain import fields, questions
from recoverylog.domain.model import PROMPT_KEY, EntryType
from recoverylog.services.workspace import Workspace
from recoverylog.store import templates

# How far back the last question asked is looked for: far enough to never ask the
# same twice running, near enough to read only a few month files.
LOOK_BACK = timedelta(days=62)


def question(ws: Workspace, given: str | None = None, *, after_checkin: bool = False) -> str:
    """The question given, else today's: from the built-in set and your own (after the
    check-in, not one it has just asked)."""
    if given is not None:
        return fields.line(given, "question")
    own = ws.settings.prompts_questions
    leave_out = questions.CHECKIN_ASKS if after_checkin else ()
    return questions.todays_question(ws.today, own, last_question(ws), leave_out)


def last_question(ws: Workspace) -> str | None:
    """The question the newest note that answered one answered (in the last weeks)."""
    for entry in ws.store.entries.iter_newest_first(ws.now - LOOK_BACK, ws.now):
        asked = entry.extra.get(PROMPT_KEY)
        if entry.type is EntryType.NOTE and isinstance(asked, str):
            return asked
    return None


def template(ws: Workspace, name: str) -> str:
    return templates.read_template(ws.layout, name)


def template_names(ws: Workspace) -> list[str]:
    return templates.template_names(ws.layout)
