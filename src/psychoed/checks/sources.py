"""Sources as evidence: each recorded as the health-information standards ask, and re-checked at each review.

PIF TICK and NHS England's standard ask that the evidence behind health information be named, graded,
dated, and checked again whenever the information is reviewed. The loader reads what a source records
(title and address required; publisher, kind, dates optional, so sites written before these fields keep
building); these checks say what is missing or out of date, on the source's own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.dates import add_months
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule

UNCHECKED = Rule(
    "sources.unchecked",
    "warning",
    "A source was not checked at the article's last review (its `checked` date is missing or earlier than "
    "`reviewed`), so nobody has confirmed it still says what the article says.",
    "Check the source still supports the article, then set its `checked` date (`psychoed sources checked SLUG`).",
)
INCOMPLETE = Rule(
    "sources.incomplete",
    "warning",
    "A source does not say who published it, what kind of evidence it is, or when it was published: readers "
    "and assessors cannot judge it.",
    "Add the fields the message names: `publisher`, `kind` (guideline, systematic-review, trial, "
    "patient-organisation or other) and `published` (year-month-day).",
)
OLD_GUIDELINE = Rule(
    "sources.old-guideline",
    "warning",
    "A clinical guideline is older than the site's limit (`check.max_guideline_age_years`), so a newer version "
    "may say something else.",
    "Look for the current version of the guideline; cite it, with its date, or say why the old one stands.",
)
RULES = (UNCHECKED, INCOMPLETE, OLD_GUIDELINE)


def check_sources(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """For each source of a published article: missing details, a guideline past the site's limit, and no
    check since the article's last review."""
    if article.is_draft:
        return  # checked when it is reviewed, before it is published
    limit = context.settings.check.max_guideline_age_years
    oldest = add_months(context.today, -12 * limit)
    for source in article.sources:
        named = f"the source “{source.title}”"
        missing = [key for key, value in (("publisher", source.publisher), ("kind", source.kind),
                                          ("published", source.published)) if value is None]  # fmt: skip
        if missing:
            fields = ", ".join(f"`{key}`" for key in missing)
            them = "it" if len(missing) == 1 else "them"
            yield INCOMPLETE.at(article.path, source.line, f"{named} has no {fields}; add {them}.")
        if source.kind == "guideline" and source.published is not None and source.published < oldest:
            yield OLD_GUIDELINE.at(
                article.path,
                source.line,
                f"{named} is a guideline from {source.published.isoformat()}, more than {limit} years ago; look "
                "for its current version and cite that, with its date.",
            )
        if source.checked is None or source.checked < article.reviewed:
            when = "was never recorded as checked" if source.checked is None else (
                f"was last checked on {source.checked.isoformat()}")  # fmt: skip
            yield UNCHECKED.at(
                article.path,
                source.line,
                f"{named} {when}, before the article's review on {article.reviewed.isoformat()}; check it still "
                f"says what the article says, then run `psychoed sources checked {article.slug}`.",
            )


FAMILY = Family("sources", RULES, check_sources, translations_too=False)
