"""Load all of ``content/`` into a :class:`Library`, and check what files say of each other.

This is the one entry point for reading content: the MkDocs hooks, the
command line and the tests all call :func:`load_library` (or
:func:`collect_library` to keep going past problems).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.token import Token

from psychoed.content.articles import BodyScan, Examples, load_article
from psychoed.content.crisis import CRISIS_FILE, chosen, load_crisis
from psychoed.content.load_cache import LoadCache, Loaded
from psychoed.content.model import Article, Library
from psychoed.content.registries import load_glossary, load_reviewers, load_topics
from psychoed.content.testing import TESTING_FILE, load_testing
from psychoed.errors import ContentError
from psychoed.findings import Problem, Rule, loader_rule
from psychoed.settings.model import Settings
from psychoed.source.fields import suggest
from psychoed.source.tree import tree_problems

ARTICLES_DIR = "articles"
REVIEWERS_FILE = "reviewers.yml"
TOPICS_FILE = "topics.yml"
GLOSSARY_FILE = "glossary.yml"

CONTENT_MISSING = loader_rule(
    "content.missing",
    "The content folder (or its `articles/` folder) does not exist, so there is nothing to publish.",
    "Create it, or set `content_dir` in mkdocs.yml to where the content is.",
)
SUBFOLDER = loader_rule(
    "content.subfolder",
    "Articles in sub-folders would not be published: an article's address depends only on its file name.",
    "Move the files up into `articles/`.",
)
HIDDEN = loader_rule(
    "content.hidden",
    "A file in `articles/` whose name starts with a dot is never published, so an article saved that way "
    "would silently be missing.",
    "Rename it without the leading dot, or delete it if it is an editor's or system's leftover.",
)
NOT_MARKDOWN = loader_rule(
    "content.not-markdown",
    "A file in `articles/` that is not `.md` would not be published.",
    "Rename it to end in `.md`, or move it out of `articles/`.",
)
UNKNOWN_REVIEWER = loader_rule(
    "article.unknown-reviewer",
    "The byline would name a reviewer who is not in `reviewers.yml`.",
    "Use an id from `reviewers.yml`, or add the reviewer there.",
)
UNKNOWN_TOPIC = loader_rule(
    "article.unknown-topic",
    "The article would be filed under a topic that does not exist.",
    "Use an id from `topics.yml`, or add the topic there.",
)
UNKNOWN_RELATED = loader_rule(
    "article.unknown-related",
    'A "related articles" link would lead nowhere.',
    "Use another article's file name without `.md`.",
)
RELATED_DRAFT = loader_rule(
    "article.related-draft",
    'A "related articles" link would lead to a draft, which is not published.',
    "Remove it from `related` until the draft is published.",
)
RELATED_WITHDRAWN = loader_rule(
    "article.related-withdrawn",
    'A "related articles" link would lead to a withdrawn article, which no longer gives advice.',
    "Replace it in `related` with the article that replaces it, or remove it.",
)
REPLACEMENT = loader_rule(
    "article.replacement",
    "A withdrawn article's `replaced_by` must name an article readers can read instead.",
    "Name a published article's file (without `.md`), or remove `replaced_by`.",
)
TRANSLATION_LANGUAGE = loader_rule(
    "translation.language",
    "A file named like a translation (`<slug>.<language>.md`) is in a language the site does not publish, so it "
    "would not be published.",
    "Add the language to `languages` in mkdocs.yml, or rename the file.",
)
TRANSLATION_SOURCE = loader_rule(
    "translation.unknown-source",
    "A translation's file names an article that does not exist: `<slug>.<language>.md` translates `<slug>.md`.",
    "Rename the file after the article it translates, or add that article.",
)
TRANSLATION_WITHDRAWN = loader_rule(
    "translation.source-withdrawn",
    "The article a translation translates was withdrawn, so the translation gives advice the clinic no longer gives.",
    "Delete the translation (its address then leads to the site's page-not-found).",
)
TOPIC_UNTRANSLATED = loader_rule(
    "translation.topic",
    "A topic has no title in one of the site's languages, so that language's pages could only show it in another.",
    "Add the title under the topic's `translations`, e.g. `translations: {es: {title: Sueño}}`.",
)
RULES = (
    TOPIC_UNTRANSLATED,
    TRANSLATION_LANGUAGE,
    TRANSLATION_SOURCE,
    TRANSLATION_WITHDRAWN,
    CONTENT_MISSING,
    SUBFOLDER,
    HIDDEN,
    NOT_MARKDOWN,
    UNKNOWN_REVIEWER,
    UNKNOWN_TOPIC,
    UNKNOWN_RELATED,
    RELATED_DRAFT,
    RELATED_WITHDRAWN,
    REPLACEMENT,
)


def load_library(content_dir: Path, settings: Settings, today: dt.date, *, root: Path | None = None) -> Library:
    """Every article, reviewer and topic under ``content_dir``, which must not link outside ``root``
    (the site's folder; by default the folder that holds ``content_dir``).

    Raises :class:`ContentError` listing every problem found, in every file.
    """
    library, problems = collect_library(content_dir, settings, today, root=root)
    if problems:
        raise ContentError(problems)
    return library


def collect_library(
    content_dir: Path,
    settings: Settings,
    today: dt.date,
    *,
    root: Path | None = None,
    in_full: Callable[[Path], bool] = lambda path: True,
    keep_tokens: bool = False,
    scan: BodyScan | None = None,
    scanned: dict[Path, list[Problem]] | None = None,
    cache: LoadCache | None = None,
) -> tuple[Library, list[Problem]]:
    """Like :func:`load_library`, but returns the usable content with the problems. Articles for which
    ``in_full`` is false are read for their front matter, their bodies parsed only if asked for; ``scan``
    sees each body read in full with its tokens (:func:`psychoed.content.articles.load_article`), and what
    it finds goes in ``scanned``, by file. With ``cache``, an article whose file has not changed since an
    earlier build in this process is not read again (``mkdocs serve``)."""
    problems = tree_problems(content_dir, content_dir.parent if root is None else root)
    if problems:  # nothing is read through a link that leads out of the repository
        return Library((), {}, {}), problems
    if not content_dir.is_dir():
        problems.append(
            CONTENT_MISSING.at(
                content_dir,
                None,
                "the content folder does not exist; check `content_dir` in mkdocs.yml.",
            )
        )
        return Library((), {}, {}), problems
    reviewer_ids: set[str] = set()
    topic_ids: set[str] = set()
    reviewers = load_reviewers(content_dir / REVIEWERS_FILE, problems, reviewer_ids)
    topics = load_topics(content_dir / TOPICS_FILE, problems, topic_ids)
    for topic in topics.values():
        for code in settings.site_languages[1:]:
            if code not in topic.translations:
                problems.append(
                    TOPIC_UNTRANSLATED.at(
                        content_dir / TOPICS_FILE,
                        topic.line,
                        f"topic `{topic.id}` has no title in `{code}`, one of the site's languages; add "
                        f"`translations: {{{code}: {{title: …}}}}` to it.",
                    )
                )
    glossary = load_glossary(content_dir / GLOSSARY_FILE, problems)
    crisis_file = content_dir / CRISIS_FILE
    services, missing = chosen(load_crisis(crisis_file, problems), settings, crisis_file)
    problems += missing
    articles: list[Article] = []
    translations: list[Article] = []
    paths = _article_files(content_dir / ARTICLES_DIR, problems)
    languages = settings.site_languages
    in_language = _languages_of(paths, languages, problems)
    # A missing field's example names this site's own first reviewer and topic, not the sample site's.
    examples = Examples(reviewer=next(iter(sorted(reviewer_ids)), None), topic=next(iter(sorted(topic_ids)), None))
    if cache is not None:
        cache.start("registries", (examples, keep_tokens))
    for path in paths:
        full = in_full(path)
        language = in_language.get(path)
        if language == "":
            continue  # in no language the site publishes: reported

        def load(path: Path = path, full: bool = full, language: str | None = language) -> Loaded:
            found: list[Problem] = []
            seen: list[list[Problem]] = []

            def scanning(text: str, where: Path, line: int, tokens: Sequence[Token]) -> list[Problem]:
                seen.append(scan(text, where, line, tokens) if scan is not None else [])
                return seen[-1]

            article = load_article(
                path,
                settings,
                today,
                found,
                examples,
                in_full=full,
                keep_tokens=keep_tokens,
                scan=scanning,
                language=language,
            )
            return article, found, (seen[0] if seen else None)

        article, found, body_findings = cache.get(path, full, load) if cache is not None else load()
        problems += found
        if scanned is not None and body_findings is not None:
            scanned[path] = body_findings
        if article is not None:
            (translations if language else articles).append(article)
    by_slug = {a.slug: a for a in articles}
    # Entries that failed to load still exist: naming one is not also "unknown".
    existing = _Existing(
        reviewers=reviewer_ids, topics=topic_ids, articles={path.stem for path in paths if path not in in_language}
    )
    for article in articles:
        _check_references(article, existing, by_slug, problems)
    translations = _tied(translations, existing, by_slug, problems)
    testing = load_testing(content_dir / TESTING_FILE, problems, existing.articles)
    library = Library(
        tuple(articles),
        reviewers,
        topics,
        files=tuple(paths),
        crisis=tuple(services),
        crisis_file=crisis_file,
        glossary=glossary,
        glossary_file=content_dir / GLOSSARY_FILE,
        testing=testing,
        testing_file=content_dir / TESTING_FILE,
        translations=tuple(translations),
        languages=languages[1:],
    )
    return library, problems


_LANGUAGE_SUFFIX = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _languages_of(paths: list[Path], languages: tuple[str, ...], problems: list[Problem]) -> dict[Path, str]:
    """The translations among ``paths`` (``<slug>.<language>.md``), with their language; ``""`` for one in a
    language the site does not publish, reported here."""
    found: dict[Path, str] = {}
    for path in paths:
        stem, dot, suffix = path.stem.rpartition(".")
        if not dot or not _LANGUAGE_SUFFIX.match(suffix):
            continue  # not named as a translation (the slug check reports any other dot)
        if suffix in languages[1:]:
            found[path] = suffix
            continue
        found[path] = ""
        if suffix == languages[0]:
            why = f"`{suffix}` is the site's source language: the article in it is `{stem}.md`"
        else:
            why = (
                f"the site publishes in {', '.join(f'`{code}`' for code in languages)} (`languages` in mkdocs.yml); "
                f"add `{suffix}` there to publish it"
            )
        problems.append(
            TRANSLATION_LANGUAGE.at(path, None, f"this file is named as a translation into `{suffix}`, but {why}.")
        )
    return found


def _tied(
    translations: list[Article], existing: _Existing, articles: dict[str, Article], problems: list[Problem]
) -> list[Article]:
    """Each translation whose source loaded, with the source's topics, sources and related articles: a
    translation says the same as its source about them. A missing source is reported."""
    tied = []
    for translation in translations:
        source = articles.get(translation.slug)
        if translation.slug not in existing.articles:
            problems.append(
                TRANSLATION_SOURCE.at(
                    translation.path,
                    None,
                    f"there is no article `{translation.slug}.md` for this file to translate"
                    f"{suggest(translation.slug, existing.articles)}; name it `<slug>.{translation.language}.md` "
                    "after the article it translates.",
                )
            )
            continue
        if source is None:
            continue  # the source has problems of its own, reported
        if source.is_withdrawn:
            problems.append(
                TRANSLATION_WITHDRAWN.at(
                    translation.path,
                    None,
                    f"`{source.slug}.md` was withdrawn; "
                    "delete this translation, which still gives the advice it took down.",
                )
            )
            continue
        _check_references(translation, existing, articles, problems)  # its reviewer: the rest are the source's
        tied.append(replace(translation, topics=source.topics, sources=source.sources, related=source.related))
    return tied


def _article_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The ``.md`` files directly in ``folder``; anything else there is reported, not skipped."""
    if not folder.is_dir():
        problems.append(
            CONTENT_MISSING.at(
                folder,
                None,
                "the articles folder does not exist; create it and add articles as `<slug>.md` files.",
            )
        )
        return []
    files = []
    with os.scandir(folder) as listing:  # each entry knows whether it is a folder: no system call per article
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            problems.append(
                HIDDEN.at(
                    path,
                    None,
                    f"names that start with a dot are never published; rename it to `{path.name.lstrip('.')}` "
                    "if it is an article, or delete it.",
                )
            )
        elif entry.is_dir():
            problems.append(
                SUBFOLDER.at(
                    path,
                    None,
                    "articles cannot be in sub-folders (the address depends only on the file name); "
                    "move its files up into articles/.",
                )
            )
        elif path.suffix != ".md":
            problems.append(
                NOT_MARKDOWN.at(
                    path,
                    None,
                    f"only `.md` files are articles; rename it to `{path.stem}.md` or move it out of articles/.",
                )
            )
        else:
            files.append(path)
    return files


@dataclass(frozen=True)
class _Existing:
    """Every id present in content/, whether or not its entry loaded."""

    reviewers: set[str]
    topics: set[str]
    articles: set[str]


def _check_references(
    article: Article, existing: _Existing, articles: dict[str, Article], problems: list[Problem]
) -> None:
    def report(key: str, rule: Rule, message: str) -> None:
        problems.append(rule.at(article.path, article.line_of(key), message, field=key))

    if article.reviewer not in existing.reviewers:
        report(
            "reviewer",
            UNKNOWN_REVIEWER,
            f"reviewer `{article.reviewer}` is not in reviewers.yml{suggest(article.reviewer, existing.reviewers)}; "
            "add them there or use an existing id.",
        )
    for topic in article.topics:
        if topic not in existing.topics:
            report(
                "topics",
                UNKNOWN_TOPIC,
                f"topic `{topic}` is not in topics.yml{suggest(topic, existing.topics)}; "
                "add it there or use an existing id.",
            )
    for slug in article.related:
        other = articles.get(slug)
        if slug not in existing.articles:
            report(
                "related",
                UNKNOWN_RELATED,
                f"related article `{slug}` does not exist{suggest(slug, existing.articles)}; "
                "use the file name without `.md`.",
            )
        elif other is not None and other.is_draft and not article.is_draft:
            report(
                "related",
                RELATED_DRAFT,
                f"related article `{slug}` is a draft and will not be published; remove it from `related` until it is.",
            )
        elif other is not None and other.withdrawal is not None and not article.is_withdrawn:
            instead = other.withdrawal.replaced_by
            use = (
                "remove it: this article replaces it" if instead == article.slug
                else f"replace it with `{instead}`, which replaces it" if instead
                else "remove it"
            )  # fmt: skip
            report("related", RELATED_WITHDRAWN, f"related article `{slug}` was withdrawn; {use}.")
    replacement = article.withdrawal.replaced_by if article.withdrawal else None
    if replacement is not None:
        other = articles.get(replacement)
        why = (
            "is this article itself" if replacement == article.slug
            else f"does not exist{suggest(replacement, existing.articles)}" if other is None
            else "is a draft, which is not published" if other.is_draft
            else "is withdrawn too" if other.is_withdrawn
            else None
        )  # fmt: skip
        if why is not None:
            report(
                "replaced_by",
                REPLACEMENT,
                f"`replaced_by: {replacement}` {why}; name the published article readers should read instead, "
                "or remove `replaced_by`.",
            )
