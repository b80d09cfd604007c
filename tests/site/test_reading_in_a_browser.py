"""What a reader meets in the browser: text size and measure, reflow, text spacing, keyboard, print."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from ..conftest import REPO, search_from_keyboard
from .conftest import SiteUnderTest

KINDS = ("home", "topic", "article", "reviewer", "404")
"""The kinds of page reflow and keyboard are tested on (:attr:`SiteUnderTest.pages`)."""
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def new_page(browser: Browser, viewport: dict[str, int], **options: Any) -> Page:
    return browser.new_context(viewport=viewport, **options).new_page()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_width(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    page = new_page(browser, DESKTOP if request.param == "desktop" else PHONE, is_mobile=request.param == "phone")
    yield page
    page.context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_width_user_styles(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A page that takes a reader's own styles, as a browser extension or user style sheet adds them:
    the site's Content-Security-Policy does not apply to those, so the test's are let past it."""
    viewport = DESKTOP if request.param == "desktop" else PHONE
    page = new_page(browser, viewport, is_mobile=request.param == "phone", bypass_csp=True)
    yield page
    page.context.close()


# Readable by default ---------------------------------------------------------------------------

MEASURE = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll(".md-content__inner p, .md-content__inner li")]
    .filter(e => e.offsetParent !== null && e.innerText.trim().length > 0)
    .map(e => {
      const style = getComputedStyle(e);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const sample = "The quick brown fox jumps over the lazy dog and keeps going. ";
      const perChar = canvas.measureText(sample).width / sample.length;
      return {
        text: e.innerText.slice(0, 40),
        fontSize: parseFloat(style.fontSize),
        lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
        chars: e.getBoundingClientRect().width / perChar,
      };
    });
}"""


def test_body_text_is_large_with_short_lines_and_generous_leading(
    any_width: Page, site: SiteUnderTest, site_url: str
) -> None:
    any_width.goto(site_url + site.pages["article"])
    blocks = any_width.evaluate(MEASURE)
    assert blocks, "the article's paragraphs and list items were measured"
    for block in blocks:
        assert block["fontSize"] >= 16, block
        assert block["lineHeight"] >= 1.5, block
        assert block["chars"] <= 78, block  # "about 75"


# Reflow and text spacing ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_no_horizontal_scrolling_at_320_px(browser: Browser, site: SiteUnderTest, site_url: str, kind: str) -> None:
    page = new_page(browser, {"width": 320, "height": 640}, is_mobile=True)
    page.goto(site_url + site.pages[kind])
    width = page.evaluate("() => document.documentElement.scrollWidth")
    page.context.close()
    assert width <= 320, f"{kind}: the page is {width}px wide at 320px (WCAG 1.4.10)"


# The text-spacing bookmarklet's values (WCAG 1.4.12).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

CLIPPED = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.offsetParent !== null && e.closest("svg") === null && getComputedStyle(e).visibility === "visible")
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => {
    const style = getComputedStyle(e);
    const hides = v => v === "hidden" || v === "clip";
    return (hides(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
        || (hides(style.overflowY) && e.scrollHeight > e.clientHeight + 1);
  })
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.innerText.slice(0, 40)}`)"""


@pytest.mark.parametrize("kind", ["home", "article"])
def test_text_spacing_overrides_clip_nothing(
    any_width_user_styles: Page, site: SiteUnderTest, site_url: str, kind: str
) -> None:
    page = any_width_user_styles
    page.goto(site_url + site.pages[kind])
    page.add_style_tag(content=TEXT_SPACING)
    clipped = page.evaluate(CLIPPED)
    assert clipped == [], clipped
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


# Keyboard ---------------------------------------------------------------------------------------

FOCUSED = """() => {
  let e = document.activeElement;
  if (e && e.matches("input.md-option") && e.nextElementSibling) e = e.nextElementSibling;
  if (!e || e === document.body) return null;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    tag: e.tagName.toLowerCase(),
    text: (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().slice(0, 40),
    href: e.getAttribute("href"),
    inHeader: e.closest(".md-header") !== null,
    inContent: e.closest(".md-content") !== null,
    width: box.width, height: box.height,
    coveredByHeader: top !== null && top.closest(".md-header") !== null && !e.contains(top),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def tab_stops(page: Page, count: int) -> list[dict[str, Any]]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is not None and focused["coveredByHeader"] and not focused["inHeader"]:
            # Leaving search closes it, and its overlay fades out over 250 ms: judge after that.
            page.wait_for_timeout(400)
            focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        stops.append(focused)
    return stops


def test_skip_link_comes_first_and_moves_focus_to_the_main_content(
    any_width: Page, site: SiteUnderTest, site_url: str
) -> None:
    any_width.goto(site_url + site.pages["article"])
    first = tab_stops(any_width, 1)[0]
    assert (first["text"], first["href"]) == ("Skip to main content", "#psy-main")
    assert first["height"] > 0, "the skip link is visible while focused"
    assert first["outline"], "the skip link shows focus"
    any_width.keyboard.press("Enter")
    assert any_width.evaluate("() => document.activeElement.id") == "psy-main"
    following = tab_stops(any_width, 1)[0]
    assert not following["inHeader"], "after skipping, the next tab stop is in the content"


@pytest.mark.parametrize("kind", KINDS)
def test_crisis_help_is_within_the_first_three_tab_stops(
    any_width: Page, site: SiteUnderTest, site_url: str, kind: str
) -> None:
    any_width.goto(site_url + site.pages[kind])
    first = any_width.locator("[data-psychoed=crisis] a").first.get_attribute("href")
    hrefs = [stop["href"] for stop in tab_stops(any_width, 3)]
    assert first in hrefs, hrefs


@pytest.mark.parametrize("kind", ["home", "article"])
def test_crisis_help_is_one_tap_away_wherever_the_reader_has_scrolled(
    any_width: Page, site: SiteUnderTest, site_url: str, kind: str
) -> None:
    """At the end of a long page the banner has scrolled away; the help link stays on screen, is large
    enough to tap, and brings the crisis services back into view, by touch or by keyboard."""
    any_width.goto(site_url + site.pages[kind])
    any_width.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    help_now = any_width.locator("[data-psychoed=help-now]")
    expect(help_now).to_be_in_viewport()
    expect(help_now).to_have_text(site.settings.crisis.heading)
    box = help_now.bounding_box()
    assert box is not None
    assert min(box["width"], box["height"]) >= 44  # a comfortable target (WCAG 2.5.5)
    services = any_width.locator("[data-psychoed=crisis] a").first
    expect(services).not_to_be_in_viewport()
    help_now.focus()
    any_width.keyboard.press("Enter")
    expect(services).to_be_in_viewport()
    expect(any_width.locator("#psy-crisis")).to_be_focused()  # a screen reader continues from the services


@pytest.mark.parametrize("kind", ["home", "article"])
def test_focus_is_always_visible_and_never_under_the_sticky_header(
    any_width: Page, site: SiteUnderTest, site_url: str, kind: str
) -> None:
    any_width.goto(site_url + site.pages[kind])
    stops = tab_stops(any_width, 80)
    assert any(stop["inContent"] for stop in stops), "the walk went past the crisis links and header into the page"
    for stop in stops:
        assert stop["outline"], f"no visible focus indicator on {stop}"
        assert min(stop["width"], stop["height"]) > 0, f"focus went to something invisible: {stop}"
        if not stop["inHeader"]:
            assert not stop["coveredByHeader"], f"the sticky header hides {stop}"


def test_search_works_from_the_keyboard(any_width: Page, site: SiteUnderTest, site_url: str) -> None:
    search_from_keyboard(any_width, site_url + site.pages["search"], site.search_word, site.article.title)
    titles = any_width.locator('[data-psychoed="search-results"] li h2').all_inner_texts()
    any_width.keyboard.press("Tab")  # past the Search button, to the first result
    any_width.keyboard.press("Tab")
    for _ in range(titles.index(site.article.title)):
        any_width.keyboard.press("Tab")
    focused = any_width.evaluate(FOCUSED)
    assert focused is not None
    assert focused["text"] == site.article.title[:40].strip()
    assert focused["outline"], "the focused result shows focus"
    with any_width.expect_navigation():
        any_width.keyboard.press("Enter")
    assert urlparse(any_width.url).path.endswith(site.address(site.article.page_path).removeprefix(site.site_url))


# Print ------------------------------------------------------------------------------------------


def _unwrapped(text: str) -> str:
    """PDF text as one line: wrapping undone, and a word the printout hyphenated at a line end (`self-` /
    `harm`) joined as it is written (`self-harm`), so a long title is found whatever the page width."""
    return " ".join(re.sub(r"-\s*\n\s*", "-", text).split())


def test_an_article_prints_as_a_clean_handout(desktop: Page, site: SiteUnderTest, site_url: str) -> None:
    desktop.goto(site_url + site.pages["article"])
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4", print_background=False)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = _unwrapped(text)
    title = desktop.locator("h1").inner_text()
    reviewer = site.library.reviewers[site.article.reviewer]
    for expected in (
        title,
        f"{site.settings.reviewed_by_label} {reviewer.display_name}",
        "Last reviewed",
        "Next review due",
        *(service.name for service in site.library.crisis),  # crisis help
    ):
        assert expected in flat, f"{expected!r} is missing from the printout"
    # A long address breaks across lines in the PDF, after a hyphen or a slash.
    assert f"Thispage:{site.address(site.article.page_path)}" in "".join(text.split())
    for unwanted in (
        "Skip to main content",
        "Search",
        "In this article",
        "Switch to dark mode",
        "Edit this page",
        site.site_name,  # the header and navigation
    ):
        assert unwanted not in flat, f"{unwanted!r} should not be printed"
    assert flat.index(title) < flat.index(desktop.locator("[data-psychoed=body] p").first.inner_text()[:30])
    assert (REPO / "overrides" / "assets" / "psychoed" / "psychoed.css").read_text().count("@media print") == 1


def test_the_menu_opens_from_the_keyboard_on_a_phone(browser: Browser, site: SiteUnderTest, site_url: str) -> None:
    page = new_page(browser, PHONE, is_mobile=True)
    page.goto(site_url + site.pages["article"])
    first_topic = next(iter(site.library.topics.values())).title
    menu = page.get_by_role("button", name="Menu")
    stops = tab_stops(page, 8)
    assert "Menu" in [stop["text"] for stop in stops], "the menu button is a tab stop"
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    topic = page.locator(".md-sidebar--primary").get_by_role("link", name=first_topic)
    expect(topic).to_be_visible()
    names = [stop["text"] for stop in tab_stops(page, 12)]
    assert first_topic in names, names
    menu.focus()
    page.keyboard.press(" ")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.context.close()


def test_feedback_is_reached_and_answered_by_keyboard(any_width: Page, site: SiteUnderTest, site_url: str) -> None:
    """After "About this information", the next tab stops are the feedback answers, each showing focus and
    large enough to tap; a form's answer is chosen and written with the keyboard alone."""
    any_width.goto(site_url + site.pages["article"])
    section = any_width.locator("[data-psychoed=feedback]")
    if site.settings.feedback is None:  # a clinic that asks nothing: no question, so nothing to reach
        expect(section).to_have_count(0)
        return
    expect(section).to_have_count(1)
    any_width.locator("[data-psychoed=about-information] a").focus()
    stops = [stop for stop in tab_stops(any_width, 6) if stop["inContent"]]
    if section.get_attribute("data-channel") == "form":
        assert [s["tag"] for s in stops[:3]] == ["input", "textarea", "button"], stops
        radio = any_width.locator("[data-psychoed=feedback] input[name=helpful]")
        radio.first.focus()
        any_width.keyboard.press("Space")
        expect(radio.first).to_be_checked()
        any_width.keyboard.press("ArrowDown")
        expect(radio.nth(1)).to_be_checked()
        any_width.keyboard.press("Tab")
        any_width.keyboard.type("Shorter please")
        expect(any_width.locator("#psy-feedback-comment")).to_have_value("Shorter please")
    else:
        answers = [s["text"] for s in stops[:2]]
        assert answers == ["Yes, it helped", "No, it did not help"], stops
    for stop in stops[:2]:
        assert stop["outline"], stop
        assert stop["height"] >= 24, stop


def test_a_definition_opens_by_keyboard_and_by_touch(browser: Browser, site: SiteUnderTest, site_url: str) -> None:
    """Not a hover-only tooltip: Enter or Space on the question opens the definition, a tap does too, and
    screen readers are told whether it is open."""
    if site.defining is None:  # a clinic's own site may define no words; the other clinic's always does
        assert site.label == "this-site"
        assert page_has_no_definition(browser, site_url + site.pages["article"])
        return
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(site_url + site.defining)
    question = page.locator("details.psy-definition > summary").first
    answer = page.locator("details.psy-definition > p").first
    expect(answer).to_be_hidden()
    question.focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    page.keyboard.press("Space")
    expect(answer).to_be_hidden()
    question.tap()
    expect(answer).to_be_visible()
    box = question.bounding_box()
    assert box is not None
    assert box["height"] >= 44
    page.context.close()


def page_has_no_definition(browser: Browser, url: str) -> bool:
    page = new_page(browser, PHONE)
    page.goto(url)
    found = page.locator("details.psy-definition").count()
    page.context.close()
    return found == 0
