"""Translations that stay clinically true: tied to the signed text they came from, signed by a reviewer who
reads their language, and the same advice, tip for tip.

A translation (``<slug>.<language>.md``) records ``translated_from``: the source's sign-off fingerprint when
it was made or last brought up to date. When the source is signed again after a change, the two differ and
the translation is stale: the check says so, and its page tells readers, in their language, that the original
was updated and links to it. The loader reports what makes a translation unusable (an unknown source, a
language the site does not publish); these rules report what a reviewer must act on.
"""

from __future__ import annotations

from collections.abc import Iterator

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule
from psychoed.review.fingerprint import normalise
from psychoed.review.state import is_stale

STALE = Rule(
    "translation.stale",
    "warning",
    "The source article was signed again after this translation was made, so the translation may not say what "
    "the source now says; its page tells readers the original was updated, and links to it.",
    "Bring the translation up to date (`psychoed review diff SLUG.LANG` shows what changed in the source), then "
    "ask its reviewer to sign it: `psychoed review sign SLUG.LANG --by REVIEWER`.",
)
REVIEWER_LANGUAGE = Rule(
    "translation.reviewer-language",
    "error",
    "The translation's reviewer does not read its language (their `languages` in reviewers.yml), so nobody has "
    "checked that the translation says what the source says.",
    "Ask a reviewer who reads the language to sign it, or add the language to the reviewer's `languages`.",
)
TIPS = Rule(
    "translation.tips",
    "error",
    "The translation has a different number of tips from its source: advice was left out or added in translation.",
    "Translate each numbered tip (`## 1. …`) of the source, no more and no fewer.",
)
UNTRANSLATED = Rule(
    "translation.untranslated",
    "error",
    "A translation to be published still has its source's title or text, as `psychoed new --translation-of` "
    "copied it: readers would get the source language under another language's `lang`.",
    "Translate the title, description and text, or keep `status: draft` until they are.",
)
RULES = (STALE, REVIEWER_LANGUAGE, TIPS, UNTRANSLATED)


def check_translation(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """For a translation: its source signed since it was made, a reviewer who does not read it, a tip count
    that differs. Articles in the source language have nothing to report here."""
    translation = article.translation
    if translation is None or article.language is None:
        return
    source = context.library.article(translation.source)
    reviewer = context.library.reviewers.get(article.reviewer)
    if reviewer is not None and article.language not in reviewer.languages:
        reads = ", ".join(f"`{code}`" for code in reviewer.languages) or "no language but the source's"
        yield REVIEWER_LANGUAGE.at(
            article.path,
            article.line_of("reviewer"),
            f"{reviewer.name} reads {reads} (their `languages` in reviewers.yml), not `{article.language}`; ask "
            f"a reviewer who reads `{article.language}` to sign this translation, or add it to their `languages`.",
            field="reviewer",
        )
    if not article.is_draft:
        same = [
            key
            for key, mine, theirs in (
                ("title", article.title, source.title),
                ("description", article.description, source.description),
                ("text", article.body, source.body),
            )
            if normalise(mine) == normalise(theirs)
        ]
        if same:
            yield UNTRANSLATED.at(
                article.path,
                article.line_of("title") if same[0] != "text" else article.body_line,
                f"the {' and '.join(same)} {'is' if len(same) == 1 else 'are'} still the source's, word for word; "
                f"translate {'it' if len(same) == 1 else 'them'} into `{article.language}`, or keep `status: draft` "
                "until done.",
            )
    if len(article.tips) != len(source.tips):
        yield TIPS.at(
            article.path,
            article.body_line,
            f"this translation has {len(article.tips)} numbered tips and `{source.slug}.md` has "
            f"{len(source.tips)}; translate each tip of the source, no more and no fewer.",
        )
    if not article.is_draft and is_stale(article, source):
        what = (
            "does not record which signed text it translates (`translated_from`)"
            if translation.translated_from is None
            else f"was made from an earlier text of `{source.slug}.md`, which was signed again on "
            f"{source.reviewed.isoformat()}"
        )
        yield STALE.at(
            article.path,
            article.line_of("translated_from") if "translated_from" in article.field_lines else 1,
            f"this translation {what}; see what changed with `psychoed review diff {article.key}`, update the "
            f"translation, and ask its reviewer to sign it with `psychoed review sign {article.key} --by "
            f"{article.reviewer}`.",
            field="translated_from",
        )


FAMILY = Family("translation", RULES, check_translation)
