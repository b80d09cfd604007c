"""A build: what a site generator's glue (``hooks/``) asks of the engine while it makes the pages.

The glue hands over what the generator knows (the site's own pages, each page's rendered headings and HTML)
and gets back the Markdown of each generated page, what each template is given, sanitised HTML, the
Content-Security-Policy, and every problem as text. Nothing here imports MkDocs: moving to another generator
means new glue calling the same :class:`Build`.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml

try:  # libyaml's emitter: a fifth of the time of PyYAML's own, for each page's front matter
    from yaml import CSafeDumper as SafeDumper
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeDumper  # type: ignore[assignment]

from psychoed.checks.links import markdown_anchor_problems, markdown_link_problems, unresolved_link_problems
from psychoed.content.body import markdown_tokens, tip_number
from psychoed.content.docs_page import read_site_page
from psychoed.content.model import Article
from psychoed.errors import PsychoedError
from psychoed.findings import Problem, printable, shown_path
from psychoed.formats import plural, problem_lines
from psychoed.pages.article_html import ArticleHtml, finish, prepare_body
from psychoed.pages.csp import InlineHashes, UntrustedInlineError, headers_file, inline_hashes, with_policy
from psychoed.pages.feedback import answer_link, form_origin
from psychoed.pages.glossary import define_terms
from psychoed.pages.kinds import (
    A_Z_INDEX,
    BY_KIND,
    HOME,
    REVIEWERS_INDEX,
    SEARCH_PAGE,
    PageData,
    PageKind,
    SitePage,
    in_language,
    listed_in,
)  # fmt: skip
from psychoed.pages.sanitise import plain, sanitise
from psychoed.pages.site_map import SiteMap
from psychoed.search.index import INDEX_FOLDER, SearchIndex
from psychoed.search.words import page_text
from psychoed.settings.strings import Strings
from psychoed.site import Site


class Heading(Protocol):
    """A rendered heading in a page's table of contents, as the generator gives it."""

    title: str
    level: int


LISTS_OF_SIGNED = frozenset({PageKind.REVIEWER, PageKind.HOME})
"""The kinds of page whose lists show only what reviewers signed as it stands (``overrides/reviewer.html``, and
the recently reviewed in ``overrides/home.html``): a template that filters another list by signing adds its kind
here, or a preview's rebuild keeps that list as it was."""
_LISTED_FIELDS = tuple(
    item.name
    for item in fields(Article)
    if item.name not in {"body", "body_line", "read_body", "read_tokens", "field_lines"}
)
"""What a list of articles could show of one: everything the loader read but its text (:meth:`Build.lists_digest`)."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page the generator adds, made from ``content/``."""

    src_uri: str
    markdown: str
    """Front matter (title, description, template; escaped) and the text the page shows."""
    source: Path
    """The file an editor changes: an article's edit button opens it."""
    is_article: bool
    depends_on: tuple[Path, ...] = ()
    """Other files the page shows something of: a translation's source, whose new sign-off makes its page say
    the original was updated (``mkdocs serve --dirty`` rebuilds the page when one changes)."""
    lists_signed: bool = False
    """A list of what reviewers signed (:data:`LISTS_OF_SIGNED`)."""


@dataclass
class Build:
    """One build of a site (``mkdocs serve`` makes a new one on every rebuild)."""

    site: Site
    site_name: str
    site_map: SiteMap | None = None
    """Every page, by source path; known once the generator has listed the site's own pages."""
    hashes: InlineHashes = field(default_factory=InlineHashes)
    """The inline scripts and styles of every page written, for the ``_headers`` file."""
    theme: InlineHashes = field(default_factory=InlineHashes)
    """The inline scripts and styles the theme writes, learnt by rendering it without content: the only
    ones a page may carry."""
    unresolved: list[Problem] = field(default_factory=list)
    """Links and images in the articles rendered so far that name no file of the site."""
    search: SearchIndex | None = field(default_factory=SearchIndex)
    """The published articles' words, as their pages are built; None in a preview's rebuild, which keeps the
    first build's index."""

    def pages(self, own_pages: Sequence[str]) -> list[GeneratedPage]:
        """The pages made from ``content/``, given the site's own (``docs/``) pages; a
        :class:`~psychoed.errors.PsychoedError` if one of those takes a generated page's address."""
        self.site_map = site_map = self.site.site_map(list(own_pages))
        if site_map.clashes:
            clashes = ", ".join(f"docs/{clash}" for clash in site_map.clashes)
            verb = "clashes" if len(site_map.clashes) == 1 else "clash"
            raise PsychoedError(f"{clashes} {verb} with a page psychoed generates from content/; rename or remove it.")
        return [
            GeneratedPage(
                page.src_uri,
                self._markdown(page),
                page.source,
                page.kind is PageKind.ARTICLE,
                self._depends_on(page),
                page.kind in LISTS_OF_SIGNED,
            )
            for page in site_map.generated()
        ]

    def language_navigation(self, language: str) -> list[tuple[str, str | list[tuple[str, str]]]]:
        """The navigation of the pages in ``language`` (not the source language): its home, its search, its
        topics, then the home page of each other language, each named in its own language. Titles are plain
        text: the glue escapes them."""
        words = self.site.strings[language]
        topics = [(t.in_language(language).title, t.page_path_in(language)) for t in self.site.library.topics.values()]
        # Named in this language's words ("Inglés"): the switcher on each page names them in their own.
        others = [
            (_capitalised(words.names.get(code, code)), in_language(HOME, code if index else None))
            for index, code in enumerate(self.site.settings.site_languages)
            if code != language
        ]
        return [
            (words.home, in_language(HOME, language)),
            (words.search, in_language(SEARCH_PAGE, language)),
            (words.topics, topics),
            *others,
        ]

    def lists_digest(self) -> tuple[str, str]:
        """Digests of what the pages that list articles can show (topics, reviewers, A–Z, homes), known once
        :meth:`pages` has listed every page: first each article's and translation's fields but its text, the
        registries, the settings and the day; then which of them their reviewers signed as they stand, which
        only the pages of :data:`LISTS_OF_SIGNED` show.

        A preview's rebuild whose digests are the last one's keeps the list pages already written: saving an
        article's text changes none of them but a reviewer's, and rendering them all again was a third of the
        rebuild at 1,000 articles. Fields an article gains later are in the digest unless left out here by
        name."""
        site = self.site
        library = site.library
        shown = (
            site.text,
            site.today,
            site.include_drafts,
            sorted(self._site_map().pages),
            [tuple(getattr(article, name) for name in _LISTED_FIELDS) for article in library.everything],
            list(library.reviewers.values()),
            list(library.topics.values()),
            library.crisis,
            list(library.glossary.values()),
            library.testing,
        )
        signed = [article.key for article in library.everything if site.is_signed(article)]
        return _digest(shown), _digest(signed)

    def _depends_on(self, page: SitePage) -> tuple[Path, ...]:
        item = page.item
        if isinstance(item, Article) and item.translation is not None:
            return (self.site.library.article(item.translation.source).path,)
        return ()

    def navigation(self, own_pages: Iterable[str]) -> list[Any]:
        """Home, the topics, the A–Z list, the reviewers, then the site's own pages: never every article, so the
        navigation does not grow as the library grows. Titles are escaped: themes insert them as HTML."""
        words = self.site.strings[self.site.settings.source_language]
        topics = self.site.library.topics.values()
        return [
            {html.escape(words.home): HOME},
            {html.escape(words.search): SEARCH_PAGE},
            {html.escape(words.topics): [{html.escape(t.title): t.page_path} for t in topics]},
            {html.escape(words.nav_a_z): A_Z_INDEX},
            {html.escape(words.nav_reviewers): REVIEWERS_INDEX},
            *sorted(src for src in own_pages if src != HOME and not self._in_other_language(src)),
        ]

    def _in_other_language(self, src_uri: str) -> bool:
        return src_uri.split("/", 1)[0] in self.site.library.languages and "/" in src_uri

    def link_problems(self) -> str:
        """Every broken link between articles, at its line in ``content/`` ("" when there is none)."""
        site_map = self._site_map()
        broken = [p for a in self._with_text() for p in markdown_link_problems(a, site_map, self.site.library)]
        return self.describe(broken) if broken else ""

    def anchor_problems(self, anchors: dict[str, set[str]]) -> str:
        """Every link to a missing part of a rendered page (``anchors``: each page's ids), and every link or
        image of an article that names no file of the site, as text."""
        site_map = self._site_map()
        missing = [p for a in self._with_text() for p in markdown_anchor_problems(a, site_map, anchors)]
        missing += self.unresolved
        return self.describe(missing) if missing else ""

    def _with_text(self) -> list[Article]:
        """The articles and translations whose pages show their text: not withdrawn ones, which show only why."""
        site = self.site
        shown = [a for a in site.library.visible(include_drafts=site.include_drafts) if not a.is_withdrawn]
        return shown + [t for t in site.library.translations if site.include_drafts or not t.is_draft]

    def template_globals(self, page_url: Callable[[str], str]) -> dict[str, Any]:
        """What every template sees as ``psychoed``."""
        site = self.site
        return {
            "settings": site.settings,
            "library": site.library,
            "include_drafts": site.include_drafts,
            "today": site.today,
            "crisis": site.library.crisis,
            "page_url": page_url,
            "is_signed": site.is_signed,  # lists of reviewed articles: signed only
            "feedback_link": partial(answer_link, site.settings.feedback) if site.settings.feedback else None,
            "feedback_host": urlsplit(form_origin(site.settings.feedback) or "").hostname,
            # Pages kept at their address but left out of the sitemap: withdrawn articles.
            "unlisted": frozenset(a.page_path for a in site.library.articles if a.is_withdrawn),
            "words": self.words,
            "alternates": lambda src_uri: [
                {"language": code, "src": other}
                for code, other in self._site_map().alternates(src_uri, site.settings.site_languages).items()
            ],
            "in_language": lambda articles, language: listed_in(
                site.library, articles, language, drafts=site.include_drafts, by_title=False
            ),
            "strings": site.strings,
            "source_language": site.settings.source_language,
        }

    def words(self, src_uri: str | None) -> Strings:
        """The words of the page ``src_uri``'s language (the source language's for a page psychoed does not
        know, such as the 404 page)."""
        language = self.site_map.language_of(src_uri) if self.site_map is not None and src_uri else None
        return self.site.strings[language or self.site.settings.source_language]

    def language_of(self, src_uri: str) -> str:
        """The language of the page ``src_uri``: its own, or the site's source language."""
        return self._site_map().language_of(src_uri) or self.site.settings.source_language

    def context(
        self, src_uri: str, canonical_url: str | None, page_url: Callable[[str], str] | None = None
    ) -> dict[str, Any]:
        """What a page's template is given beyond the generator's own context: for every page, its language
        and the same page in the site's other languages (``page_url``: a page's address from the site's top);
        for a generated page, what its kind gives."""
        site = self.site
        site_map = self._site_map()
        languages = site.settings.site_languages
        alternates = site_map.alternates(src_uri, languages)
        urls = {code: self._absolute(src_uri, other, canonical_url, page_url) for code, other in alternates.items()}
        language = self.language_of(src_uri)
        found: dict[str, Any] = {
            "page_language": language,
            "page_alternates": [
                {
                    "language": code,
                    "name": site.strings[code].language_name,
                    "src": other,
                    "current": other == src_uri,
                }
                for code, other in alternates.items()
            ],
        }
        page = site_map.pages.get(src_uri)
        spec = BY_KIND.get(page.kind) if page is not None else None
        if page is None or spec is None or not page.generated:
            return found
        data = PageData(
            site.library, site.today, site.include_drafts, site.reviews, canonical_url, site.settings.disclosures,
            site.settings.source_language, urls,
        )  # fmt: skip
        return found | spec.context(page, data)

    @staticmethod
    def _absolute(src_uri: str, other: str, canonical_url: str | None, page_url: Callable[[str], str] | None) -> str:
        """``other``'s address, whole when this page's is known (``hreflang`` asks for whole addresses)."""
        if page_url is None:
            return other
        own, theirs = page_url(src_uri), page_url(other)
        if canonical_url and canonical_url.endswith(own):
            return canonical_url[: len(canonical_url) - len(own)] + theirs
        return "/" + theirs.lstrip("/")

    def tips(self, src_uri: str, headings: Sequence[Heading]) -> list[Heading]:
        """An article's tips among its rendered ``headings``, for "In this article".

        Which sections are tips comes from the engine's one parse; their anchors come from the rendered
        page. Both read the same ``## N. …`` headings in the same order (the loader refuses headings the two
        would read differently); if they still disagree, the editor is told how to write them.
        """
        page = self._site_map().pages.get(src_uri)
        if page is None or not isinstance(page.item, Article):
            return []
        article = page.item
        if article.is_withdrawn:
            return []  # its text is not published
        rendered = [h for h in headings if h.level == 2 and tip_number(h.title) is not None]
        if len(rendered) != len(article.tips):
            raise PsychoedError(
                f"{self.shown(article.path)}: {len(article.tips)} tips were found in the text but {len(rendered)} "
                "on the page; write each tip as its own line `## 1. …`, outside any HTML."
            )
        return rendered

    def is_home(self, src_uri: str) -> bool:
        """Whether ``src_uri`` is a home page: a clinic's own ``docs/index.md`` lists articles too."""
        page = self._site_map().pages.get(src_uri)
        return page is not None and page.kind is PageKind.HOME

    def docs_page_meta(self, path: Path) -> dict[str, object]:
        """A ``docs/`` page's metadata as templates see it: its checked front matter, escaped (the build refused
        the page earlier if it had problems)."""
        source = read_site_page(path)
        meta: dict[str, object] = {k: html.escape(v) if isinstance(v, str) else v for k, v in source.meta.items()}
        src_uri = path.relative_to(self.site.layout.docs_dir).as_posix()
        language = self._site_map().language_of(src_uri)
        if language:
            meta["language"] = language
        return meta

    def sanitise(self, rendered: str, src_uri: str | None = None) -> str:
        """What Markdown rendered, with the allowlist the check reports against: nothing unsafe is published
        even with a rule set to ``off``. On an article's page (``src_uri``), each glossary term's first use
        is then defined where the reader meets it."""
        clean = sanitise(rendered, self.site.settings.html_policy)
        page = self._site_map().pages.get(src_uri) if src_uri is not None else None
        if page is None or page.kind is not PageKind.ARTICLE or not self.site.library.glossary or page.language:
            return clean  # the glossary is in the source language
        return define_terms(clean, self.site.library.glossary.values())

    @staticmethod
    def plain(text: str) -> str:
        return plain(text)

    def learn_theme(self, rendered: Iterable[str]) -> None:
        """Learn the inline scripts and styles the theme writes, from pages rendered without content."""
        found = InlineHashes()
        for page in rendered:
            found.update(inline_hashes(page))
        self.theme = found

    def with_policy(self, page: str, source: str) -> str:
        """``page`` with its Content-Security-Policy first in ``<head>``; a
        :class:`~psychoed.errors.PsychoedError` naming ``source`` if it carries inline code the theme does not
        write."""
        try:
            page_with_policy, hashes = with_policy(page, self.theme, form_action=self._form_action)
        except UntrustedInlineError as error:
            raise PsychoedError(
                f"{self.shown(Path(source))}: the page carries {' and '.join(error.kinds)} that the theme does not "
                "write, so it is not published; remove the markup from the page or its front matter."
            ) from None
        self.hashes.update(hashes)
        return page_with_policy

    def article_html(self, src_uri: str, url_of: Callable[[str], str | None]) -> ArticleHtml | None:
        """The text of article page ``src_uri`` as HTML, from the parser the checks read it with (the glue
        gives the generator's own renderer nothing to render for it); None for any other page. ``url_of``
        gives the address of a page or file by its source path, as the generator writes it."""
        page = self._site_map().pages.get(src_uri)
        if page is None or page.kind is not PageKind.ARTICLE:
            return None
        text = BY_KIND[page.kind].text(page)
        # The body as the loader parsed it, once; parsed here only if it was not (a preview's unchanged article).
        prepared = self.site.bodies.pop(page.source, None) if text else None
        rendered = finish(prepared or prepare_body(markdown_tokens(text)), url_of, src_uri)
        if rendered.unresolved and isinstance(page.item, Article):
            self.unresolved += unresolved_link_problems(page.item, rendered.unresolved)
        return rendered

    def index_page(self, src_uri: str, url: str, content: str) -> None:
        """Add page ``src_uri``, at ``url`` from the site's root, to the search index if it is a published
        article (not a draft, not withdrawn): ``content`` is its finished HTML, as the reader gets it."""
        page = self._site_map().pages.get(src_uri)
        if self.search is None or page is None or page.kind is not PageKind.ARTICLE:
            return
        article = page.item
        if not isinstance(article, Article) or article.is_draft or article.is_withdrawn:
            return
        self.search.add(self.language_of(src_uri), url, article.title, page_text(content))

    def index_search(self, site_dir: Path) -> None:
        """Write the search index into ``site_dir``'s :data:`INDEX_FOLDER`: one index per language the site
        publishes in, each holding the published articles in it (:meth:`index_page`)."""
        if self.search is not None:
            self.search.write(site_dir / INDEX_FOLDER, list(self.site.settings.site_languages))

    def headers(self) -> str:
        """The ``_headers`` file: the policy of every page as HTTP headers, for hosts that read it."""
        return headers_file(self.hashes, form_action=self._form_action)

    @property
    def _form_action(self) -> str | None:
        return form_origin(self.site.settings.feedback)

    def shown(self, path: Path) -> str:
        return shown_path(path, self.site.root)

    def describe(self, problems: Sequence[Problem]) -> str:
        """Every problem in the one form ``check`` prints too (paths from the site's folder), which editors'
        tools and CI annotations understand."""
        return problem_lines(list(problems), self.site.root, "human").rstrip("\n")

    def _site_map(self) -> SiteMap:
        if self.site_map is None:
            raise PsychoedError("psychoed: the pages were asked for before the site's own pages were listed")
        return self.site_map

    def _markdown(self, page: SitePage) -> str:
        spec = BY_KIND[page.kind]
        words = self.site.strings[page.language or self.site.settings.source_language]
        meta = {"title": spec.title(page, self.site_name, words), "description": spec.description(page, words),
                "template": spec.template, "language": page.language}  # fmt: skip
        # Titles and descriptions are HTML-escaped: MkDocs and Material treat them as HTML and insert them as is.
        values = tuple((key, html.escape(value)) for key, value in meta.items() if value is not None)
        return _front_matter(values) + spec.text(page)


@lru_cache(maxsize=1 << 15)
def _front_matter(values: tuple[tuple[str, str], ...]) -> str:
    """A generated page's front matter: the same for most pages from one build to the next, so a preview's
    rebuild (``mkdocs serve``) writes each once; YAML's writer was a tenth of a rebuild at 1,000 articles."""
    return "---\n" + yaml.dump(dict(values), Dumper=SafeDumper, allow_unicode=True, sort_keys=False) + "---\n"


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def problem_report(problems: Sequence[Problem], root: Path) -> tuple[str, list[dict[str, str]]]:
    """Problems that stop a build: as the log shows them, and as the preview's error page lists them."""
    text = f"psychoed found {plural(len(problems), 'problem')}:\n" + problem_lines(list(problems), root, "human")
    rows = []
    for problem in problems:
        shown = problem.relative_to(root)
        rows.append({"location": printable(shown.location()), "severity": shown.severity, "rule": shown.rule.id,
                     "message": printable(shown.message)})  # fmt: skip
    return text, rows


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()
