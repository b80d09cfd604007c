"""The pages of a built site as links and anchors, and a copy of the site LinkChecker reads fast.

LinkChecker parses every page with BeautifulSoup's pure-Python parser, about
20 ms for a Material page, against MkDocs' 3 ms to render one: on a library of
1,000 articles the link check took four times as long as the build. But most
of a page's links are the template's (header, navigation, footer), the same on
every page of a folder, and whether a relative link works depends only on the
folder it is in. So LinkChecker is given a *link view* of the site: every page
at its own path, holding only the link elements not already on an earlier page
of the same folder, with every other file linked to the built one. Each
distinct link is checked once; a broken one is then reported on every page
that has it (:meth:`SitePages.pages_with`).
"""

from __future__ import annotations

import html
import os
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

Element = tuple[str, tuple[tuple[str, str], ...]]
"""A start tag as (name, attributes): the part of an element LinkChecker looks at."""

# Attributes LinkChecker reads to decide whether an attribute is a link
# (`rel` of <link>/<meta>, `http-equiv` of a refresh, `method` of a form).
_CONDITIONS = frozenset({"rel", "http-equiv", "scheme", "method"})


@cache
def _link_attributes() -> dict[str, frozenset[str]]:
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
    """Every address in a link attribute, as written."""


class _Parser(HTMLParser):
    def __init__(self, page: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.attributes = _link_attributes()

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
        if kept:
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
            path = self.root / page
            parsed = None
            if path.suffix == ".html" and path.is_file():
                parsed = ParsedPage()
                parser = _Parser(parsed)
                parser.feed(path.read_text(encoding="utf-8", errors="replace"))
                parser.close()
            self._parsed[page] = parsed
        return self._parsed[page]

    def pages_with(self, address: str, like: str, among: Iterable[str]) -> list[str]:
        """Pages of ``among`` in the folder of ``like`` that link to ``address``."""
        folder = posixpath.dirname(like)
        found = []
        for page in among:
            parsed = self.get(page)
            if posixpath.dirname(page) == folder and parsed is not None and address in parsed.addresses:
                found.append(page)
        return found


def write_link_view(pages: SitePages, checked: Sequence[str], view: Path) -> None:
    """Write the link view of ``pages.root`` into the empty folder ``view`` (see the module's docstring).

    ``checked`` are the pages whose links are to be checked; every other file is
    a symbolic link to the built one, so that links to it resolve.
    """
    seen: set[tuple[str, Element]] = set()
    stripped: dict[str, str] = {}
    for page in checked:
        parsed = pages.get(page)
        if parsed is None:
            continue
        folder = posixpath.dirname(page)
        tags = []
        for element in parsed.elements:
            if (folder, element) not in seen:
                seen.add((folder, element))
                tags.append(_start_tag(element))
        stripped[page] = "<!doctype html>\n<html><body>\n" + "\n".join(tags) + "\n</body></html>\n"
    root = pages.root
    for directory, folders, files in os.walk(root):
        relative = Path(directory).relative_to(root)
        (view / relative).mkdir(exist_ok=True)
        for name in files:
            page = (relative / name).as_posix()
            if page in stripped:
                (view / page).write_text(stripped[page], encoding="utf-8")
            else:
                (view / page).symlink_to(Path(directory) / name)
        folders.sort()


def _start_tag(element: Element) -> str:
    name, attributes = element
    written = " ".join(f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes)
    closing = "" if name in ("img", "link", "meta", "source", "track", "input", "embed", "area") else f"</{name}>"
    return f"<{name} {written}>{closing}"
