"""The sample site in real headless Chromium: what a reader on a phone sees and can do."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_crisis_help_is_visible_first_on_a_phone(phone: Page, repo_site_url: str) -> None:
    phone.goto(repo_site_url + "articles/calming-your-body.html")
    call = phone.get_by_role("link", name="Call 988")
    assert call.is_visible()
    box = call.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"] / 2, "crisis help is in the top half of the first screen"
    assert call.get_attribute("href") == "tel:988"


def test_search_finds_an_article_without_any_service(phone: Page, repo_site_url: str) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(repo_site_url + "index.html")
    phone.locator("label.md-header__button[for=__search]").click()
    # Material says "Initializing search" until its worker has loaded the index.
    phone.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for(timeout=15_000)
    phone.locator("input.md-search__input").press_sequentially("panic", delay=30)
    result = phone.locator(".md-search-result__item").filter(has_text="Calming your body when you feel panic")
    result.first.wait_for(state="visible", timeout=15_000)
    hosts = {urlparse(url).netloc for url in requests if urlparse(url).scheme in ("http", "https")}
    assert hosts == {urlparse(repo_site_url).netloc}, "search runs in the browser, against the site's own index"


def test_byline_and_sample_notice_are_visible_under_the_title(phone: Page, repo_site_url: str) -> None:
    phone.goto(repo_site_url + "articles/working-with-your-therapist.html")
    heading = phone.get_by_role("heading", level=1)
    assert heading.inner_text() == "How to work well with your therapist"
    notice = phone.locator("[data-psychoed=sample-notice]")
    byline = phone.locator("[data-psychoed=byline]")
    assert notice.is_visible()
    assert byline.is_visible()
    assert "Medically reviewed by Sample Reviewer, Placeholder" in byline.inner_text()
    title_box, byline_box = heading.bounding_box(), byline.bounding_box()
    assert title_box is not None
    assert byline_box is not None
    assert title_box["y"] < byline_box["y"]
