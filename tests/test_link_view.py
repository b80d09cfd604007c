"""The link view gives LinkChecker each distinct link once per folder, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

from psychoed.link_view import SitePages, write_link_view

NAV = '<nav><a href="../index.html">Home</a><link rel="stylesheet" href="../assets/site.css"></nav>'


def page(body: str) -> str:
    return f"<!doctype html><html><head>{NAV}</head><body><h2 id='tip'>Tip</h2>{body}</body></html>"


def make_site(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "site.css").write_text("body {}")
    (root / "index.html").write_text(page(""))
    (root / "articles" / "a.html").write_text(page('<a href="gone.html">x</a> <img src="pic.png" alt="">'))
    (root / "articles" / "b.html").write_text(page('<a href="gone.html">x</a> <a href="a.html#tip">y</a>'))
    return root


def test_each_link_is_kept_once_per_folder(tmp_path: Path) -> None:
    site = SitePages(make_site(tmp_path / "site"))
    view = tmp_path / "view"
    view.mkdir()
    write_link_view(site, ["articles/a.html", "articles/b.html", "index.html"], view)
    a = (view / "articles" / "a.html").read_text()
    b = (view / "articles" / "b.html").read_text()
    assert '<a href="../index.html"></a>' in a
    assert '<link href="../assets/site.css" rel="stylesheet">' in a
    assert '<img src="pic.png">' in a
    assert "../index.html" not in b, "the navigation was already checked on a.html"
    assert '<a href="a.html#tip"></a>' in b
    assert "gone.html" not in b
    # Other files are the built ones, so links to them resolve.
    assert (view / "assets" / "site.css").is_symlink()
    assert (view / "assets" / "site.css").read_text() == "body {}"


def test_a_link_found_broken_once_is_traced_to_every_page_in_the_folder_that_has_it(tmp_path: Path) -> None:
    site = SitePages(make_site(tmp_path / "site"))
    pages = ["articles/a.html", "articles/b.html", "index.html"]
    assert site.pages_with("gone.html", "articles/a.html", pages) == ["articles/a.html", "articles/b.html"]
    assert site.pages_with("../index.html", "articles/a.html", pages) == ["articles/a.html", "articles/b.html"]


def test_pages_record_their_anchors(tmp_path: Path) -> None:
    site = SitePages(make_site(tmp_path / "site"))
    parsed = site.get("articles/b.html")
    assert parsed is not None
    assert parsed.ids == {"tip"}
    assert site.get("articles/missing.html") is None
