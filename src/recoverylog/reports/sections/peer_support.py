"""The peer-support section: meetings and contacts, and progress towards their goals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverylog.domain.fields import fellowship_shown
from recoverylog.domain.text import plural
from recoverylog.reports.audiences import Audience
from recoverylog.reports.blocks import Block, Para, Section, Table
from recoverylog.reports.build import goal_label
from recoverylog.reports.words import report_year, short_date

MEETING_LIST_DAYS = 31  # longer periods show meetings by fellowship only


def peer_support_section(r: Mapping[str, Any]) -> Section:
    year = report_year(r)
    peer = r["peer_support"]
    meetings, contacts = peer["meetings"], peer["contacts"]
    blocks = _meetings(r, meetings, year) + _contacts(r, contacts, year)
    blocks += [Para(_goal_words(goal, goal["kind"], year)) for goal in r.get("goals") or []]
    return Section("peer-support", "Meetings and peer support", tuple(blocks))


def _meetings(r: Mapping[str, Any], meetings: Mapping[str, Any], year: int) -> list[Block]:
    """How many, in person and online, by fellowship; the goal; the list for a short
    period."""
    blocks: list[Block] = [Para(_meeting_count(meetings))]
    goal = meetings.get("goal")
    if goal:
        blocks.append(Para(_goal_words(goal, "meetings", year)))
    if meetings["list"] and int(r["period"]["days"]) <= MEETING_LIST_DAYS:
        blocks.append(
            Table(
                ("Date", "Meeting", "Fellowship", "Where"),
                tuple(
                    (
                        short_date(m["date"], year),
                        m.get("name") or "meeting",
                        fellowship_shown(m.get("fellowship")),
                        "online" if m.get("online") else "in person",
                    )
                    for m in meetings["list"]
                ),
            )
        )
    return blocks


def _meeting_count(meetings: Mapping[str, Any]) -> str:
    count = int(meetings["count"])
    if not count:
        return "No meetings logged in this period."
    text = (
        f"{plural(count, 'meeting')} ({meetings['in_person']} in person, "
        f"{meetings['online']} online)"
    )
    if meetings["by_fellowship"]:
        text += ": " + ", ".join(
            f"{fellowship_shown(f['fellowship'])} {f['count']}" for f in meetings["by_fellowship"]
        )
    return text + "."


def _contacts(r: Mapping[str, Any], contacts: Mapping[str, Any], year: int) -> list[Block]:
    """How many, by role and by how; the goal; who, when names are shared."""
    blocks: list[Block] = [Para(_contact_count(r, contacts))]
    goal = contacts.get("goal")
    if goal:
        blocks.append(Para(_goal_words(goal, "contacts", year)))
    people = contacts.get("people")
    if people:
        blocks.append(
            Table(
                ("Person", "Role", "Contacts"),
                tuple((p["name"], p["role"], str(p["count"])) for p in people),
                numeric=(2,),
            )
        )
    return blocks


def _contact_count(r: Mapping[str, Any], contacts: Mapping[str, Any]) -> str:
    n = int(contacts["count"])
    if not n:
        return "No contacts logged in this period."
    whose = "my" if r.get("audience") == Audience.SELF else "their"  # the self report is mine
    text = f"{plural(n, 'contact')} with people in {whose} support network"
    if contacts["by_role"]:
        text += ": " + ", ".join(f"{x['role']} {x['count']}" for x in contacts["by_role"])
    if contacts["by_via"]:
        text += "; by " + ", ".join(f"{x['via']} {x['count']}" for x in contacts["by_via"])
    return text + "."


def _goal_words(goal: Mapping[str, Any], what: str, year: int) -> str:
    head = f"Goal: {goal_label(goal, what)}"
    if goal["finished"]:
        return (
            f"{head}, from {short_date(goal['start'], year)} to {short_date(goal['end'], year)}: "
            f"{goal['done']} done."
        )
    last = "this round ends" if goal.get("repeat") else "last day"
    return (
        f"{head}: {goal['done']} so far, day {goal['day']} of {goal['days']} "
        f"({last} {short_date(goal['end'], year)})."
    )
