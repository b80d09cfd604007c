"""``psychoed reviews``: the review calendar, grouped by reviewer, so reviews are planned before they fall due.

An article is listed when its review is overdue or due within the window, when
it has never been signed, or when its text has changed since it was signed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from psychoed.content.model import Article, Library
from psychoed.findings import shown_path
from psychoed.formats import markdown_text
from psychoed.review.state import LABELS, STATES, ReviewStatus, review_status


def due_reviews(library: Library, today: dt.date, within_days: int) -> list[ReviewStatus]:
    """Every article that needs its reviewer (not withdrawn ones), most urgent first, then by next review date."""
    # A withdrawn article's page no longer gives advice: nobody needs to review it.
    found = [
        review_status(article, today, within_days, _source(library, article))
        for article in library.everything
        if not article.is_withdrawn
    ]
    due = [status for status in found if status.state != "current"]
    return sorted(due, key=lambda d: (STATES.index(d.state), d.article.next_review, d.article.slug))


def _source(library: Library, article: Article) -> Article | None:
    return library.article(article.translation.source) if article.translation else None


def _by_reviewer(due: Iterable[ReviewStatus], library: Library) -> dict[str, list[ReviewStatus]]:
    groups: dict[str, list[ReviewStatus]] = {}
    for item in due:
        groups.setdefault(item.article.reviewer, []).append(item)
    return dict(sorted(groups.items(), key=lambda g: _name(g[0], library)))


def _name(reviewer: str, library: Library) -> str:
    known = library.reviewers.get(reviewer)
    return known.display_name if known else reviewer


def as_json(due: list[ReviewStatus], library: Library, root: Path, today: dt.date, within_days: int) -> str:
    articles = [
        {
            "path": shown_path(d.article.path, root),
            "slug": d.article.slug,
            "article": d.article.key,
            "language": d.article.language,
            "title": d.article.title,
            "reviewer": d.article.reviewer,
            "reviewed": d.article.reviewed.isoformat(),
            "next_review": d.article.next_review.isoformat(),
            "state": d.state,
            "states": list(d.states),
        }
        for d in due
    ]
    document = {"today": today.isoformat(), "within_days": within_days, "articles": articles}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_human(due: list[ReviewStatus], library: Library, root: Path, today: dt.date, within_days: int) -> str:
    if not due:
        return f"No reviews overdue, due within {within_days} days, unsigned or changed since sign-off.\n"
    lines = []
    for reviewer, items in _by_reviewer(due, library).items():
        lines.append(f"{_name(reviewer, library)} ({len(items)}):")
        for d in items:
            states = ", ".join(LABELS[s] for s in d.states)
            lines.append(f"  {shown_path(d.article.path, root)}: {states}; next review {d.article.next_review}")
    return "\n".join(lines) + "\n"


def as_markdown(due: list[ReviewStatus], library: Library, root: Path, today: dt.date, within_days: int) -> str:
    """The report the weekly job puts in its issue."""
    lines = [f"# Reviews to plan, {today.isoformat()}", ""]
    if not due:
        lines.append(f"No reviews are overdue, due within {within_days} days, unsigned or changed since sign-off.")
        return "\n".join(lines) + "\n"
    lines.append(f"Articles that need their reviewer (due within {within_days} days, or sooner):")
    for reviewer, items in _by_reviewer(due, library).items():
        known = library.reviewers.get(reviewer)
        handle = f" {known.github}" if known and known.github else ""
        lines += ["", f"## {_name(reviewer, library)}{handle}", "", "| Article | State | Next review |",
                  "| --- | --- | --- |"]  # fmt: skip
        for d in items:
            title = markdown_text(d.article.title)
            path = shown_path(d.article.path, root)
            states = ", ".join(LABELS[s] for s in d.states)
            lines.append(f"| {title} (`{path}`) | {states} | {d.article.next_review.isoformat()} |")
    return "\n".join(lines) + "\n"
