"""Safe messaging and person-first language, checked in every sentence readers read.

How we write about suicide, self-harm, mental illness and substance use can help a reader or hurt them.
The wording to avoid is data (:mod:`psychoed.writing.language`, ``data/language.yml``), each entry with a
suggestion, a reason and the published guidance it follows. This module declares the catalog rules they
report under and finds them in an article's title, description and prose (code and link addresses are
not prose). Clinical terms ("bipolar disorder", "psychosis", "died by suicide") are never matched: the
patterns match whole words and their grammar, not fragments.
"""

from __future__ import annotations

from collections.abc import Iterator

from psychoed.checks.base import ArticleContext
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule, Severity

_RULES: dict[str, tuple[Severity, str]] = {
    "language.suicide-crime": (
        "error",
        'Words that make suicide a crime or a sin ("committed suicide") hurt people who are bereaved and '
        "add to stigma.",
    ),
    "language.suicide-outcome": (
        "error",
        'Calling a suicide "successful" or an attempt "failed" makes death sound like an achievement.',
    ),
    "language.sensational": (
        "error",
        'Sensational words ("suicide epidemic", "skyrocketing") present suicide as common, which can put '
        "people at risk.",
    ),
    "language.slur": (
        "error",
        'Casual and insulting words for mental illness ("crazy", "psycho", "nuts") keep stigma alive and stop '
        "people asking for help.",
    ),
    "language.identity": (
        "warning",
        'Naming a person by a diagnosis or by substance use ("a schizophrenic", "an addict") makes the '
        "illness who they are.",
    ),
    "language.suffering": (
        "warning",
        '"Suffers from", "victim of" and "afflicted with" suggest a life without quality or hope.',
    ),
    "language.casual-diagnosis": (
        "warning",
        'A diagnosis used as a casual adjective ("so OCD") trivialises it for people who live with it.',
    ),
    "language.site": ("warning", "Wording this site's own language rules ask editors to avoid."),
}
RULES = tuple(
    Rule(rule_id, severity, summary, "Use the suggested wording, or allow one quotation with a reason.")
    for rule_id, (severity, summary) in _RULES.items()
)
_BY_ID = {rule.id: rule for rule in RULES}


def check_language(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """A finding for each entry that matches a sentence, the title or the description, at its line."""
    texts = [(article.title, article.line_of("title")), (article.description, article.line_of("description"))]
    texts += [(sentence.text, sentence.line) for sentence in context.body.prose.sentences]
    entries = context.settings.language_entries
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
