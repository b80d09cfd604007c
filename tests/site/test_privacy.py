"""No tracking: pages load nothing from any other host and set no cookies, in a real browser and on disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Route

from psychoed.search.index import INDEX_FOLDER

from ..conftest import search_from_keyboard
from .conftest import SiteUnderTest


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose every request is recorded; any to another host is refused, so nothing leaks."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests: list[str] = []

    def record(route: Route) -> None:
        requests.append(route.request.url)
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    yield context.new_page(), requests
    context.close()


def test_no_page_requests_anything_from_other_hosts_or_sets_cookies(
    watched: tuple[Page, list[str]], site: SiteUnderTest, site_url: str
) -> None:
    page, requests = watched
    own = urlparse(site_url).netloc
    for number, (kind, path) in enumerate(site.pages.items()):
        requests.clear()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        # The first page's styles and scripts were seen; later pages may take them from the cache.
        assert len(requests) > (3 if number == 0 else 0), (kind, requests)
        assert [url for url in requests if urlparse(url).netloc != own] == [], kind
        assert page.context.cookies() == [], kind
        assert page.evaluate("() => document.cookie") == "", kind


def test_searching_requests_nothing_from_other_hosts(
    watched: tuple[Page, list[str]], site: SiteUnderTest, site_url: str
) -> None:
    page, requests = watched
    search_from_keyboard(page, site_url + site.pages["search"], site.search_word)
    page.wait_for_load_state("networkidle")
    own = urlparse(site_url).netloc
    assert any(f"/{INDEX_FOLDER}/" in urlparse(url).path and "/d/" in urlparse(url).path for url in requests), (
        "the search ran: it fetched the text of a result"
    )
    assert [url for url in requests if urlparse(url).netloc != own] == []
    assert page.context.cookies() == []


# What a page loads by itself, as opposed to links a reader may choose to follow.
LOADING_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
}
# <link rel=…> values that only name an address and load nothing.
NAMING_RELS = {"canonical", "alternate", "author", "license", "me", "next", "prev", "search"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def external(url: str) -> bool:
    parts = urlparse(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def third_party_assets(site: Path) -> list[str]:
    """Everything in the site's HTML and CSS that would load from another host."""
    found = []
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attributes in LOADING_ATTRIBUTES.items():
            for node in page.find_all(tag):
                for attribute in attributes:
                    for url in str(node.get(attribute) or "").split(","):
                        if url.strip() and external(url.split()[0]):
                            found.append(f"{path.name}: <{tag} {attribute}={url.strip()}>")
        for node in page.find_all("link"):
            rels = set(node.get("rel") or [])
            if not rels <= NAMING_RELS and external(str(node.get("href") or "")):
                found.append(f"{path.name}: <link rel={' '.join(rels)} href={node.get('href')}>")
        for node in page.find_all(style=True):
            found += [
                f"{path.name}: style url({u})" for m in CSS_URL.finditer(node["style"]) if external(u := m[1] or m[2])
            ]
        for node in page.find_all("style"):
            found += [
                f"{path.name}: <style> {u}" for m in CSS_URL.finditer(node.get_text()) if external(u := m[1] or m[2])
            ]
    for path in sorted(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {u}" for m in CSS_URL.finditer(text) if external(u := m[1] or m[2])]
    return found


def test_no_file_in_the_built_site_loads_anything_from_another_host(site: SiteUnderTest) -> None:
    assert len(list(site.built.rglob("*.css"))) >= 3
    assert third_party_assets(site.built) == []


def test_the_static_scan_would_see_a_third_party_asset(tmp_path: Path) -> None:
    """The scan above is only worth something if it can fail."""
    (tmp_path / "page.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    (tmp_path / "x.css").write_text("@font-face { src: url(https://fonts.gstatic.com/r.woff2) }")
    assert third_party_assets(tmp_path) == [
        "page.html: <link rel=stylesheet href=https://fonts.googleapis.com/css?family=Roboto>",
        "x.css: https://fonts.gstatic.com/r.woff2",
    ]
