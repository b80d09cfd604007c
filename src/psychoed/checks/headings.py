"""Headings that readers can scan: short enough to take in at a glance.

Readers skim an article by its headings, and screen-reader users jump from
heading to heading, hearing each in full. A heading that runs to a sentence
and more is read as a paragraph, not a signpost. Plain-language guides (the
US Federal Plain Language Guidelines, GOV.UK's style guide) ask for short,
descriptive headings; psychoed warns above 12 words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule

MAX_WORDS = 12
"""More words than this in a ``## `` heading is a warning."""

LENGTH = Rule(
    "headings.length",
    "warning",
    f"A heading of more than {MAX_WORDS} words is hard to scan, and screen readers read it in full at every jump.",
    "Shorten the heading to the few words a reader scans for; move the rest into the text below it.",
)
RULES = (LENGTH,)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def check_headings(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """A warning on each ``## `` heading longer than :data:`MAX_WORDS` words (a tip's number not counted)."""
    for section in context.body.sections:
        text = re.sub(r"^\d+\.\s+", "", section.heading)
        words = len(_WORD.findall(text))
        if words > MAX_WORDS:
            yield LENGTH.at(
                article.path,
                section.line,
                f"this heading has {words} words; keep headings to {MAX_WORDS} or fewer, so readers can scan "
                "them: move the detail into the text below.",
            )


FAMILY = Family("headings", RULES, check_headings)
