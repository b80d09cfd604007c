"""A page's text rendered as the build renders it, without a build: for checking one article's links.

A pull request that changes one article should be checked at the cost of that article, not of building
10,000 pages. What its links depend on is small: the page's own HTML (which addresses it links to) and, for
a link to a part of another page, that page's anchors. Both come from the page's Markdown, which the build
renders (an article with :mod:`psychoed.pages.article_html`; any other page with Python-Markdown and the
extensions ``mkdocs.yml`` lists), then sanitises. This module does the same two steps with the same
libraries and settings, so the links and ids are the build's. What the theme
adds around the text (navigation, the ``__``/``psy-`` ids) is the same on every page and is checked by the
whole-site run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import markdown

from psychoed.content.docs_page import read_site_page
from psychoed.errors import SourceError
from psychoed.pages.article_html import render_article
from psychoed.pages.kinds import BY_KIND, PageKind
from psychoed.pages.sanitise import sanitise
from psychoed.pages.site_map import SiteMap
from psychoed.source.html_policy import HtmlPolicy

MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always adds before a site's own (its ``markdown_extensions`` option's builtins)."""


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions a site's pages are rendered with, and their settings."""

    extensions: tuple[str, ...] = MKDOCS_BUILTINS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def markdown_setup(config: object) -> MarkdownSetup | None:
    """The extensions of ``mkdocs.yml`` (its mapping, ``config``) as MkDocs reads them: each a name, or a
    one-key mapping of a name to its settings; MkDocs' builtins first, each once. None when the list is not
    one this can read (a settings value only MkDocs can make): the caller then builds the site instead."""
    written = config.get("markdown_extensions", []) if isinstance(config, dict) else []
    if written is None:
        written = []
    if not isinstance(written, list):
        return None
    names: list[str] = list(MKDOCS_BUILTINS)
    configs: dict[str, Mapping[str, Any]] = {}
    for item in written:
        if isinstance(item, dict) and len(item) == 1:
            [(name, settings)] = item.items()
            if settings is not None and not _plain(settings):
                return None
            if settings is not None:
                configs[name] = settings
            item = name
        if not isinstance(item, str):
            return None
        if item not in names:
            names.append(item)
    return MarkdownSetup(tuple(names), configs)


def _plain(value: object) -> bool:
    """A settings mapping of plain YAML values (not a Python object MkDocs' own tags would make)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


class UnrenderableError(Exception):
    """The Markdown extensions could not be loaded as listed; the caller builds the site instead."""


@dataclass
class RenderedPages:
    """Pages of ``site`` rendered from their text, each once, as the build would render them."""

    site: SiteMap
    setup: MarkdownSetup
    policy: HtmlPolicy
    _html: dict[str, str] = field(default_factory=dict)
    _renderer: markdown.Markdown | None = None

    def html(self, src_uri: str) -> str:
        """The sanitised HTML of the text of page ``src_uri`` (a key of :attr:`SiteMap.pages`)."""
        found = self._html.get(src_uri)
        if found is None:
            page = self.site.pages[src_uri]
            if page.generated and page.kind is PageKind.ARTICLE:
                # Links to other pages are rewritten as the build rewrites them; to other files (images), left
                # as written, which the link check follows to the same file.
                rendered = render_article(self._text(src_uri), self.site.url_of, src_uri).html
            else:
                renderer = self._markdown()
                renderer.reset()
                rendered = renderer.convert(self._text(src_uri))
            found = self._html[src_uri] = sanitise(rendered, self.policy)
        return found

    def _text(self, src_uri: str) -> str:
        page = self.site.pages[src_uri]
        if not page.generated:  # docs/: MkDocs drops the front matter
            try:
                return read_site_page(page.source).body
            except SourceError:
                return ""  # unreadable: reported by the check of docs/ pages, and the build refuses it
        spec = BY_KIND.get(page.kind)
        return spec.text(page) if spec is not None and page.kind is not PageKind.SITE else ""

    def _markdown(self) -> markdown.Markdown:
        if self._renderer is None:
            try:
                configs = {name: dict(values) for name, values in self.setup.configs.items()}
                self._renderer = markdown.Markdown(extensions=list(self.setup.extensions), extension_configs=configs)
            except Exception as error:
                raise UnrenderableError(str(error)) from error
        return self._renderer
