"""Where an article's clinical review stands on a given day: the one answer the check, the review
calendar, the check's summary and the pages all use.

Two questions make it up. Is the review still in date (overdue, due soon, or not yet due)? And did
the reviewer sign the very text that is published (unsigned, changed since signing, or signed)? An
article can be both overdue and changed; its states list every one, most urgent first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from psychoed.content.model import Article
from psychoed.review.fingerprint import fingerprint

ReviewState = Literal["overdue", "changed", "unsigned", "stale", "due-soon", "current"]

STATES: tuple[ReviewState, ...] = ("overdue", "changed", "unsigned", "stale", "due-soon", "current")
"""Every state, most urgent first."""

LABELS: dict[ReviewState, str] = {
    "overdue": "overdue",
    "changed": "changed since sign-off",
    "unsigned": "not signed",
    "stale": "source signed again since translated",
    "due-soon": "due soon",
    "current": "current",
}


@dataclass(frozen=True)
class ReviewStatus:
    """An article's review on one day."""

    article: Article
    states: tuple[ReviewState, ...]
    """Most urgent first; ``("current",)`` when the reviewer has nothing to do."""
    days_left: int
    """Days until the next review; negative once it is overdue."""

    @property
    def state(self) -> ReviewState:
        """The most urgent state."""
        return self.states[0]

    @property
    def signed(self) -> bool:
        """The reviewer signed this very text, so the page may say it was reviewed."""
        return "unsigned" not in self.states and "changed" not in self.states

    @property
    def overdue(self) -> bool:
        return "overdue" in self.states


def review_status(article: Article, today: dt.date, due_soon_days: int, source: Article | None = None) -> ReviewStatus:
    """Where ``article``'s review stands on ``today``; due soon means within ``due_soon_days``. A translation's
    ``source`` tells whether it is stale: the source was signed again since it was translated."""
    days_left = (article.next_review - today).days
    states: list[ReviewState] = []
    if days_left < 0:
        states.append("overdue")
    if article.fingerprint is None:
        states.append("unsigned")
    elif article.fingerprint != fingerprint(article):
        states.append("changed")
    if source is not None and not article.is_draft and is_stale(article, source):
        states.append("stale")
    if 0 <= days_left <= due_soon_days:
        states.append("due-soon")
    ordered = tuple(sorted(states, key=STATES.index)) or ("current",)
    return ReviewStatus(article, ordered, days_left)


def is_stale(translation: Article, source: Article) -> bool:
    """True when ``source`` was signed again (or never recorded) since the ``translation`` was made: the check
    warns, and the translation's page tells readers the original was updated."""
    made = translation.translation
    return made is not None and made.translated_from != source.fingerprint
