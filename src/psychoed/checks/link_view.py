"""The pages of a built site as links and anchors, and a copy of the site LinkChecker reads fast.

LinkChecker parses every page with BeautifulSoup's pure-Python parser, about
20 ms for a Material page, against MkDocs' 3 ms to render one: on a library of
1,000 articles the link check took four times as long as the build. But most
of a page's links are the template's (header, navigation, footer), the same on
every page of a folder, and whether a relative link works depends only on the
folder it is in. So LinkChecker is given a *link view* of the site: in each
folder, beside the site's own pages, a page holding every distinct link
element of that folder's pages. Each distinct link is
checked once, and LinkChecker parses a handful of small pages instead of a
thousand large ones; a broken link is then reported on every page that has it
(:meth:`SitePages.pages_with`).
"""

from __future__ import annotations

import html
import os
import posixpath
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

VIEW_PAGE_PREFIX = ".psychoed-links-"
"""Name of the pages the link view adds to each folder (a dot-file, so it never clashes with a page)."""

Element = tuple[str, tuple[tuple[str, str], ...]]
"""A start tag as (name, attributes): the part of an element LinkChecker looks at."""

# Attributes LinkChecker reads to decide whether an attribute is a link
# (`rel` of <link>/<meta>, `http-equiv` of a refresh, `method` of a form).
_CONDITIONS = frozenset({"rel", "http-equiv", "scheme", "method"})
_CONDITIONAL_TAGS = frozenset({"link", "meta", "form"})


@cache
def link_attributes() -> dict[str, frozenset[str]]:
    """The attributes LinkChecker follows, by element: its own table, so the two never disagree."""
    from linkcheck.htmlutil.linkparse import LinkTags

    universal = frozenset(LinkTags.get(None, []))
    return {tag: frozenset(names) | universal for tag, names in LinkTags.items() if tag is not None} | {"": universal}


@dataclass
class ParsedPage:
    """What one page defines and links to."""

    ids: set[str] = field(default_factory=set)
    """Anchors on the page: every ``id``, and ``name`` of ``<a>``."""
    elements: list[Element] = field(default_factory=list)
    """Elements with at least one link attribute, in page order."""
    addresses: set[str] = field(default_factory=set)
    """Every address in a link attribute, as written and without its ``#part``."""


class _Parser(HTMLParser):
    def __init__(self, page: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.attributes = link_attributes()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        links = self.attributes.get(tag, self.attributes[""])
        kept = []
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            if name in links:
                kept.append((name, value))
                self.page.addresses.add(value)
                self.page.addresses.add(value.split("#", 1)[0])
        if kept:
            if tag in _CONDITIONAL_TAGS:
                kept += [(name, value) for name, value in attrs if name in _CONDITIONS and value is not None]
            self.page.elements.append((tag, tuple(kept)))


class SitePages:
    """The HTML pages of a built site, each parsed once, when first asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parsed: dict[str, ParsedPage | None] = {}

    def get(self, page: str) -> ParsedPage | None:
        """The parsed page at ``page`` (relative to the site), or None if there is no such page."""
        if page not in self._parsed:
            self._parsed[page] = _parse_page(self.root / page)
        return self._parsed[page]

    def parse_all(self, pages: Sequence[str]) -> None:
        """Parse ``pages`` now, on every processor: Python's HTML parser takes about 1.5 ms a page."""
        todo = [page for page in dict.fromkeys(pages) if page not in self._parsed]
        workers = min(os.cpu_count() or 1, len(todo) // 100)
        if workers < 2:
            for page in todo:
                self.get(page)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = -(-len(todo) // workers)
            parsed = pool.map(
                _parse_pages, [[self.root / page for page in todo[i : i + chunk]] for i in range(0, len(todo), chunk)]
            )
            for start, results in zip(range(0, len(todo), chunk), parsed, strict=True):
                self._parsed.update(zip(todo[start : start + chunk], results, strict=True))

    def pages_with(self, address: str, like: str, among: Iterable[str]) -> list[str]:
        """Pages of ``among`` in the folder of ``like`` that link to ``address``."""
        folder = posixpath.dirname(like)
        found = []
        for page in among:
            parsed = self.get(page)
            if posixpath.dirname(page) == folder and parsed is not None and address in parsed.addresses:
                found.append(page)
        return found


def parse_html(text: str) -> ParsedPage:
    """The anchors and link elements of the HTML ``text``."""
    parsed = ParsedPage()
    parser = _Parser(parsed)
    parser.feed(text)
    parser.close()
    return parsed


def _parse_page(path: Path) -> ParsedPage | None:
    if path.suffix != ".html" or not path.is_file():
        return None
    return parse_html(path.read_text(encoding="utf-8", errors="replace"))


def _parse_pages(paths: list[Path]) -> list[ParsedPage | None]:
    return [_parse_page(path) for path in paths]


def write_link_view(pages: SitePages, checked: Sequence[str], *, parts: int = 1, external: bool = False) -> list[str]:
    """Add the link view's pages to the site at ``pages.root``; return them, relative to it.

    Each folder with a page of ``checked`` gets ``parts`` pages (dot-files, so
    they never clash with the site's) holding the distinct link elements of
    that folder's checked pages, shared out evenly: one part for each
    LinkChecker process. They sit beside the site's pages so that their links
    resolve exactly as the pages' own do. Remove them with :func:`remove_link_view`.

    Anchors are checked by psychoed, so ``#part`` is cut from each address
    (``x.html#a`` and ``x.html#b`` are then one link). Unless ``external``,
    links to other sites are left out: LinkChecker would not follow them.
    """
    pages.parse_all(checked)
    by_folder: dict[str, dict[Element, None]] = {}
    for page in checked:
        parsed = pages.get(page)
        if parsed is None:
            continue
        kept = by_folder.setdefault(posixpath.dirname(page), {})
        for element in parsed.elements:
            reduced = _for_linkchecker(element, external=external)
            if reduced is not None:
                kept[reduced] = None
    written = []
    for folder, elements in sorted(by_folder.items()):
        tags = [_start_tag(element) for element in elements]
        for part in range(parts):
            name = posixpath.join(folder, f"{VIEW_PAGE_PREFIX}{part}.html")
            body = "\n".join(tags[part::parts])
            page_text = f"<!doctype html>\n<html><body>\n{body}\n</body></html>\n"
            (pages.root / name).write_text(page_text, encoding="utf-8")
            written.append(name)
    return written


def remove_link_view(root: Path, written: Iterable[str]) -> None:
    """Take the link view's pages out of the site again."""
    for name in written:
        (root / name).unlink(missing_ok=True)


def _for_linkchecker(element: Element, *, external: bool) -> Element | None:
    """The element with anchors cut from its addresses and, unless ``external``, other sites' addresses
    dropped; None when no address is left."""
    tag, attributes = element
    links = link_attributes().get(tag, link_attributes()[""])
    kept = []
    for name, value in attributes:
        if name in links and name not in ("style", "srcset"):
            value = value.split("#", 1)[0]
            if not value or (not external and _is_external(value)):
                continue
        kept.append((name, value))
    if not any(name in links for name, _ in kept):
        return None
    return tag, tuple(kept)


def _is_external(address: str) -> bool:
    parts = urlsplit(address.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "file")


def _start_tag(element: Element) -> str:
    name, attributes = element
    written = " ".join(f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes)
    closing = "" if name in ("img", "link", "meta", "source", "track", "input", "embed", "area") else f"</{name}>"
    return f"<{name} {written}>{closing}"
