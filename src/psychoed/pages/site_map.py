"""Every page of the site: what kind it is, which file it is made from, and its address.

This is the one place that knows how content becomes pages. The hooks generate
the pages listed here, the link check maps a built page back to the file an
editor changes, and the templates link to pages by the source paths given here.

Addresses follow MkDocs' two modes (``use_directory_urls``): ``x.md`` is
published as ``x.html``, or as ``x/index.html`` at the address ``x/``. An
``index.md`` is always ``index.html`` of its folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from psychoed.content.model import Article, Library
from psychoed.pages.kinds import HOME, PageKind, SitePage, content_pages, in_language
from psychoed.source.yaml_document import YamlDocument

ALTERNATE_KINDS = frozenset({PageKind.ARTICLE, PageKind.TOPIC, PageKind.HOME, PageKind.SEARCH, PageKind.SITE})
"""Pages that can exist in several languages: one language's is the other's alternate (``hreflang``)."""


@dataclass(frozen=True)
class SiteLayout:
    """Where a site's files are, and how its addresses are written (from ``mkdocs.yml``)."""

    config: Path
    docs_dir: Path
    content_dir: Path
    directory_urls: bool = False
    """MkDocs' ``use_directory_urls``: ``x/`` instead of ``x.html``."""
    overrides_dir: Path | None = None
    """The theme's ``custom_dir`` (``overrides/``): a file in ``docs/`` must not sit where one of its files is
    published."""

    def theme_paths(self) -> frozenset[str]:
        """Paths in the built site that the site's own theme files (``overrides/``) take."""
        folder = self.overrides_dir
        if folder is None or not folder.is_dir():
            return frozenset()
        return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def page_file(src_uri: str, *, directory_urls: bool) -> str:
    """The file a page is written to in the built site, e.g. ``articles/x.html`` or ``articles/x/index.html``."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls or posixpath.basename(stem) == "index":
        return f"{stem}.html"
    return f"{stem}/index.html"


@dataclass(frozen=True)
class SiteMap:
    """Every page of a site, by source path and by built file."""

    layout: SiteLayout
    pages: dict[str, SitePage]
    """By source path, in the order: docs pages, articles, topics, reviewers, the reviewers list."""
    files: dict[str, SitePage]
    """By the file each is written to, relative to the site folder."""
    clashes: tuple[str, ...] = ()
    """Source paths of pages in ``docs/`` that content/ also makes a page for: an error to report."""

    @classmethod
    def of(
        cls,
        layout: SiteLayout,
        library: Library,
        *,
        include_drafts: bool,
        docs_pages: Iterable[str] | None = None,
        signed: Callable[[Article], bool] = lambda _: True,
    ) -> SiteMap:
        """The pages of ``library`` (drafts only when previewing) and of ``docs_pages`` (source paths in
        ``docs/``; by default every ``.md`` file there). ``signed`` says which articles a reviewer's pages list
        (:meth:`psychoed.site.Site.is_signed`), so they are counted as they are shown."""
        own = list_docs_pages(layout.docs_dir) if docs_pages is None else docs_pages
        pages: dict[str, SitePage] = {}
        homes = {in_language(HOME, language) for language in (None, *library.languages)}
        for src_uri in own:
            kind = PageKind.HOME if src_uri in homes else PageKind.SITE
            # A clinic's own pages in another language go in a folder named for it: docs/es/about.md.
            first = src_uri.split("/", 1)[0]
            language = first if "/" in src_uri and first in library.languages else None
            pages[src_uri] = SitePage(kind, src_uri, layout.docs_dir / src_uri, generated=False, language=language)
        clashes = []
        for page in content_pages(library, layout.content_dir, include_drafts=include_drafts, signed=signed):
            if page.kind is PageKind.ABOUT_INFORMATION:  # made from the settings: editors change mkdocs.yml
                page = replace(page, source=layout.config)
            if page.kind is PageKind.HOME and page.src_uri in pages:
                continue  # the clinic wrote this language's home page itself (docs/es/index.md)
            if page.src_uri in pages:
                clashes.append(page.src_uri)
            else:
                pages[page.src_uri] = page
        if HOME not in pages:
            # A clinic that has not written docs/index.md still gets a working home page.
            pages[HOME] = SitePage(PageKind.HOME, HOME, layout.config)
        files = {page_file(src, directory_urls=layout.directory_urls): page for src, page in pages.items()}
        return cls(layout, pages, files, tuple(clashes))

    def generated(self) -> Iterator[SitePage]:
        """The pages psychoed makes from content/ (and the home page, if the clinic has none)."""
        return (page for page in self.pages.values() if page.generated)

    def file_of(self, src_uri: str) -> str:
        return page_file(src_uri, directory_urls=self.layout.directory_urls)

    def url_of(self, src_uri: str) -> str | None:
        """The address of page ``src_uri`` from the site's root, as MkDocs writes it (``x.html``, ``x/``,
        ``./`` for the home page of a site with directory addresses); None when the site has no such page."""
        if src_uri not in self.pages:
            return None
        built = self.file_of(src_uri)
        folder, name = posixpath.split(built)
        return (folder or ".") + "/" if self.layout.directory_urls and name == "index.html" else built

    def source_of(self, built: str) -> Path:
        """The file an editor changes for the page written to ``built``; ``mkdocs.yml`` for anything else."""
        page = self.files.get(built)
        return page.source if page is not None else self.layout.config

    def language_of(self, src_uri: str) -> str | None:
        """The language of the page ``src_uri`` when it is not the source language; None otherwise."""
        page = self.pages.get(src_uri)
        return page.language if page is not None else None

    def alternates(self, src_uri: str, languages: tuple[str, ...]) -> dict[str, str]:
        """The same page in each of ``languages`` (the site's, source first) that has it, this one included, by
        language: ``articles/x.md`` and ``es/articles/x.md``. Empty when no other language has it."""
        page = self.pages.get(src_uri)
        if page is None or page.kind not in ALTERNATE_KINDS:
            return {}
        base = src_uri.removeprefix(f"{page.language}/") if page.language else src_uri
        found = {}
        for index, language in enumerate(languages):
            other = in_language(base, language if index else None)
            if other in self.pages:
                found[language] = other
        return found if len(found) > 1 else {}

    def resolve(self, from_src_uri: str, href_path: str) -> str:
        """The source path a relative ``.md`` link on page ``from_src_uri`` points to."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(from_src_uri), href_path))


def list_docs_pages(folder: Path) -> list[str]:
    """The Markdown pages in ``folder`` (the site's ``docs/``), as paths relative to it."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md") if path.is_file())


def read_layout(config: Path, content_dir: str, document: YamlDocument | None) -> SiteLayout:
    """The layout of the site configured by ``config`` (its ``mkdocs.yml``, read as ``document``), without MkDocs.

    ``docs_dir`` defaults to ``docs`` and ``use_directory_urls`` to true, as in MkDocs; ``theme.custom_dir``
    gives the overrides folder.
    """
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    docs_dir = data.get("docs_dir")
    directory_urls = data.get("use_directory_urls", True)
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return SiteLayout(
        config=config,
        docs_dir=config.parent / (docs_dir if isinstance(docs_dir, str) else "docs"),
        content_dir=config.parent / content_dir,
        directory_urls=directory_urls is not False,
        overrides_dir=config.parent / custom_dir if isinstance(custom_dir, str) else None,
    )
