"""One article file: front matter and body, validated into an :class:`Article`.

Checks here need only the file itself (and the date and settings); checks that
need other files — does the reviewer exist? — are in :mod:`psychoed.content.library`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markdown_it.token import Token

from psychoed.content.body import markdown_tokens, parse_body, read_body
from psychoed.content.dates import add_months
from psychoed.content.model import SOURCE_KINDS, Article, Body, Source, TranslationOf, Withdrawal
from psychoed.errors import SourceError
from psychoed.findings import Problem, loader_rule
from psychoed.settings.model import Settings
from psychoed.source.fields import MARKUP, FieldRules, Fields
from psychoed.source.slugs import is_slug, suggest_slug
from psychoed.source.text import read_text, split_front_matter
from psychoed.source.yaml_document import parse_yaml

BodyScan = Callable[[str, Path, int, Sequence[Token]], list[Problem]]
"""Findings from an article body and its tokens as it is loaded: ``(text, path, first line, tokens)``."""

FRONT_MATTER_FIELDS = (
    "title", "description", "topics", "reviewer", "reviewed", "next_review",
    "authors", "status", "sources", "related", "fingerprint", "withdrawn_on", "withdrawn_reason", "replaced_by",
)  # fmt: skip
TRANSLATION_FIELDS = (
    "title", "description", "translator", "translated_from", "reviewer", "reviewed", "next_review", "status",
    "fingerprint",
)  # fmt: skip
"""A translation's own front matter: its words, who translated it, from which signed text, and its own sign-off.
Topics, sources and related articles are the source's: a translation cannot disagree with it about them."""
STATUSES = ("published", "draft", "withdrawn")
SOURCE_FIELDS = ("title", "url", "publisher", "kind", "published", "checked")
WITHDRAWAL_FIELDS = ("withdrawn_on", "withdrawn_reason", "replaced_by")
"""Fields of a withdrawn article: when, why, and (optionally) which article readers should read instead."""
DESCRIPTION_MAX = 200

FIELD_RULES = FieldRules.declare("frontmatter", "in an article's front matter", values=True)
SLUG = loader_rule(
    "article.slug",
    "An article's file name is its page address, so it must be safe in links and printed QR codes.",
    "Rename the file to lowercase words joined by hyphens, as the message suggests.",
)
WITHDRAWAL_FIELD = loader_rule(
    "frontmatter.withdrawal",
    "A withdrawal field on an article that is not withdrawn would be lost: the page would not show it.",
    "Remove the field, or set `status: withdrawn` if the article is withdrawn.",
)
NOT_MAPPING = loader_rule(
    "frontmatter.not-mapping",
    "An article's front matter is not `key: value` lines, so it has no title, reviewer or date.",
    "Write the front matter as `key: value` lines.",
)
DESCRIPTION_LENGTH = loader_rule(
    "frontmatter.description-length",
    "A description over 200 characters is cut off in search results and link previews.",
    "Shorten `description` to one or two plain sentences.",
)
DESCRIPTION_SENTENCES = loader_rule(
    "frontmatter.description-sentences",
    "A description of more than two sentences is too long to read at a glance in a list.",
    "Keep `description` to one or two sentences.",
)
DESCRIPTION_MARKUP = loader_rule(
    "frontmatter.description-markup",
    "A description is shown as plain text, so Markdown or HTML in it shows as stray symbols.",
    "Remove the Markdown or HTML from `description`.",
)
REVIEWED_FUTURE = loader_rule(
    "frontmatter.reviewed-future",
    "A review date in the future claims a review that has not happened.",
    "Give the date the clinical review took place.",
)
NEXT_REVIEW_FAR = loader_rule(
    "frontmatter.next-review-far",
    "A next review many years away would show readers a review date that no longer stands for anything.",
    "Set `next_review` within the site's `max_review_years` of `reviewed`, or remove it to use the site's interval.",
)
NEXT_REVIEW_ORDER = loader_rule(
    "frontmatter.next-review-order",
    "A next review before the last one makes the review dates meaningless.",
    "Set `next_review` after `reviewed`, or remove it to use the site's interval.",
)
FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{32}$")
"""How a sign-off fingerprint is written (:mod:`psychoed.review.fingerprint` makes them): ``sha256:`` and
the first 32 hex digits (128 bits) of the hash."""
FINGERPRINT_FORMAT = loader_rule(
    "frontmatter.fingerprint",
    "A sign-off fingerprint that `psychoed review sign` did not write cannot stand for a clinical review.",
    "Remove the `fingerprint` line and ask the reviewer to sign the article with `psychoed review sign`.",
)
RELATED_SELF = loader_rule(
    "frontmatter.related-self",
    "An article listed as related to itself sends readers in a circle.",
    "Remove the article's own slug from `related`.",
)
SOURCE_URL = loader_rule(
    "frontmatter.source-url",
    "A source without a full web address cannot be followed by readers.",
    "Give the source's full address, starting with https://.",
)
RULES = (
    *FIELD_RULES.all(), SLUG, NOT_MAPPING, DESCRIPTION_LENGTH, DESCRIPTION_SENTENCES, DESCRIPTION_MARKUP,
    REVIEWED_FUTURE, NEXT_REVIEW_ORDER, NEXT_REVIEW_FAR, FINGERPRINT_FORMAT, RELATED_SELF, SOURCE_URL, WITHDRAWAL_FIELD,
)  # fmt: skip

_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"“]|\s*$)")


@dataclass(frozen=True)
class Examples:
    """Ids a message about a missing field suggests: the site's own, so no clinic is told to use ours."""

    reviewer: str | None = None
    topic: str | None = None


def load_article(
    path: Path,
    settings: Settings,
    today: dt.date,
    problems: list[Problem],
    examples: Examples = Examples(),
    *,
    in_full: bool = True,
    keep_tokens: bool = False,
    scan: BodyScan | None = None,
    language: str | None = None,
) -> Article | None:
    """The article in ``path``, or None when it cannot be used; problems are appended.

    Not ``in_full``, the body is parsed only if something asks for it, and its problems are not looked
    for: ``psychoed check FILE`` reads the other articles for their addresses and references alone. With
    ``keep_tokens``, the parser's tokens are kept for the checks that follow, so the body is parsed once.
    ``scan`` is given the body and its tokens while they are in hand (the build's unsafe-markup scan), so a
    build that keeps no tokens parses each body once too. Given a ``language``, the file is a translation,
    ``<slug>.<language>.md``, with a translation's front matter (:data:`TRANSLATION_FIELDS`)."""
    found: list[Problem] = []
    slug = path.stem.removesuffix(f".{language}") if language else path.stem
    if not is_slug(slug):
        found.append(
            SLUG.at(
                path,
                None,
                "the file name is the page address and must be lowercase words joined by "
                f"hyphens; rename it to `{suggest_slug(slug)}.md`.",
            )
        )
    try:
        text = read_text(path, max_bytes=settings.max_article_kb * 1024, setting="max_article_kb")
        split = split_front_matter(text, path)
        document = parse_yaml(split.front_matter, path, first_line=split.front_matter_line)
    except SourceError as error:
        problems.extend([*found, error.problem])
        return None
    if not isinstance(document.data, dict):
        found.append(
            NOT_MAPPING.at(
                path,
                split.front_matter_line,
                "the front matter must be `key: value` lines (title, description, topics, reviewer, reviewed).",
            )
        )
        problems.extend(found)
        return None

    fields = Fields(document, document.data, path, found, rules=FIELD_RULES)
    fields.reject_unknown(TRANSLATION_FIELDS if language else FRONT_MATTER_FIELDS)
    title = fields.text("title", required=True, example="Getting ready for your first session")
    description = _description(fields)
    topics = (
        () if language else fields.text_list("topics", required=True, example=f"[{examples.topic or 'a-topic-id'}]")
    )
    reviewer = fields.text("reviewer", required=True, example=examples.reviewer or "a-reviewer-id")
    status = fields.choice("status", STATUSES[:2] if language else STATUSES, default="published")
    translation = _translation(fields, slug) if language else None
    reviewed = fields.date("reviewed", required=False)
    if "reviewed" not in document.data:
        if status == "draft":
            # Nobody has reviewed a draft yet: `review sign` writes the date. Until then the draft is dated
            # the day it is checked, which no page shows (an unsigned article shows no review dates).
            reviewed = today
        else:
            found.append(  # at the reviewer's line, where `review sign` writes the date
                FIELD_RULES.required.at(
                    path,
                    document.line_of("reviewer"),
                    "`reviewed` is required: the article is to be published, so its reviewer signs it with "
                    f"`psychoed review sign {path.stem} --by REVIEWER`, which writes the date "
                    "(or add `status: draft`).",
                    field="reviewed",
                )
            )
    next_review = fields.date("next_review", required=False)
    authors = fields.text_list("authors", required=False, example="[Alex Morgan]")
    sources = _sources(fields, today)
    related = fields.text_list("related", required=False, example="[first-therapy-session]")
    fingerprint = fields.text("fingerprint", required=False)
    if fingerprint is not None and not FINGERPRINT.match(fingerprint):
        fields.problem(
            "fingerprint",
            FINGERPRINT_FORMAT,
            "`fingerprint` is written only by `psychoed review sign`; remove this line and ask the reviewer "
            "to sign the article.",
        )
        fingerprint = None
    read_tokens: Callable[[], Sequence[Token]] = partial(markdown_tokens, split.body)
    if in_full:
        parsed, tokens = read_body(split.body, split.body_line, path, found)
        if scan is not None and tokens:  # a body refused before parsing (too many brackets) is not scanned
            scan(split.body, path, split.body_line, tokens)
        body_read: Callable[[], Body] = lambda: parsed  # noqa: E731
        if keep_tokens:
            read_tokens = lambda: tokens  # noqa: E731
    else:
        body_read = partial(parse_body, split.body, split.body_line, path, [])

    if reviewed is not None and reviewed > today:
        fields.problem(
            "reviewed",
            REVIEWED_FUTURE,
            f"`reviewed` is {reviewed.isoformat()}, which is in the future; "
            "give the date the clinical review actually took place.",
        )
    if reviewed is not None and next_review is not None and next_review <= reviewed:
        fields.problem(
            "next_review",
            NEXT_REVIEW_ORDER,
            f"`next_review` ({next_review.isoformat()}) must be after `reviewed` ({reviewed.isoformat()}).",
        )
    if (
        reviewed is not None
        and next_review is not None
        and next_review > (latest := add_months(reviewed, 12 * settings.max_review_years))
    ):
        fields.problem(
            "next_review",
            NEXT_REVIEW_FAR,
            f"`next_review` ({next_review.isoformat()}) is more than {settings.max_review_years} years after "
            f"`reviewed` ({reviewed.isoformat()}); set it on or before {latest.isoformat()}, or remove it.",
        )
    if slug in related:
        fields.problem("related", RELATED_SELF, "`related` lists this article itself; remove it.")
    withdrawal = _withdrawal(fields, status, today)

    problems.extend(found)
    if found or title is None or description is None or reviewer is None or reviewed is None:
        return None
    return Article(
        slug=slug,
        path=path,
        title=title,
        description=description,
        topics=topics,
        reviewer=reviewer,
        reviewed=reviewed,
        next_review=next_review or add_months(reviewed, settings.review_interval_months),
        body=split.body,
        body_line=split.body_line,
        read_body=body_read,
        read_tokens=read_tokens,
        authors=authors,
        status=status,
        sources=sources,
        related=related,
        fingerprint=fingerprint,
        withdrawal=withdrawal,
        field_lines={key: document.line_of(key) for key in document.data},
        language=language,
        translation=translation,
    )


def _translation(fields: Fields, slug: str) -> TranslationOf:
    """Who translated the article, and from which signed text (``translated_from``, written by a command)."""
    translator = fields.text("translator", required=True, example="Ana García")
    translated_from = fields.text("translated_from", required=False)
    if translated_from is not None and not FINGERPRINT.match(translated_from):
        fields.problem(
            "translated_from",
            FINGERPRINT_FORMAT,
            "`translated_from` is written only by `psychoed new --translation-of` and `psychoed review sign`; "
            "remove this line and ask the reviewer to sign the translation.",
        )
        translated_from = None
    return TranslationOf(slug, translated_from, translator or "")


def _withdrawal(fields: Fields, status: str | None, today: dt.date) -> Withdrawal | None:
    """When, why and for what a withdrawn article was withdrawn; each field only on a withdrawn article."""
    if status != "withdrawn":
        for key in WITHDRAWAL_FIELDS:
            if key in fields.data:
                fields.problem(
                    key,
                    WITHDRAWAL_FIELD,
                    f"`{key}` is only for a withdrawn article; remove it, or set `status: withdrawn`.",
                )
        return None
    on = fields.date("withdrawn_on", required=True)
    reason = fields.text("withdrawn_reason", required=True, example="The advice changed; a newer article covers it.")
    replaced_by = fields.text("replaced_by", required=False, example="a-newer-article")
    if on is not None and on > today:
        fields.problem(
            "withdrawn_on",
            FIELD_RULES.value or FIELD_RULES.type,
            f"`withdrawn_on` is {on.isoformat()}, which is in the future; give the day it was withdrawn.",
        )
    if on is None or reason is None:
        return None
    return Withdrawal(on, " ".join(reason.split()), replaced_by)


def _description(fields: Fields) -> str | None:
    """One or two plain sentences: it becomes the search snippet and meta description."""
    value = fields.text("description", required=True, example="What to expect and how to prepare.")
    if value is None:
        return None
    value = " ".join(value.split())
    if len(value) > DESCRIPTION_MAX:
        fields.problem(
            "description",
            DESCRIPTION_LENGTH,
            f"`description` is {len(value)} characters; keep it to {DESCRIPTION_MAX} or fewer "
            "(one or two plain sentences).",
        )
    if MARKUP.search(value):
        fields.problem(
            "description",
            DESCRIPTION_MARKUP,
            "`description` is shown as plain text in search results and link previews; "
            "remove Markdown or HTML from it.",
        )
    sentences = len(_SENTENCE_END.findall(value))
    if sentences > 2:
        fields.problem(
            "description",
            DESCRIPTION_SENTENCES,
            f"`description` has {sentences} sentences; keep it to one or two.",
        )
    return value


def _sources(fields: Fields, today: dt.date) -> tuple[Source, ...]:
    """Each source: title and address required; publisher, kind and dates optional here (sites written before
    they were asked for keep building), reported by the ``sources`` checks when missing or out of date."""
    sources = []
    for entry in fields.mapping_list("sources"):
        entry.reject_unknown(SOURCE_FIELDS)
        title = entry.text("title", required=True, example="Name of the guideline or paper")
        url = entry.text("url", required=True, example="https://example.org/guideline")
        publisher = entry.text("publisher", required=False, example="National Institute for Health and Care Excellence")
        kind = entry.choice("kind", tuple(SOURCE_KINDS), default="") if "kind" in entry.data else None
        published = entry.date("published", required=False)
        checked = entry.date("checked", required=False)
        for key, day in (("published", published), ("checked", checked)):
            if day is not None and day > today:
                entry.value_problem(key, f"`{key}` is {day.isoformat()}, which is in the future; give the real date.")
        if url is not None and not url.startswith(("https://", "http://")):
            entry.problem("url", SOURCE_URL, f"`url` must be a full web address starting with https://, not `{url}`.")
            continue
        if title is not None and url is not None:
            sources.append(Source(title, url, publisher, kind or None, published, checked, entry.line()))
    return tuple(sources)
