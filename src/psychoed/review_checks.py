"""Review-timing findings: what the loader cannot call an error, but an editor must see.

The loader already refuses a missing or unknown reviewer, a reviewer without
credentials, a ``reviewed`` date in the future and a ``next_review`` before
``reviewed``. What is left depends on the day the check runs: a review that is
overdue (the page tells readers so) or due soon (time to book the reviewer),
and content still credited to the placeholder sample reviewer.
"""

from __future__ import annotations

import datetime as dt

from .errors import Problem, Severity
from .model import Article, Library
from .settings import CheckSettings


def check_review(article: Article, library: Library, check: CheckSettings, today: dt.date) -> list[Problem]:
    """Findings about ``article``'s review; none for drafts, which readers do not see."""
    if article.is_draft:
        return []
    findings = []
    due_line = article.line_of("next_review") if "next_review" in article.field_lines else article.line_of("reviewed")
    days = (article.next_review - today).days
    if days < 0:
        severity: Severity = "error" if check.overdue == "error" else "warning"
        findings.append(
            Problem(
                article.path,
                due_line,
                "review.overdue",
                f"the clinical review was due on {article.next_review.isoformat()}, {-days} days ago, and the page "
                "tells readers it is overdue; have a clinician review it, then update `reviewed` "
                "(and `next_review`, if set).",
                field="next_review",
                severity=severity,
            )
        )
    elif days <= check.due_soon_days:
        findings.append(
            Problem(
                article.path,
                due_line,
                "review.due-soon",
                f"the next clinical review is due on {article.next_review.isoformat()}, in {days} days; "
                "book it with the reviewer now.",
                field="next_review",
                severity="notice",
            )
        )
    reviewer = library.reviewers.get(article.reviewer)
    if reviewer is not None and reviewer.sample:
        findings.append(
            Problem(
                article.path,
                article.line_of("reviewer"),
                "review.sample-reviewer",
                f"`{reviewer.id}` is a placeholder (`sample: true`), so the page says it is not clinically reviewed; "
                "have a clinician review it and name them in `reviewer`.",
                field="reviewer",
                severity="warning",
            )
        )
    return findings
