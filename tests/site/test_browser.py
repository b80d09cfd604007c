"""The site in real headless Chromium: what a reader on a phone sees and can do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import SiteUnderTest

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_crisis_help_is_visible_first_on_a_phone(phone: Page, site: SiteUnderTest, site_url: str) -> None:
    phone.goto(site_url + site.pages["article"])
    first = site.library.crisis[0].contacts[0]
    action = phone.locator("[data-psychoed=crisis] a").first
    assert action.is_visible()
    box = action.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"] / 2, "crisis help is in the top half of the first screen"
    assert action.get_attribute("href") == first.href


def test_search_finds_an_article_without_any_service(phone: Page, site: SiteUnderTest, site_url: str) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(site_url + site.pages["home"])
    phone.get_by_role("button", name="Menu").click()  # on a phone, the navigation is behind the menu button
    phone.locator(".md-nav--primary").get_by_role("link", name="Search", exact=True).click()
    phone.get_by_role("searchbox").press_sequentially(site.search_word, delay=30)
    result = phone.locator('[data-psychoed="search-results"] li').filter(has_text=site.article.title)
    result.first.wait_for(state="visible", timeout=15_000)
    link = result.first.get_by_role("link")
    target = urlparse(urljoin(phone.url, str(link.get_attribute("href")))).path
    assert target.endswith(site.address(site.article.page_path).removeprefix(site.site_url))
    status = phone.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"\d+ articles? match"))
    index = f"/search-index/{site.settings.source_language}/"
    fetched = {urlparse(url).path.split(index, 1)[1] for url in requests if index in url}
    hosts = {urlparse(url).netloc for url in requests if urlparse(url).scheme in ("http", "https")}
    assert hosts == {urlparse(site_url).netloc}, "search runs in the browser, against the site's own index"
    kinds = {path.split("/")[0] for path in fetched}
    assert kinds == {"meta.json", "w", "s", "d"}, f"the query fetched the index in parts: {sorted(fetched)}"


def test_byline_and_sample_notice_are_visible_under_the_title(phone: Page, site: SiteUnderTest, site_url: str) -> None:
    """Every article's byline; and the sample notice on an article by a sample reviewer, if the site has one."""
    sample = [a for a in site.published if site.library.reviewers[a.reviewer].sample]
    article = sample[0] if sample else site.article
    reviewer = site.library.reviewers[article.reviewer]
    phone.goto(site_url + site.file(article.page_path))
    heading = phone.get_by_role("heading", level=1)
    assert heading.inner_text() == article.title
    notice = phone.locator("[data-psychoed=sample-notice]")
    byline = phone.locator("[data-psychoed=byline]")
    assert notice.is_visible() == reviewer.sample
    assert byline.is_visible()
    assert f"{site.settings.reviewed_by_label} {reviewer.display_name}" in byline.inner_text()
    title_box, byline_box = heading.bounding_box(), byline.bounding_box()
    assert title_box is not None
    assert byline_box is not None
    assert title_box["y"] < byline_box["y"]


def test_search_in_another_language_finds_only_pages_in_it(phone: Page, site: SiteUnderTest, site_url: str) -> None:
    """The site keeps an index per language and searches the page's: a reader of Spanish gets Spanish results."""
    for code in site.library.languages:
        translation = site.translation(code)
        assert translation is not None, f"the site publishes in {code} but has no translation to search for"
        word = max(re.findall(r"\w+", translation.title), key=len)
        phone.goto(site_url + site.pages[f"search ({code})"])
        assert phone.locator("html").get_attribute("lang") == code
        phone.get_by_role("searchbox").press_sequentially(word, delay=30)
        results = phone.locator('[data-psychoed="search-results"] li')
        results.filter(has_text=translation.title).first.wait_for(state="visible", timeout=15_000)
        hrefs = [
            urlparse(urljoin(phone.url, str(a.get_attribute("href")))).path for a in results.get_by_role("link").all()
        ]
        assert hrefs
        assert all(f"/{code}/" in href for href in hrefs), hrefs
        expect(phone.get_by_role("status")).not_to_be_empty()


def test_the_language_switcher_goes_to_the_same_article_in_the_other_language(
    phone: Page, site: SiteUnderTest, site_url: str
) -> None:
    for code in site.library.languages:
        translation = site.translation(code)
        assert translation is not None
        source = site.library.article(translation.slug)
        phone.goto(site_url + site.file(translation.page_path))
        switcher = phone.locator('[data-psychoed="languages"]')
        expect(switcher).to_be_visible()
        switcher.get_by_role("link").first.click()
        phone.wait_for_load_state("load")
        assert phone.locator("html").get_attribute("lang") == site.settings.source_language
        expect(phone.get_by_role("heading", level=1)).to_have_text(source.title)
        phone.locator('[data-psychoed="languages"]').get_by_role("link").first.click()
        phone.wait_for_load_state("load")
        assert phone.locator("html").get_attribute("lang") == code
        expect(phone.get_by_role("heading", level=1)).to_have_text(translation.title)
