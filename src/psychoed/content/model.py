"""The content model: what a clinic publishes, independent of any site generator.

Everything here is plain, immutable data, already validated by the loaders.
Templates and checks read it; nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markdown_it.token import Token

ARTICLES_FOLDER = "articles"
REVIEWERS_FOLDER = "reviewers"
"""The folder of the built site that holds the article pages: their addresses depend only on their file names."""


def _not_loaded() -> Sequence[Token]:
    """An article not made by the loader has no tokens to give: an empty answer would pass every check."""
    raise RuntimeError("an article's tokens come from the loader (psychoed.content.articles.load_article)")


@dataclass(frozen=True)
class Reviewer:
    """A clinician who reviews articles, from ``content/reviewers.yml``."""

    id: str
    """Key in the registry; articles name it in ``reviewer:``; also the page slug."""
    name: str
    """Full name as shown in the byline."""
    credentials: str
    """Post-nominal credentials shown after the name, e.g. ``PhD`` or ``LCSW``."""
    role: str | None = None
    """Optional job title, e.g. "Clinical psychologist"."""
    bio: str | None = None
    """Optional short biography (Markdown) for the reviewer's page."""
    license: str | None = None
    """Optional licence and number, so readers can verify it with the licensing board."""
    sample: bool = False
    """True for a placeholder reviewer: pages reviewed by them say the content is not clinically reviewed."""
    line: int = 1
    """Line of the reviewer's id in the registry file, for reporting."""
    bio_line: int = 1
    """File line where the bio's text starts, for findings inside it."""
    github: str | None = None
    """GitHub user or team (``@name``) who must approve changes to the reviewer's articles (CODEOWNERS)."""
    languages: tuple[str, ...] = ()
    """Languages the reviewer reads well enough to sign a translation into them (``languages`` in the registry);
    empty: the site's source language only."""

    @property
    def page_path(self) -> str:
        """Site-relative source path of the reviewer's page."""
        return f"{REVIEWERS_FOLDER}/{self.id}.md"

    @property
    def display_name(self) -> str:
        """ "Name, CREDENTIALS", as a byline shows it."""
        return f"{self.name}, {self.credentials}"


@dataclass(frozen=True)
class Contact:
    """One way to reach a crisis service: a call or a text to a number, or a chat at an address."""

    way: str
    """``call``, ``text`` or ``chat``: never assumed, because a reader in crisis calling a text-only
    number gets no answer."""
    number: str | None = None
    """The number as readers dial it, for a call or a text."""
    url: str | None = None
    """The chat's address, for a chat."""

    @property
    def href(self) -> str:
        """``tel:`` or ``sms:`` with the digits, or the chat's address."""
        if self.number is None:
            return self.url or ""
        digits = ("+" if self.number.startswith("+") else "") + re.sub(r"\D", "", self.number)
        return f"{'tel' if self.way == 'call' else 'sms'}:{digits}"


@dataclass(frozen=True)
class CrisisService:
    """One crisis service, from ``content/crisis.yml``."""

    id: str
    name: str
    country: str
    """Where it answers: an ISO 3166 code such as ``US`` or ``GB``."""
    contacts: tuple[Contact, ...]
    hours: str
    languages: tuple[str, ...]
    source: str
    """The service's own page, where its details were checked."""
    verified: dt.date
    """The day someone last checked the details against ``source``."""
    note: str | None = None
    line: int = 1
    translations: Mapping[str, ServiceText] = field(default_factory=dict)
    """The service's name, hours and note in another language, by language code, where the data has them."""

    def in_language(self, language: str | None) -> ServiceText:
        """What the page shows in ``language``: the service's own words in it, or else its source-language ones."""
        own = ServiceText(self.name, self.hours, self.note)
        return self.translations.get(language, own) if language else own


@dataclass(frozen=True)
class ServiceText:
    """A crisis service's words in one language."""

    name: str
    hours: str
    note: str | None = None
    answers: bool = False
    """The service answers in this language (988 does in Spanish): the page says so, since a reader who does
    not read the source language needs to know they will be understood."""


@dataclass(frozen=True)
class TopicText:
    """A topic's words in one language (``translations`` in ``topics.yml``)."""

    title: str
    description: str | None = None
    content_note: str | None = None


@dataclass(frozen=True)
class Topic:
    """A subject area that groups articles, from ``content/topics.yml``."""

    id: str
    """Key in the registry; articles list it in ``topics:``; also the page slug."""
    title: str
    """Shown in navigation and on the topic page."""
    description: str | None = None
    """Optional one-paragraph introduction for the topic page."""
    line: int = 1
    """Line of the topic's id in the registry file, for reporting."""
    description_line: int = 1
    """File line where the description's text starts, for findings inside it."""
    sensitive: bool = False
    """A topic such as suicide or self-harm: its articles show crisis help at the top, with a content note."""
    content_note: str | None = None
    """What the note under an article's title says; by default it names the topic."""
    translations: Mapping[str, TopicText] = field(default_factory=dict)
    """The topic's title, description and content note in each of the site's other languages."""

    @property
    def page_path(self) -> str:
        """Site-relative source path of the topic's page."""
        return f"topics/{self.id}.md"

    def page_path_in(self, language: str | None) -> str:
        """Source path of the topic's page in ``language`` (None: the source language)."""
        return f"{language}/{self.page_path}" if language else self.page_path

    def in_language(self, language: str | None) -> TopicText:
        """The topic's words in ``language``; the source language's when None."""
        own = TopicText(self.title, self.description, self.content_note)
        return self.translations.get(language, own) if language else own


@dataclass(frozen=True)
class Source:
    """A piece of evidence the article draws on, recorded as health-information standards ask: who published
    it, what kind of evidence it is, how recent it is, and when someone last checked that it still says what
    the article says."""

    title: str
    url: str
    publisher: str | None = None
    kind: str | None = None
    """One of :data:`SOURCE_KINDS`."""
    published: dt.date | None = None
    """When it was published or last updated."""
    checked: dt.date | None = None
    """When someone last checked it still supports the article (at each review, say the standards)."""
    line: int = 1
    """File line of the source's entry, for findings."""

    @property
    def kind_label(self) -> str | None:
        """The kind in words, for the page."""
        return SOURCE_KINDS.get(self.kind) if self.kind else None


SOURCE_KINDS: Mapping[str, str] = {
    "guideline": "Clinical guideline",
    "systematic-review": "Systematic review",
    "trial": "Clinical trial",
    "patient-organisation": "Patient organisation",
    "other": "Other",
}
"""The kinds of evidence a source can be (PIF TICK and NHS ask that evidence be graded), and their labels."""


@dataclass(frozen=True)
class GlossaryTerm:
    """A word readers may not know, with its plain definition, from ``content/glossary.yml``."""

    id: str
    term: str
    """The word or phrase as readers meet it, e.g. "Cognitive behavioural therapy"."""
    definition: str
    """One or two plain sentences; it passes the site's reading gate itself."""
    synonyms: tuple[str, ...] = ()
    """Other ways articles write it, e.g. "CBT"."""
    line: int = 1
    """Line of the entry's id in ``glossary.yml``, for reporting."""
    definition_line: int = 1

    @property
    def names(self) -> tuple[str, ...]:
        """Every way an article may write the term: its name, then its synonyms."""
        return (self.term, *self.synonyms)


@dataclass(frozen=True)
class TestingRound:
    """One round of testing articles with readers, from ``content/testing.yml``: what the standards call user
    involvement. It records who took part in plain words, never who they are."""

    id: str
    on: dt.date
    participants: int
    who: str
    """Who took part, in plain words ("adults who had used our sleep service")."""
    changed: str
    """What changed because of it."""
    articles: tuple[str, ...] = ()
    """Slugs of the articles tested; empty for the whole site."""
    method: str | None = None
    line: int = 1

    def covers(self, slug: str) -> bool:
        return not self.articles or slug in self.articles


@dataclass(frozen=True)
class Withdrawal:
    """Why an article no longer gives advice: its page stays at its address, saying so, and leaves every list."""

    on: dt.date
    reason: str
    replaced_by: str | None = None
    """Slug of the article readers should read instead, if there is one."""


@dataclass(frozen=True)
class TranslationOf:
    """What ties a translation to its source: the article, the signed text it was made from, and who made it."""

    source: str
    """The slug of the article translated: the translation's file is ``<slug>.<language>.md`` beside it."""
    translated_from: str | None
    """The source's sign-off fingerprint when the translation was made or last brought up to date (written by
    ``psychoed new --translation-of`` and ``psychoed review sign``); None if nobody recorded it."""
    translator: str


@dataclass(frozen=True)
class Section:
    """A ``## `` section of an article body."""

    heading: str
    """The heading text as written, e.g. "1. Ask your therapist questions"."""
    line: int
    """File line of the heading."""
    tip_number: int | None = None
    """The tip's number for numbered headings (``## 1. ...``); None for ordinary sections."""

    @property
    def is_tip(self) -> bool:
        return self.tip_number is not None


@dataclass(frozen=True)
class Link:
    """A link or image address written in a body."""

    href: str
    """As the parser resolved it (reference-style links included), before the site rewrites ``.md``."""
    line: int
    """File line it is written on."""
    image: bool = False


@dataclass(frozen=True)
class Allowance:
    """``<!-- psychoed: allow RULE: reason -->``: one finding of RULE on the next line is accepted."""

    rule: str
    """The rule id as written (checked against the catalog by the allowance check)."""
    reason: str
    """Why it is allowed; required, so reviewers can judge it. Empty when missing."""
    line: int
    """File line of the comment."""
    target_line: int
    """The line whose finding it allows: the one after the comment."""
    standalone: bool = True
    """False for a comment inside a paragraph: it allows nothing, and says so."""


@dataclass(frozen=True)
class Body:
    """An article body as the checks see it: parsed once (:func:`psychoed.content.body.parse_body`)."""

    sections: tuple[Section, ...] = ()
    """The ``## `` sections, in order."""
    links: tuple[Link, ...] = ()
    allowances: tuple[Allowance, ...] = ()
    first_line: int = 1
    """File line of the body's first line."""


@dataclass(frozen=True)
class Article:
    """One published (or draft) piece of psychoeducation."""

    slug: str
    """File name without ``.md``; the page URL depends only on it."""
    path: Path
    """The source file."""
    title: str
    description: str
    """One or two plain sentences, at most 200 characters."""
    topics: tuple[str, ...]
    """Topic ids, first one primary."""
    reviewer: str
    """Reviewer id."""
    reviewed: dt.date
    """Date of the last clinical review."""
    next_review: dt.date
    """When the next review is due: given, or ``reviewed`` plus the site's interval."""
    body: str
    """The Markdown body, after the front matter."""
    body_line: int
    """File line of the first body line."""
    read_body: Callable[[], Body] = field(default=Body, compare=False, repr=False)
    """Gives the parsed body: the loader's own parse, or, for an article a command was not asked about
    (``psychoed check FILE``), a parse made only if something asks (:attr:`parsed`)."""
    read_tokens: Callable[[], Sequence[Token]] = field(default=_not_loaded, compare=False, repr=False)
    """Gives the body's Markdown tokens, for the checks that read markup and prose: the loader's, when the
    command checks next (``psychoed check``), or a parse made when asked (a build asks once, and lets go)."""
    authors: tuple[str, ...] = ()
    status: str = "published"
    """``published``, ``draft`` or ``withdrawn``."""
    sources: tuple[Source, ...] = ()
    fingerprint: str | None = None
    """The clinical sign-off (``sha256:…``) written by ``psychoed review sign``; None when unsigned."""
    related: tuple[str, ...] = ()
    """Slugs of related articles."""
    withdrawal: Withdrawal | None = None
    """When, why and for what the article was withdrawn (``status: withdrawn``)."""
    field_lines: Mapping[str, int] = field(default_factory=dict)
    """File line of each front-matter key, for reporting."""
    language: str | None = None
    """The translation's language (``es``); None for an article in the site's source language."""
    translation: TranslationOf | None = None
    """For a translation: its source and who translated it."""

    @property
    def key(self) -> str:
        """What names the article in commands and reports: its slug, or ``slug.es`` for a translation (the file's
        name without ``.md``)."""
        return f"{self.slug}.{self.language}" if self.language else self.slug

    @property
    def page_path(self) -> str:
        """Site-relative source path of the article's page: depends only on the slug (and the language)."""
        own = f"{ARTICLES_FOLDER}/{self.slug}.md"
        return f"{self.language}/{own}" if self.language else own

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def is_current(self) -> bool:
        """Published and not withdrawn: what lists, search, the sitemap and the review calendar include."""
        return self.status == "published"

    @cached_property
    def parsed(self) -> Body:
        """The body parsed once, with source lines: sections, links, allowances."""
        return self.read_body()

    @property
    def sections(self) -> tuple[Section, ...]:
        """The ``## `` sections of the body, in order."""
        return self.parsed.sections

    @property
    def tips(self) -> tuple[Section, ...]:
        """The numbered sections, in order."""
        return tuple(s for s in self.sections if s.is_tip)

    def line_of(self, key: str) -> int:
        """Line of a front-matter key, or 1 when the key is absent."""
        return self.field_lines.get(key, 1)


@dataclass(frozen=True)
class Library:
    """All content of a site, validated and cross-checked."""

    articles: tuple[Article, ...]
    """Every article, drafts included, sorted by slug."""
    reviewers: Mapping[str, Reviewer]
    """Reviewers by id, in registry order."""
    topics: Mapping[str, Topic]
    """Topics by id, in registry order (the navigation's order)."""
    files: tuple[Path, ...] = ()
    """Every article file read, whether or not it loaded: what "N articles checked" counts."""
    crisis: tuple[CrisisService, ...] = ()
    """The crisis services the site shows, in the order the settings choose them."""
    crisis_file: Path | None = None
    """``content/crisis.yml``, where findings about the services are reported."""
    glossary: Mapping[str, GlossaryTerm] = field(default_factory=dict)
    """Plain definitions of the words readers may not know, by id (``content/glossary.yml``; optional)."""
    glossary_file: Path | None = None
    testing: tuple[TestingRound, ...] = ()
    """Rounds of testing with readers, newest first (``content/testing.yml``; optional)."""
    testing_file: Path | None = None
    translations: tuple[Article, ...] = ()
    """Every translation (``<slug>.<language>.md``), drafts included, sorted by file name."""
    languages: tuple[str, ...] = ()
    """The site's languages other than its source language: the ones translations may be in."""

    @property
    def everything(self) -> tuple[Article, ...]:
        """Every article and every translation: what is checked, signed and reviewed."""
        return self.articles + self.translations

    @cached_property
    def _by_slug(self) -> dict[str, Article]:
        return {a.slug: a for a in self.articles}

    @cached_property
    def _translations(self) -> dict[str, dict[str, Article]]:
        found: dict[str, dict[str, Article]] = {}
        for translation in self.translations:
            found.setdefault(translation.slug, {})[translation.language or ""] = translation
        return found

    def translations_of(self, slug: str) -> Mapping[str, Article]:
        """The translations of the article ``slug``, by language."""
        return self._translations.get(slug, {})

    def by_key(self, key: str) -> Article:
        """The article or translation named ``slug`` or ``slug.es``; KeyError if there is none."""
        slug, _, language = key.partition(".")
        return self.translations_of(slug)[language] if language else self.article(slug)

    def article(self, slug: str) -> Article:
        """The article whose file is ``<slug>.md``; KeyError if there is none."""
        return self._by_slug[slug]

    def visible(self, *, include_drafts: bool) -> tuple[Article, ...]:
        """The articles a build makes pages for: drafts only when previewing; withdrawn ones, which say so."""
        key = ("visible", include_drafts)
        if key not in self._lists:
            self._lists[key] = tuple(a for a in self.articles if include_drafts or not a.is_draft)
        return self._lists[key]

    def listed(self, *, include_drafts: bool) -> tuple[Article, ...]:
        """The articles lists and search offer readers: not withdrawn ones, whose pages only say why."""
        key = ("listed", include_drafts)
        if key not in self._lists:
            self._lists[key] = tuple(a for a in self.visible(include_drafts=include_drafts) if not a.is_withdrawn)
        return self._lists[key]

    @cached_property
    def _lists(self) -> dict[tuple[object, ...], tuple[Article, ...]]:
        """Each list worked out once: a long list's pages each read it, and so does the page counting them."""
        return {}

    def by_title(self, *, include_drafts: bool) -> tuple[Article, ...]:
        """Every article a build publishes, alphabetical by title (then file name)."""
        key = ("title", include_drafts)
        if key not in self._lists:
            self._lists[key] = tuple(
                sorted(self.listed(include_drafts=include_drafts), key=lambda a: (a.title.casefold(), a.slug))
            )
        return self._lists[key]

    def for_topic(self, topic_id: str, *, include_drafts: bool) -> tuple[Article, ...]:
        """Articles in a topic, alphabetical by title."""
        key = ("topic", topic_id, include_drafts)
        if key not in self._lists:
            found = [a for a in self.listed(include_drafts=include_drafts) if topic_id in a.topics]
            self._lists[key] = tuple(sorted(found, key=lambda a: a.title.casefold()))
        return self._lists[key]

    def reviewed_by(
        self, reviewer_id: str, *, include_drafts: bool, signed: Callable[[Article], bool] = lambda _: True
    ) -> tuple[Article, ...]:
        """Articles a reviewer reviewed (of those, only what ``signed`` says they signed), alphabetical by title."""
        key = ("reviewer", reviewer_id, include_drafts, signed)
        if key not in self._lists:
            found = [a for a in self.listed(include_drafts=include_drafts) if a.reviewer == reviewer_id and signed(a)]
            self._lists[key] = tuple(sorted(found, key=lambda a: a.title.casefold()))
        return self._lists[key]

    def recently_reviewed(
        self, count: int, *, include_drafts: bool, signed: Callable[[Article], bool] = lambda _: True
    ) -> tuple[Article, ...]:
        """The ``count`` most recently reviewed articles (of those ``signed`` says were signed), newest first."""
        found = sorted(
            (a for a in self.listed(include_drafts=include_drafts) if signed(a)),
            key=lambda a: (a.reviewed, a.title.casefold()),
            reverse=True,
        )
        return tuple(found[:count])
