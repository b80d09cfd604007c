"""Broken links and anchors in a built site, found by LinkChecker and by one pass over the pages.

A link can only be judged where it ends up: in the rendered page, after
Markdown links to ``.md`` files have become page addresses and templates have
added navigation. LinkChecker checks the links on the built pages (through the
link view, see :mod:`psychoed.checks.link_view`). Its report names the page
and the address as written in the HTML; :mod:`psychoed.checks.links` maps
both back to the file and line an editor changes.

Anchors (``page.html#part``) are checked here, in one pass over the pages,
while LinkChecker runs. LinkChecker's own AnchorCheck plugin fetches and
parses the target page again for every distinct anchor; on a library of 200
articles that made the link check 7 times slower (27 s against 4 s), because
every article links to each of its own tips.
"""

from __future__ import annotations

import csv
import os
import posixpath
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from psychoed.checks.link_view import SitePages, link_attributes, remove_link_view, write_link_view

LINKCHECK_TIMEOUT_SECONDS = 1800

# LinkChecker settings. Schemes it cannot check without the network or a phone
# (mailto: would look up mail servers) are skipped.
_CONFIG = """\
[filtering]
ignore=
  ^mailto:
  ^tel:
  ^sms:
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


def site_pages(site_dir: Path) -> list[str]:
    """Every page of a built site, relative to it.

    Not 404.html: its links are absolute (a host serves it at any address), so
    they can only be followed on the real host; a browser test covers it.
    """
    pages = (path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    return sorted(page for page in pages if page != "404.html")


def run_linkchecker(site_dir: Path, pages: Sequence[str], *, external: bool) -> tuple[list[BrokenLink], str | None]:
    """Broken links and anchors on ``pages`` of the built site at ``site_dir``.

    LinkChecker reads the link view of the site (:mod:`psychoed.checks.link_view`),
    one level deep, while this process checks the anchors. It starts first
    and reads its pages from standard input, so its start-up (about a second)
    overlaps with parsing the site. Returns the broken links and, if
    LinkChecker could not run, why.
    """
    try:
        link_attributes()  # LinkChecker's own table of link attributes, from its package
    except ImportError as error:
        return [], f"LinkChecker could not be loaded ({error}); reinstall psychoed's dependencies (`make site`)."
    root = site_dir.resolve()
    site = SitePages(root)
    with tempfile.NamedTemporaryFile("w", suffix=".ini", prefix="psychoed-linkchecker-", delete=False) as config:
        config.write(_CONFIG)
    os.chmod(config.name, 0o644)
    command = [sys.executable, "-m", "linkcheck", "--config", config.name, "--output", "csv", "--no-status"]
    command += ["--recursion-level", "1", "--stdin"]
    if external:
        command.append("--check-extern")
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    written: list[str] = []
    try:
        site.parse_all(pages)
        pages = [page for page in dict.fromkeys(pages) if site.get(page) is not None]
        written = write_link_view(site, pages, external=external)
        with ThreadPoolExecutor(max_workers=1) as pool:
            urls = "".join(f"{(root / page).as_uri()}\n" for page in written)
            running = pool.submit(process.communicate, urls, LINKCHECK_TIMEOUT_SECONDS)
            anchors = missing_anchors(site, pages)  # while LinkChecker runs in its own process
            try:
                stdout, stderr = running.result()
            except subprocess.TimeoutExpired:
                return [], f"LinkChecker took over {LINKCHECK_TIMEOUT_SECONDS} s and was stopped."
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.unlink(config.name)
        remove_link_view(root, written)
    if process.returncode not in (0, 1) or "urlname;" not in stdout:
        detail = (stderr.strip().splitlines() or ["no output"])[-1]
        return [], f"LinkChecker could not run (exit code {process.returncode}): {detail}"
    broken: list[BrokenLink] = []
    for link in _parse(stdout, root):
        # Each link was checked once for its folder: report it on every page there that has it.
        for page in site.pages_with(link.href, link.page, pages):
            broken.append(BrokenLink(page, link.href, link.reason))
    return [*dict.fromkeys(broken), *anchors], None


def missing_anchors(site: SitePages, pages: Sequence[str]) -> list[BrokenLink]:
    """Links on ``pages`` to another page of the site (or their own) at an anchor it does not have."""
    broken = []
    for page in pages:
        parsed = site.get(page)
        if parsed is None:
            continue
        for tag, attributes in dict.fromkeys(parsed.elements):
            for name, href in attributes:
                if tag not in ("a", "area") or name != "href":
                    continue
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.fragment:
                    continue
                target = page
                if parts.path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                    if not target.endswith(".html"):  # a directory address (use_directory_urls)
                        target = posixpath.join(target, "index.html")
                found = site.get(target)
                anchor = unquote(parts.fragment)
                if found is not None and anchor not in found.ids:
                    broken.append(BrokenLink(page, href, "anchor not found", anchor, tuple(sorted(found.ids))))
    return list(dict.fromkeys(broken))


def _parse(output: str, root: Path) -> Iterator[BrokenLink]:
    rows = csv.DictReader((line for line in output.splitlines() if line and not line.startswith("#")), delimiter=";")
    seen: set[tuple[str, str]] = set()
    for row in rows:
        page = _page(row.get("parentname") or "", root)
        href = row.get("urlname") or ""
        if (page, href) in seen or row.get("valid") != "False":
            continue
        seen.add((page, href))
        yield BrokenLink(page, href, (row.get("result") or "not found").strip())


def _page(url: str, root: Path) -> str:
    """A page's path inside the site folder, from the address LinkChecker gives."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        try:
            return Path(unquote(parts.path)).relative_to(root).as_posix()
        except ValueError:
            return url
    return url
