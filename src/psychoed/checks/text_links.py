"""The links of the articles a pull request changes, followed from their text, without building the site.

``psychoed check FILE…`` used to build every page and crawl the changed ones: at 10,000 articles, minutes
for one changed line. Whether a link in an article's text works depends only on the site's addresses (the
site map, from front matter), its static files, and, for a link to a part of a page, that page's anchors.
So each changed article is rendered as the build renders it (:mod:`psychoed.pages.rendered`), each address
on it is resolved as MkDocs and then a browser resolve it, and a link to a part of a page is looked up in
that page's rendered anchors. The findings are the whole-site run's, at the same lines with the same words
(a test compares them); the whole-site run still checks what the theme adds (navigation, footer, the
``__``/``psy-`` anchors), which a change to one article cannot break, and other sites' addresses
(``--external``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from urllib.parse import unquote, urlsplit

from psychoed.checks.link_view import link_attributes, parse_html
from psychoed.checks.linkchecker import BrokenLink
from psychoed.checks.links import broken_link_problem
from psychoed.content.model import Article, Library
from psychoed.content.static_files import published_files
from psychoed.findings import Problem
from psychoed.pages.rendered import RenderedPages
from psychoed.pages.site_map import SiteLayout
from psychoed.source.html_policy import is_reserved_id

BUILT_BESIDE_PAGES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
"""Files every build writes besides the pages and the static files."""

MISSING = "No such file or directory"
"""LinkChecker's words for a local address with nothing there, which the finding turns into plain words."""


def text_link_problems(articles: Sequence[Article], pages: RenderedPages) -> list[Problem]:
    """Every broken link and anchor on the pages of ``articles`` (drafts have none), from their text."""
    return _broken(articles, pages, lambda href, article: True)


def incoming_link_problems(changed: Sequence[Article], library: Library, pages: RenderedPages) -> list[Problem]:
    """Links from the other articles to a part of a ``changed`` one (``changed.md#part``) that is not there:
    a heading renamed in a pull request breaks the links to it. Only articles whose text names a changed
    file are rendered, so this costs what the change touches."""
    names = {f"{a.slug}.md" for a in changed if not a.is_draft}
    if not names:
        return []
    asked = {a.path for a in changed}
    linking = [a for a in library.articles if a.path not in asked and any(name in a.body for name in names)]
    site = pages.site
    targets = {a.page_path for a in changed if not a.is_draft}

    def into_changed(href: str, article: Article) -> bool:
        """A link to a part of a changed article: as written (``one.md#part``), or as the page shows it, the
        address of the changed page relative to the linking one's (``one.html#part``, ``../one/#part``)."""
        parts = urlsplit(href.strip())
        if not parts.fragment or parts.scheme or parts.netloc:
            return False
        path = unquote(parts.path)
        if path.endswith(".md"):
            return posixpath.basename(path) in names
        landed = _landed(path, site.file_of(article.page_path))
        page = site.files.get(landed) or site.files.get(f"{landed}/index.html") if landed is not None else None
        return page is not None and page.src_uri in targets

    return _broken(linking, pages, into_changed)


def _broken(
    articles: Sequence[Article], pages: RenderedPages, followed: Callable[[str, Article], bool]
) -> list[Problem]:
    site = pages.site
    static = built_files(site.layout)
    broken: dict[BrokenLink, None] = {}
    for article in articles:
        if article.is_draft:
            continue
        for tag, href in _addresses(pages.html(article.page_path)):
            found = _follow(href, tag, article.page_path, pages, static) if followed(href, article) else None
            if found is not None:
                broken[found] = None
    return [broken_link_problem(link, site) for link in broken]


def built_files(layout: SiteLayout) -> frozenset[str]:
    """The files a build publishes besides its pages: ``docs/``'s other files, the site's theme files, and
    what every build writes."""
    docs = layout.docs_dir
    own = (p.relative_to(docs).as_posix() for p in published_files(docs) if p.suffix != ".md")
    return frozenset(own) | layout.theme_paths() | BUILT_BESIDE_PAGES


def _addresses(html: str) -> Iterator[tuple[str, str]]:
    """Each (element, address) LinkChecker would follow on a page with this text, once."""
    table = link_attributes()
    seen: set[tuple[str, str]] = set()
    for tag, attributes in parse_html(html).elements:
        followed = table.get(tag, table[""])
        for name, value in attributes:
            if name in followed and name not in ("style", "srcset") and (tag, value) not in seen:
                seen.add((tag, value))
                yield tag, value


def _follow(href: str, tag: str, src_uri: str, pages: RenderedPages, static: frozenset[str]) -> BrokenLink | None:
    """Where ``href`` on page ``src_uri`` leads, as MkDocs rewrites it and a browser then follows it; a
    :class:`BrokenLink` as the whole-site run would report it, or None if it works."""
    site = pages.site
    built = site.file_of(src_uri)
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        return None  # another site's: followed with `--external`, by the whole-site run
    path = unquote(parts.path)
    fragment = unquote(parts.fragment) if tag in ("a", "area") else ""
    if not path:
        return _anchor(href, built, src_uri, fragment, pages)
    if not path.startswith(("/", "\\")):
        # MkDocs rewrites a relative address to a file it publishes into that file's address.
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if target in site.pages:
            return _anchor(href, built, target, fragment, pages)
        if target in static:
            return None
        if path.endswith(".md"):
            return None  # no such page: the text check (`links.broken`) said so at its line, with a suggestion
    # Anything else is left as written, and the browser resolves it from the page's own address.
    landed = _landed(path, built)
    if landed is None:
        return None  # outside the site's folder (`/about/`): where it leads depends on the host; MkDocs warns
    page = site.files.get(landed) or site.files.get(posixpath.join(landed, "index.html"))
    if page is not None:
        return _anchor(href, built, page.src_uri, fragment, pages)
    if landed in static:
        return None
    return BrokenLink(built, href, MISSING)


def _landed(path: str, built: str) -> str | None:
    """The file a browser asks for when the page written to ``built`` links to ``path`` (relative, as left in
    the page); None outside the site's folder."""
    landed = posixpath.normpath(posixpath.join(posixpath.dirname(built), path))
    if landed.startswith(("/", "../")) or landed == "..":
        return None
    return posixpath.join(landed, "index.html") if path.endswith("/") or landed in (".", "") else landed


def _anchor(href: str, built: str, target: str, anchor: str, pages: RenderedPages) -> BrokenLink | None:
    """A link to ``#anchor`` on page ``target`` that is not there; the theme's own anchors are the whole-site
    run's to check, since no article's text can change them."""
    if not anchor or is_reserved_id(anchor):
        return None
    ids = parse_html(pages.html(target)).ids
    if anchor in ids:
        return None
    return BrokenLink(built, href, "anchor not found", anchor, tuple(sorted(ids)))
