"""Reading level for Spanish: Szigriszt-Pazos on the INFLESZ scale, with Fernández-Huerta beside it.

English formulas mean nothing on Spanish text (its words are longer for the same ease), so a Spanish article
is measured with formulas made for Spanish. Barrio-Cantalejo's INFLESZ scale reads the Szigriszt-Pazos score
for health information: below 40 very difficult, 40-55 somewhat difficult, 55-65 normal, 65-80 fairly easy,
above 80 very easy. textstat has both formulas; it counts Spanish syllables by hyphenating words with pyphen's
dictionaries, which are installed with it: nothing is downloaded.

Which languages have a formula is :data:`psychoed.writing.formulas.FORMULAS`: any other language is reported
as not measured, never scored with another language's formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from psychoed.content.prose import Sentence
from psychoed.writing.readability import LONG_SENTENCE_WORDS, hard_reasons, offline_textstat

LANGUAGE = "es"
LONG_WORD_SYLLABLES = 4
"""Spanish words of this many syllables or more are the long ones a finding names ("tratamiento")."""

_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


@dataclass(frozen=True)
class SpanishReading:
    """Scores for a stretch of Spanish prose."""

    inflesz: float
    """Szigriszt-Pazos perspicuity, 0-100, read on the INFLESZ scale: higher is easier, 55-65 "normal"."""
    fernandez_huerta: float
    """Fernández-Huerta ease, 0-100, higher is easier: Flesch reading ease adapted to Spanish."""
    words: int
    sentences: int


@dataclass(frozen=True)
class HardSpanishSentence:
    sentence: Sentence
    words: int
    long_words: tuple[str, ...]
    syllables_per_word: float

    def reasons(self) -> str:
        return hard_reasons(self.words, self.long_words, "many of them long")


def inflesz_band(score: float) -> str:
    """The INFLESZ scale's name for a Szigriszt-Pazos score."""
    if score < 40:
        return "very difficult"
    if score < 55:
        return "somewhat difficult"
    if score < 65:
        return "normal"
    if score <= 80:
        return "fairly easy"
    return "very easy"


def spanish_reading(sentences: Sequence[Sentence]) -> SpanishReading:
    """Scores for the sentences taken together, as one text."""
    text = _as_text(sentences)
    counts, metrics = _backend()
    return SpanishReading(
        inflesz=float(metrics.szigriszt_pazos(text, lang=LANGUAGE)),
        fernandez_huerta=float(metrics.fernandez_huerta(text, lang=LANGUAGE)),
        words=int(counts.count_words(text)),
        sentences=len(sentences),
    )


def hardest_spanish(sentences: Sequence[Sentence], count: int) -> list[HardSpanishSentence]:
    """Up to ``count`` sentences that lower the score most: Szigriszt-Pazos falls with words per sentence and
    syllables per word, so the long sentences of long words, longest first."""
    scored = [_difficulty(s) for s in sentences]
    ranked = sorted(scored, key=lambda h: (-(h.words * h.syllables_per_word), h.sentence.line))
    return [h for h in ranked if h.words > LONG_SENTENCE_WORDS or h.long_words][:count]


def _difficulty(sentence: Sentence) -> HardSpanishSentence:
    words = _WORD.findall(sentence.text)
    counts, _ = _backend()
    syllables = [int(counts.count_syllables(word, lang=LANGUAGE)) for word in words]
    long_words: list[str] = []
    for word, count in zip(words, syllables, strict=True):
        if count >= LONG_WORD_SYLLABLES and word.lower() not in (w.lower() for w in long_words):
            long_words.append(word)
    return HardSpanishSentence(sentence, len(words), tuple(long_words), sum(syllables) / len(words) if words else 0.0)


def _backend() -> tuple[Any, Any]:
    """textstat's counts and formulas, imported on first use as :func:`offline_textstat` explains."""
    offline_textstat()
    from textstat.backend import counts, metrics

    return counts, metrics


def _as_text(sentences: Sequence[Sentence]) -> str:
    return " ".join(s.text if s.text[-1] in ".!?" else f"{s.text}." for s in sentences)
