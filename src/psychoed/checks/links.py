"""Links: every link an editor writes, and every link on the built pages, must lead somewhere.

Two checks, with the same rules:

- :func:`check_markdown_links`, an article check: a link to another article
  (``other.md``) is looked up in the site's pages straight from the parsed body,
  with no build, so the finding is on the exact line, with a suggestion. The
  site build (the hooks) runs it too, so ``make site`` says the same.
- :func:`check_site_links`, the site check: the site is built into a temporary
  folder and every link on its pages (templates and navigation included, and
  other sites' with ``--external``) is followed by LinkChecker
  (:mod:`psychoed.checks.linkchecker`); each broken one is mapped back to the
  file and line an editor changes.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from psychoed.checks.base import ArticleContext, Family
from psychoed.checks.linkchecker import BrokenLink, run_linkchecker, site_pages
from psychoed.content.model import Article, Library
from psychoed.findings import Problem, Rule
from psychoed.pages.build import build_site
from psychoed.pages.kinds import PageKind
from psychoed.pages.site_map import SiteMap
from psychoed.source.fields import suggest

BROKEN = Rule(
    "links.broken",
    "error",
    "A link leads nowhere: a missing page, a draft, or (with `--external`) another site's error.",
    "Fix the address; link to an article by its file name (`other-article.md`).",
    configurable=False,
)
ANCHOR = Rule(
    "links.anchor",
    "error",
    "A link to a part of a page (`page.md#part`) lands at the top of the page instead.",
    "Use one of the anchors the message lists (a heading's anchor is its text in lowercase, joined by hyphens).",
)
BUILD = Rule(
    "links.build",
    "error",
    "The site could not be built, so its links are unknown.",
    "Fix what the message quotes from the build.",
    configurable=False,
)
CANNOT_RUN = Rule(
    "links.cannot-run",
    "error",
    "LinkChecker could not run, so links are unknown.",
    "Fix what the message quotes; reinstall with `make site` if LinkChecker is missing.",
    configurable=False,
)
NOT_CHECKED = Rule(
    "links.not-checked",
    "warning",
    "Links were not checked, because content has errors that stop the site from being built.",
    "Fix the errors listed with it; links are checked on the next run.",
    configurable=False,
)
WITHDRAWN = Rule(
    "links.withdrawn",
    "warning",
    "A link sends readers to a withdrawn article, which no longer gives advice.",
    "Link to the article that replaces it (the message names it), or remove the link.",
)
RULES = (BROKEN, ANCHOR, WITHDRAWN, BUILD, CANNOT_RUN, NOT_CHECKED)


def check_markdown_links(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """Each link to a ``.md`` page in ``article`` must name a page of the site (not a draft), and should not
    send readers to a withdrawn article."""
    yield from markdown_link_problems(article, context.site, context.library)
    yield from _withdrawn_targets(article, context.site)


def _withdrawn_targets(article: Article, site: SiteMap) -> Iterator[Problem]:
    for link in article.parsed.links:
        parts = urlsplit(link.href)
        if link.image or parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            continue
        page = site.pages.get(site.resolve(article.page_path, unquote(parts.path)))
        target = page.item if page is not None else None
        if isinstance(target, Article) and target.withdrawal is not None:
            instead = target.withdrawal.replaced_by
            fix = f"link to `{instead}.md`, which replaces it" if instead else "remove the link"
            yield WITHDRAWN.at(article.path, link.line, f"the link `{link.href}` leads to a withdrawn article; {fix}.")


def markdown_link_problems(article: Article, site: SiteMap, library: Library) -> Iterator[Problem]:
    """The broken ``.md`` links of ``article`` among ``site``'s pages; the hooks call this too.

    A draft may link to another draft (a preview shows both, and they are often published together); a
    published article may not, since the draft's page does not exist on the published site."""
    for link in article.parsed.links:
        parts = urlsplit(link.href)
        if link.image or parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            continue
        target = site.resolve(article.page_path, unquote(parts.path))
        if target in site.pages:
            continue
        drafted = any(a.page_path == target and a.is_draft for a in library.articles)  # rare: only when broken
        if drafted and article.is_draft:
            continue
        why = "is a draft, which is not published" if drafted else "is not a page of the site"
        names = [p.src_uri for p in site.pages.values() if p.kind is PageKind.ARTICLE]
        relative = [_relative(article.page_path, name) for name in names]
        yield BROKEN.at(
            article.path,
            link.line,
            f"the link `{link.href}` {why}{suggest(parts.path, relative)}; fix the address, or remove the link. "
            "Link to an article by its file name, e.g. `other-article.md`.",
        )


def unresolved_link_problems(article: Article, hrefs: Sequence[str]) -> list[Problem]:
    """A problem at its line for each of ``hrefs``, relative links and images of ``article`` that the build
    found no file of the site for (an image not in ``docs/``, ``gone.html``)."""
    lines: dict[str, int | None] = {}
    for link in article.parsed.links:
        lines.setdefault(link.href, link.line)
    return [
        BROKEN.at(
            article.path,
            lines.get(href),
            f"the {'image' if _is_image(article, href) else 'link'} `{href}` names no page or "
            "file of the site; fix the address (an image goes in `docs/`), or remove it.",
        )
        for href in dict.fromkeys(hrefs)
    ]


def _is_image(article: Article, href: str) -> bool:
    return any(link.image for link in article.parsed.links if link.href == href)


def _relative(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def markdown_anchor_problems(
    article: Article, site: SiteMap, anchors: Mapping[str, Collection[str]]
) -> Iterator[Problem]:
    """Links of ``article`` to a part of a page (``other.md#part``, ``#part``) that the rendered page
    does not have; ``anchors`` holds each rendered page's anchors by source path. The build
    (the hooks) calls this once every page is rendered; ``psychoed check`` finds the same links on
    the built pages."""
    for link in article.parsed.links:
        parts = urlsplit(link.href)
        if link.image or parts.scheme or parts.netloc or not parts.fragment:
            continue
        if parts.path and not parts.path.endswith(".md"):
            continue
        target = site.resolve(article.page_path, unquote(parts.path)) if parts.path else article.page_path
        found = anchors.get(target)
        anchor = unquote(parts.fragment)
        if found is not None and anchor not in found:
            yield ANCHOR.at(article.path, link.line, anchor_message(f"`{link.href}`", anchor, found))


def anchor_message(link: str, anchor: str, available: Collection[str]) -> str:
    """What is wrong with a link to a missing part of a page, and the parts it could link to."""
    readable = sorted(a for a in available if not a.startswith(("__", "psy-")))
    choices = ", ".join(f"`#{a}`" for a in readable[:12]) or "none"
    return (
        f"the link {link} points to `#{anchor}`, which is not on that page; "
        f"use one of its headings' anchors ({choices}) or link to the page alone."
    )


def check_site_links(site: SiteMap, *, external: bool, only: Sequence[Article] | None = None) -> list[Problem]:
    """Build the site, run LinkChecker over it, and report each broken link at its source.

    Every page's links are checked; with ``only``, just the links on those
    articles' pages: a pull request that changes two articles checks two pages,
    not the whole library.
    """
    site_dir = Path(tempfile.mkdtemp(prefix="psychoed-links-"))
    try:
        # LinkChecker run as root drops to the `nobody` user; it must still read the pages.
        site_dir.chmod(0o755)
        failure = build_site(site.layout.config, site_dir)
        if failure is not None:  # once, in the build's own words, at the file it names
            path = site.layout.config.parent / failure.path if failure.path else site.layout.config
            return [BUILD.at(path, failure.line, f"the site could not be built, so links were not checked: "
                             f"{failure.message}")]  # fmt: skip
        if only is None:
            pages = site_pages(site_dir)
        else:
            pages = [site.file_of(a.page_path) for a in only if not a.is_draft]
            if not pages:
                return []
        broken, cannot_run = run_linkchecker(site_dir, pages, external=external)
        if cannot_run is not None:
            return [CANNOT_RUN.at(site.layout.config, None, cannot_run)]
        return [broken_link_problem(link, site) for link in broken if not _reported_from_text(link, site)]
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _reported_from_text(link: BrokenLink, site: SiteMap) -> bool:
    """An article's link still ending in ``.md`` on the built page is one the site could not resolve:
    :func:`check_markdown_links` has reported it already, from the text."""
    page = site.files.get(link.page)
    address = urlsplit(link.href)
    return page is not None and page.kind is PageKind.ARTICLE and not address.scheme and address.path.endswith(".md")


def broken_link_problem(link: BrokenLink, site: SiteMap) -> Problem:
    """The finding for a link the site could not follow, at the line of the file an editor changes."""
    path = site.source_of(link.page)
    line, written = _line_of(path, link.href)
    where = "" if line is not None else f" (on {link.page}, from its template or navigation)"
    if link.anchor is not None:
        return ANCHOR.at(path, line, anchor_message(f"`{written}`{where}", link.anchor, link.available))
    reason = "no such page in the site" if "No such file" in link.reason else link.reason
    target = PurePosixPath(urlsplit(written).path)
    hint = ""
    if target.suffix in (".md", ".html") and not urlsplit(written).scheme:
        articles = (p for p in site.pages.values() if p.kind is PageKind.ARTICLE)
        names = [f"{PurePosixPath(p.src_uri).stem}{target.suffix}" for p in articles]
        hint = suggest(target.name, names)
    message = (
        f"the link `{written}`{where} is broken ({reason}){hint}; fix the address, or remove the link. "
        "Link to an article by its file name, e.g. `other-article.md`."
    )
    return BROKEN.at(path, line, message)


def _line_of(path: Path, href: str) -> tuple[int | None, str]:
    """The first line of ``path`` with ``href`` as written in Markdown (``x.md``) or in the page
    (``x.html``, or ``x/`` with directory addresses), and how it is written there."""
    parts = urlsplit(href)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    # As written first: a broken link is almost always written as it is published, since MkDocs rewrites only
    # the `.md` links it can resolve. Then as MkDocs may have rewritten it from `x.md`.
    candidates = [href, unquote(href), re.sub(r"\.html(?=$|#)", ".md", href)]
    if parts.path.endswith("/") and not parts.scheme:
        candidates.append(f"{PurePosixPath(parts.path).name}.md{fragment}")
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None, href
    for candidate in dict.fromkeys(c for c in candidates if c):
        for number, text in enumerate(lines, start=1):
            at = text.find(candidate)
            if at >= 0:
                return number, _whole_address(text, at, at + len(candidate))
    return None, href


def _whole_address(text: str, start: int, end: int) -> str:
    """The whole address around ``text[start:end]``, as the editor wrote it: ``../about.md#part``, where the
    page had ``../../about/#part``, which gave ``about.md#part``."""
    while start > 0 and text[start - 1] not in _AROUND_ADDRESSES:
        start -= 1
    while end < len(text) and text[end] not in _AROUND_ADDRESSES:
        end += 1
    return text[start:end]


_AROUND_ADDRESSES = frozenset(" \t()<>[]\"'")


FAMILY = Family("links", RULES, check_markdown_links)
