"""Where a review stands: one answer for the check, the calendar, the summary and the pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from psychoed import Article, Settings
from psychoed.content.articles import load_article
from psychoed.review.state import STATES, review_status

from .conftest import TODAY, article_text

NEXT = dt.date(2027, 1, 15)


def _article(tmp_path: Path, settings: Settings, *, signed: bool, body: str = "An introduction.\n") -> Article:
    path = tmp_path / "an-article.md"
    path.write_text(article_text(body, signed=signed, next_review=NEXT), encoding="utf-8")
    article = load_article(path, settings, TODAY, [])
    assert article is not None
    return article


@pytest.mark.parametrize(
    ("today", "signed", "changed", "states"),
    [
        (NEXT - dt.timedelta(days=90), True, False, ("current",)),
        (NEXT - dt.timedelta(days=60), True, False, ("due-soon",)),
        (NEXT, True, False, ("due-soon",)),
        (NEXT + dt.timedelta(days=1), True, False, ("overdue",)),
        (NEXT - dt.timedelta(days=90), False, False, ("unsigned",)),
        (NEXT - dt.timedelta(days=90), True, True, ("changed",)),
        (NEXT + dt.timedelta(days=1), True, True, ("overdue", "changed")),
        (NEXT - dt.timedelta(days=30), False, False, ("unsigned", "due-soon")),
    ],
)
def test_a_review_is_overdue_changed_unsigned_due_soon_or_current_most_urgent_first(
    tmp_path: Path, settings: Settings, today: dt.date, signed: bool, changed: bool, states: tuple[str, ...]
) -> None:
    article = _article(tmp_path, settings, signed=signed)
    if changed:
        article = dataclasses.replace(article, description="A description edited after sign-off.")
    status = review_status(article, today, 60)
    assert status.states == states
    assert status.state == states[0]
    assert status.signed == (signed and not changed)
    assert status.overdue == ("overdue" in states)
    assert status.days_left == (NEXT - today).days


def test_the_states_are_listed_most_urgent_first() -> None:
    assert STATES == ("overdue", "changed", "unsigned", "stale", "due-soon", "current")
