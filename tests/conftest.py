"""Shared fixtures: small content folders and whole sites built through the real hooks."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect, sync_playwright

from psychoed import Settings
from psychoed.content.model import Source
from psychoed.review.fingerprint import ClinicalText

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 6, 1)
"""The date the engine tests run on; builds fix it with SOURCE_DATE_EPOCH."""
TODAY_EPOCH = str(int(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC).timestamp()))

REVIEWERS = """\
sample-reviewer:
  name: Sample Reviewer
  credentials: Placeholder
  sample: true
real-reviewer:
  name: Dana Example
  credentials: LCSW
  role: Clinical social worker
  bio: Dana has worked with *adults* for many years.
"""

TOPICS = """\
therapy-basics:
  title: Starting therapy
  description: What therapy is like.
sleep:
  title: Sleep
"""


TOPICS_ES = """\
therapy-basics:
  title: Starting therapy
  description: What therapy is like.
  translations: {es: {title: Empezar terapia, description: Cómo es la terapia.}}
sleep:
  title: Sleep
  translations: {es: {title: Sueño}}
"""
"""The test topics, with their titles in Spanish: a site that publishes in Spanish needs them."""

REVIEWERS_ES = REVIEWERS.replace(
    "  role: Clinical social worker\n", "  role: Clinical social worker\n  languages: [en, es]\n"
)
"""The test reviewers, Dana reading Spanish: she may sign translations into it."""

STRINGS_ES = """\
call_to_action_text: Podemos ayudarte.
call_to_action_link_text: Contacta con nosotros
"""
"""The site's own Spanish words (its call to action), which psychoed cannot ship."""

SPANISH_EASY = "Dormir bien te ayuda a sentirte mejor. Acuéstate a la misma hora cada noche.\n"


def spanish_site_files(**overrides: str) -> dict[str, str]:
    """The files a test site needs to publish in Spanish too (with ``languages: [en, es]``), by path."""
    return {
        "content/topics.yml": TOPICS_ES,
        "content/reviewers.yml": REVIEWERS_ES,
        "strings/es.yml": STRINGS_ES,
        **overrides,
    }


def translation_text(body: str = SPANISH_EASY, **front_matter: object) -> str:
    """A translation's file (``<slug>.es.md``): its own front matter, overridden by ``front_matter`` (None
    leaves a key out)."""
    fields: dict[str, object] = {
        "title": "Un título sencillo",
        "description": "Una frase sencilla.",
        "translator": "Alex Example",
        "reviewer": "real-reviewer",
        "reviewed": dt.date(2026, 1, 20),
    }
    fields.update(front_matter)
    kept = {key: value for key, value in fields.items() if value is not None}
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True) + "---\n" + textwrap.dedent(body)


def article_text(body: str = "An introduction.\n", *, signed: bool = False, **front_matter: object) -> str:
    """An article file: defaults for every required key, overridden by ``front_matter``
    (a value of None leaves the key out). With ``signed``, it is signed off: a ``fingerprint`` of its
    text, as ``psychoed review sign`` writes it, on the line before the closing fence."""
    fields: dict[str, object] = {
        "title": "A plain title",
        "description": "One plain sentence.",
        "topics": ["therapy-basics"],
        "reviewer": "real-reviewer",
        "reviewed": dt.date(2026, 1, 15),
    }
    fields.update(front_matter)
    kept = {key: value for key, value in fields.items() if value is not None}
    text = textwrap.dedent(body)
    if signed and "fingerprint" not in kept and (value := _fingerprint(kept, text)) is not None:
        kept["fingerprint"] = value
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True) + "---\n" + text


def _fingerprint(fields: dict[str, object], body: str) -> str | None:
    """The sign-off of these fields and body, when they are of the kinds an article's are."""
    title, description = fields.get("title"), fields.get("description")
    reviewer, reviewed = fields.get("reviewer"), fields.get("reviewed")
    raw_sources = fields.get("sources") or []
    if not (isinstance(title, str) and isinstance(description, str) and isinstance(reviewer, str)):
        return None
    if not isinstance(reviewed, dt.date) or not isinstance(raw_sources, list):
        return None
    sources = tuple(Source(str(s.get("title", "")), str(s.get("url", ""))) for s in raw_sources if isinstance(s, dict))
    text = ClinicalText(title.strip(), " ".join(description.split()), body, sources, reviewer.strip(), reviewed)
    return text.fingerprint()


FIXTURE_CRISIS: dict[str, object] = {"heading": "Need help now?", "services": ["test-line", "test-text"]}
"""Crisis settings of the test sites: the two services of :data:`CRISIS`."""

CRISIS = """\
test-line:
  name: Test Crisis Line
  country: US
  contacts:
    - {way: call, number: "555 0100"}
    - {way: text, number: "555 0100"}
  hours: 24 hours a day
  languages: [English]
  source: https://example.org/test-line
  verified: 2026-05-01
test-text:
  name: Test Text Line
  country: US
  contacts:
    - {way: text, number: "55 123"}
  hours: 24 hours a day
  languages: [English]
  source: https://example.org/test-text
  verified: 2026-05-01
"""
"""The test sites' ``content/crisis.yml``: one service to call or text, one text-only. Not real services."""


@dataclass
class ContentDir:
    """A ``content/`` folder written for one test."""

    root: Path
    articles: dict[str, str] = field(default_factory=dict)

    def write(self) -> Path:
        (self.root / "articles").mkdir(parents=True, exist_ok=True)
        (self.root / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
        (self.root / "topics.yml").write_text(TOPICS, encoding="utf-8")
        (self.root / "crisis.yml").write_text(CRISIS, encoding="utf-8")
        for slug, text in self.articles.items():
            (self.root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
        return self.root


@pytest.fixture
def content(tmp_path: Path) -> ContentDir:
    return ContentDir(tmp_path / "content")


@pytest.fixture
def settings() -> Settings:
    return Settings(clinic_name="Test Clinic")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")


def write_site(
    root: Path,
    articles: dict[str, str],
    *,
    extra: dict[str, object] | None = None,
    config: dict[str, object] | None = None,
    home: bool = True,
) -> Path:
    """A site folder: mkdocs.yml using this repo's hooks and overrides, docs/ and content/."""
    ContentDir(root / "content", articles).write()
    (root / "docs").mkdir(parents=True, exist_ok=True)
    if home:
        (root / "docs" / "index.md").write_text("---\ntemplate: home.html\n---\n\n# Test library\n\nWelcome.\n")
    settings: dict[str, object] = {
        "clinic_name": "Test Clinic",
        "crisis": FIXTURE_CRISIS,
        "call_to_action": {
            "title": "Talk with Test Clinic",
            "text": "We can help.",
            "link_text": "Contact us",
            "url": "https://example.org/contact",
        },
        "disclosures": {
            "legal_name": "Test Clinic Ltd",
            "contact": "mailto:info@example.org",
            "funding": "Test Clinic pays for these articles.",
            "conflicts_of_interest": "None.",
            "advertising": "None.",
        },
    }
    settings.update(extra or {})
    _unsigned_off_unless_set(settings)
    mkdocs_yml: dict[str, object] = {
        "site_name": "Test Library",
        "site_url": "https://example.org/library/",
        "repo_url": "https://github.com/example/library",
        "edit_uri": "edit/main/docs/",
        "use_directory_urls": False,
        "theme": {
            "name": "material",
            "custom_dir": str(REPO / "overrides"),
            "font": False,
            "features": ["content.action.edit"],
            "palette": [{"scheme": "default", "primary": "custom"}, {"scheme": "slate", "primary": "custom"}],
        },
        "plugins": [],
        "hooks": [str(REPO / "hooks" / "psychoed_site.py")],
        "markdown_extensions": ["toc", "attr_list", "md_in_html"],
        "validation": {"links": {"not_found": "warn", "anchors": "warn"}},
        "extra": {"generator": False, "psychoed": settings},
    }
    mkdocs_yml.update(config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_yml, sort_keys=False), encoding="utf-8")
    return root


def _unsigned_off_unless_set(settings: dict[str, object]) -> None:
    """Test sites' articles are unsigned unless a test signs them (``article_text(signed=True)``), and their
    settings use example.org addresses: the unsigned and sample-site findings are off unless the test sets
    their level, so other tests' findings stay theirs."""
    check = settings.get("check")
    if check is not None and not isinstance(check, dict):
        return  # a test of a bad `check` setting: left as written
    rules = (check or {}).get("rules")
    if rules is not None and not isinstance(rules, dict):
        return
    defaults = {"signoff.unsigned": "off", "placeholder.sample": "off"}
    settings["check"] = {**(check or {}), "rules": {**defaults, **(rules or {})}}


def build_site_at(root: Path, articles: dict[str, str], **options: Any) -> BuildResult:
    """Write a site at ``root`` (``options`` as for :func:`write_site`) and run
    ``mkdocs build --strict`` on it, as a user would."""
    write_site(root, articles, **options)
    return build_written_site(root)


def build_written_site(root: Path) -> BuildResult:
    """Run ``mkdocs build --strict`` on the site already written at ``root``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    args = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False)
    return BuildResult(done.returncode, done.stdout + done.stderr, root / "site")


SiteBuilder = Callable[..., BuildResult]


@pytest.fixture
def on_test_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run on :data:`TODAY`, with no GitHub step summary to write to."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def run_cli(root: Path, *argv: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Run ``psychoed ARGV`` from the project folder ``root``, as editors and CI do: exit code, stdout, stderr."""
    from psychoed.cli.app import run

    monkeypatch.chdir(root)
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def build_site(tmp_path: Path) -> SiteBuilder:
    """Build a small site in this test's folder; see :func:`build_site_at`."""

    def build(articles: dict[str, str], **options: Any) -> BuildResult:
        return build_site_at(tmp_path / "site-src", articles, **options)

    return build


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site under its published path, with its 404 page, as a static host does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0-outside-the-site")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the tests assert on them where it matters."""


# Chromium's own background services try to reach Google; a clinic's CI (and this
# machine) may have no route there, so they are switched off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """The Chromium tools/chromium.sh finds: $CHROMIUM (set by `make test`), else one on PATH."""
    found = subprocess.run(["bash", str(REPO / "tools" / "chromium.sh")], capture_output=True, text=True, check=False)
    if found.returncode != 0:
        pytest.fail(found.stderr.strip() or "no Chromium for the browser tests; set CHROMIUM")
    return found.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


AXE_TIMES: list[tuple[str, float]] = []
"""(page, milliseconds) of every axe-core run in this session, reported at the end."""


LANGUAGE_FIGURES: list[tuple[str, int, int, float, float]] = []
"""(language, sentences to flag, clinical sentences, precision, recall) of each language's corpus, reported at
the end."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How long axe-core took per page, so a slower page or axe upgrade shows up; and the language
    rules' precision and recall on the corpus."""
    for language, flagged, clinical, precision, recall in LANGUAGE_FIGURES:
        terminalreporter.write_sep("-", f"language rules on the corpus ({language})")
        terminalreporter.write_line(
            f"{flagged} sentences to flag, {clinical} clinical sentences: "
            f"precision {precision:.1%}, recall {recall:.1%}"
        )
    if not AXE_TIMES:
        return
    times = sorted(ms for _, ms in AXE_TIMES)
    slowest = max(AXE_TIMES, key=lambda item: item[1])
    terminalreporter.write_sep("-", "axe-core time per page")
    terminalreporter.write_line(
        f"{len(times)} runs: median {times[len(times) // 2]:.0f} ms, "
        f"slowest {slowest[1]:.0f} ms ({slowest[0]}), total {sum(times) / 1000:.1f} s"
    )


SETTLED = """selector => new Promise(resolve => {
  let timer = setTimeout(resolve, 400);
  new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(resolve, 400); })
    .observe(document.querySelector(selector), {childList: true, subtree: true, characterData: true});
})"""


def search_from_keyboard(page: Page, search_page: str, query: str, expect_title: str | None = None) -> None:
    """Open the search page (``search_page``, its address), type ``query`` into its field from the keyboard, and
    wait for the results, and the status line that announces them, to settle."""
    page.goto(search_page)
    field = page.get_by_role("searchbox")
    field.focus()
    expect(field).to_be_focused()
    page.keyboard.type(query, delay=30)
    results = page.locator('[data-psychoed="search-results"] li')
    if expect_title is not None:
        results = results.filter(has_text=expect_title)
    results.first.wait_for(state="visible", timeout=15_000)
    expect(page.locator('[data-psychoed="search-status"]')).to_contain_text(query, timeout=15_000)
    # Results are redrawn as the query grows; wait until they stop changing.
    page.evaluate(SETTLED, '[data-psychoed="search-results"]')


NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network use is not allowed in this test")

class _RefusingSocket(socket.socket):
    connect = connect_ex = sendto = _refuse

socket.socket = _RefusingSocket
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""
"""Python source that makes every network connection fail; a test script starts with it."""


def run_offline(script: str, home: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter with the network refused and no NLTK data to find."""
    env = {"HOME": str(home), "NLTK_DATA": str(home / "no-nltk-data"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK + script], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
