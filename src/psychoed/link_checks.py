"""Broken links and anchors, found by linkchecker in the built site, reported at their source line.

A link can only be judged where it ends up: in the rendered page, after
Markdown links to ``.md`` files have become page addresses and templates have
added navigation. So the site is built into a temporary folder and
LinkChecker crawls it. Its report names the page and the address as written in
the HTML; this module maps both back to the file and line an editor changes.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Problem
from .fields import suggest
from .model import Library
from .site_build import build_site

LINKCHECK_TIMEOUT_SECONDS = 1800
_ANCHOR_MISSING = re.compile(r"Anchor `(?P<anchor>[^']*)' .*?not found\.(?: Available anchors: (?P<available>.*))?")
_ANCHOR_NAME = re.compile(r"`([^']*)'")

# LinkChecker settings. Schemes it cannot check without the network or a phone
# (mailto: would look up mail servers) are skipped; anchors are checked by its
# AnchorCheck plugin, which is off unless named.
_CONFIG = """\
[filtering]
ignore=
  ^mailto:
  ^tel:
  ^sms:
[output]
warnings=1
[AnchorCheck]
"""


@dataclass(frozen=True)
class BrokenLink:
    """One link LinkChecker could not follow."""

    page: str
    """The page it is on, relative to the site folder, e.g. ``articles/sleep-and-mood.html``."""
    href: str
    """The address as written in the page."""
    reason: str
    anchor: str | None = None
    """For a missing anchor: the anchor; the page itself exists."""
    available: tuple[str, ...] = ()
    """For a missing anchor: the anchors the page does have."""


@dataclass(frozen=True)
class SiteSources:
    """Where the pages of a built site come from, to report a link at the file it is written in."""

    project: Path
    """The folder of ``mkdocs.yml``."""
    config: Path
    docs_dir: Path
    content_dir: Path
    library: Library

    def source_of(self, page: str) -> Path:
        """The file a page is made from: an article, a registry, a page in ``docs/``, or ``mkdocs.yml``."""
        parts = page.split("/")
        if len(parts) == 2 and parts[0] == "articles" and parts[1].endswith(".html"):
            slug = parts[1].removesuffix(".html")
            for article in self.library.articles:
                if article.slug == slug:
                    return article.path
        if parts[0] == "topics":
            return self.content_dir / "topics.yml"
        if parts[0] == "reviewers":
            return self.content_dir / "reviewers.yml"
        markdown = self.docs_dir / re.sub(r"\.html$", ".md", page)
        return markdown if markdown.is_file() else self.config


def check_links(sources: SiteSources, *, external: bool) -> list[Problem]:
    """Build the site, run LinkChecker over it, and report each broken link at its source."""
    site_dir = Path(tempfile.mkdtemp(prefix="psychoed-links-"))
    try:
        # LinkChecker run as root drops to the `nobody` user; it must still read the pages.
        site_dir.chmod(0o755)
        failure = build_site(sources.config, site_dir)
        if failure is not None:
            return [failure]
        start = ["index.html", *(a.page_path.removesuffix(".md") + ".html" for a in sources.library.visible(
            include_drafts=False))]  # fmt: skip
        broken, cannot_run = run_linkchecker(site_dir, start, external=external)
        if cannot_run is not None:
            return [Problem(sources.config, None, "links.cannot-run", cannot_run)]
        return [_problem(link, sources) for link in broken]
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def run_linkchecker(
    site_dir: Path, start_pages: Iterable[str], *, external: bool
) -> tuple[list[BrokenLink], str | None]:
    """Broken links in the built site at ``site_dir``, crawled from ``start_pages``.

    Returns the broken links and, if LinkChecker itself could not run, why.
    """
    root = site_dir.resolve()
    urls = [(root / page).as_uri() for page in dict.fromkeys(start_pages) if (root / page).is_file()]
    with tempfile.NamedTemporaryFile("w", suffix=".ini", prefix="psychoed-linkchecker-", delete=False) as config:
        config.write(_CONFIG)
    os.chmod(config.name, 0o644)
    command = [sys.executable, "-m", "linkcheck", "--config", config.name, "--output", "csv", "--no-status"]
    if external:
        command.append("--check-extern")
    try:
        done = subprocess.run(
            [*command, *urls], capture_output=True, text=True, timeout=LINKCHECK_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return [], f"LinkChecker took over {LINKCHECK_TIMEOUT_SECONDS} s and was stopped."
    finally:
        os.unlink(config.name)
    if done.returncode not in (0, 1) or "urlname;" not in done.stdout:
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [], f"LinkChecker could not run (exit code {done.returncode}): {detail}"
    return list(_parse(done.stdout, root)), None


def _parse(output: str, root: Path) -> Iterator[BrokenLink]:
    rows = csv.DictReader((line for line in output.splitlines() if line and not line.startswith("#")), delimiter=";")
    seen: set[tuple[str, str]] = set()
    for row in rows:
        page = _page(row.get("parentname") or "", root)
        href = row.get("urlname") or ""
        if (page, href) in seen:
            continue
        if row.get("valid") == "False":
            seen.add((page, href))
            yield BrokenLink(page, href, (row.get("result") or "not found").strip())
            continue
        missing = _ANCHOR_MISSING.search(row.get("warningstring") or "")
        if missing:
            seen.add((page, href))
            available = tuple(_ANCHOR_NAME.findall(missing.group("available") or ""))
            yield BrokenLink(page, href, "anchor not found", missing.group("anchor"), available)


def _page(url: str, root: Path) -> str:
    """A page's path inside the site folder, from the address LinkChecker gives."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        try:
            return Path(unquote(parts.path)).relative_to(root).as_posix()
        except ValueError:
            return url
    return url


def _problem(link: BrokenLink, sources: SiteSources) -> Problem:
    path = sources.source_of(link.page)
    line, written = _line_of(path, link.href)
    where = "" if line is not None else f" (on {link.page}, from its template or navigation)"
    if link.anchor is not None:
        readable = [a for a in link.available if not a.startswith(("__", "psy-"))]
        choices = ", ".join(f"`#{a}`" for a in readable[:12]) or "none"
        message = (
            f"the link `{written}`{where} points to `#{link.anchor}`, which is not on that page; "
            f"use one of its headings' anchors ({choices}) or link to the page alone."
        )
        return Problem(path, line, "links.anchor", message)
    reason = "no such page in the site" if "No such file" in link.reason else link.reason
    target = PurePosixPath(urlsplit(written).path)
    hint = ""
    if target.suffix in (".md", ".html") and not urlsplit(written).scheme:
        slugs = [a.slug for a in sources.library.visible(include_drafts=False)]
        hint = suggest(target.stem, slugs) or ""
    message = (
        f"the link `{written}`{where} is broken ({reason}){hint}; fix the address, or remove the link. "
        "Link to an article by its file name, e.g. `other-article.md`."
    )
    return Problem(path, line, "links.broken", message)


def _line_of(path: Path, href: str) -> tuple[int | None, str]:
    """The first line of ``path`` with ``href`` as written in Markdown (``x.md``) or HTML (``x.html``),
    and how it is written there."""
    candidates = dict.fromkeys([re.sub(r"\.html(?=$|#)", ".md", href), href, unquote(href)])
    candidates.pop("", None)
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None, href
    for number, text in enumerate(lines, start=1):
        for candidate in candidates:
            if candidate in text:
                return number, candidate
    return None, href
