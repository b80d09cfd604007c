"""``psychoed check``: every finding about the content, for editors and CI.

It runs the loader's validation, the review-timing checks, the reading-level
gate and (unless turned off) the link check, and returns one result that the
command line prints in the form asked for. Given paths, it reports only on those
files, while references still resolve against all of ``content/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, PsychoedError, sort_problems
from .library import REVIEWERS_FILE, TOPICS_FILE, collect_library
from .link_checks import SiteSources, check_links
from .model import Article
from .reading_checks import ArticleReading, check_reading
from .review_checks import check_review
from .settings import Settings, load_settings, settings_lines


class CheckUsageError(PsychoedError):
    """The check cannot run as asked (a path that does not exist); the message says what to do."""


@dataclass(frozen=True)
class ArticleResult:
    """One checked article and its reading level."""

    article: Article
    reading: ArticleReading


@dataclass(frozen=True)
class CheckResult:
    """Everything ``psychoed check`` found."""

    articles: tuple[ArticleResult, ...]
    """The articles checked, by path."""
    findings: tuple[Problem, ...]
    """Findings in the files checked, by file and line."""
    elsewhere: int
    """Findings in files that were not asked for (shown when checking everything)."""
    ignored: tuple[Path, ...]
    """Paths asked for that are not content, so were not checked."""
    links_checked: bool
    settings: Settings
    today: dt.date

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 without errors (warnings and notices pass), 1 with at least one."""
        return 1 if self.count("error") else 0


def run_check(
    config: Path,
    paths: Sequence[Path] = (),
    *,
    links: bool = True,
    external: bool = False,
    today: dt.date,
) -> CheckResult:
    """Check the site configured by ``config`` (its ``mkdocs.yml``).

    Raises :class:`~psychoed.errors.SettingsError` for bad settings and
    :class:`CheckUsageError` for a path that does not exist.
    """
    settings = load_settings(config)
    project = config.parent
    content_dir = project / settings.content_dir
    selected, ignored = _select(paths, content_dir)
    library, problems = collect_library(content_dir, settings, today)
    results = []
    for article in library.articles:
        if selected is not None and not _is_selected(article.path, selected):
            continue
        problems.extend(check_review(article, library, settings.check, today))
        results.append(ArticleResult(article, check_reading(article, settings.check, problems)))
    links_checked = False
    if links and selected != set():
        if any(p.severity == "error" for p in problems):
            problems.append(
                Problem(
                    config,
                    None,
                    "links.not-checked",
                    "links were not checked, because the site cannot be built until the errors in content/ are fixed.",
                    severity="warning",
                )
            )
        else:
            sources = SiteSources(config, project / _docs_dir(config), content_dir, library)
            only = None if selected is None else [item.article for item in results]
            problems.extend(check_links(sources, external=external, only=only))
            links_checked = True
    shown = [p for p in problems if selected is None or _is_selected(p.path, selected) or p.path == config]
    return CheckResult(
        articles=tuple(results),
        findings=tuple(sort_problems(shown)),
        elsewhere=len(problems) - len(shown),
        ignored=tuple(ignored),
        links_checked=links_checked,
        settings=settings,
        today=today,
    )


def _select(paths: Sequence[Path], content_dir: Path) -> tuple[set[Path] | None, list[Path]]:
    """The content files and folders asked for (None: everything), and the paths that are not content.

    Naming ``reviewers.yml`` or ``topics.yml`` selects everything.
    """
    if not paths:
        return None, []
    selected: set[Path] = set()
    ignored: list[Path] = []
    content = content_dir.resolve()
    for path in paths:
        if not path.exists():
            raise CheckUsageError(
                f"{path}: no such file or folder; pass existing files (in CI, list changed files with "
                "`git diff --name-only --diff-filter=d`)."
            )
        resolved = path.resolve()
        if resolved.parent == content and resolved.name in (REVIEWERS_FILE, TOPICS_FILE):
            # Every article names a reviewer and topics: a change to either registry
            # can break any article, so everything is checked.
            return None, ignored
        if resolved == content or content in resolved.parents:
            selected.add(resolved)
        else:
            ignored.append(path)
    return selected, ignored


def _is_selected(path: Path, selected: set[Path]) -> bool:
    resolved = path.resolve()
    return resolved in selected or any(folder in resolved.parents for folder in selected)


def _docs_dir(config: Path) -> str:
    """MkDocs' ``docs_dir`` setting (default ``docs``), read without MkDocs."""
    document = settings_lines(config)
    data = document.data if document is not None else None
    value = data.get("docs_dir") if isinstance(data, dict) else None
    return value if isinstance(value, str) else "docs"
