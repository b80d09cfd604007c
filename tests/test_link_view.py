"""The link view gives LinkChecker each distinct link once per folder, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

from psychoed.checks.link_view import SitePages, remove_link_view, write_link_view

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


def test_each_folder_gets_its_distinct_links_once(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    site = SitePages(root)
    written = write_link_view(site, ["articles/a.html", "articles/b.html", "index.html"], parts=1)
    assert written == [".psychoed-links-0.html", "articles/.psychoed-links-0.html"]
    view = (root / "articles" / ".psychoed-links-0.html").read_text()
    tags = view.splitlines()[2:-1]
    assert tags == [
        '<a href="../index.html"></a>',
        '<link href="../assets/site.css" rel="stylesheet">',
        '<a href="gone.html"></a>',
        '<img src="pic.png">',
        '<a href="a.html"></a>',  # the anchor is checked by psychoed, the page by LinkChecker
    ]
    remove_link_view(root, written)
    assert not list(root.rglob(".psychoed-links-*"))


def test_links_to_other_sites_go_to_linkchecker_only_when_asked(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / "index.html").write_text(page('<a href="https://example.org/x">x</a>'))
    site = SitePages(root)
    assert "example.org" not in (root / write_link_view(site, ["index.html"])[0]).read_text()
    assert "example.org" in (root / write_link_view(site, ["index.html"], external=True)[0]).read_text()


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


def test_parsing_on_every_processor_gives_the_same_pages(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    names = [f"p{i}.html" for i in range(250)]  # enough to share out among processes
    for i, name in enumerate(names):
        (root / name).write_text(page(f'<a href="p{(i + 1) % 250}.html#tip">next</a>'))
    together = SitePages(root)
    together.parse_all(names)
    one_by_one = SitePages(root)
    for name in names:
        assert together.get(name) == one_by_one.get(name)
    parsed = together.get("p7.html")
    assert parsed is not None
    assert "p8.html#tip" in parsed.addresses
