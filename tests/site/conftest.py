"""Site tests: they run on the site they find, whatever its content and settings.

Each test here runs twice: on this repository's own site (``this-site``), and on
another clinic's fork of it (``other-clinic``, :mod:`tests.other_clinic`): the
samples swapped for another library, another clinic's name, colours and crisis
lines, a text-only line, and directory addresses. Every expectation is derived
from the site's own settings and content, so a clinic that replaces the samples
and configures its own site keeps a green test suite; nothing here names a
sample article or a phone number.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from urllib.parse import urlparse

import pytest
from tools.loopback import loopback

from psychoed import Article, Library, Settings
from psychoed.pages.kinds import A_Z_INDEX, ABOUT_INFORMATION, HOME, REVIEWERS_INDEX, SEARCH_PAGE
from psychoed.pages.site_map import page_file
from psychoed.review.state import review_status
from psychoed.site import Site

from ..conftest import REPO, _SiteHandler
from ..other_clinic import make_other_clinic

SITE_EPOCH = str(int(time.time()))
"""Every site test builds and checks as of one moment (``SOURCE_DATE_EPOCH``), so "overdue" means the same
thing to the build, the check and the test."""
SITE_TODAY = dt.datetime.fromtimestamp(int(SITE_EPOCH), tz=dt.UTC).date()


@dataclass(frozen=True)
class SiteUnderTest:
    """A site as a clinic would build it, and what its settings and content say it must contain."""

    label: str
    config: Path
    """Its mkdocs.yml."""
    built: Path
    """The folder `mkdocs build --strict` wrote."""

    @cached_property
    def site(self) -> Site:
        return Site.open(self.config, today=SITE_TODAY)

    @property
    def settings(self) -> Settings:
        return self.site.settings

    @property
    def library(self) -> Library:
        return self.site.library

    @property
    def directory_urls(self) -> bool:
        return self.site.layout.directory_urls

    @property
    def _mkdocs(self) -> dict[object, object]:
        data = self.site.document.data
        return data if isinstance(data, dict) else {}

    @property
    def site_url(self) -> str:
        return str(self._mkdocs.get("site_url") or "")

    @property
    def site_name(self) -> str:
        return str(self._mkdocs.get("site_name") or "")

    @property
    def published(self) -> tuple[Article, ...]:
        """The articles readers are offered: published, not withdrawn."""
        return self.library.listed(include_drafts=False)

    @cached_property
    def defining(self) -> str | None:
        """A built article page where a glossary term is defined, if the site has a glossary in use."""
        if not self.library.glossary:
            return None
        files = (self.file(a.page_path) for a in self.published)
        return next((f for f in files if "psy-definition" in (self.built / f).read_text(encoding="utf-8")), None)

    @property
    def withdrawn(self) -> tuple[Article, ...]:
        return tuple(a for a in self.library.articles if a.is_withdrawn)

    def file(self, src_uri: str) -> str:
        """Where the page made from ``src_uri`` is in the built site."""
        return page_file(src_uri, directory_urls=self.directory_urls)

    def address(self, src_uri: str) -> str:
        """The page's published address, as its canonical URL and printout show it."""
        built = self.file(src_uri)
        return self.site_url + (built.removesuffix("index.html") if self.directory_urls else built)

    @property
    def sensitive(self) -> tuple[Article, ...]:
        """Published articles in a topic marked sensitive: crisis help shows at their top."""
        topics = self.library.topics
        return tuple(a for a in self.published if any(t in topics and topics[t].sensitive for t in a.topics))

    @cached_property
    def article(self) -> Article:
        """The article the browser tests read: the longest published one."""
        return max(self.published, key=lambda a: (len(a.body), a.slug))

    @cached_property
    def search_word(self) -> str:
        """A word to search for that finds :attr:`article`: the longest word of its title."""
        return max(re.findall(r"[A-Za-z]+", self.article.title), key=len)

    @cached_property
    def pages(self) -> dict[str, str]:
        """One page of each kind the site has, by kind: the files the browser tests open."""
        pages = {"home": self.file(HOME)}
        topics = [t for t in self.library.topics.values() if self.library.for_topic(t.id, include_drafts=False)]
        if topics:
            pages["topic"] = self.file(topics[0].page_path)
        pages["article"] = self.file(self.article.page_path)
        overdue = [a for a in self.published if review_status(a, SITE_TODAY, 0).overdue]
        if overdue:
            pages["overdue article"] = self.file(overdue[0].page_path)
        if self.sensitive:
            pages["sensitive article"] = self.file(self.sensitive[0].page_path)
        if self.withdrawn:
            pages["withdrawn article"] = self.file(self.withdrawn[0].page_path)
        if self.defining:
            pages["article with a definition"] = self.defining
        pages["reviewer"] = self.file(self.library.reviewers[self.article.reviewer].page_path)
        pages["reviewers"] = self.file(REVIEWERS_INDEX)
        pages["a-z"] = self.file(A_Z_INDEX)
        pages["search"] = self.file(SEARCH_PAGE)
        pages["about this information"] = self.file(ABOUT_INFORMATION)
        docs = self.site.layout.docs_dir
        for own in sorted(docs.rglob("*.md")):
            src = own.relative_to(docs).as_posix()
            if src != HOME:
                pages[src.removesuffix(".md")] = self.file(src)
        for code in self.library.languages:  # each other language's own pages
            pages[f"home ({code})"] = self.file(f"{code}/{HOME}")
            if topics:
                pages[f"topic ({code})"] = self.file(topics[0].page_path_in(code))
            translation = self.translation(code)
            if translation is not None:
                pages[f"translation ({code})"] = self.file(translation.page_path)
            pages[f"search ({code})"] = self.file(f"{code}/{SEARCH_PAGE}")
        pages["404"] = "no-such-page.html"
        return pages

    def translation(self, language: str) -> Article | None:
        """The longest published translation into ``language``, if the site has one."""
        found = [t for t in self.library.translations if t.language == language and not t.is_draft]
        return max(found, key=lambda t: (len(t.body), t.slug)) if found else None


def _build(config: Path, out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SITE_EPOCH}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(out),
    ]
    done = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session", params=["this-site", "other-clinic"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SiteUnderTest:
    """The site under test, built as `make site` builds it, into a temporary folder."""
    folder = tmp_path_factory.mktemp(request.param)
    config = REPO / "mkdocs.yml" if request.param == "this-site" else make_other_clinic(REPO, folder / "fork")
    return SiteUnderTest(request.param, config, _build(config, folder / "site"))


@pytest.fixture(scope="session")
def site_url(site: SiteUnderTest) -> Iterator[str]:
    """The built site on a loopback HTTP server, at the path of its ``site_url``, with its 404 page for
    unknown addresses, as a static host serves it."""
    prefix = urlparse(site.site_url or "/").path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    handler = partial(type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(site.built))
    with loopback(handler) as port:
        yield f"http://127.0.0.1:{port}{prefix}"
