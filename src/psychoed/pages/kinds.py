"""Page kinds: each kind of page psychoed makes is one :class:`PageSpec`, declared in :data:`SPECS`.

A spec says everything about its pages: which pages of the library there are (address and source file),
the template, the title and description, the Markdown text MkDocs renders, and what the template is given.
Adding a kind is a spec here, a template in ``overrides/`` and a test; nothing else lists kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from psychoed.content.library import REVIEWERS_FILE, TOPICS_FILE
from psychoed.content.model import REVIEWERS_FOLDER, Article, Library, Reviewer, Topic
from psychoed.pages.structured_data import medical_web_page
from psychoed.review.state import ReviewStatus, is_stale
from psychoed.settings.model import Disclosures
from psychoed.settings.strings import Strings

REVIEWERS_INDEX = f"{REVIEWERS_FOLDER}/index.md"
"""Source path of the list of reviewers."""
A_Z_INDEX = "a-z.md"
"""Source path of the A–Z list of every article."""
SEARCH_PAGE = "search.md"
"""Source path of the search page."""
ABOUT_INFORMATION = "about-this-information.md"
"""Source path of the page every article links to: who publishes the information, who pays for it, and how
it is written and checked."""
LIST_PAGE_SIZE = 100
"""Articles on one page of a list (a topic, a reviewer, A to Z): about 40 KB of HTML, so a list stays quick
to load on a phone however large the library grows. A longer list continues on numbered pages."""
HOME = "index.md"
"""Source path of the home page (a clinic's ``docs/index.md``, or one psychoed generates)."""


class PageKind(StrEnum):
    """What a page shows; its :class:`PageSpec` says how."""

    ARTICLE = "article"
    TOPIC = "topic"
    REVIEWER = "reviewer"
    REVIEWERS = "reviewers"
    A_Z = "a-z"
    SEARCH = "search"
    ABOUT_INFORMATION = "about-information"
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
    part: int = 1
    """Which page of a list this is (topics, reviewers, A to Z run on over several); 1 for every other page."""
    parts: int = 1
    language: str | None = None
    """The page's language when it is not the site's source language: its address starts with it (``es/…``)."""


def in_language(src_uri: str, language: str | None) -> str:
    """``src_uri``'s page in ``language`` (None: the source language): ``articles/x.md`` and ``es/articles/x.md``."""
    return f"{language}/{src_uri}" if language else src_uri


def part_path(first: str, part: int) -> str:
    """Source path of page ``part`` of the list whose first page is ``first``: ``topics/sleep.md``, then
    ``topics/sleep/2.md``. A topic or reviewer id has no ``/``, so no page of a list takes another's address."""
    return first if part == 1 else f"{first.removesuffix('.md')}/{part}.md"


def paged(
    kind: PageKind, first: str, source: Path, item: Any, count: int, language: str | None = None
) -> list[SitePage]:
    """The pages of a list of ``count`` articles, :data:`LIST_PAGE_SIZE` a page, at least one."""
    parts = max(1, -(-count // LIST_PAGE_SIZE))
    return [
        SitePage(kind, part_path(first, n), source, item, part=n, parts=parts, language=language)
        for n in range(1, parts + 1)
    ]


def list_context(page: SitePage) -> dict[str, Any]:
    """What a list page's template needs to show its part of the list, and links to the others."""
    first = part_path(page.src_uri, 1) if page.part == 1 else page.src_uri.rsplit("/", 1)[0] + ".md"
    return {
        "list_start": (page.part - 1) * LIST_PAGE_SIZE,
        "list_end": page.part * LIST_PAGE_SIZE,
        "list_part": page.part,
        "list_pages": [part_path(first, n) for n in range(1, page.parts + 1)],
    }


def _part_title(page: SitePage, title: str, words: Strings) -> str:
    return title if page.parts == 1 else words.list_part.format(title=title, part=page.part, parts=page.parts)


@dataclass(frozen=True)
class PageData:
    """What a spec's ``context`` may read about the build, besides the page."""

    library: Library
    today: dt.date
    include_drafts: bool
    reviews: Mapping[str, ReviewStatus]
    """Where each article's review stands today, by slug (:func:`psychoed.review.state.review_status`)."""
    canonical_url: str | None
    publisher: Disclosures | None = None
    """Who publishes the site, for the JSON-LD (``disclosures`` in the settings)."""
    source_language: str = "en"
    alternates: Mapping[str, str] = field(default_factory=dict)
    """The same page in each of the site's languages that has it (this one included), by language code, as
    source paths: for ``hreflang`` and the JSON-LD's link between a translation and its source."""


@dataclass(frozen=True)
class PageSpec:
    """One kind of page, declared once."""

    kind: PageKind
    template: str
    """The template in ``overrides/`` the page is rendered with."""
    pages: Callable[[Library, Path, bool, Callable[[Article], bool]], Iterable[SitePage]]
    """The pages of this kind: ``(library, content_dir, include_drafts, signed)``; ``signed`` says whether an
    article's reviewer signed its text as it stands (only those are listed as reviewed)."""
    title: Callable[[SitePage, str, Strings], str]
    """The page's title, given the page, the site's name and the words of the page's language."""
    text: Callable[[SitePage], str] = lambda page: ""
    """The Markdown shown as the page's text."""
    description: Callable[[SitePage, Strings], str | None] = lambda page, words: None
    context: Callable[[SitePage, PageData], dict[str, Any]] = lambda page, data: {}
    """What the template is given beyond MkDocs' own context."""


def _item(page: SitePage) -> Any:
    return page.item


def _article_context(page: SitePage, data: PageData) -> dict[str, Any]:
    article: Article = _item(page)
    library = data.library
    reviewer = library.reviewers[article.reviewer]
    topics = [library.topics[t] for t in article.topics]
    review = data.reviews[article.key]
    signed = review.signed
    source = library.article(article.translation.source) if article.translation else None
    withdrawal = article.withdrawal
    if withdrawal is not None:  # the page says why, and where to read instead; it no longer vouches for advice
        replacement = library.article(withdrawal.replaced_by) if withdrawal.replaced_by else None
        return {"article": article, "article_topics": topics, "article_withdrawal": withdrawal,
                "article_replacement": replacement, "article_related": [], "article_jsonld": None}  # fmt: skip
    return {
        "article": article,
        "article_reviewer": reviewer,
        "article_topics": topics,
        "article_review": review,
        "article_overdue": review.overdue,
        "article_related": listed_in(
            library, [library.article(slug) for slug in article.related], article.language, drafts=data.include_drafts
        ),
        "article_testing": [r for r in library.testing if r.covers(article.slug)],
        "article_signed": signed,
        "article_source": source,
        "article_stale": source is not None and is_stale(article, source),
        "article_jsonld": medical_web_page(
            article,
            reviewer,
            topics,
            data.canonical_url,
            signed=signed,
            publisher=data.publisher,
            language=article.language or data.source_language,
            alternates=data.alternates,
        ),
    }


def listed_in(
    library: Library, articles: Iterable[Article], language: str | None, *, drafts: bool, by_title: bool = True
) -> list[Article]:
    """``articles`` as a reader of ``language`` gets them: each article's translation into it where there is one
    to show, or else the article itself (its page marks it as in another language); by title, or in the order
    given."""
    if language is None:
        return list(articles)
    shown = []
    for article in articles:
        translation = library.translations_of(article.slug).get(language)
        shown.append(translation if translation is not None and (drafts or not translation.is_draft) else article)
    return sorted(shown, key=lambda a: a.title.casefold()) if by_title else shown


def _topic_context(page: SitePage, data: PageData) -> dict[str, Any]:
    topic: Topic = _item(page)
    found = data.library.for_topic(topic.id, include_drafts=data.include_drafts)
    return {
        "topic": topic,
        "topic_words": topic.in_language(page.language),
        "topic_articles": listed_in(data.library, found, page.language, drafts=data.include_drafts),
        **list_context(page),
    }


def _home_context(page: SitePage, data: PageData) -> dict[str, Any]:
    """The home page in its language: each topic with its count, and the recently reviewed articles a reader
    of the language can read in it."""
    library = data.library
    language = page.language
    topics = [
        (topic, topic.in_language(language), len(library.for_topic(topic.id, include_drafts=data.include_drafts)))
        for topic in library.topics.values()
    ]
    return {"home_language": language, "home_topics": topics}


def _letter(article: Article) -> str:
    first = article.title[:1].upper()
    return first if first.isalpha() else "#"


def _a_z_context(page: SitePage, data: PageData) -> dict[str, Any]:
    """This page's part of every published article, by first letter (digits and signs under ``#``, last), and
    where each letter starts (its page and anchor), for the row of letters every page of the list shows."""
    by_title = data.library.by_title(include_drafts=data.include_drafts)
    articles = [a for a in by_title if _letter(a) != "#"] + [a for a in by_title if _letter(a) == "#"]
    pages = list_context(page)
    order = list(dict.fromkeys(_letter(a) for a in articles))
    starts: dict[str, tuple[str, str]] = {}
    here: dict[str, list[Article]] = {}
    for index, article in enumerate(articles):
        letter, part = _letter(article), index // LIST_PAGE_SIZE + 1
        anchor = f"psy-letter-{order.index(letter) + 1}"
        starts.setdefault(letter, (pages["list_pages"][part - 1], anchor))
        if part == page.part:
            here.setdefault(letter, []).append(article)
    return {
        "a_z": [(letter, f"psy-letter-{order.index(letter) + 1}", found) for letter, found in here.items()],
        "a_z_starts": [(letter, *starts[letter]) for letter in order],
        **pages,
    }


def _signed_count(library: Library, reviewer: Reviewer, drafts: bool, signed: Callable[[Article], bool]) -> int:
    """How many articles ``reviewer``'s pages list: those they signed, so there is no short or empty last page.
    Named on a page's worth or fewer, they get one page whatever they signed, so nothing is fingerprinted."""
    named = library.reviewed_by(reviewer.id, include_drafts=drafts)
    if len(named) <= LIST_PAGE_SIZE:
        return len(named)
    return len(library.reviewed_by(reviewer.id, include_drafts=drafts, signed=signed))


SPECS: tuple[PageSpec, ...] = (
    PageSpec(
        PageKind.ARTICLE,
        "article.html",
        pages=lambda library, content, drafts, signed: [
            *(SitePage(PageKind.ARTICLE, a.page_path, a.path, a) for a in library.visible(include_drafts=drafts)),
            *(
                SitePage(PageKind.ARTICLE, t.page_path, t.path, t, language=t.language)
                for t in library.translations
                if drafts or not t.is_draft
            ),
        ],
        title=lambda page, site_name, words: _item(page).title,
        description=lambda page, words: _item(page).description,
        # A withdrawn article's text is not published at all: not shown, not in the page's contents or source.
        text=lambda page: "" if _item(page).is_withdrawn else _item(page).body,
        context=_article_context,
    ),
    PageSpec(
        PageKind.TOPIC,
        "topic.html",
        pages=lambda library, content, drafts, signed: [
            page
            for language in (None, *library.languages)
            for t in library.topics.values()
            for page in paged(
                PageKind.TOPIC,
                t.page_path_in(language),
                content / TOPICS_FILE,
                t,
                len(library.for_topic(t.id, include_drafts=drafts)),
                language,
            )
        ],
        title=lambda page, site_name, words: _part_title(page, _item(page).in_language(page.language).title, words),
        description=lambda page, words: _item(page).in_language(page.language).description,
        # A topic's description in another language is plain text: escaped, as Markdown shows it.
        text=lambda page: _item(page).description or "" if page.language is None else "",
        context=_topic_context,
    ),
    PageSpec(
        PageKind.REVIEWER,
        "reviewer.html",
        pages=lambda library, content, drafts, signed: [
            page
            for r in library.reviewers.values()
            for page in paged(
                PageKind.REVIEWER, r.page_path, content / REVIEWERS_FILE, r, _signed_count(library, r, drafts, signed)
            )
        ],
        title=lambda page, site_name, words: _part_title(page, _item(page).display_name, words),
        text=lambda page: _item(page).bio or "" if page.part == 1 else "",
        context=lambda page, data: {"reviewer": page.item, **list_context(page)},
    ),
    PageSpec(
        PageKind.REVIEWERS,
        "reviewers.html",
        pages=lambda library, content, drafts, signed: [
            SitePage(PageKind.REVIEWERS, REVIEWERS_INDEX, content / REVIEWERS_FILE)
        ],
        title=lambda page, site_name, words: words.reviewers_title,
    ),
    PageSpec(
        PageKind.A_Z,
        "a-z.html",
        pages=lambda library, content, drafts, signed: paged(
            PageKind.A_Z, A_Z_INDEX, content / "articles", None, len(library.listed(include_drafts=drafts))
        ),
        title=lambda page, site_name, words: _part_title(page, words.a_z_title, words),
        context=_a_z_context,
    ),
    PageSpec(
        PageKind.SEARCH,
        "search.html",
        pages=lambda library, content, drafts, signed: [
            SitePage(PageKind.SEARCH, in_language(SEARCH_PAGE, language), content / "articles", language=language)
            for language in (None, *library.languages)
        ],
        title=lambda page, site_name, words: words.search_title,
        description=lambda page, words: words.search_description,
    ),
    PageSpec(
        PageKind.ABOUT_INFORMATION,
        "about-information.html",
        # Its source is the settings' `disclosures` (the site map points it at mkdocs.yml).
        pages=lambda library, content, drafts, signed: [
            SitePage(PageKind.ABOUT_INFORMATION, ABOUT_INFORMATION, content)
        ],
        title=lambda page, site_name, words: words.about_title,
        description=lambda page, words: words.about_description,
    ),
    PageSpec(
        PageKind.HOME,
        "home.html",
        # The source language's home is the clinic's docs/index.md, or made by the site map if there is none.
        pages=lambda library, content, drafts, signed: [
            SitePage(PageKind.HOME, in_language(HOME, language), content, language=language)
            for language in library.languages
        ],
        title=lambda page, site_name, words: site_name,
        context=_home_context,
    ),
)
"""Every kind of page psychoed makes, in the order the site lists them. The home page is made only when the
clinic has no ``docs/index.md`` (:meth:`psychoed.pages.site_map.SiteMap.of`)."""

BY_KIND = {spec.kind: spec for spec in SPECS}


def content_pages(
    library: Library, content_dir: Path, *, include_drafts: bool, signed: Callable[[Article], bool]
) -> Iterator[SitePage]:
    """Every page made from ``content/``, kind by kind; ``signed`` as :attr:`PageSpec.pages` has it."""
    for spec in SPECS:
        yield from spec.pages(library, content_dir, include_drafts, signed)
