"""The site as built: every article published, and what the clinic's settings promise on every page."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from psychoed.cli.app import run
from psychoed.review.state import review_status

from .conftest import SITE_EPOCH, SITE_TODAY, SiteUnderTest


def soup(site: SiteUnderTest, built: str) -> BeautifulSoup:
    return BeautifulSoup((site.built / built).read_text(encoding="utf-8"), "html.parser")


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def html_pages(site: SiteUnderTest) -> list[Path]:
    return sorted(path for path in site.built.rglob("*.html") if path.name != "404.html" or path.parent == site.built)


def test_every_published_article_produces_exactly_one_page(site: SiteUnderTest) -> None:
    """Nothing is silently dropped: one page per published article (a withdrawn one keeps its page, saying so),
    none for drafts, no strays."""
    articles = site.built / "articles"
    expected = {site.file(a.page_path) for a in (*site.published, *site.withdrawn)}
    found = {path.relative_to(site.built).as_posix() for path in articles.rglob("*.html")}
    assert found == expected
    for article in site.published:
        page = soup(site, site.file(article.page_path))
        assert [h.get_text(strip=True) for h in page.find_all("h1")] == [article.title]
    for draft in (a for a in site.library.articles if a.is_draft):
        assert not (site.built / site.file(draft.page_path)).exists()


def test_crisis_help_on_every_page_is_the_clinics_services(site: SiteUnderTest) -> None:
    """Each service chosen in the settings is reached the ways content/crisis.yml lists: `tel:` only for a
    call, `sms:` only for a text. A text-only service has no `tel:` link, since a reader would be calling a
    number that does not answer."""
    assert site.library.crisis, "the site chooses at least one crisis service"
    expected = []
    for service in site.library.crisis:
        for contact in service.contacts:
            digits = "".join(ch for ch in contact.number or "" if ch.isdigit() or ch == "+")
            expected.append({"call": f"tel:{digits}", "text": f"sms:{digits}"}.get(contact.way, contact.url))
    pages = html_pages(site)
    assert len(pages) >= len(site.published)
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        [crisis] = page.find_all(attrs={"data-psychoed": "crisis"})
        assert [a["href"] for a in crisis.find_all("a")] == expected, path
        # In the page's language: mkdocs.yml's heading in the source language, the strings' in another, and
        # each service's own name in it where the data has one.
        language = str(page.html["lang"]) if page.html is not None else site.settings.source_language
        words = site.site.strings[language]
        assert crisis["aria-label"] == words.crisis_heading, path
        if language == site.settings.source_language:
            assert words.crisis_heading == site.settings.crisis.heading
        for service in site.library.crisis:
            own = service.in_language(language if language != site.settings.source_language else None)
            assert own.name in text(crisis), path


def test_articles_in_sensitive_topics_open_with_a_content_note_and_crisis_help(site: SiteUnderTest) -> None:
    """Right under the title, before the byline; and no other article has either."""
    sensitive = {a.slug for a in site.sensitive}
    for article in site.published:
        page = soup(site, site.file(article.page_path))
        note = page.find(attrs={"data-psychoed": "content-note"})
        crisis = page.find(attrs={"data-psychoed": "article-crisis"})
        if article.slug not in sensitive:
            assert (note, crisis) == (None, None), article.slug
            continue
        assert note is not None, article.slug
        assert crisis is not None, article.slug
        h1 = page.find("h1")
        byline = page.find(attrs={"data-psychoed": "byline"})
        assert h1.find_next(attrs={"data-psychoed": "content-note"}) is note
        assert note.find_next(attrs={"data-psychoed": "article-crisis"}) is crisis
        assert crisis.find_next(attrs={"data-psychoed": "byline"}) is byline
        assert [a["href"] for a in crisis.find_all("a")] == [
            c.href for service in site.library.crisis for c in service.contacts
        ]


def test_every_article_ends_with_the_clinics_call_to_action(site: SiteUnderTest) -> None:
    cta = site.settings.call_to_action
    for article in site.published:
        found = soup(site, site.file(article.page_path)).find(attrs={"data-psychoed": "call-to-action"})
        if cta is None:
            assert found is None
            continue
        link = found.find("a", class_="md-button")
        assert (text(link), link["href"]) == (cta.link_text, cta.url)
        assert cta.text in text(found)


def test_the_footer_names_the_clinic(site: SiteUnderTest) -> None:
    footer = soup(site, site.file("index.md")).find(attrs={"data-psychoed": "footer"})
    assert site.settings.clinic_name in text(footer)
    if site.settings.footer_note:
        assert site.settings.footer_note in text(footer)


def test_byline_notices_and_json_ld_follow_each_articles_reviewer(site: SiteUnderTest) -> None:
    """A sample reviewer's article says so, and its JSON-LD claims no medical review; an overdue
    article says it is overdue."""
    for article in site.published:
        page = soup(site, site.file(article.page_path))
        reviewer = site.library.reviewers[article.reviewer]
        byline = text(page.find(attrs={"data-psychoed": "byline"}))
        assert byline.startswith(f"{site.settings.reviewed_by_label} {reviewer.display_name}")
        assert (page.find(attrs={"data-psychoed": "sample-notice"}) is not None) == reviewer.sample
        overdue = page.find(attrs={"data-psychoed": "overdue-notice"}) is not None
        assert overdue == review_status(article, SITE_TODAY, 0).overdue, article.slug
        data = json.loads(page.find("script", attrs={"type": "application/ld+json"}).string)
        assert data["name"] == article.title
        if reviewer.sample:
            assert "reviewedBy" not in data
            assert "lastReviewed" not in data
        else:
            assert data["reviewedBy"]["name"] == reviewer.name
            assert data["lastReviewed"] == article.reviewed.isoformat()


def test_every_internal_link_resolves(site: SiteUnderTest, site_url: str) -> None:
    """linkchecker follows every internal link, including those the templates write."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "linkchecker"), "--no-status", "--no-warnings", site_url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 errors found" in done.stdout


def test_the_sites_content_passes_psychoed_check(site: SiteUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """What every pull request is checked with: the whole library, links included."""
    monkeypatch.chdir(site.config.parent)
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", SITE_EPOCH)
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", "--format", "json"], out=out, err=err)
    summary = json.loads(out.getvalue())["summary"]
    assert (code, err.getvalue()) == (0, ""), out.getvalue()
    assert summary["links_checked"]
    assert summary["articles"] == len(site.library.files)


def test_the_sites_content_validates(site: SiteUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site.config.parent)
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", SITE_EPOCH)
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate"], out=out, err=err) == 0, out.getvalue() + err.getvalue()
    assert out.getvalue().endswith(": no problems.\n")


def test_the_staff_handbook_is_not_published_or_in_the_menu(site: SiteUnderTest) -> None:
    """Guides for editors, reviewers and maintainers live in handbook/, which GitHub shows: no page of the
    patient site is made from them, and no menu names them."""
    handbook = site.config.parent / "handbook"
    guides = sorted(handbook.glob("*.md"))
    assert guides, "the handbook is where the staff guides are"
    titles = {guide.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ").strip() for guide in guides}
    published = {path.stem for path in site.built.rglob("*.html")}
    assert not {guide.stem for guide in guides if guide.stem != "README"} & published
    for page in html_pages(site):
        menu = soup(site, page.relative_to(site.built).as_posix()).select("nav.md-nav--primary a")
        assert not {" ".join(a.get_text(" ").split()) for a in menu} & titles, page
