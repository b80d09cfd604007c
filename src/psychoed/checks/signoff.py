"""Sign-off: is the text a reader sees the text the reviewer approved?

The byline says "Medically reviewed by … on …". That is a promise only if the
text has not changed since: :mod:`psychoed.review.fingerprint` keeps a fingerprint of the
clinical text in the front matter, written by ``psychoed review sign``. A
changed text and an article never signed are errors, and their pages say they
await clinical review instead of showing the byline. A library adopting
sign-off one article at a time sets ``signoff.unsigned: warning``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.dates import format_date
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule
from psychoed.review.fingerprint import ClinicalText
from psychoed.review.history import HistoryError, signed_version
from psychoed.review.text_diff import changed_body_lines

CHANGED = Rule(
    "signoff.changed",
    "error",
    "The text (or its reviewer or review date) has changed since the reviewer signed it off, so the byline "
    "would vouch for words the reviewer has not read.",
    "Ask the reviewer to read the change (`psychoed review diff SLUG`) and sign again (`psychoed review sign`).",
)
UNSIGNED = Rule(
    "signoff.unsigned",
    "error",
    "The article has no sign-off fingerprint, so nothing shows that a clinician reviewed the text published; "
    "its page says it awaits clinical review.",
    "Ask the reviewer to sign it: `psychoed review sign SLUG --by REVIEWER`. A site adopting sign-off for an "
    "existing library may set `signoff.unsigned: warning` while it signs.",
)
RULES = (CHANGED, UNSIGNED)


def check_signoff(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """An error when the signed text has changed, or when an article to be published was never signed."""
    reviewer = context.library.reviewers.get(article.reviewer)
    who = reviewer.display_name if reviewer else article.reviewer
    state = context.review.states
    if "unsigned" in state:
        if article.is_draft:
            return  # not published: its reviewer signs it when the text is ready
        yield UNSIGNED.at(
            article.path,
            article.line_of("reviewer"),
            f"`{article.key}` has no sign-off; ask {who} to read it and sign it with "
            f"`psychoed review sign {article.key} --by {article.reviewer}`.",
            field="fingerprint",
        )
    elif "changed" in state:
        message = (
            f"`{article.key}` has changed since {who} signed it off on "
            f"{format_date(article.reviewed, context.settings)}; ask for a new review: show them "
            f"`psychoed review diff {article.key}`, then sign with "
            f"`psychoed review sign {article.key} --by {article.reviewer}`."
        )
        lines = _changed_lines(article, context)
        if not lines:  # no history to compare with (not a git clone, or shallow): the fingerprint's line
            lines = [(article.line_of("fingerprint"), "fingerprint")]
        for line, field in lines:
            yield CHANGED.at(article.path, line, message, field=field)


def _changed_lines(article: Article, context: ArticleContext) -> list[tuple[int, str | None]]:
    """The file lines that changed since the signed version in git history, so a pull request's note sits
    on the edit; empty when that version cannot be found."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            signed = signed_version(article, context.settings, context.today, Path(scratch)).text
        except HistoryError:
            return []
    now = ClinicalText.of(article)
    found: list[tuple[int, str | None]] = [
        (article.line_of(key), key)
        for key, before, after in (
            ("title", signed.title, now.title),
            ("description", signed.description, now.description),
            ("reviewer", signed.reviewer, now.reviewer),
            ("reviewed", signed.reviewed, now.reviewed),
            ("sources", signed.sources, now.sources),
        )
        if before != after
    ]
    found += [(article.body_line + index, None) for index in changed_body_lines(signed.body, now.body)]
    return found


FAMILY = Family("signoff", RULES, check_signoff)
