"""The headings rule, called alone with its context: no CLI, no site generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from psychoed import Settings
from psychoed.checks import ArticleContext
from psychoed.checks.headings import MAX_WORDS, check_headings
from psychoed.content.articles import load_article
from psychoed.content.model import Library
from psychoed.findings import Problem
from psychoed.pages.site_map import SiteLayout, SiteMap

from .conftest import TODAY, article_text


def findings(tmp_path: Path, body: str) -> list[Problem]:
    path = tmp_path / "one.md"
    path.write_text(article_text(body), encoding="utf-8")
    settings = Settings(clinic_name="Test Clinic")
    article = load_article(path, settings, TODAY, [])
    assert article is not None
    library = Library((article,), {}, {})
    site = SiteMap.of(SiteLayout(tmp_path / "mkdocs.yml", tmp_path, tmp_path), library, include_drafts=False)
    return list(check_headings(article, ArticleContext(article, settings, library, TODAY, site)))


@pytest.mark.parametrize(
    ("heading", "reported"),
    [
        (" ".join(["word"] * MAX_WORDS), False),
        (" ".join(["word"] * (MAX_WORDS + 1)), True),
        ("1. " + " ".join(["word"] * MAX_WORDS), False),  # a tip's number is not a word
        ("What to do when you can't sleep, and your mind won't stop racing at night", True),
        ("Self-care when you're low", False),  # hyphenated words and contractions count once
    ],
)
def test_long_headings_are_a_warning_on_their_line(tmp_path: Path, heading: str, reported: bool) -> None:
    found = findings(tmp_path, f"Intro.\n\n## {heading}\n\nText.\n")
    assert [(p.rule.id, p.severity, p.line) for p in found] == (
        [("headings.length", "warning", 11)] if reported else []
    )


def test_only_section_headings_are_measured(tmp_path: Path) -> None:
    long = " ".join(["word"] * (MAX_WORDS + 1))
    assert findings(tmp_path, f"Intro.\n\n```\n## {long}\n```\n\n### {long}\n\nText.\n") == []
