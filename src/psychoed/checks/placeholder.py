"""Placeholder text left in what readers see: ``psychoed new``'s model sentences, and this sample site's
names and addresses in a clinic's own pages.

``psychoed new`` writes a draft whose body tells the editor what to write ("Write
one idea here."). If ``status: draft`` is removed before those sentences are
replaced, readers get instructions instead of advice, so each one left is an
error at its line. A fork starts from this repository, whose pages name a
"Sample Clinic" and link to ``example.org``; any left in a published page or a
setting every page shows is a warning, so the clinic sees each place to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule
from psychoed.review.new_article import BODY, DESCRIPTION

TEXT = Rule(
    "placeholder.text",
    "error",
    "The article still holds the model text `psychoed new` wrote, which tells the editor what to write; "
    "readers would read instructions, not advice.",
    "Replace each model sentence and heading with the article's own words.",
)
SAMPLE = Rule(
    "placeholder.sample",
    "warning",
    "A page or setting still names the sample clinic or links to `example.org`, so readers would be sent "
    "to a site that is not the clinic's.",
    "Write the clinic's own name and addresses (README, step 3).",
)
RULES = (TEXT, SAMPLE)

_MODEL_SENTENCES = tuple(
    sentence
    for line in (*BODY.splitlines(), DESCRIPTION)
    for sentence in re.split(r"(?<=\.)\s+", line.removeprefix("## ").strip())
    if sentence and not sentence[0].isdigit()
)
"""Every sentence and heading of the model text (``## 1. The first tip`` as ``The first tip``)."""
_HEADING = re.compile(r"^#+\s+(?:\d+\.\s+)?")
SAMPLE_MARKS = re.compile(r"\bexample\.(?:org|com|net)\b|\bSample Clinic\b", re.IGNORECASE)
"""What the sample site's pages and settings name that a clinic must replace."""


def check_placeholder(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """An error for each line of the description or body that still holds model text, once the article is
    no longer a draft (a draft is where the model text is replaced)."""
    if article.is_draft:
        return
    if _model_sentence(article.description):
        yield TEXT.at(article.path, article.line_of("description"), _message(article.description), field="description")
    for offset, line in enumerate(article.body.splitlines()):
        found = _model_sentence(_HEADING.sub("", line))
        if found:
            yield TEXT.at(article.path, article.body_line + offset, _message(found))


def sample_marks(text: str, path: Path, first_line: int = 1) -> Iterator[Problem]:
    """A warning for each line of ``text`` (which starts at ``first_line`` of ``path``) that names the sample
    clinic or an ``example.*`` address."""
    for offset, line in enumerate(text.splitlines()):
        found = SAMPLE_MARKS.search(line)
        if found:
            yield SAMPLE.at(
                path,
                first_line + offset,
                f"`{found.group(0)}` is the sample site's; write the clinic's own name or address here.",
            )


def _model_sentence(text: str) -> str | None:
    flat = " ".join(text.split())
    return next((sentence for sentence in _MODEL_SENTENCES if sentence in flat), None)


def _message(sentence: str) -> str:
    return f"“{sentence}” is the model text `psychoed new` wrote; replace it with the article's own words."


FAMILY = Family("placeholder", RULES, check_placeholder)
