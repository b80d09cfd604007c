"""MkDocs glue for psychoed: content in ``content/`` becomes pages of the site.

The engine (``psychoed``) loads and validates the content; these hooks only
hand its objects to MkDocs and to the templates in ``overrides/``. Moving off
MkDocs means rewriting this file and the templates, nothing else.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

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
from psychoed.checks.allowances import apply_allowances
from psychoed.checks.catalog import catalog, site_severities
from psychoed.checks.links import markdown_anchor_problems, markdown_link_problems
from psychoed.checks.run import BUILD_REFUSES
from psychoed.checks.security import security_findings
from psychoed.cli.formats import plural, problem_lines
from psychoed.content.body import tip_number
from psychoed.content.dates import format_date, today
from psychoed.content.docs_page import read_site_page
from psychoed.findings import Problem, printable, shown_path
from psychoed.pages.csp import InlineHashes, UntrustedInlineError, headers_file, inline_hashes, with_policy
from psychoed.pages.sanitise import plain, sanitise
from psychoed.pages.site_map import HOME, REVIEWERS_INDEX, PageKind, SiteLayout, SiteMap, SitePage
from psychoed.pages.structured_data import medical_web_page
from psychoed.review.fingerprint import is_signed
from psychoed.settings.load import settings_lines
from psychoed.source.tree import tree_problems

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

# Not get_plugin_logger: it puts "psychoed: " before each message, and the GitHub problem matcher
# reads lines that start with the path. Warnings under mkdocs.plugins fail `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.psychoed")

_TEMPLATES = {
    PageKind.ARTICLE: "article.html",
    PageKind.TOPIC: "topic.html",
    PageKind.REVIEWER: "reviewer.html",
    PageKind.REVIEWERS: "reviewers.html",
    PageKind.HOME: "home.html",
}


@dataclass
class _Build:
    """What one build knows. ``mkdocs serve`` keeps this module loaded between
    rebuilds, so it is made anew in ``on_config`` every time."""

    settings: Settings
    library: Library
    include_drafts: bool
    today: dt.date
    config: Path
    """The site's mkdocs.yml, as MkDocs was given it."""
    site: SiteMap | None = None
    """Every page, by source path; known from ``on_files``."""
    hashes: InlineHashes = field(default_factory=InlineHashes)
    """The inline scripts and styles of every page written, for the ``_headers`` file."""
    theme: InlineHashes = field(default_factory=InlineHashes)
    """The inline scripts and styles the theme writes, learnt by rendering it without content: the only
    ones a page may carry."""
    nav: Navigation | None = None
    signed: frozenset[str] = frozenset()
    """Slugs of the articles whose reviewer signed this very text: only their pages say "reviewed"."""

    @property
    def root(self) -> Path:
        """The site's folder: problems are shown relative to it."""
        return self.config.parent


class _ArticleLinkFilter(logging.Filter):
    """Drops MkDocs' own warnings about links in articles (a missing page, a missing anchor):
    psychoed reports each one itself, at the line in content/ with a suggestion, and MkDocs
    can only name the generated page."""

    _WARNING = re.compile(
        r"^Doc file 'articles/[^']+' contains a link "
        r"(?:'[^']*\.md(?:#[^']*)?', but the target"  # a missing page: markdown_link_problems
        r"|'[^']*#[^']*', but (?:the doc '[^']+' does not contain an anchor|there is no such anchor))"  # anchors
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._WARNING.match(record.getMessage())


_command = "build"
_build: _Build | None = None
_preview_problems: list[dict[str, str]] | None = None
"""While ``mkdocs serve`` cannot build the content: each problem, as the preview's error page shows it."""
_link_filter = _ArticleLinkFilter()


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is a preview: ``mkdocs serve`` shows drafts, marked."""
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Read the settings and load all content; any problem stops the build, all listed."""
    global _build, _preview_problems
    _build, _preview_problems = None, None
    logging.getLogger("mkdocs.structure.pages").addFilter(_link_filter)  # adding it twice keeps one
    config_file = Path(config.config_file_path or "mkdocs.yml")
    try:
        settings = settings_from_mapping(
            config.extra.get("psychoed"),
            path=config_file,
            site_name=config.site_name,
            document=settings_lines(config_file),
        )
        site_severities(settings, config_file)  # a misspelt rule id fails the build as it fails the check
        build_date = today()
        library = load_library(config_file.parent / settings.content_dir, settings, build_date, root=config_file.parent)
        outside = tree_problems(Path(config.docs_dir), config_file.parent)  # MkDocs would follow and publish them
        if outside:
            raise ContentError(outside)
        custom_dir = config.theme.custom_dir
        _refuse_unsafe_markup(library, settings, config_file, Path(config.docs_dir), custom_dir)
    except (SettingsError, ContentError) as error:
        if _command != "serve":
            raise PluginError(_problem_list(error, config_file.parent)) from None
        # The preview does not hang: it answers every address with the problems, and reloads when fixed.
        log.error(_problem_list(error, config_file.parent))
        _preview_problems = [_shown(problem, config_file.parent) for problem in error.problems]
        config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
        return None
    signed = frozenset(a.slug for a in library.articles if is_signed(a))  # each fingerprint computed once
    _build = _Build(settings, library, _command == "serve", build_date, config_file, signed=signed)
    return None


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add a page per article, topic and reviewer, and the navigation by topic; report every
    broken link between articles at its line in content/."""
    if _preview_problems is not None:
        return Files([f for f in files if not f.is_documentation_page()])
    build = _current()
    own_pages = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    layout = SiteLayout(
        config=build.config,
        docs_dir=Path(config.docs_dir),
        content_dir=build.root / build.settings.content_dir,
        directory_urls=config.use_directory_urls,
    )
    build.site = SiteMap.of(layout, build.library, include_drafts=build.include_drafts, docs_pages=own_pages)
    if build.site.clashes:
        clashes = ", ".join(f"docs/{clash}" for clash in build.site.clashes)
        verb = "clashes" if len(build.site.clashes) == 1 else "clash"
        raise PluginError(f"{clashes} {verb} with a page psychoed generates from content/; rename or remove it.")
    for page in build.site.generated():
        # Articles and reviewers are reached through topic and reviewer lists, never
        # the navigation: NOT_IN_NAV keeps MkDocs from listing each one as omitted.
        file = File.generated(
            config, page.src_uri, content=_source(page, config.site_name), inclusion=InclusionLevel.NOT_IN_NAV
        )
        if page.kind is PageKind.ARTICLE:
            # The edit button opens the real source in content/, not a generated file.
            file.edit_uri = Path(os.path.relpath(page.source, config.docs_dir)).as_posix()
        files.append(file)
    for article in build.library.visible(include_drafts=build.include_drafts):
        broken = list(markdown_link_problems(article, build.site, build.library))
        if broken:
            # A warning, so `mkdocs build --strict` (make site) fails, while the link
            # check's own build goes on to find every other broken link.
            log.warning(problem_lines(broken, build.root, "human").rstrip("\n"))

    if not config.nav:
        config.nav = _navigation(build.library, own_pages)
    return files


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    """Keep the navigation, to render the theme without content in ``on_env``."""
    if _preview_problems is None:
        _current().nav = nav


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """A site page's metadata, as the templates see it, is its checked front matter, escaped: never what
    MkDocs parsed itself (which reads unfenced ``key: value`` lines too)."""
    if page.file.generated_by is None and page.file.abs_src_path is not None:
        source = read_site_page(Path(page.file.abs_src_path))  # refused in on_config if it had problems
        page.meta = {k: html.escape(v) if isinstance(v, str) else v for k, v in source.meta.items()}
    return None


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give every template (404 included) the settings, the content and two helpers; and, now that
    every page is rendered, report each link from an article to a missing part of a page."""
    if _preview_problems is not None:
        return env
    build = _current()
    _report_missing_anchors(build, files)

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
        "crisis": build.library.crisis,
        "page_url": page_url,
        "is_signed": lambda article: article.slug in build.signed,  # lists of reviewed articles: signed only
    }
    env.filters["psychoed_date"] = lambda value: format_date(value, build.settings)
    build.theme = _theme_hashes(env, config, files, build.nav)
    return env


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Sanitise what Markdown rendered, with the allowlist the check reports against: nothing unsafe is
    published even with a rule set to ``off``. Headings' table-of-contents titles become plain text."""
    build = _current()
    for item in _flatten(page.toc):
        item.title = plain(item.title)
    # Material's `<title>` strips tags, which decodes `&lt;` back into markup: the title is plain text,
    # escaped, and overrides/main.html escapes it again after stripping.
    page.title = plain(page.title or "")
    return sanitise(html, build.settings.html_policy)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Put the Content-Security-Policy, with this page's inline hashes, first in its ``<head>``."""
    return _with_policy(output, page.file.abs_src_path or page.file.src_uri)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The same policy on pages rendered from a template alone (``404.html``)."""
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write ``_headers``: the policy of every page as HTTP headers, for hosts that read the file. A preview
    that cannot build writes its error page as the home page and as the page for every other address."""
    if _preview_problems is not None:
        page = config.theme.get_env().get_template("preview-error.html").render(problems=_preview_problems)
        for name in ("index.html", "404.html"):
            Path(config.site_dir, name).write_text(page, encoding="utf-8")
        return
    Path(config.site_dir, "_headers").write_text(headers_file(_current().hashes), encoding="utf-8")


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """The preview answers a missing address with ``404.html`` (the error page, while there are errors) with
    MkDocs' reload script in it, as its other pages have, so the browser reloads once the content is fixed."""
    answer = server.error_handler

    def error_page(code: int) -> bytes | None:
        content = answer(code)
        inject = getattr(server, "_inject_js_into_html", None)  # MkDocs' own, which it gives every page it serves
        if content is None or inject is None:
            return content
        return bytes(inject(content, server._visible_epoch))

    server.error_handler = error_page
    return server


def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Add the article (with its reviewer, topics, tips and JSON-LD) to an article page's context."""
    build = _current()
    library = build.library
    shown = build.site.pages.get(page.file.src_uri) if build.site is not None else None
    item = shown.item if shown is not None else None
    if isinstance(item, Article):
        reviewer = library.reviewers[item.reviewer]
        topics = [library.topics[t] for t in item.topics]
        context["article"] = item
        context["article_reviewer"] = reviewer
        context["article_topics"] = topics
        context["article_overdue"] = item.is_overdue(build.today)
        context["article_tips"] = _tips(item, page)
        context["article_related"] = [library.article(slug) for slug in item.related]
        context["article_signed"] = signed = item.slug in build.signed
        context["article_jsonld"] = medical_web_page(item, reviewer, topics, page.canonical_url, signed=signed)
    elif isinstance(item, Topic):
        context["topic"] = item
    elif isinstance(item, Reviewer):
        context["reviewer"] = item
    return context


# Helper functions


def _current() -> _Build:
    if _build is None:  # only if MkDocs skipped on_config, which it never does
        raise PluginError("psychoed: the content was not loaded")
    return _build


def _report_missing_anchors(build: _Build, files: Files) -> None:
    """Links such as ``other.md#part`` whose part is not on the rendered page, at their line in content/,
    in the form ``psychoed check`` prints (MkDocs' own warning names only the generated page)."""
    if build.site is None:
        return
    anchors = {f.src_uri: f.page.present_anchor_ids or set() for f in files.documentation_pages() if f.page}
    for article in build.library.visible(include_drafts=build.include_drafts):
        missing = list(markdown_anchor_problems(article, build.site, anchors))
        if missing:
            log.warning(problem_lines(missing, build.root, "human").rstrip("\n"))


def _with_policy(html_page: str, source: str) -> str:
    build = _current()
    try:
        page_with_policy, hashes = with_policy(html_page, build.theme)
    except UntrustedInlineError as error:
        raise PluginError(
            f"{shown_path(Path(source), build.root)}: the page carries {' and '.join(error.kinds)} that the theme "
            "does not write, so it is not published; remove the markup from the page or its front matter."
        ) from None
    build.hashes.update(hashes)
    return page_with_policy


def _theme_hashes(env: Environment, config: MkDocsConfig, files: Files, nav: Navigation | None) -> InlineHashes:
    """The inline scripts and styles the theme writes, whatever the page: the 404 template rendered
    without content at every depth a page has (Material's scripts name the way back to the site's top)."""
    if nav is None:
        raise PluginError("psychoed: the navigation was not built")
    template = env.get_template("404.html")
    bases = {get_relative_url(".", f.url) for f in files.documentation_pages()}
    bases.add(urlsplit(config.site_url or "/").path)  # the 404 page's own
    found = InlineHashes()
    for base_url in sorted(bases):
        found.update(inline_hashes(template.render(get_context(nav, files, config, base_url=base_url))))
    return found


def _refuse_unsafe_markup(
    library: Library, settings: Settings, config_file: Path, docs_dir: Path, custom_dir: str | None
) -> None:
    """Stop the build on unsafe markup the site has not allowed, as ``psychoed check`` would report it
    (this site's rule levels and allowance comments apply), and on any site page or static file that
    cannot be published, before MkDocs reads them; the sanitiser then removes what remains."""
    overrides = Path(custom_dir) if custom_dir else None
    layout = SiteLayout(config_file, docs_dir, config_file.parent / settings.content_dir, overrides_dir=overrides)
    found = security_findings(library, layout, settings.html_policy)
    kept, _ = apply_allowances(found, library.articles, catalog())
    errors = [p for p in site_severities(settings, config_file).apply(kept) if p.severity == "error"]
    # Not the allowances' own findings; a site page's YAML and file problems (yaml.*, source.*) count.
    errors = [p for p in errors if p.rule.id.startswith(BUILD_REFUSES)]
    if errors:
        raise ContentError(errors)


def _shown(problem: Problem, root: Path) -> dict[str, str]:
    shown = problem.relative_to(root)
    return {"location": printable(shown.location()), "severity": shown.severity, "rule": shown.rule.id,
            "message": printable(shown.message)}  # fmt: skip


def _problem_list(error: SettingsError | ContentError, root: Path) -> str:
    """Every problem in the one form ``check`` prints too (paths from the site's folder), which
    editors' tools and CI annotations understand."""
    return f"psychoed found {plural(len(error.problems), 'problem')}:\n" + problem_lines(error.problems, root, "human")


def _source(page: SitePage, site_name: str) -> str:
    """The Markdown MkDocs renders for a generated page: front matter, then the text it shows."""
    item = page.item
    template = _TEMPLATES[page.kind]
    if isinstance(item, Article):
        return _front_matter(title=item.title, description=item.description, template=template) + item.body
    if isinstance(item, Topic):
        return _front_matter(title=item.title, description=item.description, template=template) + (
            item.description or ""
        )
    if isinstance(item, Reviewer):
        return _front_matter(title=item.display_name, template=template) + (item.bio or "")
    if page.kind is PageKind.REVIEWERS:
        return _front_matter(title="Our clinical reviewers", template=template)
    return _front_matter(title=site_name, template=template)


def _tips(article: Article, page: Page) -> list[Any]:
    """The table-of-contents entries (title and anchor) of the article's tips, for "In this article".

    Which sections are tips comes from the engine's one parse; their anchors
    come from the page MkDocs rendered. Both read the same ``## N. …`` headings
    in the same order (the loader refuses headings the two would read
    differently); if they still disagree, the editor is told how to write them.
    """
    rendered = [item for item in _flatten(page.toc) if item.level == 2 and tip_number(item.title) is not None]
    if len(rendered) != len(article.tips):
        raise PluginError(
            f"{shown_path(article.path, _current().root)}: {len(article.tips)} tips were found in the text "
            f"but {len(rendered)} on the page; "
            "write each tip as its own line `## 1. …`, outside any HTML."
        )
    return rendered


def _flatten(items: Any) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        found.extend(_flatten(item.children))
    return found


def _front_matter(**meta: str | None) -> str:
    """YAML front matter for a generated page (MkDocs reads title, description, template).

    Titles and descriptions are HTML-escaped: MkDocs and Material treat them as
    HTML (as they do titles taken from headings) and insert them unescaped.
    """
    values = {key: html.escape(value) for key, value in meta.items() if value is not None}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n"


def _navigation(library: Library, own_pages: list[str]) -> list[Any]:
    """Home, the topics, the reviewers, then the site's own pages: never every article,
    so the navigation does not grow as the library grows."""
    return [
        {"Home": HOME},
        # MkDocs and Material insert navigation titles as HTML: escaped here, like every title.
        {"Topics": [{html.escape(topic.title): topic.page_path} for topic in library.topics.values()]},
        {"Our reviewers": REVIEWERS_INDEX},
        *sorted(src for src in own_pages if src != HOME),
    ]
