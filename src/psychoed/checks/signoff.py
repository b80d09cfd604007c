"""Sign-off: is the text a reader sees the text the reviewer approved?

The byline says "Medically reviewed by … on …". That is a promise only if the
text has not changed since: :mod:`psychoed.signoff` keeps a fingerprint of the
clinical text in the front matter, written by ``psychoed review sign``. A
changed text is an error; an article never signed is a warning, so an existing
library can adopt sign-off one article at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import format_date
from ..errors import Problem
from ..model import Article
from ..rules import Rule
from ..signoff import is_changed
from .base import ArticleContext

CHANGED = Rule(
    "signoff.changed",
    "error",
    "The text (or its reviewer or review date) has changed since the reviewer signed it off, so the byline "
    "would vouch for words the reviewer has not read.",
    "Ask the reviewer to read the change (`psychoed review diff SLUG`) and sign again (`psychoed review sign`).",
)
UNSIGNED = Rule(
    "signoff.unsigned",
    "warning",
    "The article has no sign-off fingerprint, so nothing shows that the reviewed text is the text published.",
    "Ask the reviewer to sign it: `psychoed review sign SLUG --by REVIEWER`.",
)
RULES = (CHANGED, UNSIGNED)


def check_signoff(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """An error when the signed text has changed, a warning when the article was never signed."""
    reviewer = context.library.reviewers.get(article.reviewer)
    who = reviewer.display_name if reviewer else article.reviewer
    if article.fingerprint is None:
        yield UNSIGNED.at(
            article.path,
            article.line_of("reviewer"),
            f"`{article.slug}` has no sign-off; ask {who} to read it and sign it with "
            f"`psychoed review sign {article.slug} --by {article.reviewer}`.",
            field="fingerprint",
        )
    elif is_changed(article):
        yield CHANGED.at(
            article.path,
            article.line_of("fingerprint"),
            f"`{article.slug}` has changed since {who} signed it off on "
            f"{format_date(article.reviewed, context.settings)}; ask for a new review: show them "
            f"`psychoed review diff {article.slug}`, then sign with "
            f"`psychoed review sign {article.slug} --by {article.reviewer}`.",
            field="fingerprint",
        )
