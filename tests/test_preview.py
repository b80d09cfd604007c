"""`mkdocs serve` (the editors' preview) shows drafts, marked; the published build does not."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from .conftest import REPO, TODAY_EPOCH, article_text, write_site
from .site.test_accessibility import AXE_OPTIONS, AXE_SCRIPT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str, deadline: float) -> str:
    """GET ``url`` from the preview server, waiting for it to start (bounded by ``deadline``)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError:
            raise  # the server is up and answered: no point waiting
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextmanager
def serving(root: Path, *, livereload: bool, dirty: bool = False) -> Iterator[str]:
    """``mkdocs serve`` on the site at ``root`` (with ``dirty``, as an editor runs it: ``make serve``): the
    address it serves the site at. The server's log is printed when the test fails."""
    port = free_port()
    # The preview writes the site into a new folder under TMPDIR: here, beside the site, for a test to look at.
    (root.parent / "preview").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": TODAY_EPOCH,
        "TMPDIR": str(root.parent / "preview"),
    }
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    log = root.parent / f"serve-{port}.log"
    with (
        log.open("w") as output,
        subprocess.Popen(
            command + ([] if livereload else ["--no-livereload"]),
            cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT,
        ) as server,
    ):  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}/library/"  # serve mounts the site at site_url's path
        except Exception:
            print(log.read_text())  # shown by pytest when the test fails
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_preview_shows_drafts_with_a_draft_notice(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {
            "published": article_text(title="Published one"),
            "unfinished": article_text(title="Unfinished", status="draft"),
        },
    )
    with serving(root, livereload=False) as base:
        _check_preview(base)


def test_a_template_edited_while_previewing_shows_at_the_next_rebuild(tmp_path: Path) -> None:
    """A preview keeps the theme's compiled templates between rebuilds, and never shows a stale one: an
    edited template is compiled again."""
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    root = write_site(
        tmp_path / "site",
        {"one": article_text(title="First title")},
        config={"watch": ["content", str(overrides)]},
    )
    settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = str(overrides)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    article = root / "content" / "articles" / "one.md"
    with serving(root, livereload=True, dirty=True) as base:
        page = base + "articles/one.html"
        assert "First title" in fetch(page, time.monotonic() + 90)
        template = overrides / "article.html"
        template.write_text(
            template.read_text(encoding="utf-8").replace(
                "{% block content %}{% autoescape true %}",
                '{% block content %}{% autoescape true %}<p data-test="edited">Template edited</p>',
            ),
            encoding="utf-8",
        )
        article.write_text(article.read_text(encoding="utf-8").replace("First title", "Second title"))
        deadline = time.monotonic() + 60
        while "Second title" not in (shown := fetch(page, deadline)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Second title" in shown
        edited = BeautifulSoup(shown, "html.parser").find(attrs={"data-test": "edited"})
        assert edited is not None
        assert edited.get_text() == "Template edited"


def _listed(base: str, page: str, within: str | None = None) -> list[str]:
    soup = BeautifulSoup(fetch(base + page, time.monotonic() + 90), "html.parser")
    scope = f"[data-psychoed={within}] " if within else ""
    return [a.get_text(strip=True) for a in soup.select(f"{scope}[data-psychoed=article-link] a")]


def _until(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + 60
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def test_a_preview_rebuild_updates_the_lists_only_when_what_they_show_changes(tmp_path: Path) -> None:
    """``make serve`` keeps the lists already written when a saved text changes nothing they show; what they show
    (a title; on a reviewer's page and the home page, whether the text was signed as it stands) is there at the
    next rebuild."""
    one, two = (article_text(f"Text of {name}.\n", title=f"{name} title", signed=True) for name in ("One", "Two"))
    three = article_text("Text of Three.\n", title="Three title")
    root = write_site(tmp_path / "site", {"one": one, "two": two, "three": three}, config={"watch": ["content"]})
    articles = root / "content" / "articles"
    topic, reviewer = "topics/therapy-basics.html", "reviewers/real-reviewer.html"
    with serving(root, livereload=True, dirty=True) as base:
        assert _listed(base, topic) == ["One title", "Three title", "Two title"]
        assert _listed(base, reviewer) == ["One title", "Two title"]
        assert sorted(_listed(base, "index.html", "home-recent")) == ["One title", "Two title"]
        (built,) = (tmp_path / "preview").glob("mkdocs_*")
        written = (built / topic).stat().st_mtime_ns
        # An unsigned article's new text: its page is built again, and no list.
        _edit(articles / "three.md", "Text of Three.", "New text of Three.")
        assert _until(lambda: "New text of Three." in fetch(base + "articles/three.html", time.monotonic() + 30))
        assert (built / topic).stat().st_mtime_ns == written
        # New text breaks a sign-off: the reviewer's list, which shows only what they signed, drops it.
        _edit(articles / "one.md", "Text of One.", "Changed text.")
        assert _until(lambda: _listed(base, reviewer) == ["Two title"])
        # The clinic's own home page (docs/index.md) lists the recently reviewed: only what was signed as it stands.
        assert _until(lambda: _listed(base, "index.html", "home-recent") == ["Two title"])
        assert _listed(base, topic) == ["One title", "Three title", "Two title"]
        assert (built / topic).stat().st_mtime_ns == written  # a topic lists signed and unsigned alike
        _edit(articles / "three.md", "Three title", "Renamed three")
        assert _until(lambda: _listed(base, topic) == ["One title", "Renamed three", "Two title"])


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _check_preview(base: str) -> None:
    """The draft page exists and is marked; topic lists include it; published pages are unmarked."""
    deadline = time.monotonic() + 90
    draft = BeautifulSoup(fetch(base + "articles/unfinished.html", deadline), "html.parser")
    notice = draft.find(attrs={"data-psychoed": "draft-notice"})
    assert notice is not None
    assert "This article is not published" in notice.get_text()
    topic = BeautifulSoup(fetch(base + "topics/therapy-basics.html", deadline), "html.parser")
    listed = [a.get_text(strip=True) for a in topic.select("[data-psychoed=article-link] a")]
    assert listed == ["Published one", "Unfinished"]
    published = BeautifulSoup(fetch(base + "articles/published.html", deadline), "html.parser")
    assert published.find(attrs={"data-psychoed": "draft-notice"}) is None


def test_a_content_error_shows_in_the_browser_and_the_page_reloads_when_fixed(tmp_path: Path, browser: Browser) -> None:
    """`make serve` never hangs on an error: every address answers at once with the problems, as
    `psychoed check` words them, and the page reloads by itself once the file is fixed."""
    root = write_site(
        tmp_path / "site", {"one": article_text("Intro.\n\n<script>alert(1)</script>\n")}, config={"watch": ["content"]}
    )
    with serving(root, livereload=True) as base:
        with pytest.raises(urllib.error.HTTPError, match="404"):  # up, and answering every address with the errors
            fetch(base + "articles/one.html", time.monotonic() + 90)
        for scheme in ("light", "dark"):  # the error page is accessible too, in both palettes
            context = browser.new_context(color_scheme=scheme, viewport={"width": 360, "height": 740})
            error_page = context.new_page()
            error_page.goto(base + "topics/anything.html")
            error_page.add_script_tag(path=str(AXE_SCRIPT))
            result = error_page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            assert result["violations"] == [], (scheme, result["violations"])
            context.close()
        page = browser.new_page()
        started = time.monotonic()
        page.goto(base + "articles/one.html")
        expect(page.locator("h1")).to_have_text("The preview cannot be built yet")
        assert time.monotonic() - started < 2
        item = page.locator("li").first
        expect(item).to_contain_text("content/articles/one.md:11: error security.html: `<script>` is never allowed")
        path = root / "content" / "articles" / "one.md"
        path.write_text(path.read_text(encoding="utf-8").replace("<script>alert(1)</script>", "Fixed."))
        expect(page.locator("h1")).to_have_text("A plain title", timeout=30_000)  # reloaded by itself
        page.close()
