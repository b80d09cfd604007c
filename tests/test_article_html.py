"""An article's page is rendered from the parse its checks read: what is checked is what is published."""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from psychoed.content.body import markdown_tokens
from psychoed.pages.article_html import relative_url, render_article

PAGES = {"articles/a.md": "articles/a.html", "articles/b.md": "articles/b.html", "index.md": "index.html"}
DIRECTORY_PAGES = {"articles/a.md": "articles/a/", "articles/b.md": "articles/b/", "index.md": "./"}


def _html(text: str, pages: dict[str, str] = PAGES, src: str = "articles/a.md") -> BeautifulSoup:
    return BeautifulSoup(render_article(text, pages.get, src).html, "html.parser")


def test_a_list_right_after_a_paragraph_is_published_as_the_list_the_checks_read() -> None:
    text = "Try these:\n- Walk\n- Rest\n\n1. First\n   - nested two in\n"
    page = _html(text)
    assert [li.get_text(strip=True) for li in page.select("ul > li")][:2] == ["Walk", "Rest"]
    assert page.select_one("ol li ul li").get_text() == "nested two in"
    checked = [t.type for t in markdown_tokens(text)]
    assert checked.count("bullet_list_open") == 2


def test_heading_ids_are_the_ones_python_markdowns_toc_gave_so_old_links_still_land() -> None:
    text = "## Tips\n\n## Tips\n\n### Ánimo bajo: `qué` hacer\n\n## 1. Sleep *well*\n\n## Calm down {: #calm }\n"
    page = _html(text)
    ids = [h["id"] for h in page.select("h2, h3")]
    before = markdown.markdown(text, extensions=["toc", "attr_list"])
    assert ids == re.findall(r'id="([^"]+)"', before)
    assert ids == ["tips", "tips_1", "animo-bajo-que-hacer", "1-sleep-well", "calm"]
    assert page.select("h2")[-1].get_text() == "Calm down"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                                      exclude_characters="\\`*_[]<>&#!|~"),
                        min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=4))  # fmt: skip
def test_any_headings_get_the_ids_python_markdown_gives_them(names: list[str]) -> None:
    """Printable text without Markdown's own marks (emphasis, code, links, HTML), in which the two parsers
    agree on what the heading says."""
    text = "".join(f"## {name}\n\n" for name in names)
    rendered = render_article(text, PAGES.get, "articles/a.md")
    before = markdown.markdown(text, extensions=["toc"])
    assert [h.id for h in rendered.headings] == re.findall(r'<h2 id="([^"]*)"', before)


def test_a_link_to_another_articles_markdown_becomes_its_address_relative_to_this_page() -> None:
    text = "See [b](b.md#tips), [home](../index.md), [gone](c.md), [web](https://example.org/x.md), [top](#x).\n"
    for pages, expected in ((PAGES, ["b.html#tips", "../index.html"]), (DIRECTORY_PAGES, ["../b/#tips", "../../"])):
        hrefs = [a["href"] for a in _html(text, pages).select("a")]
        assert hrefs == [*expected, "c.md", "https://example.org/x.md", "#x"]


def test_headings_are_listed_for_the_table_of_contents_each_under_the_one_before_it() -> None:
    rendered = render_article("## One\n\n### One a\n\n## Two\n\n<p id='kept'>x</p>\n", PAGES.get, "articles/a.md")
    assert [(h.name, [c.name for c in h.children]) for h in rendered.headings] == [("One", ["One a"]), ("Two", [])]
    assert rendered.headings[0].token()["children"][0]["id"] == "one-a"
    assert rendered.ids == {"one", "one-a", "two", "kept"}


def test_relative_addresses_are_the_ones_mkdocs_writes() -> None:
    assert relative_url("articles/b.html", "articles/a.html") == "b.html"
    assert relative_url("topics/sleep/", "articles/a/") == "../../topics/sleep/"
    assert relative_url("./", "articles/a/") == "../../"
    assert relative_url("index.html", "es/articles/a.html") == "../../index.html"
