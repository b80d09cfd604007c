"""The Content-Security-Policy in Chromium: the site's own pages break none of it, and a script that
was not built with the page does not run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Route

from psychoed.pages.feedback import form_origin

from ..conftest import search_from_keyboard
from .conftest import SiteUnderTest

# Runs before any script of the page (Playwright's init scripts are not subject to the page's policy),
# so every violation is recorded, whichever element or directive caused it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture
def guarded(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page with the site's policy in force, recording every violation and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page, errors
    context.close()


def violations(page: Page) -> list[Any]:
    return list(page.evaluate("() => window.__violations"))


def test_no_kind_of_page_breaks_its_own_policy(
    guarded: tuple[Page, list[str]], site: SiteUnderTest, site_url: str
) -> None:
    page, errors = guarded
    for kind, path in site.pages.items():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, kind
        assert violations(page) == [], kind
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_searching_breaks_no_policy(guarded: tuple[Page, list[str]], site: SiteUnderTest, site_url: str) -> None:
    page, errors = guarded
    search_from_keyboard(page, site_url + site.pages["search"], site.search_word)  # WebAssembly, worker, index
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_a_script_injected_into_a_built_page_is_blocked(
    guarded: tuple[Page, list[str]], site: SiteUnderTest, site_url: str
) -> None:
    """The page as built, with a script added after the build (as a compromised host or a missed
    payload would add it): the policy lists only the hashes of the scripts the build wrote."""
    page, _ = guarded
    path = site.pages["article"]
    built = (site.built / path).read_text(encoding="utf-8")
    injected = built.replace(
        "</body>", '<script>window.__injected = 1</script><img src="x.png" onerror="window.__handler = 1"></body>'
    )
    assert injected != built

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=injected)

    page.route(site_url + path, serve)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => [window.__injected, window.__handler]") == [None, None]
    blocked = violations(page)
    assert sum(v.startswith("script-src") for v in blocked) >= 2, blocked
    # The page's own scripts still ran: Material marks the document once its JavaScript starts.
    assert page.evaluate("() => document.documentElement.classList.contains('js')")


NONE = "'none'"


def test_every_page_has_the_policy_first_and_headers_match(site: SiteUnderTest) -> None:
    pages = sorted(site.built.rglob("*.html"))
    assert len(pages) >= len(site.pages) - 1
    for file in pages:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        head = soup.head
        assert head is not None, file
        metas = head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, file
        csp = str(metas[0]["content"])
        # Forms send nowhere, or, with a feedback form, to the clinic's own host and nowhere else.
        form_action = f"form-action {form_origin(site.settings.feedback) or NONE};"
        for directive in ("object-src 'none'", "frame-src 'none'", form_action, "base-uri 'self'",
                          "img-src 'self' data:", "default-src 'self'"):  # fmt: skip
            assert directive in csp, (file, directive)
        assert "unsafe-inline" not in csp, file
        assert "'unsafe-eval'" not in re.split(r"[;\s]+", csp), file  # only 'wasm-unsafe-eval', which search needs
        # The policy comes before every script, so it covers all of them.
        first_script = head.find("script")
        assert (
            first_script is None
            or metas[0].sourceline < first_script.sourceline
            or (metas[0].sourceline == first_script.sourceline and metas[0].sourcepos < first_script.sourcepos)
        ), file
        referrer = head.find("meta", attrs={"name": "referrer"})
        assert referrer is not None, file
        assert referrer["content"] == "same-origin", file
    headers = (site.built / "_headers").read_text(encoding="utf-8")
    assert re.search(r"^/\*\n  Content-Security-Policy: .*frame-ancestors 'none'$", headers, re.MULTILINE)
    assert "  Referrer-Policy: same-origin\n" in headers


def test_links_to_other_sites_send_no_referrer(site: SiteUnderTest) -> None:
    """An address can name what a patient reads about: links that leave the site carry
    rel="noopener noreferrer" (as well as the page's referrer policy)."""
    external = 0
    for file in sorted(site.built.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        main = soup.find(id="psy-main")
        for link in [*soup.select("[data-psychoed] a[href]"), *(main.find_all("a", href=True) if main else [])]:
            if re.match(r"https?://", str(link["href"])):
                external += 1
                assert {"noopener", "noreferrer"} <= set(link.get("rel") or []), (file, link)
    assert external > 0  # the crisis help or call to action at least
