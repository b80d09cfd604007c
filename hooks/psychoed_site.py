"""MkDocs glue for psychoed: content in ``content/`` becomes pages of the site.

The engine (``psychoed``) loads and validates the content; these hooks only
hand its objects to MkDocs and to the templates in ``overrides/``. Moving off
MkDocs means rewriting this file and the templates, nothing else.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import material  # type: ignore[import-untyped]
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PrefixLoader, TemplateNotFound
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from psychoed.build import Build, problem_report
from psychoed.errors import ProblemsError, PsychoedError
from psychoed.pages.article_html import ArticleHtml
from psychoed.search.index import INDEX_FOLDER
from psychoed.site import Site

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

# Not get_plugin_logger: it puts "psychoed: " before each message, and the GitHub problem matcher
# reads lines that start with the path. Warnings under mkdocs.plugins fail `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.psychoed")


_articles: dict[str, ArticleHtml] = {}
"""An article's HTML, from when MkDocs hands over its Markdown until it asks for its content: one page at a
time."""
_command = "build"
_dirty = False
"""``mkdocs serve --dirty`` (``make serve``): rebuild only the pages whose source changed."""
_build: Build | None = None
"""What this build knows. ``mkdocs serve`` keeps this module loaded between rebuilds, so it is made anew in
``on_config`` every time."""
_nav: Navigation | None = None
_page_url: Callable[[str], str] | None = None
"""A page's address from the site's top, by source path (set once the pages are known, in ``on_env``)."""
_lists_digest: tuple[str, str] | None = None
"""What the list pages showed at the preview's last build (:class:`_ListFile`)."""
_preview_problems: list[dict[str, str]] | None = None
"""While ``mkdocs serve`` cannot build the content: each problem, as the preview's error page shows it."""
_menus: dict[tuple[int, str], tuple[Navigation, str]] = {}
"""The navigation as rendered for pages it does not list, by navigation and folder (``_menu_once``)."""
_parts: dict[tuple[object, ...], str] = {}
"""Parts of the theme that are the same on every page that names the same key, as rendered (``_once``)."""
_language_navs: dict[str, Navigation] = {}
"""Each other language's navigation, made once a build."""
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


class _KeptBytecode(BytecodeCache):
    """Compiled templates, kept for the next build of the same preview.

    ``mkdocs serve`` makes a new template environment for every rebuild, so each rebuild compiled the
    theme's forty-odd templates again: a quarter of a rebuild at 1,000 articles. Jinja checks the kept
    code against its template's source (a checksum), so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._kept.clear()


_bytecode = _KeptBytecode()


# Hooks


class _ContentFile(File):
    """A page made from one file in ``content/``: ``mkdocs serve --dirty`` rebuilds it only when that file
    changed (MkDocs would rebuild every generated page, 1,000 articles for one saved)."""

    source_path: str | None = None
    depends_on: tuple[str, ...] = ()
    """Other files the page shows something of (a translation's source)."""
    everything = False
    """Set while every page must be built again: mkdocs.yml changed since the preview's last build."""

    def is_modified(self) -> bool:
        if self.everything or self.source_path is None or not os.path.isfile(self.abs_dest_path):
            return True
        built = os.path.getmtime(self.abs_dest_path)
        return any(built < os.path.getmtime(path) for path in (self.source_path, *self.depends_on))


class _ListFile(File):
    """A page that lists articles (a topic, a reviewer, A–Z, a home): ``mkdocs serve --dirty`` rebuilds it only when
    something it can show changed (:meth:`psychoed.build.Build.lists_digest`), not for every saved text."""

    unchanged = False
    """Set while nothing a list shows has changed since the preview's last build..."""
    signing_unchanged = False
    """... and while the articles signed as they stand are the same."""
    lists_signed = False
    """A list of what reviewers signed, which a saved text can change."""

    def is_modified(self) -> bool:
        kept = self.unchanged and (self.signing_unchanged or not self.lists_signed)
        return not (kept and os.path.isfile(self.abs_dest_path))


class _HomeFile(_ListFile):
    """The clinic's own home page (``docs/index.md``), which lists the recently reviewed articles: rebuilt when
    its file changed, or when what it lists did."""

    lists_signed = True

    def is_modified(self) -> bool:
        return File.is_modified(self) or super().is_modified()


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is a preview (``mkdocs serve`` shows drafts, marked), and whether it rebuilds
    only what changed."""
    global _command, _dirty
    _command = command
    _dirty = dirty


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Read the settings and load all content; any problem stops the build, all listed."""
    global _build, _preview_problems, _nav, _lists_digest
    # A preview's rebuild reads again only the articles saved since the last build.
    previous = _build.site if _command == "serve" and _build is not None else None
    _build, _preview_problems, _nav = None, None, None
    _menus.clear()
    _parts.clear()
    _language_navs.clear()
    config_file = Path(config.config_file_path or "mkdocs.yml")
    custom_dir = config.theme.custom_dir
    try:
        site = Site.open(
            config_file,
            include_drafts=_command == "serve",
            psychoed=config.extra.get("psychoed"),
            site_name=config.site_name,
            docs_dir=Path(config.docs_dir),
            directory_urls=config.use_directory_urls,
            overrides_dir=Path(custom_dir) if custom_dir else None,
            prepare_bodies=True,
            previous=previous,
        )
        _ContentFile.everything = previous is not None and previous.text != site.text
        if previous is None or _ContentFile.everything:
            _bytecode.clear()  # mkdocs.yml changed: the theme's options may have too
        refused = site.build_refusals()  # as `psychoed check` reports them, before MkDocs reads a page
        if refused:
            raise ProblemsError(refused)
    except ProblemsError as error:
        text, rows = problem_report(error.problems, config_file.parent)
        if _command != "serve":
            raise PluginError(text) from None
        # The preview does not hang: it answers every address with the problems, and reloads when fixed.
        log.error(text)
        _preview_problems = rows
        _lists_digest = None  # the next build that succeeds writes every list again
        config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
        return None
    _build = Build(site, config.site_name)
    return None


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add a page per article, topic and reviewer, the lists, and the navigation by topic; report every
    broken link between articles at its line in content/."""
    if _preview_problems is not None:
        return Files([f for f in files if not f.is_documentation_page()])
    global _lists_digest
    build = _current()
    own_pages = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    generated = _glue(lambda: build.pages(own_pages))
    if _dirty and _command == "serve":
        digests = build.lists_digest()
        last = None if _ContentFile.everything else _lists_digest  # mkdocs.yml changed: every list again
        _ListFile.unchanged = last is not None and digests[0] == last[0]
        _ListFile.signing_unchanged = last is not None and digests[1] == last[1]
        _lists_digest = digests
        for own in [f for f in files.documentation_pages() if f.generated_by is None and build.is_home(f.src_uri)]:
            files.remove(own)
            home = _HomeFile(own.src_uri, own.src_dir, own.dest_dir, own.use_directory_urls, inclusion=own.inclusion)
            files.append(home)
    for page in generated:
        # Articles and reviewers are reached through topic and reviewer lists, never
        # the navigation: NOT_IN_NAV keeps MkDocs from listing each one as omitted.
        maker = _ContentFile if page.is_article else _ListFile
        file = maker.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        if isinstance(file, _ListFile):
            file.lists_signed = page.lists_signed
        if isinstance(file, _ContentFile):
            file.source_path = str(page.source)
            file.depends_on = tuple(str(path) for path in page.depends_on)
            # The edit button opens the real source in content/, not a generated file.
            file.edit_uri = Path(os.path.relpath(page.source, config.docs_dir)).as_posix()
        files.append(file)
    broken = build.link_problems()
    if broken:
        # A warning, so `mkdocs build --strict` (make site) fails, while the link
        # check's own build goes on to find every other broken link.
        log.warning(broken)
    if not config.nav:
        config.nav = build.navigation(own_pages)
    return files


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    """Keep the navigation, to render the theme without content in ``on_env``."""
    global _nav
    if _preview_problems is None:
        _nav = nav


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """A site page's metadata, as the templates see it, is its checked front matter, escaped: never what
    MkDocs parsed itself (which reads unfenced ``key: value`` lines too). An article is rendered by the engine,
    with the parser its checks read it with; Python-Markdown is given nothing to render for it."""
    if page.file.generated_by is None and page.file.abs_src_path is not None:
        page.meta = _current().docs_page_meta(Path(page.file.abs_src_path))
        return None

    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return file.url if file is not None else None

    rendered = _glue(lambda: _current().article_html(page.file.src_uri, url_of))
    if rendered is None:
        return None
    _articles[page.file.src_uri] = rendered
    return ""


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give every template (404 included) the settings, the content, each language's words and Material's
    language file; and, now that every page is rendered, report each link from an article to a missing part of
    a page."""
    if _preview_problems is not None:
        return env
    build = _current()
    if _command == "serve":
        env.bytecode_cache = _bytecode
    # A dirty rebuild renders only what changed: the others' anchors are unknown, not missing.
    rendered = [f for f in files.documentation_pages() if f.page and not (_dirty and not f.is_modified())]
    anchors = {f.src_uri: f.page.present_anchor_ids or set() for f in rendered if f.page}
    missing = build.anchor_problems(anchors)
    if missing:
        log.warning(missing)

    def page_url(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"psychoed: no page for {src_uri}")
        return file.url

    global _page_url
    _page_url = page_url
    env.globals["psychoed"] = build.template_globals(page_url)
    env.globals["psychoed_material_language"] = lambda code: _material_language(env, code)
    env.globals["psychoed_menu_once"] = _menu_once
    env.globals["psychoed_once"] = _once
    if not isinstance(env.loader, ChoiceLoader):  # Material's own templates, as material/…, for overrides to wrap
        material_loader = PrefixLoader({"material": FileSystemLoader(MATERIAL_TEMPLATES)})
        env.loader = ChoiceLoader([*([env.loader] if env.loader else []), material_loader])
    build.learn_theme(_theme_pages(env, config, files))
    return env


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Sanitise what Markdown rendered, with the allowlist the check reports against: nothing unsafe is
    published even with a rule set to ``off``. Headings' table-of-contents titles become plain text. A
    published article's text, as sanitised, goes into the search index."""
    build = _current()
    rendered = _articles.pop(page.file.src_uri, None)
    if rendered is not None:  # an article, rendered by the engine (on_page_markdown)
        html = rendered.html
        tokens: Any = [heading.token() for heading in rendered.headings]  # the shape of Python-Markdown's
        page.toc = get_toc(tokens)
        page.present_anchor_ids = set(rendered.ids)
    for item in _flatten(page.toc):
        item.title = build.plain(item.title)
    # Material's `<title>` strips tags, which decodes `&lt;` back into markup: the title is plain text,
    # escaped, and overrides/main.html escapes it again after stripping.
    page.title = build.plain(page.title or "")
    content = build.sanitise(html, page.file.src_uri)
    build.index_page(page.file.src_uri, page.url, content)
    return content


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
    build = _current()
    site_dir = Path(config.site_dir)
    if _dirty and _command == "serve" and (site_dir / INDEX_FOLDER).is_dir():
        return  # a preview's rebuild: search and _headers keep the first build's (README, "Previewing")
    if not (_dirty and (site_dir / INDEX_FOLDER).is_dir()):  # a dirty build renders only the changed pages
        _glue(lambda: build.index_search(site_dir))
    Path(config.site_dir, "_headers").write_text(build.headers(), encoding="utf-8")


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
    """Add what a generated page's template needs (an article's reviewer, topics, tips and JSON-LD; a topic;
    a reviewer; the A–Z list) to its context."""
    build = _current()
    context.update(build.context(page.file.src_uri, page.canonical_url, _page_url))
    language = context.get("page_language")
    if language and language != build.site.settings.source_language:
        if language not in _language_navs:
            _language_navs[language] = _language_nav(build, language, files_url=_page_url)
        context["nav"] = _language_navs[language]
    if "article" in context:
        context["article_tips"] = _glue(lambda: build.tips(page.file.src_uri, _flatten(page.toc)))
    return context


# Helper functions


def _current() -> Build:
    if _build is None:  # only if MkDocs skipped on_config, which it never does
        raise PluginError("psychoed: the content was not loaded")
    return _build


def _glue(step: Callable[[], Any]) -> Any:
    """Run one step of the engine; a problem it raises on purpose stops the build with its message."""
    try:
        return step()
    except PsychoedError as error:
        raise PluginError(str(error)) from None


def _with_policy(html_page: str, source: str) -> str:
    return str(_glue(lambda: _current().with_policy(html_page, source)))


def _theme_pages(env: Environment, config: MkDocsConfig, files: Files) -> list[str]:
    """The theme rendered without content (the 404 template) at every depth a page has: Material's scripts
    name the way back to the site's top, so their inline hashes differ by depth."""
    if _nav is None:
        raise PluginError("psychoed: the navigation was not built")
    template = env.get_template("404.html")
    bases = {get_relative_url(".", f.url) for f in files.documentation_pages()}
    bases.add(urlsplit(config.site_url or "/").path)  # the 404 page's own
    return [template.render(get_context(_nav, files, config, base_url=base)) for base in sorted(bases)]


def _menu_once(page: Page | None, nav: Navigation | None, *, caller: Callable[[], str]) -> str:
    """Material's navigation (``caller``) for ``page``, rendered once per folder for the pages it does not list.

    What Material renders differs between such pages only in their links, which are relative to the page's
    folder: no item is active, open or the current page. Kept with the navigation it was rendered from, so a
    navigation made later (another language's) never takes one made before."""
    if page is None or nav is None or any(item.active for item in nav.items):
        return caller()
    key = (id(nav), page.url.rpartition("/")[0])
    kept = _menus.get(key)
    if kept is None or kept[0] is not nav:
        kept = _menus[key] = (nav, caller())
    return kept[1]


def _once(*key: object, caller: Callable[[], str]) -> str:
    """What ``caller`` renders, rendered once a build for each ``key``: for a part of the theme that depends on
    nothing but the key, such as crisis help, the same on every page of one language (a tenth of the time the
    templates took)."""
    kept = _parts.get(key)
    if kept is None:
        kept = _parts[key] = caller()
    return kept


def _material_language(env: Environment, code: str) -> str:
    """Material's language file for ``code`` (``es``; ``pt-BR``, else ``pt``), or ``en`` if it has none."""
    for name in (code, code.split("-")[0].lower()):
        try:
            env.get_template(f"partials/languages/{name}.html")
        except TemplateNotFound:
            continue
        return name
    return "en"


def _language_nav(build: Build, language: str, files_url: Callable[[str], str] | None) -> Navigation:
    """The navigation of a page in another language: its own home, search and topics, and the other languages'
    home pages, named in its words (:meth:`psychoed.build.Build.language_navigation`)."""
    if files_url is None:
        raise PluginError("psychoed: the pages' addresses are not known yet")
    items: list[Any] = []
    for title, target in build.language_navigation(language):
        if isinstance(target, list):
            items.append(Section(html.escape(title), [Link(html.escape(t), files_url(src)) for t, src in target]))
        else:
            items.append(Link(html.escape(title), files_url(target)))
    return Navigation(items, [])


def _flatten(items: Any) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        found.extend(_flatten(item.children))
    return found
