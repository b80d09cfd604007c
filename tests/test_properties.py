"""Property tests: any text or bytes as an article, as ``reviewers.yml`` or as ``topics.yml`` either loads
or gives problems, and the checks then run on it: never any other exception.

Each property runs 200 examples, and again 5,000 under the ``slow`` marker. The default run (``make test``,
and so CI) includes both; ``pytest -m "not slow"`` leaves the long runs out while working locally.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psychoed.checks import ARTICLE_CHECKS, ArticleContext, run_checks
from psychoed.checks.security import site_findings
from psychoed.content.library import collect_library
from psychoed.findings import Problem
from psychoed.pages.site_map import SiteLayout, SiteMap
from psychoed.settings.model import Settings

from .conftest import REVIEWERS, TOPICS, article_text

TODAY = dt.date(2026, 6, 1)
SETTINGS = Settings(clinic_name="Test Clinic")
EXAMPLES = [pytest.param(200, id="200"), pytest.param(5_000, id="5000", marks=pytest.mark.slow)]

FRONT_MATTER_KEYS = ["title", "description", "topics", "reviewer", "reviewed", "next_review", "status",
                     "sources", "related", "authors", "<<", "title\n::error::x"]  # fmt: skip
MARKDOWN_PIECES = [
    "[", "]", "(", ")", "![", "](", "*", "_", "**", "`", "```\n", "#", "## ", "## 1. ", "\n", "\n\n", "> ",
    "- ", "1. ", "<", ">", "</", "<!--", "-->", "&", "&#", ";", "{:", "}", "#psy-main", " onclick=", '"',
    "javascript:", "https://x.example/p.gif", "<abbr>", "</abbr>", "<div>", "<script>", "|", "---", "!!! note",
    "    ", "\t", "\\", "psychoed: allow reading.sentence: quoted", "é", "\u202e", "\x00",
]  # fmt: skip


def _check_all(root: Path) -> list[Problem]:
    """Load ``root/content`` and run every check that needs no build, as ``psychoed check --no-links`` does."""
    content = root / "content"
    library, problems = collect_library(content, SETTINGS, TODAY, root=root)
    layout = SiteLayout(root / "mkdocs.yml", root / "docs", content, directory_urls=False)
    site = SiteMap.of(layout, library, include_drafts=False)
    for article in library.articles:
        context = ArticleContext(article, SETTINGS, library, TODAY, site)
        problems += run_checks(ARTICLE_CHECKS, article, context)
    problems += site_findings(library, layout, SETTINGS.html_policy)
    for problem in problems:
        str(problem)  # every problem can be printed
    return problems


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "content" / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    (root / "content" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return root


def _property(examples: int, strategy: st.SearchStrategy[object], write: Callable[[object], None], root: Path) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing written into the repository
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(strategy)
    def holds(value: object) -> None:
        write(value)
        _check_all(root)  # raises, and so fails, on anything but problems

    holds()


def _writer(path: Path) -> Callable[[object], None]:
    def write(value: object) -> None:
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(str(value), encoding="utf-8", errors="surrogatepass")

    return write


TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]))


@pytest.mark.parametrize("examples", EXAMPLES)
@pytest.mark.parametrize(
    ("where", "strategy"),
    [
        ("article", TEXT),
        ("article", st.binary()),
        ("reviewers.yml", TEXT),
        ("reviewers.yml", st.binary()),
        ("topics.yml", TEXT),
        ("topics.yml", st.binary()),
    ],
    ids=["article-text", "article-bytes", "reviewers-text", "reviewers-bytes", "topics-text", "topics-bytes"],
)
def test_any_file_content_loads_or_gives_problems(
    examples: int, where: str, strategy: st.SearchStrategy[object], content_root: Path
) -> None:
    path = content_root / "content" / ("articles/one.md" if where == "article" else where)
    _property(examples, strategy, _writer(path), content_root)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**40), max_value=10**40) | st.floats()
    | st.dates() | st.datetimes() | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)  # fmt: skip


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_front_matter_values_load_or_give_problems(examples: int, content_root: Path) -> None:
    """Well-formed YAML with any keys and values: dates, huge numbers, nesting, lists where text belongs."""
    front_matter = st.dictionaries(st.sampled_from(FRONT_MATTER_KEYS) | TEXT, YAML_VALUES, max_size=8)
    path = content_root / "content" / "articles" / "one.md"

    def write(value: object) -> None:
        assert isinstance(value, dict)
        dumped = yaml.safe_dump(value, allow_unicode=True)
        path.write_text(f"---\n{dumped}---\nSome text.\n", encoding="utf-8", errors="surrogatepass")

    _property(examples, front_matter, write, content_root)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_markdown_body_is_checked_without_an_exception(examples: int, content_root: Path) -> None:
    """A valid article whose body is built from the pieces Markdown, HTML and attribute lists are made of."""
    pieces = st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(string.ascii_letters + " .", max_size=12), max_size=60)
    path = content_root / "content" / "articles" / "one.md"
    _property(examples, pieces.map("".join).map(article_text), _writer(path), content_root)
