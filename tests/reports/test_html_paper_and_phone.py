"""The HTML report and milestone summary on paper, on a phone and in dark mode.

The CSS is read out of the built page: which rules hold for print, for a dark screen,
and for the element a long word sits in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
Rule = tuple[str, str, dict[str, str]]  # (media query or "", selector, declarations)

LONG_WORD = "unbrokenlongtriggername" + "x" * 37  # 60 letters, no space to break at
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs; an @media body keeps its own rules inside."""
    out, depth, start, prelude = [], 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude, css[start:i]))
                start = i + 1
    return out


def rules(html: str) -> list[Rule]:
    css = "\n".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: list[Rule] = []
    for prelude, body in _blocks(css):
        inner = _blocks(body) if prelude.startswith("@media") else [(prelude, body)]
        media = prelude if prelude.startswith("@media") else ""
        for selectors, decls in inner:
            pairs = (d.split(":", 1) for d in decls.split(";") if ":" in d)
            parsed = {k.strip(): v.strip() for k, v in pairs}
            for selector in selectors.split(","):
                found.append((media, " ".join(selector.split()), parsed))
    return found


def declared(html: str, selector: str, media: str = "") -> dict[str, str]:
    """Every declaration for exactly ``selector`` in the rules of ``media``, merged."""
    merged: dict[str, str] = {}
    for m, s, decls in rules(html):
        if m == media and s == selector:
            merged.update(decls)
    return merged


def print_rules(html: str, selector: str) -> dict[str, str]:
    return declared(html, selector, "@media print")


def dark_media(html: str) -> str:
    queries = {m for m, _, _ in rules(html) if "prefers-color-scheme: dark" in m}
    assert len(queries) == 1, queries
    return queries.pop()


@pytest.fixture
def report_html(fixture_home: Path, run: Run) -> str:
    run("log", "craving", "5", "--trigger", LONG_WORD, "--outcome", "passed")
    return str(run("report", "--format", "html").stdout)


@pytest.fixture
def summary_html(run: Run) -> str:
    run("clock", "add", f"the {LONG_WORD} habit", "--since", "2026-08-25")
    return str(run("milestones", "--format", "html").stdout)


def test_sections_and_tables_stay_whole_on_paper(report_html: str) -> None:
    for selector in ("section", "table", ".table-wrap", "figure"):
        found = print_rules(report_html, selector)
        assert found.get("break-inside") == "avoid", selector
        assert found.get("page-break-inside") == "avoid", selector
    for heading in ("h2", "h3", ".quote-when"):
        found = print_rules(report_html, heading)
        assert found.get("break-after") == "avoid", heading
        assert found.get("page-break-after") == "avoid", heading


def test_each_clock_of_the_summary_stays_whole_on_paper(summary_html: str) -> None:
    for selector in ("section", ".clock"):
        found = print_rules(summary_html, selector)
        assert found.get("break-inside") == "avoid", selector
    for heading in ("h3", ".run"):
        assert print_rules(summary_html, heading).get("break-after") == "avoid", heading


@pytest.mark.parametrize("page", ["report_html", "summary_html"])
def test_dark_mode_on_screen_and_light_paper(page: str, request: pytest.FixtureRequest) -> None:
    html = request.getfixturevalue(page)
    media = dark_media(html)
    assert media.startswith("@media screen and"), "paper stays light"
    palette = declared(html, ":root", media)
    assert {"--text", "--paper", "--muted", "--rule"} <= set(palette)
    assert palette["--paper"] != declared(html, ":root")["--paper"]
    assert f'content="{CSP}"' in html  # styles stay inline; nothing loads from anywhere


def test_a_long_word_wraps_in_a_report_table_cell(report_html: str) -> None:
    assert f"<td>{LONG_WORD}</td>" in report_html
    assert declared(report_html, "body").get("overflow-wrap") == "anywhere"  # inherited
    for selector in ("table", "td", "td:first-child"):  # and nothing there undoes it
        found = declared(report_html, selector)
        assert found.get("white-space") != "nowrap", selector
        assert found.get("overflow-wrap", "anywhere") == "anywhere", selector


def test_a_long_word_wraps_in_the_summary(summary_html: str) -> None:
    assert re.search(rf'<p class="small-head">[^<]*{LONG_WORD}', summary_html)
    assert declared(summary_html, "body").get("overflow-wrap") == "anywhere"
