"""What every check has in common: the context it is given, its signature, and how checks run.

An article check is a function ``check(article, context) -> Iterable[Problem]``.
It reads only what the context hands it, so it can be called alone from a test
and needs no site generator. The site-wide link check, which needs a built
site, is the one exception; it lives in :mod:`psychoed.checks.links`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from markdown_it.token import Token

from psychoed.content.model import Article, Body, Library
from psychoed.content.prose import Prose, extract_prose
from psychoed.findings import Problem, Rule
from psychoed.pages.site_map import SiteMap
from psychoed.review.state import ReviewStatus, review_status
from psychoed.settings.model import Settings
from psychoed.writing.readability import ArticleReading, measure_article


@dataclass(frozen=True)
class ArticleContext:
    """Everything an article check may read besides the article itself, and what is worked out about the
    article once for all the checks (its tokens, prose, reading level and review state)."""

    article: Article
    settings: Settings
    library: Library
    """All content, drafts included: references resolve against everything."""
    today: dt.date
    """The day the check runs on (``SOURCE_DATE_EPOCH`` fixes it)."""
    site: SiteMap
    """The published site's pages, for links between them."""

    @property
    def language(self) -> str:
        """The language the article is written in: a translation's own, or the site's source language."""
        return self.article.language or self.settings.source_language

    @property
    def body(self) -> Body:
        """The article's body as the loader parsed it: sections, links, allowances."""
        return self.article.parsed

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The body's Markdown tokens, for every check that reads markup, let go with the context: a build's
        library keeps none, which at 10,000 articles were most of its memory."""
        return tuple(self.article.read_tokens())

    @cached_property
    def prose(self) -> Prose:
        """The sentences a reader reads, found once for every check that reads them."""
        return extract_prose(self.tokens, self.body.first_line)

    @cached_property
    def review(self) -> ReviewStatus:
        """Where the article's review stands today: the review and sign-off checks both read it, so each
        fingerprint is computed once."""
        return review_status(self.article, self.today, self.settings.check.due_soon_days)

    @cached_property
    def reading(self) -> ArticleReading:
        """The article's reading level, measured once and shared by the reading check and the report."""
        return measure_article(self.body, self.prose)


ArticleCheck = Callable[[Article, ArticleContext], Iterable[Problem]]
"""The one signature of an article check."""


@dataclass(frozen=True)
class Family:
    """A family of rules, declared once in its module as ``FAMILY``: its name is its module's name and the
    prefix of every rule id in it (``reading`` for ``reading.grade``)."""

    name: str
    rules: tuple[Rule, ...]
    check: ArticleCheck | None
    """Its article check; None for a family whose rules are not about one article (``allowances``, about the
    allowance comments themselves; ``disclosures``, about the whole site)."""
    translations_too: bool = True
    """The check also runs on translations. Not for what a translation takes from its source (topics, sources)
    or what is written in the source language only (the glossary): the source's check reports those."""
    withdrawn_too: bool = False
    """The check also runs on withdrawn articles. Their pages show only why they were withdrawn, so reading
    level, review and wording no longer matter; what could still harm a reader (unsafe markup) does."""


def run_checks(checks: Iterable[ArticleCheck], article: Article, context: ArticleContext) -> Iterator[Problem]:
    """Every finding of ``checks`` on ``article``, in the order the checks are given."""
    for check in checks:
        yield from check(article, context)
