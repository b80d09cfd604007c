"""Defence in depth: with every ``security.*`` rule set to ``off``, the build still publishes no live
payload. Each payload is built into a real site (article bodies, a bio, a topic description and a page in
``docs/``), then every built page is parsed, and opened in Chromium.

Escaped text shown as text is fine: the payloads mark themselves ``PWNED`` where they would run or load,
and the tests look for the mark only in places that run or load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from psychoed.catalog import catalog
from psychoed.urls import is_allowed, is_remote

from .conftest import BuildResult, article_text, build_site_at, build_written_site, write_site
from .hostile import BODY_PAYLOADS, MARK

RULES_OFF = {rule.id: "off" for rule in catalog().values() if rule.id.startswith("security.") and rule.configurable}
RUNS_OR_LOADS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "svg", "frame"}
TOPICS = (
    "therapy-basics:\n  title: Therapy basics\n  description: |\n    Start here.\n    <script>window.PWNED=1</script>\n"
)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("payloads") / "site"
    articles = {_slug(name): article_text(f"Intro.\n\n{markdown}\n") for name, (markdown, _) in BODY_PAYLOADS.items()}
    result = build_site_at(root, articles, extra={"check": {"rules": RULES_OFF}}, home=True)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def built_with_registries(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A second site: the payloads in a reviewer's bio, a topic's description and a ``docs/`` page."""
    root = tmp_path_factory.mktemp("registries") / "site"
    write_site(root, {"one": article_text("Intro.\n")}, extra={"check": {"rules": RULES_OFF}})
    payloads = "\n\n".join(markdown for markdown, _ in BODY_PAYLOADS.values() if "<!--" not in markdown)
    bio = "\n".join("    " + line for line in payloads.splitlines())
    (root / "content" / "reviewers.yml").write_text(
        f"real-reviewer:\n  name: Real Reviewer\n  credentials: PhD\n  bio: |\n{bio}\n", encoding="utf-8"
    )
    (root / "content" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    title = '# About <img src="x.png" onerror="window.PWNED=1"> <script>window.PWNED=1</script>'
    (root / "docs" / "about.md").write_text(
        f"{title}\n\n## Part <svg onload=window.PWNED=1>\n\n{payloads}\n", encoding="utf-8"
    )
    return build_written_site(root)


def _pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for file in sorted(site.rglob("*.html")):
        yield file, BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _live(soup: BeautifulSoup) -> list[str]:
    """Every place in the page where a payload would run or load."""
    found = []
    for element in soup.find_all(True):
        assert isinstance(element, Tag)
        # A <meta> carries text (a description) unless it is http-equiv, which acts.
        acts = element.name != "meta" or element.has_attr("http-equiv")
        if element.name in RUNS_OR_LOADS and acts and MARK in str(element):
            found.append(f"<{element.name}> {str(element)[:80]}")
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on"):
                found.append(f"{name}= on <{element.name}>")
            if name == "style" and MARK in text:
                found.append(f"style= on <{element.name}>")
            if name in ("href", "src", "action", "formaction", "data") and not is_allowed(text):
                found.append(f"{name}={text[:60]} on <{element.name}>")
            if element.name == "img" and name == "src" and is_remote(text):
                found.append(f"third-party image {text[:60]}")
    if len(soup.find_all(id="psy-main")) > 1:
        found.append("a second #psy-main")
    return found


def test_each_payload_built_with_its_rule_off_is_not_live(built: BuildResult) -> None:
    pages = list(_pages(built.site))
    shown = 0
    for file, soup in pages:
        assert _live(soup) == [], file
        shown += file.name in {f"{_slug(name)}.html" for name in BODY_PAYLOADS}
    assert shown == len(BODY_PAYLOADS)  # every payload's page was built, none dropped


def test_payloads_in_bios_topics_and_docs_pages_are_not_live(built_with_registries: BuildResult) -> None:
    assert built_with_registries.returncode == 0, built_with_registries.output
    pages = dict(_pages(built_with_registries.site))
    assert {"reviewers/real-reviewer.html", "topics/therapy-basics.html", "about.html"} <= {
        file.relative_to(built_with_registries.site).as_posix() for file in pages
    }
    for file, soup in pages.items():
        assert _live(soup) == [], file


def test_the_build_refuses_the_payloads_while_the_rules_are_on(tmp_path: Path) -> None:
    markdown, _ = BODY_PAYLOADS["script element"]
    result = build_site_at(tmp_path / "site", {"one": article_text(f"Intro.\n\n{markdown}\n")})
    assert result.returncode != 0
    assert re.search(r"content/articles/one\.md:\d+: error security\.html: `<script>` is never allowed", result.output)


def test_no_payload_runs_in_chromium(built: BuildResult, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for name in BODY_PAYLOADS:
        page.goto((built.site / "articles" / f"{_slug(name)}.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.PWNED") is None, name
    assert dialogs == []
    context.close()
