"""The project's own site, built from this repository's content/ as `make site` builds it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from psychoed import Library, load_library, load_settings
from psychoed.dates import today

from .conftest import REPO


@pytest.fixture(scope="module")
def library() -> Library:
    settings = load_settings(REPO / "mkdocs.yml")
    return load_library(REPO / settings.content_dir, settings, today())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("repo-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sample_content_has_eight_articles_in_three_topics(library: Library) -> None:
    published = library.visible(include_drafts=False)
    assert len(published) >= 8
    assert len({topic for article in published for topic in article.topics}) >= 3


def test_every_published_article_produces_exactly_one_page(library: Library, site: Path) -> None:
    """Nothing is silently dropped: one page per published article, none for drafts, no strays."""
    expected = {f"{a.slug}.html" for a in library.visible(include_drafts=False)}
    assert {p.name for p in (site / "articles").iterdir()} == expected
    for article in library.visible(include_drafts=False):
        page = soup(site / "articles" / f"{article.slug}.html")
        assert [h.get_text(strip=True) for h in page.find_all("h1")] == [article.title]
    drafts = [a for a in library.articles if a.is_draft]
    assert drafts, "the sample content shows a draft"
    for draft in drafts:
        assert not (site / "articles" / f"{draft.slug}.html").exists()


def test_sample_reviewer_is_marked_on_every_article_it_reviewed(library: Library, site: Path) -> None:
    for article in library.visible(include_drafts=False):
        assert library.reviewers[article.reviewer].sample, "sample content names only the sample reviewer"
        page = soup(site / "articles" / f"{article.slug}.html")
        assert page.find(attrs={"data-psychoed": "sample-notice"}) is not None, article.slug


def test_sample_content_shows_an_overdue_review(library: Library, site: Path) -> None:
    overdue = [a for a in library.visible(include_drafts=False) if a.is_overdue(today())]
    assert overdue
    for article in overdue:
        page = soup(site / "articles" / f"{article.slug}.html")
        assert page.find(attrs={"data-psychoed": "overdue-notice"}) is not None


def test_pages_load_nothing_from_other_hosts(site: Path) -> None:
    """No fonts, scripts, styles or images from a third party (links to read more are fine)."""
    for path in site.rglob("*.html"):
        page = soup(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in page.find_all(tag):
                url = str(node.get(attribute) or "")
                if tag == "link" and node.get("rel") == ["canonical"]:
                    continue
                assert not urlparse(url).netloc, f"{path.relative_to(site)}: <{tag} {attribute}={url}>"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site on a loopback HTTP server (linkchecker drops root privileges, so
    it reads the site through HTTP rather than from a private temporary folder)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_every_internal_link_resolves(served: str) -> None:
    """linkchecker follows every internal link, including those the templates write."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "linkchecker"), "--no-status", "--no-warnings", served + "index.html"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 errors found" in done.stdout
