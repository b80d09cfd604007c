"""Articles about suicide or self-harm carry crisis help at the top, not only in the banner.

A topic marked ``sensitive: true`` in ``topics.yml`` makes each of its articles
show a short content note and the crisis help under the title (the article
template does this). This check makes sure an article that talks about suicide
or self-harm is filed under such a topic. One sentence that points to help (for
example, "if you have thoughts of suicide, call …") is safe messaging, not a
subject, so it takes two sentences or a heading to count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule

SENSITIVE_TOPIC = Rule(
    "crisis.sensitive-topic",
    "error",
    "An article about suicide or self-harm is in no sensitive topic, so it shows no content note and no crisis "
    "help at the top of the article.",
    "File it under a topic with `sensitive: true` in topics.yml (or mark its topic sensitive).",
)
RULES = (SENSITIVE_TOPIC,)

MENTIONS = re.compile(
    r"\bsuicid\w*|\bself[- ]?harm\w*|\b(?:kill|hurt|harm)(?:s|ed|ing)?\s+(?:my|your|him|her|them|our)sel(?:f|ves)\b"
    r"|\bend(?:s|ed|ing)?\s+(?:my|your|his|her|their|our)\s+(?:own\s+)?li(?:fe|ves)\b",
    re.IGNORECASE,
)
MIN_SENTENCES = 2


def check_sensitive(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """An error when the article talks about suicide or self-harm and none of its topics is sensitive."""
    topics = [context.library.topics[t] for t in article.topics if t in context.library.topics]
    if any(topic.sensitive for topic in topics):
        return
    sentences = [s for s in context.prose.sentences if MENTIONS.search(s.text)]
    headings = [s for s in context.body.sections if MENTIONS.search(s.heading)]
    if len(sentences) < MIN_SENTENCES and not headings:
        return
    first = min([s.line for s in sentences] + [h.line for h in headings])
    names = ", ".join(f"`{t}`" for t in article.topics)
    yield SENSITIVE_TOPIC.at(
        article.path,
        first,
        f"this article talks about suicide or self-harm ({len(sentences)} sentences from this line), but its topics "
        f"({names}) are not marked `sensitive: true`, so readers get no content note or crisis help at the top; "
        "mark the topic sensitive in topics.yml, or file the article under one that is.",
    )


FAMILY = Family("crisis", RULES, check_sensitive, translations_too=False)
