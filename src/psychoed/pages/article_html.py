"""An article's text as HTML, rendered with the parser the checks read it with.

The checks read every article with markdown-it (CommonMark, with tables and ``!!!`` admonitions:
:func:`psychoed.content.body.markdown_tokens`). Articles used to be published through Python-Markdown as
well, a second parser with its own idea of Markdown: a list right after a paragraph, or nested two spaces
in, was a list to the checks and a paragraph to readers, and Python-Markdown was a third of the build's time.
Now the page is rendered from markdown-it's tokens, so what is checked is what is published, and it reads
as GitHub's preview of the pull request shows it. (Python-Markdown still renders the site's own pages in
``docs/`` and the lists psychoed writes, with the extensions ``mkdocs.yml`` lists.)

What MkDocs did to Python-Markdown's output is done here too: each heading gets an ``id`` (the same
Python-Markdown's ``toc`` gives it, or the one it names as ``attr_list`` reads it, ``## Calm {#calm}``, so
addresses of a part of an article stay the same), the headings are
listed for the page's table of contents, and a link to another page's Markdown file (``sleep.md#tips``) is
rewritten into the address of that page, relative to this one. The sanitiser runs on the result, as on every
page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from psychoed.content.body import markdown_renderer, markdown_tokens

_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*(?P<body>[^{}\n]*?)[ \t]*\}[ \t]*$")
"""Python-Markdown's ``attr_list`` at the end of a heading: ``## Calm {#calm-part}``."""
_ID = re.compile(r"(?:^|\s)#([^\s#.{}]+)")
_RAW_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")


@dataclass
class Heading:
    """A heading in the table of contents, with those under it: what MkDocs' ``toc`` tokens hold."""

    level: int
    id: str
    name: str
    children: list[Heading] = field(default_factory=list)

    def token(self) -> dict[str, Any]:
        """The heading as Python-Markdown's ``toc_tokens`` list it, which MkDocs makes ``page.toc`` from."""
        return {"level": self.level, "id": self.id, "name": self.name, "children": [c.token() for c in self.children]}


@dataclass(frozen=True)
class ArticleHtml:
    """An article's text rendered: its HTML (not yet sanitised), its headings, and the ids a link can
    name (the headings' and any in the article's own HTML)."""

    html: str
    headings: list[Heading]
    ids: frozenset[str]
    unresolved: tuple[str, ...] = ()
    """Relative addresses of links and images that name no file of the site (a missing ``.md`` page is
    the text check's to report, so it is not among them), as written."""


@dataclass(frozen=True)
class PreparedBody:
    """An article's text rendered before the site's addresses are known: each link's and image's address is a
    marker in :attr:`html`, filled in when the page is built (:func:`finish`). The build prepares each body
    from the parse the loader makes to check it, so an article is parsed once."""

    html: str
    addresses: tuple[str, ...]
    headings: tuple[Heading, ...]
    ids: frozenset[str]


_MARKER = "\x00{}\x00"
"""An address's place in the prepared HTML: markdown-it turns every NUL of the text into U+FFFD, so no text
can hold one."""
_MARKED = re.compile("\x00([0-9]+)\x00")


def prepare_body(tokens: Sequence[Token]) -> PreparedBody:
    """The HTML of an article's ``tokens`` (markdown-it's, as :func:`~psychoed.content.body.markdown_tokens`
    gives them), with its headings' ids and its addresses marked. The tokens are as they were afterwards, for
    any check that reads them next."""
    ids: set[str] = set()
    flat: list[Heading] = []
    addresses: list[str] = []
    undo: list[Callable[[], None]] = []

    def mark(token: Token, name: str) -> None:
        address = str(token.attrGet(name) or "")
        undo.append(partial(token.attrSet, name, address))
        token.attrSet(name, _MARKER.format(len(addresses)))
        addresses.append(address)

    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            undo.append(partial(setattr, token, "attrs", dict(token.attrs)))
            given = _given_id(inline, undo)
            name = _text(inline)
            anchor = given if given is not None else unique(slugify(name, "-"), ids)
            ids.add(anchor)
            token.attrSet("id", anchor)
            flat.append(Heading(int(token.tag[1]), anchor, name))
        elif token.type in ("html_block", "html_inline"):
            ids.update(_RAW_ID.findall(token.content))
        for child in token.children or ():
            if child.type == "link_open":
                mark(child, "href")
            elif child.type == "image":
                mark(child, "src")
            elif child.type == "html_inline":
                ids.update(_RAW_ID.findall(child.content))
    renderer = markdown_renderer()
    html = renderer.renderer.render(tokens, renderer.options, {}).removesuffix("\n")  # as Python-Markdown ends
    for step in reversed(undo):
        step()
    return PreparedBody(html, tuple(addresses), tuple(_nested(flat)), frozenset(ids))


def finish(body: PreparedBody, url_of: Callable[[str], str | None], src_uri: str) -> ArticleHtml:
    """The HTML of the article at ``src_uri`` from its prepared ``body``; ``url_of`` gives the address (from the
    site's root, as MkDocs writes it: ``articles/x.html`` or ``articles/x/``) of a page or other file by its
    source path, None for no such file, whose link is then left as written (the check reports it)."""
    here = url_of(src_uri) or src_uri
    unresolved: list[str] = []

    def address(found: re.Match[str]) -> str:
        href = body.addresses[int(found.group(1))]
        rewritten = _rewritten(href, src_uri, here, url_of)
        if rewritten is None:
            path = unquote(urlsplit(href).path)
            # A first part with a colon looks like a scheme (`java%09script:`): the security rule's to judge.
            if not path.endswith(".md") and ":" not in path.split("/")[0]:
                unresolved.append(href)
            rewritten = href
        return escapeHtml(rewritten)  # as markdown-it writes an attribute

    html = _MARKED.sub(address, body.html)
    return ArticleHtml(html, list(body.headings), body.ids, tuple(dict.fromkeys(unresolved)))


def render_article(text: str, url_of: Callable[[str], str | None], src_uri: str) -> ArticleHtml:
    """The HTML of ``text``, the body of the article at ``src_uri``, parsed here (:func:`finish` says the rest)."""
    return finish(prepare_body(markdown_tokens(text)), url_of, src_uri)


def _given_id(inline: Token, undo: list[Callable[[], None]]) -> str | None:
    """The id a heading names for itself (``{#calm-part}`` at its end, as Python-Markdown's ``attr_list``
    reads it, so the anchors of articles written for it stay the same), taken out of its text; None when it
    names none. Other attributes in the braces (classes) are dropped with them."""
    last = inline.children[-1] if inline.children else None
    if last is None or last.type != "text":
        return None
    found = _ATTRIBUTES.search(last.content)
    given = _ID.search(found.group("body")) if found else None
    if found is None or given is None:
        return None
    undo.append(partial(setattr, last, "content", last.content))
    last.content = last.content[: found.start()]
    return given.group(1)


def _text(inline: Token) -> str:
    """A heading's text as Python-Markdown's ``toc`` reads it: its words and code, without markup."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _rewritten(href: str, src_uri: str, here: str, url_of: Callable[[str], str | None]) -> str | None:
    """``href`` as MkDocs rewrites a link or an image's address: a relative one to a file of the site (a page's
    Markdown file, an image) becomes that file's address, relative to this page's; any other address is left
    as written; None for a relative one that names no file of the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    url = url_of(target)
    if url is None:
        return None
    relative = relative_url(url, here)
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return relative + query + fragment


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both from the site's root), as MkDocs' own
    ``get_relative_url`` makes it: written here because the engine does not import MkDocs."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    relative = posixpath.relpath("/" + url, "/" + other)
    return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative


def _nested(flat: list[Heading]) -> list[Heading]:
    """The headings as a tree, each under the nearest one before it of a higher level, as ``toc`` nests them."""
    top: list[Heading] = []
    open_: list[Heading] = []
    for heading in flat:
        while open_ and open_[-1].level >= heading.level:
            open_.pop()
        (open_[-1].children if open_ else top).append(heading)
        open_.append(heading)
    return top
