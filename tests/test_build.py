"""A small site built with `mkdocs build --strict` through the real hooks and templates,
its HTML parsed to check what a reader gets."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from psychoed.site import Site

from .conftest import (
    TODAY_EPOCH,
    BuildResult,
    SiteBuilder,
    article_text,
    build_site_at,
    build_written_site,
    write_site,
)

TIPS_BODY = """\
A short introduction.

## 1. Ask questions

Ask anything.

## 2. Be honest

Say what you feel.

## 3. Keep it private

Find a quiet room.

## Closing thoughts

You can do this.
"""

ARTICLES = {
    "tips-article": article_text(
        TIPS_BODY,
        signed=True,
        title="Tips for working with your therapist",
        description="How to build trust with your therapist.",
        topics=["therapy-basics", "sleep"],
        sources=[{"title": "A guideline", "url": "https://example.org/guideline"}],
        related=["plain-article"],
    ),
    "plain-article": article_text(
        "Some text without tips.\n\n## What to expect\n\nMore text.\n",
        title="What to expect",
        reviewer="sample-reviewer",
        reviewed=dt.date(2026, 3, 2),
        signed=True,
    ),
    "overdue-article": article_text(
        title="An old article",
        reviewed=dt.date(2020, 1, 1),
        next_review=dt.date(2021, 1, 1),
        topics=["sleep"],
        signed=True,
    ),
    "draft-article": article_text(title="Unfinished draft", status="draft"),
    "unsigned-article": article_text(title="Nobody signed this"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_site_at(tmp_path_factory.mktemp("build") / "src", ARTICLES)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def tips(built: BuildResult) -> BeautifulSoup:
    return built.page("articles/tips-article.html")


def text(node: Tag | None) -> str:
    """Visible text with whitespace folded, as a reader would read it aloud."""
    assert node is not None
    return re.sub(r" ([.,;:])", r"\1", " ".join(node.get_text(" ").split()))


def test_title_is_the_only_h1(tips: BeautifulSoup) -> None:
    assert [text(h) for h in tips.find_all("h1")] == ["Tips for working with your therapist"]


def test_an_unsigned_article_claims_no_review_on_its_page_or_in_its_data(built: BuildResult) -> None:
    """Nobody signed this text: no "Medically reviewed", no review dates, and JSON-LD that claims no review."""
    page = built.page("articles/unsigned-article.html")
    byline = page.find(attrs={"data-psychoed": "byline"})
    assert text(byline).startswith("Awaiting clinical review. A clinician has not yet checked this version")
    assert "Medically reviewed" not in text(page.find("article"))
    assert page.find(attrs={"data-psychoed": "reviewed"}) is None
    data = json.loads(page.find("script", attrs={"type": "application/ld+json"}).string)
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data


def test_byline_names_reviewer_with_credentials_and_links_to_their_page(tips: BeautifulSoup) -> None:
    byline = tips.find(attrs={"data-psychoed": "byline"})
    assert text(byline).startswith("Medically reviewed by Dana Example, LCSW Last reviewed January 15, 2026")
    link = byline.find("a") if isinstance(byline, Tag) else None
    assert link is not None
    assert (text(link), link["href"]) == ("Dana Example, LCSW", "../reviewers/real-reviewer.html")


def test_review_dates_are_time_elements_in_a_friendly_format(tips: BeautifulSoup) -> None:
    reviewed = tips.find("time", attrs={"data-psychoed": "reviewed"})
    due = tips.find("time", attrs={"data-psychoed": "next-review"})
    assert reviewed is not None
    assert due is not None
    assert (reviewed["datetime"], text(reviewed)) == ("2026-01-15", "January 15, 2026")
    assert (due["datetime"], text(due)) == ("2029-01-15", "January 15, 2029")


def test_tips_are_h2_in_order_and_listed_under_in_this_article(tips: BeautifulSoup) -> None:
    body = tips.find(attrs={"data-psychoed": "body"})
    assert isinstance(body, Tag)
    headings = body.find_all("h2")
    assert [text(h) for h in headings] == ["1. Ask questions", "2. Be honest", "3. Keep it private", "Closing thoughts"]
    contents = tips.find(attrs={"data-psychoed": "in-this-article"})
    assert isinstance(contents, Tag)
    assert text(contents.find("h2")) == "In this article"
    links = [(text(a), a["href"]) for a in contents.find_all("a")]
    assert links == [(text(h), f"#{h['id']}") for h in headings[:3]]


def test_json_ld_describes_a_medical_web_page(tips: BeautifulSoup) -> None:
    scripts = tips.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "Tips for working with your therapist",
        "description": "How to build trust with your therapist.",
        "url": "https://example.org/library/articles/tips-article.html",
        "lastReviewed": "2026-01-15",
        "reviewedBy": {
            "@type": "Person",
            "name": "Dana Example",
            "honorificSuffix": "LCSW",
            "jobTitle": "Clinical social worker",
        },
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [{"@type": "Thing", "name": "Starting therapy"}, {"@type": "Thing", "name": "Sleep"}],
        "citation": [{"@type": "CreativeWork", "name": "A guideline", "url": "https://example.org/guideline"}],
        "publisher": {"@type": "Organization", "name": "Test Clinic Ltd", "email": "info@example.org"},
        "inLanguage": "en",
    }


def test_sample_content_claims_no_medical_review_in_its_json_ld(built: BuildResult) -> None:
    """The visible notice says no clinician checked it; the data for machines must not say otherwise."""
    page = built.page("articles/plain-article.html")
    data = json.loads(page.find("script", attrs={"type": "application/ld+json"}).string)
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data
    assert data["name"] == "What to expect"
    assert page.find(attrs={"data-psychoed": "sample-notice"}) is not None


def test_footer_names_the_clinic_and_its_note(built: BuildResult, build_site: SiteBuilder) -> None:
    footer = built.page("index.html").find(attrs={"data-psychoed": "footer"})
    assert text(footer) == (
        "© 2026 Test Clinic The information here does not replace care from a professional. Contact us"
    )
    contact = footer.find("a", attrs={"data-psychoed": "contact"}) if isinstance(footer, Tag) else None
    assert contact is not None
    assert contact["href"] == "https://example.org/contact"  # from call_to_action
    own = build_site({"one": article_text()}, extra={"footer_note": ""}, config={"copyright": "© Riverside Trust"})
    assert own.returncode == 0, own.output
    assert text(own.page("index.html").find(attrs={"data-psychoed": "footer"})) == "© Riverside Trust Contact us"


def test_meta_description_comes_from_front_matter(tips: BeautifulSoup) -> None:
    meta = tips.find("meta", attrs={"name": "description"})
    assert meta is not None
    assert meta["content"] == "How to build trust with your therapist."


def test_call_to_action_ends_the_article(tips: BeautifulSoup) -> None:
    cta = tips.find(attrs={"data-psychoed": "call-to-action"})
    assert isinstance(cta, Tag)
    assert text(cta.find("h2")) == "Talk with Test Clinic"
    link = cta.find("a")
    assert link is not None
    assert (text(link), link["href"]) == ("Contact us", "https://example.org/contact")


def test_edit_link_opens_the_source_in_content(tips: BeautifulSoup) -> None:
    edit = tips.find("a", attrs={"rel": "edit"})
    assert edit is not None
    assert edit["href"] == "https://github.com/example/library/edit/main/content/articles/tips-article.md"


def test_sample_notice_only_on_articles_by_a_sample_reviewer(built: BuildResult, tips: BeautifulSoup) -> None:
    plain = built.page("articles/plain-article.html")
    notice = plain.find(attrs={"data-psychoed": "sample-notice"})
    assert notice is not None
    assert text(notice).startswith("Sample content — not clinically reviewed.")
    assert tips.find(attrs={"data-psychoed": "sample-notice"}) is None


def test_overdue_notice_only_when_next_review_has_passed(built: BuildResult, tips: BeautifulSoup) -> None:
    old = built.page("articles/overdue-article.html")
    notice = old.find(attrs={"data-psychoed": "overdue-notice"})
    assert notice is not None
    assert "Its clinical review was due on January 1, 2021." in text(notice)
    assert tips.find(attrs={"data-psychoed": "overdue-notice"}) is None


def test_article_without_tips_has_no_in_this_article_list(built: BuildResult) -> None:
    assert built.page("articles/plain-article.html").find(attrs={"data-psychoed": "in-this-article"}) is None


def test_drafts_are_left_out_of_the_build(built: BuildResult) -> None:
    assert not (built.site / "articles" / "draft-article.html").exists()
    for page in built.site.rglob("*.html"):
        assert "Unfinished draft" not in page.read_text(encoding="utf-8"), page


def test_crisis_help_is_identical_and_first_on_every_page(built: BuildResult) -> None:
    """WCAG 2.2 3.2.6: help is in the same place, in the same order, on every page."""
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 10
    blocks = set()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        crisis = soup.find_all(attrs={"data-psychoed": "crisis"})
        assert len(crisis) == 1, page
        header = soup.find("header")
        assert header is not None
        assert crisis[0] in header.find_all_previous(attrs={"data-psychoed": "crisis"}), page
        blocks.add(str(crisis[0]))
    assert len(blocks) == 1
    crisis = BeautifulSoup(blocks.pop(), "html.parser")
    links = [(text(a), a["href"]) for a in crisis.find_all("a")]
    # The fixture's lines: one to call or text, one text-only, which never gets a tel: link.
    assert links == [("Call 555 0100", "tel:5550100"), ("text 555 0100", "sms:5550100"), ("text 55 123", "sms:55123")]


def test_topic_page_lists_its_articles_with_description_and_review_date(built: BuildResult) -> None:
    page = built.page("topics/sleep.html")
    items = page.find_all(attrs={"data-psychoed": "article-link"})
    assert [text(item.find("a")) for item in items] == ["An old article", "Tips for working with your therapist"]
    assert items[1].find("a")["href"] == "../articles/tips-article.html"
    assert "How to build trust with your therapist." in text(items[1])
    assert items[1].find("time")["datetime"] == "2026-01-15"


def test_reviewer_page_shows_credentials_and_articles_reviewed(built: BuildResult) -> None:
    page = built.page("reviewers/real-reviewer.html")
    assert text(page.find("h1")) == "Dana Example, LCSW"
    assert "Clinical social worker" in text(page.find("dl"))
    assert page.find("em", string="adults") is not None, "the bio is rendered as Markdown"
    listed = [text(item.find("a")) for item in page.find_all(attrs={"data-psychoed": "article-link"})]
    assert listed == ["An old article", "Tips for working with your therapist"]
    sample = built.page("reviewers/sample-reviewer.html")
    assert sample.find(attrs={"data-psychoed": "sample-notice"}) is not None


def test_home_lists_topics_and_recently_reviewed(built: BuildResult) -> None:
    home = built.page("index.html")
    topics = home.find(attrs={"data-psychoed": "home-topics"})
    assert isinstance(topics, Tag)
    assert [text(a) for a in topics.find_all("a")] == ["Starting therapy", "Sleep"]
    recent = home.find(attrs={"data-psychoed": "home-recent"})
    assert isinstance(recent, Tag)
    assert [text(a) for a in recent.find_all("a")] == [
        "What to expect",
        "Tips for working with your therapist",
        "An old article",
    ]


def test_navigation_lists_topics_not_articles(built: BuildResult) -> None:
    nav = built.page("index.html").find("nav", class_="md-nav--primary")
    assert isinstance(nav, Tag)
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert "topics/sleep.html" in hrefs
    assert "topics/therapy-basics.html" in hrefs
    assert not [h for h in hrefs if "articles/" in h]


def test_not_found_page_has_crisis_help_and_a_way_home(built: BuildResult) -> None:
    page = built.page("404.html")
    assert text(page.find("h1")) == "Page not found"
    assert page.find(attrs={"data-psychoed": "crisis"}) is not None
    assert any(text(a) == "Go to the home page" for a in page.find_all("a"))


def test_no_request_to_google_fonts(built: BuildResult) -> None:
    for page in built.site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page


def test_settings_change_label_and_crisis_services(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {"one": article_text(signed=True)},
        extra={
            "reviewed_by_label": "Clinically reviewed by",
            "date_format": "{day} {month_name} {year}",
            "crisis": {"heading": "Urgent help", "services": ["talk", "texting"]},
        },
    )
    (root / "content" / "crisis.yml").write_text(
        "talk:\n  name: Talk Line\n  country: GB\n  contacts: [{way: call, number: '116 123'}]\n  hours: Any time\n"
        "  languages: [English]\n  source: https://example.org/talk\n  verified: 2026-05-01\n"
        "texting:\n  name: Text Line\n  country: GB\n  contacts: [{way: text, number: '85258'}]\n  hours: Any time\n"
        "  languages: [English]\n  source: https://example.org/text\n  verified: 2026-05-01\n",
        encoding="utf-8",
    )
    result = build_written_site(root)
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    byline = text(page.find(attrs={"data-psychoed": "byline"}))
    assert byline.startswith("Clinically reviewed by Dana Example, LCSW Last reviewed 15 January 2026")
    crisis = page.find(attrs={"data-psychoed": "crisis"})
    assert isinstance(crisis, Tag)
    assert crisis["aria-label"] == "Urgent help"
    assert [(text(a), a["href"]) for a in crisis.find_all("a")] == [
        ("Call 116 123", "tel:116123"),
        ("text 85258", "sms:85258"),
    ]


def test_content_error_stops_the_build_listing_every_problem(build_site: SiteBuilder) -> None:
    result = build_site(
        {"one": article_text(reviewer="nobody"), "two": article_text(reviewed=None, reviwed="2026-01-01")}
    )
    assert result.returncode == 1
    assert "psychoed found 3 problems:" in result.output
    assert (
        "content/articles/one.md:6: error article.unknown-reviewer: reviewer `nobody` is not in reviewers.yml; "
        "add them there or use an existing id." in result.output
    )
    assert (
        "content/articles/two.md:7: error frontmatter.unknown-key: `reviwed` is not a known field "
        "(did you mean `reviewed`?)" in result.output
    )
    assert "content/articles/two.md:6: error frontmatter.required: `reviewed` is required" in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists()


def test_settings_error_stops_the_build_naming_the_line(build_site: SiteBuilder, tmp_path: Path) -> None:
    result = build_site({"one": article_text()}, extra={"review_interval_months": "soon"})
    assert result.returncode == 1
    lines = (tmp_path / "site-src" / "mkdocs.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "review_interval_months" in text)
    assert f"mkdocs.yml:{line}: error settings.type: `review_interval_months` must be a whole number, not text." in (
        result.output
    )
    assert "Traceback" not in result.output


def test_docs_page_that_clashes_with_a_generated_page_is_an_error(build_site: SiteBuilder, tmp_path: Path) -> None:
    clash = tmp_path / "site-src" / "docs" / "articles" / "one.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Hand-written\n")
    result = build_site({"one": article_text()})
    assert result.returncode == 1
    assert "docs/articles/one.md clashes with a page psychoed generates from content/" in result.output


def test_site_without_a_home_page_gets_one(tmp_path: Path) -> None:
    """A clinic that has not written docs/index.md still gets a home page with topics and articles."""
    result = build_site_at(tmp_path / "src", {"one": article_text(title="Only article", signed=True)}, home=False)
    assert result.returncode == 0, result.output
    home = result.page("index.html")
    assert [text(h) for h in home.find_all("h1")] == ["Test Library"]
    assert "Only article" in text(home.find(attrs={"data-psychoed": "home-recent"}))


def test_links_between_articles_use_the_slug_and_are_validated(build_site: SiteBuilder) -> None:
    """Editors link to another article as `[text](other-slug.md)`; the build reports a broken one as
    `psychoed check` does: at its line in content/, with a suggestion, and not MkDocs' own way."""
    ok = build_site({"one": article_text("See [the other one](two.md).\n"), "two": article_text(title="Two")})
    assert ok.returncode == 0, ok.output
    link = ok.page("articles/one.html").find("a", string="the other one")
    assert link is not None
    assert link["href"] == "two.html"
    broken = build_site({"one": article_text("Intro.\n\nSee [a missing one](tow.md).\n"), "two": article_text()})
    assert broken.returncode == 1
    assert (
        "content/articles/one.md:11: error links.broken: the link `tow.md` is not a page of the site "
        "(did you mean `two.md`?); fix the address" in broken.output
    )
    assert "Doc file" not in broken.output  # MkDocs' own warning names only the generated page


def test_text_with_html_characters_is_shown_as_written(build_site: SiteBuilder) -> None:
    """Titles, descriptions and settings are text, never markup: `<3 & "you"` reads as typed."""
    result = build_site(
        {"one": article_text(title='Love <3 & "you"', description='Say "hi" & wave <3 times.', topics=["sleep"])},
        extra={"crisis": {"heading": "Help <now> & later", "services": ["test-line"]}},
    )
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    assert [text(h) for h in page.find_all("h1")] == ['Love <3 & "you"']
    assert page.find("title").get_text() == 'Love <3 & "you" - Test Library'
    assert page.find("meta", attrs={"name": "description"})["content"] == 'Say "hi" & wave <3 times.'
    crisis = page.find(attrs={"data-psychoed": "crisis"})
    assert crisis["aria-label"] == "Help <now> & later"
    assert text(crisis).startswith("Help <now> & later Test Crisis Line:")
    listing = result.page("topics/sleep.html").find(attrs={"data-psychoed": "article-link"})
    assert text(listing.find("a")) == 'Love <3 & "you"'
    assert 'Say "hi" & wave <3 times.' in text(listing)


def test_directory_addresses_build_the_same_site(tmp_path: Path) -> None:
    """With `use_directory_urls: true` every page is `x/index.html` at `x/`, and every link
    between pages (byline, topics, tips, related articles, navigation) still lands on a page."""
    body = TIPS_BODY + "\nSee [the plain one](plain-article.md).\n"
    articles = {**ARTICLES, "tips-article": ARTICLES["tips-article"].replace(TIPS_BODY, body)}
    result = build_site_at(tmp_path / "src", articles, config={"use_directory_urls": True})
    assert result.returncode == 0, result.output
    site = result.site
    for page in ("articles/tips-article", "articles/plain-article", "topics/sleep", "reviewers/real-reviewer"):
        assert (site / page / "index.html").is_file(), page
    assert not (site / "articles" / "draft-article").exists()
    tips = result.page("articles/tips-article/index.html")
    contents = tips.find(attrs={"data-psychoed": "in-this-article"})
    assert [a["href"] for a in contents.find_all("a")] == ["#1-ask-questions", "#2-be-honest", "#3-keep-it-private"]
    for link in tips.find_all("a", href=True):
        href = str(link["href"]).split("#")[0]
        if not href or ":" in href or href.startswith("//"):
            continue
        target = (site / "articles" / "tips-article" / href).resolve()
        assert (target / "index.html" if target.is_dir() else target).is_file(), href
    assert tips.find("a", string="the plain one")["href"] == "../plain-article/"


def test_a_heading_inside_html_is_published_as_the_checks_read_it_not_as_a_tip(build_site: SiteBuilder) -> None:
    """An article is rendered with the parser the checks read it with: a `## 1.` line inside an HTML block
    (refused by the security rules; here with them off) is not a tip to either, so "In this article" and the
    checks agree, where Python-Markdown's `md_in_html` once made it a heading no check had seen."""
    body = "Intro.\n\n<div markdown>\n## 1. Hidden tip\n\nText.\n</div>\n"
    rules = {"security.html": "off", "security.attribute": "off"}
    result = build_site({"one": article_text(body)}, extra={"check": {"rules": rules}})
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    assert not [h for h in page.select("article h2") if "Hidden tip" in h.get_text()]
    assert "Traceback" not in result.output


def test_a_link_to_a_missing_part_of_a_page_is_reported_at_its_line(build_site: SiteBuilder) -> None:
    """As `psychoed check` reports it: the line in content/, and the anchors the page does have."""
    body = "Intro.\n\nSee [winding down](two.md#wind-dwn) and [above](#nowhere).\n"
    two = article_text("Intro.\n\n## Wind down\n\nDim the lights.\n", title="Two")
    result = build_site({"one": article_text(body), "two": two})
    assert result.returncode == 1
    assert (
        "content/articles/one.md:11: error links.anchor: the link `two.md#wind-dwn` points to `#wind-dwn`, "
        "which is not on that page; use one of its headings' anchors (`#wind-down`) or link to the page alone."
    ) in result.output
    assert "content/articles/one.md:11: error links.anchor: the link `#nowhere` points to `#nowhere`" in result.output
    assert "Doc file" not in result.output
    broken = build_site({"one": article_text("Intro.\n\nSee [gone](gone.html).\n\n![Calm](../img/calm.png)\n")})
    assert broken.returncode == 1  # links to what is not a page: the build names them too
    assert (
        "content/articles/one.md:11: error links.broken: the link `gone.html` names no page or file of the site; "
        "fix the address (an image goes in `docs/`), or remove it."
    ) in broken.output
    assert "content/articles/one.md:13: error links.broken: the image `../img/calm.png` names no page" in broken.output


def test_the_a_to_z_page_lists_every_published_article_by_letter(build_site: SiteBuilder) -> None:
    """The A–Z page kind (one spec in pages/kinds.py, one template): published articles sorted by title under
    their first letter, a row of letters that jump to them, no drafts, and a link in the navigation."""
    articles = {
        "zest": article_text(title="Zest for small things"),
        "anchors": article_text(title="anchors for hard days"),
        "breathing": article_text(title="Breathing slowly"),
        "also": article_text(title="Also worth a try", status="draft"),
        "numbers": article_text(title="5 ways to rest"),
    }
    result = build_site(articles)
    assert result.returncode == 0, result.output
    page = result.page("a-z.html")
    letters = [h2.get_text(strip=True) for h2 in page.select("article h2")]
    assert letters == ["A", "B", "Z", "#"]
    titles = [a.get_text(strip=True) for a in page.select(".psy-articles__title")]
    assert titles == ["anchors for hard days", "Breathing slowly", "Zest for small things", "5 ways to rest"]
    jumps = [a["href"] for a in page.select("nav[aria-label=Letters] a")]
    assert jumps == [f"#{h2['id']}" for h2 in page.select("article h2")]
    assert page.select_one('.md-nav a[href="a-z.html"]') is not None
    assert "Last reviewed" not in page.get_text()


def test_search_indexes_each_published_articles_text_and_nothing_else(build_site: SiteBuilder) -> None:
    """The search index, written at the end of the build: the published articles, by their title and text; not
    drafts, not lists or the crisis help. The search page is in the navigation, and the policy runs no code
    but the site's own (no WebAssembly, no eval)."""
    articles = {
        "breathing": article_text("Slow breathing calms a racing heart.\n", title="Breathing slowly"),
        "walking": article_text("A short walk outside can lift your mood.\n", title="Walking outside"),
        "hidden": article_text("A draft about breathing.\n", title="Draft article", status="draft"),
    }
    result = build_site(articles)
    assert result.returncode == 0, result.output
    index = result.site / "search-index" / "en"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert meta["pages"] == 2
    pages = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((index / "d").glob("*.json"))]
    assert sorted((p["title"], p["url"]) for p in pages) == [
        ("Breathing slowly", "articles/breathing.html"),
        ("Walking outside", "articles/walking.html"),
    ]
    breathing = next(p for p in pages if p["title"] == "Breathing slowly")
    assert breathing["text"].startswith("Slow breathing calms a racing heart.")
    assert "Crisis" not in breathing["text"]
    assert "<" not in breathing["text"]
    words = {k: v for part in (index / "w").glob("*.json") for k, v in json.loads(part.read_text("utf-8")).items()}
    assert words["breathing"] == "breath"
    assert words["calms"] == "calm"
    assert "draft" not in words
    stems = {k: v for part in (index / "s").glob("*.json") for k, v in json.loads(part.read_text("utf-8")).items()}
    assert len(stems["breath"]) == 2, "one page has the stem (the draft is not indexed)"
    page = result.page("search.html")
    assert page.select_one("form[role=search] input[type=search]") is not None
    assert page.select_one("[role=status]") is not None
    assert page.select_one("form[role=search]")["data-index"] == "search-index/en/meta.json"
    assert page.select_one('.md-nav a[href="search.html"]') is not None
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert policy is not None
    script_src = next(d for d in str(policy["content"]).split(";") if d.strip().startswith("script-src"))
    assert "'wasm-unsafe-eval'" not in script_src
    assert "'unsafe-eval'" not in script_src


def test_a_long_list_runs_on_over_numbered_pages_each_reachable_and_in_the_sitemap(build_site: SiteBuilder) -> None:
    """A topic, a reviewer and the A–Z list of 250 articles: three pages each, a hundred articles a page, linked
    from each other, in the sitemap, and titled "page N of 3"; so no list page grows with the library."""
    articles = {f"note-{n:03d}": article_text(title=f"Note {n:03d}", signed=True) for n in range(250)}
    result = build_site(articles)
    assert result.returncode == 0, result.output
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    for first in ("topics/therapy-basics.html", "reviewers/real-reviewer.html", "a-z.html"):
        stem = first.removesuffix(".html")
        parts = [first, f"{stem}/2.html", f"{stem}/3.html"]
        seen: list[str] = []
        for number, part in enumerate(parts, start=1):
            page = result.page(part)
            seen += [a.get_text(strip=True) for a in page.select(".psy-articles__title")]
            links = page.select("nav[aria-label='Pages of this list'] a")
            assert [a.get_text(strip=True) for a in links] == ["1", "2", "3"], part
            assert [a.get("aria-current") for a in links].index("page") == number - 1, part
            title, h1 = page.title.get_text(), page.select_one("article h1").get_text()
            assert f"(page {number} of 3)" in title, (part, title)
            assert number == 1 or f"(page {number} of 3)" in h1, (part, h1)
            assert part.removesuffix("index.html") in sitemap, part
            assert (result.site / part).stat().st_size < 100_000, part
        assert seen == [f"Note {n:03d}" for n in range(250)], first
    letters = result.page("a-z/3.html").select("nav[aria-label=Letters] a")
    assert [a.get_text(strip=True) for a in letters] == ["N"]
    assert letters[0]["href"] == "../a-z.html#psy-letter-1"


def test_a_reviewers_pages_are_counted_over_the_articles_they_signed(build_site: SiteBuilder) -> None:
    """A reviewer named on 210 articles who signed 110 of them: two pages of the 110, and no third page that
    would list nothing because the 100 awaiting review were counted too."""
    articles = {f"note-{n:03d}": article_text(title=f"Note {n:03d}", signed=n < 110) for n in range(210)}
    result = build_site(articles)
    assert result.returncode == 0, result.output
    seen: list[str] = []
    for part in ("reviewers/real-reviewer.html", "reviewers/real-reviewer/2.html"):
        page = result.page(part)
        seen += [a.get_text(strip=True) for a in page.select(".psy-articles__title")]
        links = page.select("nav[aria-label='Pages of this list'] a")
        assert [a.get_text(strip=True) for a in links] == ["1", "2"], part
    assert seen == [f"Note {n:03d}" for n in range(110)]
    assert not (result.site / "reviewers" / "real-reviewer" / "3.html").exists()
    assert "reviewers/real-reviewer/3.html" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_withdrawn_article_keeps_its_address_says_why_and_leaves_every_list(build_site: SiteBuilder) -> None:
    """Old links and printed codes still lead somewhere; readers are told why and where to read instead, and no
    list, search result or sitemap sends them there. The advice it no longer gives is not on the page."""
    old = "Sleeping pills are the first thing to try.\n\n## 1. Take a pill\n\nEvery night.\n\n## Why\n\nIt works.\n"
    withdrawal = {"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2), "withdrawn_reason": "The advice changed."}
    articles = {
        "old-advice": article_text(old, title="Old advice", signed=True, replaced_by="new-advice", **withdrawal),
        "new-advice": article_text("Keep the same wake-up time.\n", title="New advice", signed=True),
    }
    result = build_site(articles)
    assert result.returncode == 0, result.output
    page = result.page("articles/old-advice.html")
    notice = page.select_one("[data-psychoed=withdrawn-notice]")
    assert notice is not None
    assert notice.get("role") == "note"
    assert "This article has been withdrawn." in notice.get_text()
    assert "The advice changed." in notice.get_text()
    assert notice.select_one("time")["datetime"] == "2026-03-02"
    assert notice.select_one("a[data-psychoed=replacement]")["href"] == "new-advice.html"
    assert "Sleeping pills" not in page.decode()  # not shown, and not in the page's source either
    assert not [a["href"] for a in page.select("a[href^='#']") if not a["href"].startswith(("#psy-", "#__"))]
    assert page.select_one("meta[name=robots][content=noindex]") is not None
    assert page.select_one('script[type="application/ld+json"]') is None
    assert "Medically reviewed" not in page.get_text()
    for listing in ("index.html", "a-z.html", "topics/therapy-basics.html", "reviewers/real-reviewer.html"):
        hrefs = [a.get("href", "") for a in result.page(listing).select("a")]
        assert not any("old-advice" in href for href in hrefs), listing
        assert any("new-advice" in href for href in hrefs), listing
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "new-advice" in sitemap
    assert "old-advice" not in sitemap
    meta = json.loads((result.site / "search-index" / "en" / "meta.json").read_text(encoding="utf-8"))
    assert meta["pages"] == 1
    indexed = (result.site / "search-index" / "en" / "d" / "0.json").read_text(encoding="utf-8")
    assert "new-advice" in indexed
    assert "Sleeping pills" not in indexed


def test_every_article_links_to_who_publishes_it_and_what_could_sway_it(build_site: SiteBuilder) -> None:
    """The site's disclosures, on "About this information": every article links to it, and names the
    publisher in its JSON-LD."""
    result = build_site({"one": article_text("Rest helps.\n", signed=True)})
    assert result.returncode == 0, result.output
    article = result.page("articles/one.html")
    link = article.select_one("[data-psychoed=about-information] a")
    assert link is not None
    assert link["href"] == "../about-this-information.html"
    [data] = [json.loads(s.get_text()) for s in article.select('script[type="application/ld+json"]')]
    assert data["publisher"] == {"@type": "Organization", "name": "Test Clinic Ltd", "email": "info@example.org"}
    about = result.page("about-this-information.html")
    terms = [dt_.get_text(strip=True) for dt_ in about.select("[data-psychoed=disclosures] dt")]
    assert terms == ["Published by", "Who pays for it", "Conflicts of interest", "Advertising"]
    said = [dd.get_text(" ", strip=True) for dd in about.select("[data-psychoed=disclosures] dd")]
    assert said == ["Test Clinic Ltd. Contact us .", "Test Clinic pays for these articles.", "None.", "None."]
    assert "within 36 months" in about.get_text()


def test_a_site_without_disclosures_still_builds_and_says_only_who_publishes(build_site: SiteBuilder) -> None:
    result = build_site({"one": article_text("Rest helps.\n", signed=True)}, extra={"disclosures": None})
    assert result.returncode == 0, result.output
    about = result.page("about-this-information.html")
    assert about.select_one("[data-psychoed=disclosures]") is None
    assert about.select_one("[data-psychoed=disclosures-missing]").get_text(strip=True) == (
        "Test Clinic publishes these articles."
    )
    [data] = [
        json.loads(s.get_text()) for s in result.page("articles/one.html").select('script[type="application/ld+json"]')
    ]
    assert "publisher" not in data


@pytest.mark.parametrize("channel", ["email", "issues", "form", "none"])
def test_was_this_page_helpful_sends_only_where_the_clinic_chose(build_site: SiteBuilder, channel: str) -> None:
    """Email and issues are links with the page filled in; a form posts to the clinic's own host, which the
    policy allows and nothing else. No channel, no question, and forms may send nowhere."""
    address = {"email": "feedback@clinic.example", "issues": "https://github.com/clinic/library",
               "form": "https://clinic.example/feedback"}  # fmt: skip
    extra = {"feedback": {channel: address[channel]}} if channel != "none" else {}
    result = build_site({"one": article_text("Rest helps.\n", title="Rest & sleep", signed=True)}, extra=extra)
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    section = page.select_one("[data-psychoed=feedback]")
    policy = str(page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"])
    headers = (result.site / "_headers").read_text(encoding="utf-8")
    if channel == "none":
        assert section is None
        assert "form-action 'none'" in policy
        return
    assert section is not None
    assert section.select_one("h2").get_text(strip=True) == "Was this page helpful?"
    assert "Please do not include your name or details about your health." in section.get_text()
    if channel == "form":
        form = section.select_one("form")
        assert (form["method"], form["action"]) == ("post", "https://clinic.example/feedback")
        assert section.select_one("input[name=page]")["value"] == "https://example.org/library/articles/one.html"
        assert [i["value"] for i in section.select("input[name=helpful]")] == ["yes", "no"]
        assert section.select_one("label[for=psy-feedback-comment]") is not None
        where = section.select_one(".psy-feedback__where").get_text()
        assert where == "Your answer and this page's address go to clinic.example, and nowhere else."
        assert "form-action https://clinic.example;" in policy
        assert "form-action https://clinic.example;" in headers
        return
    assert "form-action 'none'" in policy
    yes, no = (a["href"] for a in section.select("a.md-button"))
    parts = urlsplit(yes)
    query = parse_qs(parts.query)
    assert query["title" if channel == "issues" else "subject"] == ["Feedback: Rest & sleep"]
    assert query["body"][0].startswith(
        "Page: https://example.org/library/articles/one.html\nWas this page helpful? Yes"
    )
    assert "Was this page helpful? No" in parse_qs(urlsplit(no).query)["body"][0]
    if channel == "email":
        assert (parts.scheme, parts.path) == ("mailto", "feedback@clinic.example")
    else:
        assert yes.startswith("https://github.com/clinic/library/issues/new?")


def test_a_dirty_rebuild_rewrites_only_the_article_that_changed(tmp_path: Path) -> None:
    """What `make serve` does when an article is saved (`mkdocs serve --dirty`): that article's page is built
    again, showing the change; the other articles' pages are left as they were."""
    root = write_site(tmp_path, {"one": article_text("Rest helps.\n"), "two": article_text("Walk a little.\n")})
    assert build_written_site(root).returncode == 0
    site = root / "site"
    two_before = (site / "articles" / "two.html").stat().st_mtime_ns
    time.sleep(0.05)
    (root / "content" / "articles" / "one.md").write_text(article_text("Rest helps a lot.\n"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Rest helps a lot." in (site / "articles" / "one.html").read_text(encoding="utf-8")
    assert (site / "articles" / "two.html").stat().st_mtime_ns == two_before


def test_a_preview_rebuild_reads_again_only_the_articles_saved_since(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"one": article_text("Rest helps.\n"), "two": article_text("Walk a little.\n")})
    first = Site.open(root / "mkdocs.yml", include_drafts=True)
    time.sleep(0.05)
    (root / "content" / "articles" / "one.md").write_text(article_text("Rest helps a lot.\n"), encoding="utf-8")
    second = Site.open(root / "mkdocs.yml", include_drafts=True, previous=first)
    assert second.library.article("two") is first.library.article("two")  # unchanged: not read again
    assert second.library.article("one").body == "Rest helps a lot.\n"
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = Site.open(root / "mkdocs.yml", include_drafts=True, previous=second)
    assert third.library.article("two") is not second.library.article("two")  # the settings may have changed
