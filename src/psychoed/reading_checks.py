"""The reading-level gate: findings that say which sentences to rewrite, and why.

Patient material should read at US grade 6-8 (NHS: reading age 9-11). A score
alone does not help an editor, so every finding names the sentences that pull
the grade up most, with their lines and what makes them hard.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem
from .model import Article
from .prose import Sentence, extract_prose
from .readability import HardSentence, ReadingLevel, hardest_sentences, reading_level
from .settings import CheckSettings

INTRODUCTION = "Introduction"
"""What the text before the first ``## `` heading is called in reports."""


@dataclass(frozen=True)
class SectionReading:
    """The reading level of one ``## `` section (or the introduction)."""

    heading: str
    line: int
    level: ReadingLevel


@dataclass(frozen=True)
class ArticleReading:
    """The reading level of an article as a whole and of each of its sections."""

    level: ReadingLevel
    sections: tuple[SectionReading, ...]


def check_reading(article: Article, check: CheckSettings, problems: list[Problem]) -> ArticleReading:
    """Measure ``article`` and append a finding for each part above the limit."""
    prose = extract_prose(article.body, article.body_line)
    level = reading_level(prose.sentences)
    titles = {section.line: section.heading for section in article.sections}
    parts = [(INTRODUCTION, article.body_line)]
    parts += [(titles.get(line, f"section at line {line}"), line) for line in prose.section_lines]
    measured: list[tuple[SectionReading, tuple[Sentence, ...]]] = []
    for index, (heading, line) in enumerate(parts):
        sentences = prose.in_section(index)
        if sentences:
            measured.append((SectionReading(heading, line, reading_level(sentences)), sentences))
    named: set[int] = set()
    if level.words and level.flesch_kincaid_grade > check.max_grade:
        hard = hardest_sentences(prose.sentences, check.hardest_sentences, above=check.target_grade)
        problems.append(
            Problem(
                article.path,
                article.body_line,
                "reading.grade",
                f"the article reads at grade {level.flesch_kincaid_grade:.1f} (Flesch-Kincaid); the limit is "
                f"{check.max_grade} and the target is {check.target_grade}. {_rewrite(hard)}",
            )
        )
        _sentence_notices(article, hard, named, problems)
    for section, sentences in measured if len(measured) > 1 else ():  # one section is the article itself
        if section.level.words < check.min_section_words or section.level.flesch_kincaid_grade <= check.max_grade:
            continue
        hard = hardest_sentences(sentences, check.hardest_sentences, above=check.target_grade)
        where = "the introduction" if section.line == article.body_line else f"the section “{section.heading}”"
        problems.append(
            Problem(
                article.path,
                section.line,
                "reading.section-grade",
                f"{where} reads at grade {section.level.flesch_kincaid_grade:.1f} (Flesch-Kincaid); the limit is "
                f"{check.max_grade} and the target is {check.target_grade}. {_rewrite(hard)}",
                severity="warning",
            )
        )
        _sentence_notices(article, hard, named, problems)
    return ArticleReading(level, tuple(section for section, _ in measured))


def _rewrite(hard: list[HardSentence]) -> str:
    if not hard:
        return "Use shorter sentences and everyday words throughout."
    named = "; ".join(f"line {h.sentence.line} ({h.reasons()})" for h in hard)
    return f"Rewrite the hardest sentences first, shorter and with everyday words: {named}."


def _sentence_notices(article: Article, hard: list[HardSentence], named: set[int], problems: list[Problem]) -> None:
    """One notice on each hard sentence's own line, so a pull request shows it where it is."""
    for sentence in hard:
        if sentence.sentence.line in named:
            continue
        named.add(sentence.sentence.line)
        problems.append(
            Problem(
                article.path,
                sentence.sentence.line,
                "reading.sentence",
                f"hard sentence (grade {sentence.grade:.1f}): {sentence.reasons()}. "
                "Split it, or say it with shorter words.",
                severity="notice",
            )
        )
