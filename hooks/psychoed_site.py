"""MkDocs glue for psychoed: content in ``content/`` becomes pages of the site.

The engine (``psychoed``) loads and validates the content; these hooks only
hand its objects to MkDocs and to the templates in ``overrides/``. Moving off
MkDocs means rewriting this file and the templates, nothing else.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from psychoed import (
    Article,
    ContentError,
    Library,
    Reviewer,
    Settings,
    SettingsError,
    Topic,
    load_library,
    settings_from_mapping,
)
from psychoed.body import tip_number
from psychoed.dates import format_date, today
from psychoed.settings import settings_lines
from psychoed.structured_data import medical_web_page

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

REVIEWERS_INDEX = "reviewers/index.md"
HOME = "index.md"


@dataclass(frozen=True)
class _Build:
    """What one build knows. ``mkdocs serve`` keeps this module loaded between
    rebuilds, so it is made anew in ``on_config`` every time."""

    settings: Settings
    library: Library
    include_drafts: bool
    today: dt.date
    pages: dict[str, Article | Topic | Reviewer]
    """What each generated page (by source path) shows."""


_command = "build"
_build: _Build | None = None


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is a preview: ``mkdocs serve`` shows drafts, marked."""
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Read the settings and load all content; any problem stops the build, all listed."""
    global _build
    _build = None
    config_file = Path(config.config_file_path or "mkdocs.yml")
    try:
        settings = settings_from_mapping(
            config.extra.get("psychoed"),
            path=config_file,
            site_name=config.site_name,
            document=settings_lines(config_file),
        )
        build_date = today()
        library = load_library(config_file.parent / settings.content_dir, settings, build_date)
    except (SettingsError, ContentError) as error:
        raise PluginError(_problem_list(error, config_file.parent)) from None
    pages: dict[str, Article | Topic | Reviewer] = {a.page_path: a for a in library.articles}
    pages.update({t.page_path: t for t in library.topics.values()})
    pages.update({r.page_path: r for r in library.reviewers.values()})
    _build = _Build(settings, library, include_drafts=_command == "serve", today=build_date, pages=pages)
    return None


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add a page per article, topic and reviewer, and the navigation by topic."""
    build = _current()
    library = build.library
    generated: list[tuple[str, str, str | None]] = []  # (page, Markdown, real source or None)
    for article in library.visible(include_drafts=build.include_drafts):
        source = _front_matter(title=article.title, description=article.description, template="article.html")
        generated.append((article.page_path, source + article.body, str(article.path)))
    for topic in library.topics.values():
        source = _front_matter(title=topic.title, description=topic.description, template="topic.html")
        generated.append((topic.page_path, source + (topic.description or ""), None))
    for reviewer in library.reviewers.values():
        source = _front_matter(title=reviewer.display_name, template="reviewer.html")
        generated.append((reviewer.page_path, source + (reviewer.bio or ""), None))
    generated.append((REVIEWERS_INDEX, _front_matter(title="Our clinical reviewers", template="reviewers.html"), None))
    if files.get_file_from_path(HOME) is None:
        # A clinic that has not written docs/index.md still gets a working home page.
        generated.append((HOME, _front_matter(title=config.site_name, template="home.html"), None))

    for src_uri, content, real_source in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} clashes with a page psychoed generates from content/; rename or remove it."
            )
        # Articles and reviewers are reached through topic and reviewer lists, never
        # the navigation: NOT_IN_NAV keeps MkDocs from listing each one as omitted.
        file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        if real_source is not None:
            # The edit button opens the real source in content/, not a generated file.
            file.edit_uri = Path(os.path.relpath(real_source, config.docs_dir)).as_posix()
        files.append(file)

    if not config.nav:
        config.nav = _navigation(library, files)
    return files


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give every template (404 included) the settings, the content and two helpers."""
    build = _current()

    def page_url(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"psychoed: no page for {src_uri}")
        return file.url

    env.globals["psychoed"] = {
        "settings": build.settings,
        "library": build.library,
        "include_drafts": build.include_drafts,
        "today": build.today,
        "page_url": page_url,
    }
    env.filters["psychoed_date"] = lambda value: format_date(value, build.settings)
    return env


def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Add the article (with its reviewer, topics, tips and JSON-LD) to an article page's context."""
    build = _current()
    library = build.library
    shown = build.pages.get(page.file.src_uri)
    if isinstance(shown, Article):
        reviewer = library.reviewers[shown.reviewer]
        topics = [library.topics[t] for t in shown.topics]
        context["article"] = shown
        context["article_reviewer"] = reviewer
        context["article_topics"] = topics
        context["article_overdue"] = shown.is_overdue(build.today)
        context["article_tips"] = [item for item in page.toc if tip_number(item.title) is not None]
        context["article_related"] = [library.article(slug) for slug in shown.related]
        context["article_jsonld"] = medical_web_page(shown, reviewer, topics, page.canonical_url)
    elif isinstance(shown, Topic):
        context["topic"] = shown
    elif isinstance(shown, Reviewer):
        context["reviewer"] = shown
    return context


# Helper functions


def _current() -> _Build:
    if _build is None:  # only if MkDocs skipped on_config, which it never does
        raise PluginError("psychoed: the content was not loaded")
    return _build


def _problem_list(error: SettingsError | ContentError, root: Path) -> str:
    """Every problem as ``path:line: message`` (paths from the site's folder), the form
    editors' tools and CI annotations understand."""
    lines = [f"{p.relative_to(root).location()}: {p.message}" for p in error.problems]
    noun = "problem" if len(lines) == 1 else "problems"
    return f"psychoed found {len(lines)} {noun}:\n" + "\n".join(lines)


def _front_matter(**meta: str | None) -> str:
    """YAML front matter for a generated page (MkDocs reads title, description, template).

    Titles and descriptions are HTML-escaped: MkDocs and Material treat them as
    HTML (as they do titles taken from headings) and insert them unescaped.
    """
    values = {key: html.escape(value) for key, value in meta.items() if value is not None}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n"


def _navigation(library: Library, files: Files) -> list[Any]:
    """Home, the topics, the reviewers, then the site's own pages: never every article,
    so the navigation does not grow as the library grows."""
    own_pages = sorted(f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.src_uri != HOME)
    return [
        {"Home": HOME},
        {"Topics": [{topic.title: topic.page_path} for topic in library.topics.values()]},
        {"Our reviewers": REVIEWERS_INDEX},
        *own_pages,
    ]
