"""The search engine itself, in Chromium: an index the build's own code writes (psychoed.search), read by the
site's own search.js on a page laid out as the search page is. Each test's pages are written for it, so what
a query must find is known, whatever the site's content."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tools.loopback import QuietHandler, loopback

from psychoed.search.index import INDEX_FOLDER, SearchIndex

from ..conftest import REPO

SEARCH_PAGE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8"><title>Search</title></head><body>
<form role="search" data-psychoed="search" data-index="{INDEX_FOLDER}/{language}/meta.json"
      data-say-none="No articles match {{query}}." data-say-one="1 article matches {{query}}."
      data-say-many="{{count}} articles match {{query}}." data-say-first="{{count}} match; first {{shown}} listed."
      data-say-failed="Search could not load.">
  <label for="q">Search</label><input id="q" type="search"><button type="submit">Search</button>
</form>
<p role="status" data-psychoed="search-status"></p>
<ol data-psychoed="search-results"></ol>
<script src="search.js"></script>
</body></html>
"""


@pytest.fixture
def searching(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, Path, list[str]]]:
    """A browser page, the folder the test writes its site into (with the site's search.js), and the addresses
    the page fetched."""
    shutil.copy(REPO / "overrides" / "assets" / "psychoed" / "search.js", tmp_path / "search.js")
    fetched: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: fetched.append(request.url))
    page.set_default_timeout(10_000)
    yield page, tmp_path, fetched
    page.close()


def _site(folder: Path, pages: dict[str, str], language: str = "en") -> None:
    """Index ``pages`` (title: text) at ``articles/<n>.html`` and write the search page."""
    index = SearchIndex()
    for number, (title, text) in enumerate(pages.items()):
        index.add(language, f"articles/{number}.html", title, text)
    index.write(folder / INDEX_FOLDER, [language])
    (folder / "search.html").write_text(SEARCH_PAGE.format(language=language, INDEX_FOLDER=INDEX_FOLDER), "utf-8")


def _titles(page: Page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).not_to_be_empty()
    return page.locator("[data-psychoed=search-results] li h2").all_inner_texts()


def test_a_query_finds_other_forms_of_its_words_and_words_it_begins(
    searching: tuple[Page, Path, list[str]],
) -> None:
    page, folder, _ = searching
    _site(folder, {
        "Rest": "She sleeps better after a walk.",
        "Worry": "Anxiety can make the heart race.",
        "Food": "Eat regular meals through the day.",
    })  # fmt: skip
    with loopback(partial(QuietHandler, directory=str(folder))) as port:
        url = f"http://127.0.0.1:{port}/search.html"
        assert _titles(page, url, "sleeping") == ["Rest"], "the stem: sleeping, sleeps → sleep"
        assert _titles(page, url, "anxi") == ["Worry"], "the beginning of a word"
        assert _titles(page, url, "walk sleep") == ["Rest"]
        assert _titles(page, url, "walk anxiety") == [], "every word of the query must be on the page"
        expect(page.get_by_role("status")).to_have_text("No articles match \u201cwalk anxiety\u201d.")


def test_results_are_ranked_title_first_and_the_excerpt_marks_the_words_found(
    searching: tuple[Page, Path, list[str]],
) -> None:
    page, folder, _ = searching
    _site(folder, {
        "Meals and mood": "Some people find that breathing slowly helps. " * 3,
        "Breathing slowly": "Try it for a minute. Breathe in for four, out for six.",
    })  # fmt: skip
    with loopback(partial(QuietHandler, directory=str(folder))) as port:
        url = f"http://127.0.0.1:{port}/search.html"
        assert _titles(page, url, "breathing") == ["Breathing slowly", "Meals and mood"]
        marks = page.locator("[data-psychoed=search-results] li").nth(1).locator("mark").all_inner_texts()
        assert marks
        assert all(m.lower() == "breathing" for m in marks)
        expect(page.get_by_role("status")).to_have_text("2 articles match \u201cbreathing\u201d.")
        link = page.locator("[data-psychoed=search-results] a").first
        assert link.get_attribute("href") == f"http://127.0.0.1:{port}/articles/1.html"


def test_a_pages_text_is_shown_as_text_never_as_markup(searching: tuple[Page, Path, list[str]]) -> None:
    """An index is built from sanitised pages, but the results are drawn as text whatever it holds."""
    page, folder, _ = searching
    hostile = "<img src=x onerror=\"document.title='ran'\"> panic <b>attack</b>"
    _site(folder, {"<i>Panic</i>": hostile})
    with loopback(partial(QuietHandler, directory=str(folder))) as port:
        assert _titles(page, f"http://127.0.0.1:{port}/search.html", "panic") == ["<i>Panic</i>"]
        result = page.locator("[data-psychoed=search-results] li")
        assert result.locator("img, b, i").count() == 0
        assert "onerror" in result.inner_text()
        assert page.title() == "Search"


def test_accents_do_not_matter_and_spanish_words_are_stemmed(searching: tuple[Page, Path, list[str]]) -> None:
    page, folder, _ = searching
    _site(folder, {
        "Ánimo": "Cuando el ánimo está bajo, una caminata corta ayuda.",
        "Respirar": "La respiración lenta calma el corazón.",
    }, language="es")  # fmt: skip
    with loopback(partial(QuietHandler, directory=str(folder))) as port:
        url = f"http://127.0.0.1:{port}/search.html"
        assert _titles(page, url, "animo") == ["Ánimo"]
        assert _titles(page, url, "respirar") == ["Respirar"], "respirar, respiración → respir"


def test_a_query_of_a_large_index_fetches_a_few_parts_of_it(searching: tuple[Page, Path, list[str]]) -> None:
    """2,000 pages: a query fetches the index's table, a part of its words, a part of its stems, and the texts
    of the twenty results it lists; not the index."""
    page, folder, fetched = searching
    _site(folder, {f"Page {n}": f"Common words on every page, and word{n} on this one only." for n in range(2000)})
    with loopback(partial(QuietHandler, directory=str(folder))) as port:
        _titles(page, f"http://127.0.0.1:{port}/search.html", "common")
        expect(page.get_by_role("status")).to_have_text("2000 match; first 20 listed.")
        parts = [u.split(f"/{INDEX_FOLDER}/en/", 1)[1] for u in fetched if f"/{INDEX_FOLDER}/" in u]
        assert sorted({p.split("/")[0] for p in parts}) == ["d", "meta.json", "s", "w"]
        assert len([p for p in parts if p.startswith("d/")]) == 20
        assert len([p for p in parts if p.startswith(("s/", "w/"))]) <= 4
        stored = sum(f.stat().st_size for f in (folder / INDEX_FOLDER).rglob("*") if f.is_file())
        read = sum((folder / INDEX_FOLDER / "en" / p).stat().st_size for p in set(parts))
        assert read < stored / 10, (read, stored)
        meta = json.loads((folder / INDEX_FOLDER / "en" / "meta.json").read_text("utf-8"))
        assert meta["pages"] == 2000
