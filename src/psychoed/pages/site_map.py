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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from psychoed.content.library import REVIEWERS_FILE, TOPICS_FILE
from psychoed.content.model import Article, Library, Reviewer, Topic
from psychoed.settings.load import settings_lines

REVIEWERS_INDEX = "reviewers/index.md"
"""Source path of the list of reviewers."""
HOME = "index.md"
"""Source path of the home page (a clinic's ``docs/index.md``, or one psychoed generates)."""


class PageKind(StrEnum):
    """What a page shows; the template and the context it gets follow from it."""

    ARTICLE = "article"
    TOPIC = "topic"
    REVIEWER = "reviewer"
    REVIEWERS = "reviewers"
    HOME = "home"
    SITE = "site"
    """A page a clinic writes in ``docs/`` (about, accessibility statement, ...)."""


@dataclass(frozen=True)
class SitePage:
    """One page of the site."""

    kind: PageKind
    src_uri: str
    """Source path inside the site, e.g. ``articles/sleep-and-mood.md``; links name it."""
    source: Path
    """The file an editor changes to change the page: the article, a registry, a page in ``docs/``."""
    item: Article | Topic | Reviewer | None = None
    """The content the page shows, for articles, topics and reviewers."""
    generated: bool = True
    """True for pages made from ``content/``; False for the clinic's own pages in ``docs/``."""


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
        cls, layout: SiteLayout, library: Library, *, include_drafts: bool, docs_pages: Iterable[str] | None = None
    ) -> SiteMap:
        """The pages of ``library`` (drafts only when previewing) and of ``docs_pages`` (source paths in
        ``docs/``; by default every ``.md`` file there)."""
        own = list_docs_pages(layout.docs_dir) if docs_pages is None else docs_pages
        pages: dict[str, SitePage] = {}
        for src_uri in own:
            kind = PageKind.HOME if src_uri == HOME else PageKind.SITE
            pages[src_uri] = SitePage(kind, src_uri, layout.docs_dir / src_uri, generated=False)
        clashes = []
        for page in _content_pages(layout, library, include_drafts=include_drafts):
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

    def source_of(self, built: str) -> Path:
        """The file an editor changes for the page written to ``built``; ``mkdocs.yml`` for anything else."""
        page = self.files.get(built)
        return page.source if page is not None else self.layout.config

    def resolve(self, from_src_uri: str, href_path: str) -> str:
        """The source path a relative ``.md`` link on page ``from_src_uri`` points to."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(from_src_uri), href_path))


def _content_pages(layout: SiteLayout, library: Library, *, include_drafts: bool) -> Iterator[SitePage]:
    for article in library.visible(include_drafts=include_drafts):
        yield SitePage(PageKind.ARTICLE, article.page_path, article.path, article)
    for topic in library.topics.values():
        yield SitePage(PageKind.TOPIC, topic.page_path, layout.content_dir / TOPICS_FILE, topic)
    for reviewer in library.reviewers.values():
        yield SitePage(PageKind.REVIEWER, reviewer.page_path, layout.content_dir / REVIEWERS_FILE, reviewer)
    yield SitePage(PageKind.REVIEWERS, REVIEWERS_INDEX, layout.content_dir / REVIEWERS_FILE)


def list_docs_pages(folder: Path) -> list[str]:
    """The Markdown pages in ``folder`` (the site's ``docs/``), as paths relative to it."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md") if path.is_file())


def read_layout(config: Path, content_dir: str) -> SiteLayout:
    """The layout of the site configured by ``config`` (its ``mkdocs.yml``), read without MkDocs.

    ``docs_dir`` defaults to ``docs`` and ``use_directory_urls`` to true, as in MkDocs; ``theme.custom_dir``
    gives the overrides folder.
    """
    document = settings_lines(config)
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
