"""Plain definitions: the words a site's readers may not know are defined, and the definitions are plain.

Health-information standards ask that medical terms be explained in plain words where they are used
(NHS England's standard; PEMAT's understandability items). ``content/glossary.yml`` holds the definitions,
shown where a reader meets each term (:mod:`psychoed.pages.glossary`); the site lists in
``check.words_to_define`` the words it wants defined. This says when an article uses one of those words
with no definition to show, and when a definition is itself harder to read than the site allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article, Library
from psychoed.content.prose import Sentence
from psychoed.findings import Problem, Rule
from psychoed.settings.model import Settings
from psychoed.writing.readability import reading_level

UNDEFINED = Rule(
    "glossary.undefined",
    "warning",
    "An article uses a word on the site's list of words to define (`check.words_to_define`), and the "
    "glossary has no plain definition of it to show the reader.",
    "Add the word to `content/glossary.yml` with a plain definition (or as a synonym of a term there), or use "
    "an everyday word instead.",
)
DEFINITION_GRADE = Rule(
    "glossary.definition-grade",
    "error",
    "A definition is harder to read than the site's limit (`check.max_grade`), so it does not make the word plainer.",
    "Rewrite the definition in short sentences with everyday words.",
)
RULES = (UNDEFINED, DEFINITION_GRADE)


def check_undefined(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """A warning at the first line that uses each listed word with no definition in the glossary."""
    wanted = context.settings.check.words_to_define
    if not wanted:
        return
    defined = {name.casefold() for term in context.library.glossary.values() for name in term.names}
    for word in wanted:
        if word.casefold() in defined:
            continue
        first = _first_use(word, context.prose.sentences)
        if first is not None:
            yield UNDEFINED.at(
                article.path,
                first.line,
                f"“{word}” is on the site's list of words to define, but content/glossary.yml has no plain "
                "definition of it; add one there (or name it as a synonym of a term), or use an everyday word.",
            )


def _first_use(word: str, sentences: tuple[Sentence, ...]) -> Sentence | None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
    return next((s for s in sentences if pattern.search(s.text)), None)


def definition_problems(library: Library, settings: Settings) -> Iterator[Problem]:
    """Each glossary definition above the site's reading limit, at its line."""
    path = library.glossary_file or Path("glossary.yml")
    limit = settings.check.max_grade
    for term in library.glossary.values():
        grade = reading_level([Sentence(term.definition, term.definition_line, 0)]).flesch_kincaid_grade
        if grade > limit:
            yield DEFINITION_GRADE.at(
                path,
                term.definition_line,
                f"the definition of “{term.term}” reads at grade {grade:.1f} (Flesch-Kincaid); the limit is "
                f"{limit}. Rewrite it in short sentences with everyday words.",
            )


FAMILY = Family("glossary", RULES, check_undefined, translations_too=False)
