"""``psychoed check``: every finding about the content, for editors and CI.

The steps, in order: load the settings (and this site's rule levels), load all
of ``content/`` (the loader's problems), run every article check
(:data:`psychoed.checks.ARTICLE_CHECKS`) on the articles asked for, check the
other Markdown (bios, topic descriptions, ``docs/`` pages) for unsafe markup, and check
the links of the built site whenever the site can be built. Then the
allowances in the text are applied, and last this site's levels. Given paths,
it reports only on those files, while references still resolve against all
of ``content/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from psychoed.checks import ARTICLE_CHECKS, TRANSLATION_CHECKS, WITHDRAWN_CHECKS, ArticleContext, run_checks
from psychoed.checks.allowances import Granted, apply_allowances
from psychoed.checks.catalog import catalog
from psychoed.checks.disclosures import disclosure_problems
from psychoed.checks.glossary import definition_problems
from psychoed.checks.links import NOT_CHECKED, check_site_links
from psychoed.checks.placeholder import sample_marks
from psychoed.checks.security import site_findings
from psychoed.checks.text_links import incoming_link_problems, text_link_problems
from psychoed.content.crisis import stale
from psychoed.content.model import REVIEWERS_FOLDER, Article
from psychoed.errors import SourceError
from psychoed.findings import Problem, Severity, sort_problems
from psychoed.pages.rendered import RenderedPages, UnrenderableError, markdown_setup
from psychoed.pages.site_map import SiteLayout, SiteMap, list_docs_pages
from psychoed.settings.model import Settings
from psychoed.site import Site, refusing
from psychoed.source.text import read_text
from psychoed.writing.formulas import formula_for
from psychoed.writing.readability import ArticleReading


@dataclass(frozen=True)
class ArticleResult:
    """One checked article and its reading level."""

    article: Article
    reading: ArticleReading


@dataclass(frozen=True)
class CheckResult:
    """Everything ``psychoed check`` found."""

    articles: tuple[ArticleResult, ...]
    """The articles that loaded and were checked, by path."""
    files_read: int
    """Article files read, whether or not they loaded: what "N articles checked" counts."""
    findings: tuple[Problem, ...]
    """Findings in the files checked, by file and line, at this site's severities."""
    allowed: tuple[Granted, ...]
    """Findings allowed by a ``<!-- psychoed: allow … -->`` comment, with its reason."""
    elsewhere: int
    """Findings in files that were not asked for (shown when checking everything)."""
    ignored: tuple[Path, ...]
    """Paths asked for that are not content, so were not checked."""
    links_checked: bool
    settings: Settings
    today: dt.date

    def count(self, severity: Severity) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 without errors (warnings and notices pass), 1 with at least one."""
        return 1 if self.count("error") else 0


def run_check(site: Site, *, links: bool = True, external: bool = False) -> CheckResult:
    """Check ``site``: every article it was opened for (:attr:`Site.selection`; all by default), then the rest of
    the site and its links."""
    settings, severities, layout, library, today = site.settings, site.severities, site.layout, site.library, site.today
    config = site.config
    selection = site.selection
    problems = list(site.problems)
    results = []
    checked = [a for a in library.everything if selection.includes(a.path)]
    # How many numbered pages a reviewer's long list runs to takes a fingerprint of each of their articles (0.6 s
    # at 10,000): worked out when the whole site is checked, or when a changed article links into those lists.
    into_lists = any(REVIEWERS_FOLDER in link.href for article in checked for link in article.parsed.links)
    site_map = site.site_map(signed_lists=selection.paths is None or into_lists)
    for article in checked:
        context = ArticleContext(article, settings, library, today, site_map)
        checks = (
            WITHDRAWN_CHECKS if article.is_withdrawn else TRANSLATION_CHECKS if article.translation else ARTICLE_CHECKS
        )
        problems.extend(run_checks(checks, article, context))
        if formula_for(context.language) == formula_for("en"):  # the summary's grades are English formulas
            results.append(ArticleResult(article, context.reading))
    if selection.paths is None:  # bios, topic descriptions, docs/ pages and crisis services: with the whole site
        problems.extend(site_findings(library, layout, settings.html_policy))
        own_words = [site.root / settings.strings_dir / f"{code}.yml" for code in settings.site_languages]
        problems.extend(sample_left(layout, site.text, [path for path in own_words if path.is_file()]))
        problems.extend(disclosure_problems(settings, config, site.document))
        problems.extend(definition_problems(library, settings))
        if library.crisis_file is not None:
            problems.extend(stale(list(library.crisis), library.crisis_file, today))
    links_checked = False
    linking_in: set[Path] = set()
    graded = severities.apply(apply_allowances(problems, checked, catalog())[0])
    # What stops the build (the loader's problems; unsafe markup, site pages and static files at error) stops
    # the link check: the build would only repeat those findings. The note goes to the first such file, never
    # to mkdocs.yml, which editors do not own.
    blocking = [*site.problems, *refusing(graded)]
    if links and selection.paths != frozenset():
        if not blocking:
            found = _link_problems(site, site_map, checked, external=external)
            # Given paths, links from other articles into the changed ones are the change's doing: shown too.
            linking_in = {p.path for p in found if not selection.includes(p.path) and p.path != config}
            problems.extend(found)
            links_checked = True
        else:
            first = min(blocking, key=lambda p: (str(p.path), p.line or 0))
            problems.append(
                NOT_CHECKED.at(
                    first.path,
                    first.line,
                    "links were not checked, because the errors in this check stop the site from being built; "
                    "fix them, and links are checked on the next run.",
                )
            )
    allowing = checked + [a for a in library.everything if a.path in linking_in]
    problems, allowed = apply_allowances(problems, allowing, catalog())
    problems = severities.apply(problems)
    shown = [p for p in problems if selection.includes(p.path) or p.path == config or _linking_in(p, linking_in)]
    files = [path for path in library.files if selection.includes(path)]
    return CheckResult(
        articles=tuple(results),
        files_read=len(files),
        findings=tuple(sort_problems(shown)),
        allowed=tuple(allowed),
        elsewhere=len(problems) - len(shown),
        ignored=selection.ignored,
        links_checked=links_checked,
        settings=settings,
        today=today,
    )


def _linking_in(problem: Problem, files: set[Path]) -> bool:
    return problem.path in files and problem.rule.id.startswith("links.")


def _link_problems(site: Site, site_map: SiteMap, checked: list[Article], *, external: bool) -> list[Problem]:
    """The broken links of the whole site, or of the articles ``checked`` when the check was given paths.

    Given paths (a pull request's changed articles), their links, and the other articles' links to a part of
    them, are followed from their text, without building the site (:mod:`psychoed.checks.text_links`);
    unless other sites' addresses are to be followed too (``--external``, the weekly run), or the site lists
    Markdown extensions only MkDocs can load: then the site is built and those articles' pages crawled.
    """
    if site.selection.paths is None:
        return check_site_links(site_map, external=external)
    setup = markdown_setup(site.document.data)
    if not external and setup is not None:
        pages = RenderedPages(site_map, setup, site.settings.html_policy)
        try:
            return [*text_link_problems(checked, pages), *incoming_link_problems(checked, site.library, pages)]
        except UnrenderableError:
            pass  # an extension MkDocs loads in its own way: build, as MkDocs would
    return check_site_links(site_map, external=external, only=checked)


def sample_left(layout: SiteLayout, settings_text: str, strings: Sequence[Path] = ()) -> list[Problem]:
    """The sample site's names and addresses left in the settings (``settings_text``, outside comments), the
    site's own words in each language (``strings``: its call to action names the clinic) and the ``docs/``
    pages."""
    found: list[Problem] = []
    found += sample_marks(_uncommented(settings_text), layout.config)
    for path in strings:
        try:
            found += sample_marks(_uncommented(read_text(path)), path)
        except SourceError:
            continue  # a settings problem, reported before the check runs
    for relative in list_docs_pages(layout.docs_dir):
        path = layout.docs_dir / relative
        try:
            found += sample_marks(read_text(path), path)
        except SourceError:
            continue  # reported by the security check of the same page
    return found


def _uncommented(yaml_text: str) -> str:
    """YAML text with its comments blanked, lines kept: the sample's names in a comment are instructions."""
    return "\n".join(line.split(" #", 1)[0] if not line.lstrip().startswith("#") else "" for line in
                     yaml_text.splitlines())  # fmt: skip
