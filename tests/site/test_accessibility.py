"""WCAG 2.2 AA on every kind of page the site has, in both palettes, at desktop and phone widths, checked by
axe-core."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

from ..conftest import AXE_TIMES, search_from_keyboard
from .conftest import SiteUnderTest

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
"""axe-core, as the axe-playwright-python package ships it: no download at test time."""

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    # target-size (2.5.8, 24 by 24 px targets) is off in axe by default.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
SCHEMES = {"light": "default", "dark": "slate"}


@dataclass(frozen=True)
class View:
    """A browser page at one width, in one palette."""

    page: Page
    width: str
    scheme: str
    """Material's name for the palette the page must show: ``default`` or ``slate``."""


@pytest.fixture(params=[(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}")
def view(request: pytest.FixtureRequest, browser: Browser) -> Iterator[View]:
    width, scheme = request.param
    # The palettes follow prefers-color-scheme (mkdocs.yml), so the browser's setting picks one.
    # axe is injected as an inline script, which the pages' Content-Security-Policy blocks, as it
    # blocks any script it was not built with: the test tool is let past it (test_csp.py checks it).
    context = browser.new_context(
        viewport=WIDTHS[width], color_scheme=scheme, is_mobile=width == "phone", bypass_csp=True
    )
    yield View(context.new_page(), width, SCHEMES[scheme])
    context.close()


def run_axe(view: View, label: str) -> list[dict[str, Any]]:
    view.page.add_script_tag(path=str(AXE_SCRIPT))
    started = time.perf_counter()
    result = view.page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    AXE_TIMES.append((f"{label}, {view.width}, {view.scheme}", (time.perf_counter() - started) * 1000))
    ran = {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable") for rule in result[kind]}
    assert {"target-size", "color-contrast", "link-in-text-block"} <= ran, "axe ran the rules asked for"
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def open_page(view: View, url: str) -> None:
    view.page.goto(url)
    view.page.wait_for_load_state("load")
    assert view.page.locator("body").get_attribute("data-md-color-scheme") == view.scheme


def test_every_kind_of_page_has_no_axe_violations(view: View, site: SiteUnderTest, site_url: str) -> None:
    """Home, a topic, an article (and an overdue one, if the site has one), a reviewer, the reviewers,
    each of the clinic's own pages, and the 404 page."""
    found = {}
    for kind, path in site.pages.items():
        open_page(view, site_url + path)
        violations = run_axe(view, f"{site.label}: {kind}")
        if violations:
            found[kind] = describe(violations)
    assert found == {}, "\n".join(f"{kind}:\n{detail}" for kind, detail in found.items())


def test_page_with_search_open_has_no_axe_violations(view: View, site: SiteUnderTest, site_url: str) -> None:
    page = view.page
    open_page(view, site_url + site.pages["home"])
    search_from_keyboard(page, site_url + site.pages["search"], site.search_word)
    violations = run_axe(view, "search open")
    assert violations == [], describe(violations)
