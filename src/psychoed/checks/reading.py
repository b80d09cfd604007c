"""The reading-level gate: findings that say which sentences to rewrite, and why.

Patient material should read at US grade 6-8 (NHS: reading age 9-11). A score
alone does not help an editor, so every finding names the sentences that pull
the grade up most, with their lines and what makes them hard.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.model import Article
from psychoed.findings import Problem, Rule
from psychoed.writing.formulas import FORMULAS, formula_for
from psychoed.writing.readability import HardSentence, hardest_sentences, most_long_words
from psychoed.writing.spanish import HardSpanishSentence, hardest_spanish, inflesz_band, spanish_reading

GRADE = Rule(
    "reading.grade",
    "error",
    "The article is harder to read than the site's limit (`check.max_grade`, 8 by default); people in "
    "distress read less well still.",
    "Rewrite the sentences the message names: split long ones, use everyday words.",
)
SECTION_GRADE = Rule(
    "reading.section-grade",
    "warning",
    "One section is harder to read than the limit, even if the article as a whole is not.",
    "Rewrite the sentences the message names, in that section.",
)
SENTENCE = Rule(
    "reading.sentence",
    "notice",
    "One of the hardest sentences, shown on its own line of the pull request.",
    "Split it, or say it with shorter words.",
)
LONG_SENTENCE = Rule(
    "reading.long-sentence",
    "warning",
    "A sentence of more than 40 words: a reader in distress, or reading with difficulty, loses the thread, "
    "even in an article that passes the grade limit.",
    "Split it into two or three sentences.",
)
SMOG = Rule(
    "reading.smog",
    "error",
    "The article's SMOG grade is above the site's limit (`check.max_smog`, 14 by default): too many long words "
    "for readers who read with difficulty. SMOG is the measure the NHS asks health content to use.",
    "Replace the long words in the sentences the message names with everyday ones.",
)
SMOG_HIGH = Rule(
    "reading.smog-high",
    "warning",
    "The article's SMOG grade is above the site's warning level (`check.warn_smog`, 11 by default; the NHS asks "
    "for a reading age of 9 to 11).",
    "Replace the long words in the sentences the message names with everyday ones.",
)
INFLESZ = Rule(
    "reading.inflesz",
    "error",
    "A Spanish article scores below the site's minimum on the INFLESZ scale (`check.min_inflesz`, 55 by default: "
    'below it, INFLESZ calls health information "somewhat difficult").',
    "Rewrite the sentences the message names: shorter sentences, words of fewer syllables.",
)
INFLESZ_LOW = Rule(
    "reading.inflesz-low",
    "warning",
    "A Spanish article scores below the site's target on the INFLESZ scale (`check.target_inflesz`, 65 by default).",
    "Rewrite the sentences the message names: shorter sentences, words of fewer syllables.",
)
SECTION_INFLESZ = Rule(
    "reading.section-inflesz",
    "warning",
    "One section of a Spanish article scores below the site's INFLESZ minimum, even if the article as a whole "
    "does not.",
    "Rewrite the sentences the message names, in that section.",
)
NOT_MEASURED = Rule(
    "reading.not-measured",
    "notice",
    "The article is in a language psychoed has no readability formula for, so its reading level is not measured "
    "(an English formula would give a number that means nothing).",
    "Have a reader of the language check that it is plain; the notice stays so the gap is visible.",
)
RULES = (
    GRADE, SECTION_GRADE, SMOG, SMOG_HIGH, INFLESZ, INFLESZ_LOW, SECTION_INFLESZ, NOT_MEASURED, SENTENCE, LONG_SENTENCE,
)  # fmt: skip

FAR_TOO_LONG_WORDS = 40
"""A sentence longer than this is a warning whatever the article's grade: twice what plain-language
guides advise (15-20 words)."""


def check_reading(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """A finding for the article, and for each long enough section, above the limit; a notice on each
    sentence those findings name. Each language is measured with formulas made for it, or not at all; a far too
    long sentence is one in any language."""
    named: set[int] = set()
    for sentence in context.prose.sentences:
        words = len(sentence.text.split())
        if words > FAR_TOO_LONG_WORDS:
            named.add(sentence.line)  # its warning names it: no notice on the same line as well
            yield LONG_SENTENCE.at(
                article.path,
                sentence.line,
                f"this sentence has {words} words; split it into shorter ones (aim for 20 or fewer).",
            )
    formula = formula_for(context.language)
    if formula is None:
        yield NOT_MEASURED.at(
            article.path,
            article.line_of("title"),
            f"psychoed has no readability formula for `{context.language}` (it measures "
            f"{', '.join(f'`{code}`' for code in FORMULAS)}), so this article's reading level is not measured; "
            "ask a reader of the language to check that it is plain.",
        )
        return
    if not formula.startswith("Flesch"):
        yield from _spanish(article, context, named)
        return
    check = context.settings.check
    reading = context.reading
    if reading.level.words and reading.level.flesch_kincaid_grade > check.max_grade:
        hard = hardest_sentences(reading.sentences, check.hardest_sentences, above=check.target_grade)
        yield GRADE.at(
            article.path,
            reading.sentences[0].line,
            f"the article reads at grade {reading.level.flesch_kincaid_grade:.1f} (Flesch-Kincaid); the limit is "
            f"{check.max_grade} and the target is {check.target_grade}. {_rewrite(hard)}",
        )
        yield from _sentence_notices(article, hard, named)
    yield from _smog(article, context, named)
    if len(reading.sections) < 2:  # one section is the article itself
        return
    for section in reading.sections:
        if section.level.words < check.min_section_words or section.level.flesch_kincaid_grade <= check.max_grade:
            continue
        hard = hardest_sentences(section.sentences, check.hardest_sentences, above=check.target_grade)
        where = "the introduction" if section.line == reading.sentences[0].line else f"the section “{section.heading}”"
        yield SECTION_GRADE.at(
            article.path,
            section.line,
            f"{where} reads at grade {section.level.flesch_kincaid_grade:.1f} (Flesch-Kincaid); the limit is "
            f"{check.max_grade} and the target is {check.target_grade}. {_rewrite(hard)}",
        )
        yield from _sentence_notices(article, hard, named)


def _smog(article: Article, context: ArticleContext, named: set[int]) -> Iterator[Problem]:
    """SMOG, beside Flesch-Kincaid: it counts only words of three or more syllables (0 below three sentences,
    where it means nothing), so its finding names the sentences with the most of them."""
    check = context.settings.check
    reading = context.reading
    smog = reading.level.smog
    if not reading.level.words or smog <= check.warn_smog:
        return
    rule, limit = (SMOG, f"the limit is {check.max_smog}") if smog > check.max_smog else (
        SMOG_HIGH, f"the site warns above {check.warn_smog} and fails above {check.max_smog}")  # fmt: skip
    wordy = most_long_words(reading.sentences, check.hardest_sentences)
    where = "; ".join(f"line {h.sentence.line} ({', '.join(h.long_words)})" for h in wordy)
    yield rule.at(
        article.path,
        reading.sentences[0].line,
        f"the article's SMOG grade is {smog:.1f}; {limit}. SMOG counts words of three or more syllables: use "
        f"everyday words for the long ones first, in {where}.",
    )
    yield from _sentence_notices(article, [h for h in wordy if h.sentence.line not in named], named)


def _spanish(article: Article, context: ArticleContext, named: set[int]) -> Iterator[Problem]:
    """INFLESZ (Szigriszt-Pazos) against the site's minimum and target, for the article and for each long enough
    section (as Flesch-Kincaid is for English), naming the sentences that lower it."""
    check = context.settings.check
    prose = context.prose
    if not prose.sentences:
        return
    reading = spanish_reading(prose.sentences)
    score = reading.inflesz
    if score < check.target_inflesz:
        rule, gate = (INFLESZ, f"the minimum is {check.min_inflesz}") if score < check.min_inflesz else (
            INFLESZ_LOW, f"the site aims for {check.target_inflesz} or more")  # fmt: skip
        hard = hardest_spanish(prose.sentences, check.hardest_sentences)
        yield rule.at(
            article.path,
            prose.sentences[0].line,
            f'the article scores {score:.1f} on the INFLESZ scale (Szigriszt-Pazos; "{inflesz_band(score)}"; '
            f"Fernández-Huerta {reading.fernandez_huerta:.1f}); {gate}. {_rewrite(hard, words='shorter words')}",
        )
        yield from _sentence_notices(article, hard, named)
    titles = {section.line: section.heading for section in context.body.sections}
    parts = [(0, prose.sentences[0].line)] + [(index + 1, line) for index, line in enumerate(prose.section_lines)]
    if len(parts) < 2:
        return
    for index, line in parts:
        sentences = prose.in_section(index)
        part = spanish_reading(sentences) if sentences else None
        if part is None or part.words < check.min_section_words or part.inflesz >= check.min_inflesz:
            continue
        hard = hardest_spanish(sentences, check.hardest_sentences)
        where = "the introduction" if index == 0 else f"the section “{titles.get(line, '')}”"
        yield SECTION_INFLESZ.at(
            article.path,
            line,
            f'{where} scores {part.inflesz:.1f} on the INFLESZ scale ("{inflesz_band(part.inflesz)}"); the '
            f"minimum is {check.min_inflesz}. {_rewrite(hard, words='shorter words')}",
        )
        yield from _sentence_notices(article, hard, named)


def _rewrite(hard: Sequence[HardSentence | HardSpanishSentence], *, words: str = "everyday words") -> str:
    if not hard:
        return f"Use shorter sentences and {words} throughout."
    named = "; ".join(f"line {h.sentence.line} ({h.reasons()})" for h in hard)
    return f"Rewrite the hardest sentences first, shorter and with {words}: {named}."


def _sentence_notices(
    article: Article, hard: Sequence[HardSentence | HardSpanishSentence], named: set[int]
) -> Iterator[Problem]:
    """One notice on each hard sentence's own line, so a pull request shows it where it is (with its grade,
    where the language's formula gives a sentence one)."""
    for sentence in hard:
        if sentence.sentence.line in named:
            continue
        named.add(sentence.sentence.line)
        grade = f" (grade {sentence.grade:.1f})" if isinstance(sentence, HardSentence) else ""
        yield SENTENCE.at(
            article.path,
            sentence.sentence.line,
            f"hard sentence{grade}: {sentence.reasons()}. Split it, or say it with shorter words.",
        )


FAMILY = Family("reading", RULES, check_reading)
