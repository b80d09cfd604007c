"""Review-timing findings: what the loader cannot call an error, but an editor must see.

The loader already refuses a missing or unknown reviewer, a reviewer without
credentials, a ``reviewed`` date in the future and a ``next_review`` before
``reviewed``. What is left depends on the day the check runs: a review that is
overdue (the page tells readers so) or due soon (time to book the reviewer),
and content still credited to the placeholder sample reviewer.
"""

from __future__ import annotations

from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule

OVERDUE = Rule(
    "review.overdue",
    "warning",
    "The page tells readers its review is overdue: they may be reading advice that is out of date.",
    "Have a clinician review it, then update `reviewed` (and `next_review`, if set). A site that wants "
    "overdue reviews to fail the check sets `review.overdue: error`.",
)
DUE_SOON = Rule(
    "review.due-soon",
    "notice",
    "Nothing yet: the review falls due within `check.due_soon_days` (60 by default).",
    "Book the review with the reviewer.",
)
SAMPLE_REVIEWER = Rule(
    "review.sample-reviewer",
    "warning",
    'The page says "Sample content — not clinically reviewed".',
    "Have a clinician review it and name them in `reviewer`.",
)
RULES = (OVERDUE, DUE_SOON, SAMPLE_REVIEWER)


def check_review(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """Findings about ``article``'s review; none for drafts, which readers do not see."""
    if article.is_draft:
        return
    due_line = article.line_of("next_review") if "next_review" in article.field_lines else article.line_of("reviewed")
    status = context.review
    days = status.days_left
    if status.overdue:
        yield OVERDUE.at(
            article.path,
            due_line,
            f"the clinical review was due on {article.next_review.isoformat()}, {-days} days ago, and the page "
            "tells readers it is overdue; have a clinician review it, then update `reviewed` "
            "(and `next_review`, if set).",
            field="next_review",
        )
    elif "due-soon" in status.states:
        yield DUE_SOON.at(
            article.path,
            due_line,
            f"the next clinical review is due on {article.next_review.isoformat()}, in {days} days; "
            "book it with the reviewer now.",
            field="next_review",
        )
    reviewer = context.library.reviewers.get(article.reviewer)
    if reviewer is not None and reviewer.sample:
        yield SAMPLE_REVIEWER.at(
            article.path,
            article.line_of("reviewer"),
            f"`{reviewer.id}` is a placeholder (`sample: true`), so the page says it is not clinically reviewed; "
            "have a clinician review it and name them in `reviewer`.",
            field="reviewer",
        )


FAMILY = Family("review", RULES, check_review)
