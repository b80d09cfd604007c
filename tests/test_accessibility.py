"""WCAG 2.2 AA on every kind of page, in both palettes, at desktop and phone widths, checked by axe-core."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
"""axe-core, as the axe-playwright-python package ships it: no download at test time."""

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # target-size (2.5.8, 24 by 24 px targets) is off in axe by default.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}

PAGES = {
    "home": "index.html",
    "topic": "topics/anxiety.html",
    "article": "articles/calming-your-body.html",
    "overdue article": "articles/low-mood-small-steps.html",
    "reviewer": "reviewers/sample-reviewer.html",
    "reviewers": "reviewers/index.html",
    "about": "about.html",
    "404": "no-such-page.html",
}
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
SCHEMES = {"light": "default", "dark": "slate"}

AXE_TIMES: list[tuple[str, float]] = []
"""(page, milliseconds) for every axe run; reported at the end of the test session."""


@pytest.fixture(params=[(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}")
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    width, scheme = request.param
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=scheme, is_mobile=width == "phone")
    opened = context.new_page()
    opened.psychoed_scheme = SCHEMES[scheme]  # type: ignore[attr-defined]
    yield opened
    context.close()


def run_axe(page: Page, label: str) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    started = time.perf_counter()
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    AXE_TIMES.append((label, (time.perf_counter() - started) * 1000))
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == page.psychoed_scheme  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_has_no_axe_violations(page: Page, repo_site_url: str, kind: str) -> None:
    open_page(page, repo_site_url + PAGES[kind])
    violations = run_axe(page, kind)
    assert violations == [], describe(violations)


def test_page_with_search_open_has_no_axe_violations(page: Page, repo_site_url: str) -> None:
    open_page(page, repo_site_url + "index.html")
    page.keyboard.press("/")  # Material's shortcut to open search, at any width
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for(timeout=15_000)
    page.locator("input.md-search__input").press_sequentially("sleep", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    violations = run_axe(page, "search open")
    assert violations == [], describe(violations)
