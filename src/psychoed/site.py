"""One site: its ``mkdocs.yml`` read once, and everything that follows from it.

:meth:`Site.open` reads the settings, this site's rule levels, where its files are, and all of ``content/``
(with the loader's problems). Every command (``check``, ``validate``, ``review …``, ``reviews``,
``codeowners``, ``new``) and the MkDocs hooks start from a :class:`Site`, so each reads the site one way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from markdown_it.token import Token

from psychoed.checks.allowances import apply_allowances
from psychoed.checks.catalog import Severities, catalog, site_severities
from psychoed.checks.security import markdown_findings, security_findings
from psychoed.content.dates import today as today_
from psychoed.content.library import collect_library
from psychoed.content.load_cache import LoadCache
from psychoed.content.model import Article, Library
from psychoed.content.selection import EVERYTHING, Selection, select
from psychoed.errors import SettingsError
from psychoed.findings import Problem
from psychoed.pages.article_html import PreparedBody, prepare_body
from psychoed.pages.site_map import SiteLayout, SiteMap, read_layout
from psychoed.review.fingerprint import fingerprint
from psychoed.review.state import ReviewStatus, review_status
from psychoed.settings.load import psychoed_block, read_mkdocs_yml, settings_from_mapping
from psychoed.settings.model import Settings
from psychoed.settings.strings import Strings, site_strings
from psychoed.source.tree import tree_problems
from psychoed.source.yaml_document import YamlDocument

BUILD_REFUSES = ("security.", "yaml.", "source.")
"""Rules whose errors, besides the loader's, stop the build (the hooks refuse them before MkDocs reads a page)."""

_FROM_FILE: object = object()


@dataclass(frozen=True)
class Site:
    """A site as ``mkdocs.yml`` configures it, with its content loaded."""

    config: Path
    """The site's ``mkdocs.yml``; problems are shown relative to its folder."""
    text: str
    """``mkdocs.yml`` as written (the check looks for the sample site's names in it)."""
    document: YamlDocument
    """``mkdocs.yml`` as read, with the line of every key, for messages."""
    settings: Settings
    severities: Severities
    """This site's level for each rule (``check.rules``)."""
    layout: SiteLayout
    library: Library
    """Everything in ``content/`` that loaded, drafts included."""
    problems: tuple[Problem, ...]
    """What the loader refused in ``content/`` and ``docs/``: each stops the build."""
    today: dt.date
    include_drafts: bool
    """True in the preview (``mkdocs serve``), which shows drafts, marked."""
    selection: Selection = EVERYTHING
    """The content files a command was asked about (``psychoed check FILE…``): those read in full."""
    unsafe: Mapping[Path, list[Problem]] = field(default_factory=dict)
    """Unsafe markup in each article read in full, found from the loader's own parse as it loaded."""
    cache: LoadCache = field(default_factory=LoadCache, compare=False, repr=False)
    """The articles as loaded, for the next build of the same preview (:meth:`open`'s ``previous``)."""
    strings: Mapping[str, Strings] = field(default_factory=dict)
    """The words pages show, for each of the site's languages (:mod:`psychoed.settings.strings`)."""
    bodies: dict[Path, PreparedBody] = field(default_factory=dict, compare=False, repr=False)
    """With ``prepare_bodies``, each article's text as HTML, made from the parse that loaded it, until its page
    takes it (:meth:`~psychoed.build.Build.article_html`)."""

    @classmethod
    def open(
        cls,
        mkdocs_yml: Path,
        *,
        today: dt.date | None = None,
        include_drafts: bool = False,
        psychoed: object = _FROM_FILE,
        site_name: str | None = None,
        docs_dir: Path | None = None,
        directory_urls: bool | None = None,
        overrides_dir: Path | None = None,
        paths: Sequence[Path] = (),
        keep_tokens: bool = False,
        prepare_bodies: bool = False,
        previous: Site | None = None,
    ) -> Site:
        """Read ``mkdocs_yml`` once and load the site's content.

        The hooks pass what MkDocs already resolved: the ``extra.psychoed`` mapping (``psychoed``), the
        ``site_name``, ``docs_dir``, ``use_directory_urls`` and the theme's ``custom_dir``; commands read them
        from the file. Given ``paths`` (``psychoed check FILE…``), only the articles they name are read in
        full; the others' bodies are parsed if something asks. With ``keep_tokens`` (``psychoed check``), the
        articles read in full keep their parser tokens for the checks. With ``prepare_bodies`` (a build),
        each article's text is also rendered from the parse that loads it (:attr:`bodies`). Given the
        ``previous`` build's site (``mkdocs serve``), articles whose files have not changed are not read again.
        Raises
        :class:`~psychoed.errors.SettingsError` naming the line of every bad setting.
        """
        text, document = read_mkdocs_yml(mkdocs_yml)
        written, written_name = psychoed_block(document)
        psychoed = written if psychoed is _FROM_FILE else psychoed
        site_name = written_name if site_name is None else site_name
        settings = settings_from_mapping(psychoed, path=mkdocs_yml, site_name=site_name, document=document)
        wrong: list[Problem] = []
        strings = site_strings(settings, settings.site_languages, mkdocs_yml.parent, wrong)
        if wrong:
            raise SettingsError(wrong)
        severities = site_severities(settings, mkdocs_yml)
        layout = read_layout(mkdocs_yml, settings.content_dir, document)
        layout = replace(
            layout,
            docs_dir=layout.docs_dir if docs_dir is None else docs_dir,
            directory_urls=layout.directory_urls if directory_urls is None else directory_urls,
            overrides_dir=layout.overrides_dir if overrides_dir is None else overrides_dir,
        )
        day = today_() if today is None else today
        selection = select(paths, layout.content_dir)
        unsafe: dict[Path, list[Problem]] = {}
        policy = settings.html_policy

        bodies: dict[Path, PreparedBody] = {}

        def scan(text: str, path: Path, first_line: int, tokens: Sequence[Token]) -> list[Problem]:
            found = markdown_findings(text, path, first_line, policy, tokens=tokens)
            if prepare_bodies:
                bodies[path] = prepare_body(tokens)
            return found

        # A rebuild in the same process (`mkdocs serve`) reuses the articles that have not changed, while
        # mkdocs.yml and the day are the same: settings and dates shape how every article is read.
        cache = previous.cache if previous is not None else LoadCache()
        cache.start("site", (text, day, include_drafts))
        library, problems = collect_library(
            layout.content_dir,
            settings,
            day,
            root=mkdocs_yml.parent,
            in_full=selection.includes,
            keep_tokens=keep_tokens,
            scan=scan,
            scanned=unsafe,
            cache=cache,
        )
        problems += tree_problems(layout.docs_dir, mkdocs_yml.parent)  # MkDocs would follow and publish them
        return cls(
            mkdocs_yml,
            text,
            document,
            settings,
            severities,
            layout,
            library,
            tuple(problems),
            day,
            include_drafts,
            selection,
            unsafe,
            cache,
            strings,
            bodies,
        )

    @property
    def root(self) -> Path:
        """The site's folder: problems are shown relative to it."""
        return self.config.parent

    @cached_property
    def reviews(self) -> dict[str, ReviewStatus]:
        """Where each article's review stands today, by slug: each fingerprint is computed once."""
        due_soon = self.settings.check.due_soon_days
        return {a.key: review_status(a, self.today, due_soon) for a in self.library.everything}

    @cached_property
    def signed(self) -> frozenset[str]:
        """Keys (:attr:`~psychoed.content.model.Article.key`) of the articles and translations whose reviewer
        signed this very text: only their pages say "reviewed"."""
        return frozenset(key for key, status in self.reviews.items() if status.signed)

    def is_signed(self, article: Article) -> bool:
        """Whether ``article``'s reviewer signed its text as it stands: lists of reviewed articles show only
        these, and the reviewer's pages are counted over them. Worked out for this article alone unless every
        review is already known: a pull request's check asks about few articles, and a fingerprint of each of
        10,000 costs it 0.6 s."""
        if "reviews" in self.__dict__:  # the build computed every review (cached_property)
            return self.reviews[article.key].signed
        known: dict[str, bool] = self.__dict__.setdefault("_signed_alone", {})
        if article.key not in known:
            known[article.key] = article.fingerprint is not None and article.fingerprint == fingerprint(article)
        return known[article.key]

    def site_map(self, docs_pages: list[str] | None = None, *, signed_lists: bool = True) -> SiteMap:
        """Every page: this site's own in ``docs/`` (``docs_pages``, by default every ``.md`` file there) and
        those made from ``content/`` (drafts only in the preview). A reviewer's list is counted over the articles
        they signed, as the build makes it; with ``signed_lists`` False, over those they are named on, which
        can only differ in how many numbered pages a long list runs to, and fingerprints nothing."""
        signed = self.is_signed if signed_lists else (lambda _: True)
        return SiteMap.of(
            self.layout, self.library, include_drafts=self.include_drafts, docs_pages=docs_pages, signed=signed
        )

    def build_refusals(self) -> list[Problem]:
        """What stops the build, as ``psychoed check`` reports it: the loader's problems, and unsafe markup,
        site pages and static files at ``error`` after this site's levels and allowance comments."""
        found = security_findings(self.library, self.layout, self.settings.html_policy, scanned=self.unsafe)
        kept, _ = apply_allowances(found, self.library.everything, catalog())
        graded = self.severities.apply(kept)
        return [*self.problems, *refusing(graded)]


def refusing(findings: list[Problem]) -> list[Problem]:
    """The findings among ``findings`` (already at the site's levels) that stop the build."""
    return [p for p in findings if p.severity == "error" and p.rule.id.startswith(BUILD_REFUSES)]
