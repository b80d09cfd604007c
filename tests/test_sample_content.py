"""The project's own site, built from this repository's content/ as `make site` builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from psychoed import Library, load_library, load_settings
from psychoed.dates import today

from .conftest import REPO


@pytest.fixture(scope="module")
def library() -> Library:
    settings = load_settings(REPO / "mkdocs.yml")
    return load_library(REPO / settings.content_dir, settings, today())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sample_content_has_eight_articles_in_three_topics(library: Library) -> None:
    published = library.visible(include_drafts=False)
    assert len(published) >= 8
    assert len({topic for article in published for topic in article.topics}) >= 3


def test_every_published_article_produces_exactly_one_page(library: Library, repo_site: Path) -> None:
    """Nothing is silently dropped: one page per published article, none for drafts, no strays."""
    expected = {f"{a.slug}.html" for a in library.visible(include_drafts=False)}
    assert {p.name for p in (repo_site / "articles").iterdir()} == expected
    for article in library.visible(include_drafts=False):
        page = soup(repo_site / "articles" / f"{article.slug}.html")
        assert [h.get_text(strip=True) for h in page.find_all("h1")] == [article.title]
    drafts = [a for a in library.articles if a.is_draft]
    assert drafts, "the sample content shows a draft"
    for draft in drafts:
        assert not (repo_site / "articles" / f"{draft.slug}.html").exists()


def test_sample_reviewer_is_marked_on_every_article_it_reviewed(library: Library, repo_site: Path) -> None:
    for article in library.visible(include_drafts=False):
        assert library.reviewers[article.reviewer].sample, "sample content names only the sample reviewer"
        page = soup(repo_site / "articles" / f"{article.slug}.html")
        assert page.find(attrs={"data-psychoed": "sample-notice"}) is not None, article.slug


def test_sample_content_shows_an_overdue_review(library: Library, repo_site: Path) -> None:
    overdue = [a for a in library.visible(include_drafts=False) if a.is_overdue(today())]
    assert overdue
    for article in overdue:
        page = soup(repo_site / "articles" / f"{article.slug}.html")
        assert page.find(attrs={"data-psychoed": "overdue-notice"}) is not None


def test_every_internal_link_resolves(repo_site_url: str) -> None:
    """linkchecker follows every internal link, including those the templates write."""
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "linkchecker"),
            "--no-status",
            "--no-warnings",
            repo_site_url + "index.html",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 errors found" in done.stdout
