"""Safe messaging and person-first language, checked in every sentence readers read.

How we write about suicide, self-harm, mental illness and substance use can help a reader or hurt them.
The wording to avoid is data (:mod:`psychoed.settings.language`, ``data/language.yml``), each entry with a
suggestion, a reason and the published guidance it follows. This module declares the catalog rules they
report under and finds them in an article's title, description and prose (code and link addresses are
not prose). Clinical terms ("bipolar disorder", "psychosis", "died by suicide") are never matched: the
patterns match whole words and their grammar, not fragments.
"""

from __future__ import annotations

from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule
from psychoed.settings.language import MESSAGING_RULES

NOT_CHECKED = Rule(
    "language.not-checked",
    "notice",
    "The article is in a language psychoed has no safe-messaging entries for, so its wording is not checked "
    "(English entries would pass any other language's words).",
    "Have a clinician who reads the language check its wording against the guidance; a site can add entries "
    "for its source language with `language_rules`.",
)
RULES = (*MESSAGING_RULES, NOT_CHECKED)
"""The rules entries report under, declared with their data (:data:`psychoed.settings.language.MESSAGING_RULES`),
and the notice for a language with none."""
_BY_ID = {rule.id: rule for rule in RULES}


def check_language(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """A finding for each entry that matches a sentence, the title or the description, at its line."""
    texts = [(article.title, article.line_of("title")), (article.description, article.line_of("description"))]
    texts += [(sentence.text, sentence.line) for sentence in context.prose.sentences]
    entries = context.settings.entries_for(context.language)
    if not entries:
        yield NOT_CHECKED.at(
            article.path,
            article.line_of("title"),
            f"psychoed has no safe-messaging entries for `{context.language}`, so this article's wording is not "
            "checked; ask a clinician who reads the language to check it against the guidance.",
        )
        return
    for text, line in texts:
        lowered = text.lower()
        for entry in entries:
            words = entry.matches(text, lowered)
            if words is None:
                continue
            yield _BY_ID[entry.rule].at(
                article.path,
                line,
                f"“{words}”: {entry.reason} Write {entry.suggestion} instead. "
                f"(Guidance: {entry.source.title}, {entry.source.url})",
            )


FAMILY = Family("language", RULES, check_language)
